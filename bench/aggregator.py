"""The stream function against the moto server: records applied per second, and what each batch
writes - aggregate writes per (area, round), counted apart from the per-change guards that the
exactness design adds (usecases/aggregation.py: 99 guards a transaction, the changes beyond left
pending on the aggregate item until its next write) - at batch sizes 1, 10 and 100 (and the
template's BatchSize), in one area and spread over ten; and how many ids a case leaves pending.

The ballots are written to the ballots table and their records read back from its stream, so the
function folds exactly what Lambda would hand it.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

from local.lambdas import LambdaContext, load_handler
from local.streams import _plain
from local.template import function

from bench.common import COUNTER, MotoAws, Row, interleaved, median, moto_aws, repeats, row
from bench.seeding import OpenRound, seed_force, write_ballots
from bobbies.store import aggregates

BENCH = "aggregator"
SIZES = (1, 10, 100)


class StreamTail:
    """The ballots stream from where it was last read (moto keeps one shard per table)."""

    def __init__(self, aws: MotoAws) -> None:
        self.streams = aws.client("dynamodbstreams")
        self.arn = aws.resources.stream_arns["BallotsTable"]
        shards = self.streams.describe_stream(StreamArn=self.arn)["StreamDescription"]["Shards"]
        self.shard = shards[-1]["ShardId"]
        self.last: str | None = None

    def take(self) -> list[dict[str, Any]]:
        where: dict[str, str] = (
            {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": self.last}
            if self.last
            else {"ShardIteratorType": "TRIM_HORIZON"}
        )
        iterator = self.streams.get_shard_iterator(StreamArn=self.arn, ShardId=self.shard, **where)[
            "ShardIterator"
        ]
        records: list[dict[str, Any]] = []
        while iterator:
            page = self.streams.get_records(ShardIterator=iterator, Limit=1000)
            records += [{**record, "eventSourceARN": self.arn} for record in page["Records"]]
            iterator = page.get("NextShardIterator") if page["Records"] else None
        if records:
            self.last = records[-1]["dynamodb"]["SequenceNumber"]
        return list(_plain(records))


def template_batch_size() -> int:
    spec = function("AggregateBallotsFunction")
    return spec.streams[0].batch_size if spec.streams else 100


def _case(
    aws: MotoAws, tail: StreamTail, handler: Any, rounds: list[OpenRound], size: int, records: int
) -> dict[str, float]:
    write_ballots(aws, rounds, records, seed=len(tail.last or "") + size)
    stream = tail.take()
    tables = aws.resources.tables
    aggregate_writes = guard_writes = aggregates_touched = calls = 0
    seconds = 0.0
    for start in range(0, len(stream), size):
        batch = stream[start : start + size]
        touched = {
            (r["dynamodb"]["NewImage"]["area_id"]["S"], r["dynamodb"]["NewImage"]["round_id"]["S"])
            for r in batch
        }
        with COUNTER.counting() as tally:
            began = datetime.now(UTC)
            answer = handler({"Records": batch}, LambdaContext("AggregateBallotsFunction"))
            seconds += (datetime.now(UTC) - began).total_seconds()
        if answer["batchItemFailures"]:
            raise RuntimeError(f"the aggregator refused {len(answer['batchItemFailures'])} records")
        aggregate_writes += tally.items_written[tables["AggregatesTable"]]
        guard_writes += tally.items_written[tables["AppliedChangesTable"]]
        aggregates_touched += len(touched)
        calls += tally.total
    batches = -(-len(stream) // size)
    pending = [len(aggregates.read_aggregate(r.area_id, r.round_id).pending) for r in rounds]
    return {
        "pending": max(pending),
        "rate": len(stream) / seconds,
        "aggregate_writes": aggregate_writes / aggregates_touched,
        "guards": guard_writes / len(stream),
        "requests": calls / batches,
    }


def measure(quick: bool = False) -> list[Row]:
    records, runs = (10, 1) if quick else (300, repeats(3))
    sizes = [1, 10] if quick else sorted({*SIZES, template_batch_size()})
    with moto_aws() as aws:
        rounds = seed_force(datetime.now(UTC) - timedelta(hours=1))
        tail = StreamTail(aws)
        tail.take()  # past the seed
        handler = load_handler(function("AggregateBallotsFunction"))
        cases = {
            (size, spread): (
                lambda size=size, spread=spread: _case(aws, tail, handler, rounds[:spread], size, records)
            )
            for size in sizes
            for spread in (1, 10)
        }
        results = interleaved({f"{size}/{spread}": case for (size, spread), case in cases.items()}, runs)
    rows: list[Row] = []
    for name, done in results.items():
        size, spread = map(int, name.split("/"))
        where = f"batch {size}, {'one area' if spread == 1 else f'{spread} areas'}"
        writes = median([run["aggregate_writes"] for run in done])
        rows += [
            row(BENCH, f"{where}: records applied", median([run["rate"] for run in done]), "records/s"),
            row(
                BENCH,
                f"{where}: aggregate writes per (area, round) per batch",
                writes,
                "writes",
                target="1",
                met=writes <= 1.0,
            ),
            row(
                BENCH, f"{where}: guard writes per record", median([run["guards"] for run in done]), "writes"
            ),
            row(BENCH, f"{where}: requests per batch", median([run["requests"] for run in done]), "requests"),
            row(
                BENCH,
                f"{where}: ids left pending on an aggregate (at most {aggregates.MOST_PENDING})",
                max(run["pending"] for run in done),
                "ids",
            ),
        ]
    return rows
