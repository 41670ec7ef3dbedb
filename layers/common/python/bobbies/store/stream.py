"""Reading a ballots stream shard again, for a batch Lambda gave up on and parked.

The on-failure queue holds where the batch was (shard and sequence range), not its records, so a
replay reads them again from the stream - possible while the stream still keeps them (24 hours on
AWS). After that they are gone: the round's aggregate is rebuilt from its ballots when it closes.
"""

from typing import Any, NamedTuple

import boto3

from bobbies.settings import settings

EMPTY_PAGES = 20  # an open shard can answer with empty pages before the next records


class RecordsGone(Exception):
    """The stream no longer holds the parked records (older than its retention, or a new stream)."""


class ParkedBatch(NamedTuple):
    stream_arn: str
    shard_id: str
    first: int  # sequence numbers, compared as numbers: their lengths differ
    last: int
    size: int


def parked_batch(message: dict[str, Any]) -> ParkedBatch:
    """The batch an on-failure message points at (Lambda's DDBStreamBatchInfo)."""
    info = message["DDBStreamBatchInfo"]
    return ParkedBatch(
        stream_arn=info["streamArn"],
        shard_id=info["shardId"],
        first=int(info["startSequenceNumber"]),
        last=int(info["endSequenceNumber"]),
        size=int(info["batchSize"]),
    )


def read_parked(batch: ParkedBatch) -> list[dict[str, Any]]:
    """The parked records, from the shard, in Lambda's event shape."""
    config = settings()
    streams = boto3.client("dynamodbstreams", region_name=config.region, endpoint_url=config.endpoint_url)
    try:
        iterator = streams.get_shard_iterator(
            StreamArn=batch.stream_arn,
            ShardId=batch.shard_id,
            ShardIteratorType="AT_SEQUENCE_NUMBER",
            SequenceNumber=str(batch.first),
        )["ShardIterator"]
    except (streams.exceptions.TrimmedDataAccessException, streams.exceptions.ResourceNotFoundException):
        raise RecordsGone(batch.shard_id) from None
    records: list[dict[str, Any]] = []
    empty = 0
    while iterator and empty < EMPTY_PAGES:
        page = streams.get_records(ShardIterator=iterator)
        empty = 0 if page["Records"] else empty + 1
        for record in page["Records"]:
            if int(record["dynamodb"]["SequenceNumber"]) > batch.last:
                return records
            records.append({**record, "eventSourceARN": batch.stream_arn})
        if records and int(records[-1]["dynamodb"]["SequenceNumber"]) == batch.last:
            return records
        iterator = page.get("NextShardIterator")
    if not records:
        raise RecordsGone(batch.shard_id)
    return records
