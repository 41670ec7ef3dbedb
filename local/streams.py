"""The DynamoDB stream event source mapping: table stream -> function, as Lambda runs it.

Batches of up to BatchSize records, gathered for up to MaximumBatchingWindowInSeconds, go to the
function in Lambda's event shape. A partial batch response ({"batchItemFailures":
[{"itemIdentifier": seq}]}) retries from the lowest failed sequence number; an error retries the
whole batch, split in two first when BisectBatchOnFunctionError is on. After MaximumRetryAttempts
the records are described in a message on the OnFailure queue and the mapping moves on. Progress is
checkpointed per table and shard in a file, so a restart picks up where it stopped (the function
must be idempotent all the same: a crash can re-feed a batch).
"""

import base64
import json
import os
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bobbies.domain.times import utc_text
from local.console import Console
from local.lambdas import FunctionRuntime, Invocation
from local.template import ACCOUNT, LocalResources, StreamSource, region

POLL_SECONDS = 0.3


class Checkpoints:
    """{table logical id: {shard id: last sequence number handed over}}. Keyed by table, not by
    stream ARN: replaying the recording on start makes a new stream with the same sequence numbers."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._marks: dict[str, dict[str, str]] = json.loads(path.read_text()) if path.exists() else {}

    def get(self, table: str, shard: str) -> str | None:
        with self._lock:
            return self._marks.get(table, {}).get(shard)

    def set(self, table: str, shard: str, sequence_number: str) -> None:
        with self._lock:
            self._marks.setdefault(table, {})[shard] = sequence_number
            spare = self.path.with_suffix(".writing")
            spare.write_text(json.dumps(self._marks, indent=1))
            os.replace(spare, self.path)


@dataclass
class Shard:
    id: str
    iterator: str
    closed: bool = False


class StreamPoller(threading.Thread):
    def __init__(
        self,
        function: str,
        source: StreamSource,
        runtime: FunctionRuntime,
        resources: LocalResources,
        clients: dict[str, Any],
        checkpoints: Checkpoints,
        console: Console,
        stop: threading.Event,
    ) -> None:
        super().__init__(name=f"stream-{source.table}-{function}", daemon=True)
        self.function, self.source, self.runtime, self.resources = function, source, runtime, resources
        self.dynamodb, self.streams, self.sqs = (
            clients["dynamodb"],
            clients["dynamodbstreams"],
            clients["sqs"],
        )
        self.checkpoints, self.console, self.stop = checkpoints, console, stop
        self.stream_arn = ""
        self.shards: list[Shard] = []

    def run(self) -> None:
        while not self.stop.is_set():
            busy = False
            try:
                if not self.shards:
                    self._open_shards()
                busy = any([self._poll(shard) for shard in list(self.shards)])
            except Exception as exc:  # start again from the checkpoints
                self.shards = []
                if not self.stop.is_set():
                    self.console.line(f"stream {self.source.table}: {type(exc).__name__}: {exc}")
                    self.stop.wait(1)
            if not busy:
                self.stop.wait(POLL_SECONDS)

    def _open_shards(self) -> None:
        table = self.dynamodb.describe_table(TableName=self.resources.tables[self.source.table])["Table"]
        self.stream_arn = table["LatestStreamArn"]
        description = self.streams.describe_stream(StreamArn=self.stream_arn)["StreamDescription"]
        self.shards = [
            Shard(shard["ShardId"], self._iterator(shard["ShardId"])) for shard in description["Shards"]
        ]

    def _iterator(self, shard_id: str) -> str:
        after = self.checkpoints.get(self.source.table, shard_id)
        position = (
            {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": after}
            if after
            else {"ShardIteratorType": self.source.starting_position}
        )
        answer = self.streams.get_shard_iterator(StreamArn=self.stream_arn, ShardId=shard_id, **position)
        return str(answer["ShardIterator"])

    def _poll(self, shard: Shard) -> bool:
        """Hands the shard's next batch to the function; True when there may be more waiting."""
        records = self._gather(shard)
        if records:
            self._deliver(shard.id, records, self.source.maximum_retry_attempts)
        if shard.closed:
            self.shards.remove(shard)
        return len(records) == self.source.batch_size

    def _gather(self, shard: Shard) -> list[dict[str, Any]]:
        """A batch as Lambda gathers one: up to BatchSize records, waiting up to the batching
        window from the first for more (fewer, fuller batches: one aggregate write each)."""
        records = self._read(shard, self.source.batch_size)
        deadline = time.monotonic() + self.source.batching_window
        while records and len(records) < self.source.batch_size and not shard.closed:
            left = deadline - time.monotonic()
            if left <= 0 or self.stop.wait(min(POLL_SECONDS, left)):
                break
            records += self._read(shard, self.source.batch_size - len(records))
        return records

    def _read(self, shard: Shard, limit: int) -> list[dict[str, Any]]:
        answer = self.streams.get_records(ShardIterator=shard.iterator, Limit=limit)
        if answer.get("NextShardIterator"):
            shard.iterator = answer["NextShardIterator"]
        else:
            shard.closed = True
        return [self._lambda_record(record) for record in answer.get("Records", [])]

    def _lambda_record(self, record: dict[str, Any]) -> dict[str, Any]:
        change = _plain(record["dynamodb"])
        return {
            "eventID": record["eventID"],
            "eventName": record["eventName"],
            "eventVersion": "1.1",
            "eventSource": "aws:dynamodb",
            "awsRegion": region(),
            "dynamodb": change,
            "eventSourceARN": self.stream_arn,
        }

    def _deliver(self, shard_id: str, records: list[dict[str, Any]], retries_left: int) -> None:
        pending, attempts = records, 0
        while pending and not self.stop.is_set():
            invocation = self.runtime.invoke(self.function, {"Records": pending})
            attempts += 1
            failed_at = self._first_failure(invocation, pending)
            self._report(pending, failed_at, invocation)
            if failed_at is None:
                self._checkpoint(shard_id, pending[-1])
                return
            if failed_at > 0:
                self._checkpoint(shard_id, pending[failed_at - 1])
                pending = pending[failed_at:]
            elif invocation.failed and self.source.bisect_on_error and len(pending) > 1:
                half = len(pending) // 2
                self._deliver(shard_id, pending[:half], retries_left)
                self._deliver(shard_id, pending[half:], retries_left)
                return
            if retries_left == 0:
                self._park(shard_id, pending, invocation, attempts)
                self._checkpoint(shard_id, pending[-1])
                return
            retries_left -= 1  # from -1 (retry until expired) it never reaches 0
            self.stop.wait(min(0.2 * 2**attempts, 2.0))

    def _first_failure(self, invocation: Invocation, pending: list[dict[str, Any]]) -> int | None:
        """Index of the first record to retry, or None when the whole batch succeeded."""
        if invocation.failed:
            return 0
        result = invocation.result
        failures = result.get("batchItemFailures") if isinstance(result, dict) else None
        if not self.source.report_item_failures or not failures:
            return None
        positions = {record["dynamodb"]["SequenceNumber"]: i for i, record in enumerate(pending)}
        identifiers = [failure.get("itemIdentifier") for failure in failures]
        if any(identifier not in positions for identifier in identifiers):
            return 0  # Lambda treats an unknown or empty identifier as a failure of the whole batch
        return min(positions[identifier] for identifier in identifiers)

    def _report(self, pending: list[dict[str, Any]], failed_at: int | None, invocation: Invocation) -> None:
        failed = 0 if failed_at is None else len(pending) - failed_at
        error = f" ({invocation.error['errorType']})" if invocation.error else ""
        self.console.line(
            f"stream {self.source.table} -> {self.function}: {len(pending)} records, "
            f"{failed} failed{error}, {invocation.duration_ms:.0f} ms"
        )

    def _checkpoint(self, shard_id: str, record: dict[str, Any]) -> None:
        self.checkpoints.set(self.source.table, shard_id, record["dynamodb"]["SequenceNumber"])

    def _park(
        self, shard_id: str, pending: list[dict[str, Any]], invocation: Invocation, attempts: int
    ) -> None:
        queue = self.source.on_failure_queue
        if queue is None:
            self.console.line(
                f"stream {self.source.table}: gave up on {len(pending)} records (no on-failure queue)"
            )
            return
        message = _failure_message(self.function, shard_id, self.stream_arn, pending, invocation, attempts)
        self.sqs.send_message(QueueUrl=self.resources.queues[queue], MessageBody=json.dumps(message))
        self.console.line(f"stream {self.source.table}: gave up on {len(pending)} records -> {queue}")


def _plain(value: Any) -> Any:
    """boto3's parsed stream record back into the JSON Lambda sends (binary as base64, times as epoch)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if isinstance(value, datetime):
        return int(value.timestamp())
    return value


def _iso(epoch: Any) -> str:
    return utc_text(datetime.fromtimestamp(int(epoch or 0), UTC))


def _failure_message(
    function: str,
    shard_id: str,
    stream_arn: str,
    pending: list[dict[str, Any]],
    invocation: Invocation,
    attempts: int,
) -> dict[str, Any]:
    """What Lambda puts on a stream mapping's on-failure destination: where the batch is, not the batch."""
    first, last = pending[0]["dynamodb"], pending[-1]["dynamodb"]
    return {
        "requestContext": {
            "requestId": invocation.request_id,
            "functionArn": f"arn:aws:lambda:{region()}:{ACCOUNT}:function:{function}",
            "condition": "RetryAttemptsExhausted",
            "approximateInvokeCount": attempts,
        },
        "responseContext": {
            "statusCode": 200,
            "executedVersion": "$LATEST",
            "functionError": "Unhandled" if invocation.failed else "",
        },
        "version": "1.0",
        "timestamp": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "DDBStreamBatchInfo": {
            "shardId": shard_id,
            "startSequenceNumber": first["SequenceNumber"],
            "endSequenceNumber": last["SequenceNumber"],
            "approximateArrivalOfFirstRecord": _iso(first.get("ApproximateCreationDateTime")),
            "approximateArrivalOfLastRecord": _iso(last.get("ApproximateCreationDateTime")),
            "batchSize": len(pending),
            "streamArn": stream_arn,
        },
    }
