"""Lambda's DynamoDB event source mapping, modelled for the aggregation property test.

The stream's records spread over shards with a rollover, each shard delivered in order in batches
and retried from the first failed record; batches given up on are parked in the on-failure
message format the local runner (like Lambda) produces, and replayed; invocations can run while
another is part-way through one aggregate; every aggregate write can fail before or after it is
made.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from typing import Any
from unittest import mock

import pytest
from local.lambdas import Invocation, LambdaContext
from local.streams import _failure_message

from bobbies.store import aggregates
from bobbies.store.stream import ParkedBatch, parked_batch
from bobbies.usecases.replay import replay_parked
from tests.conftest import load_handler

MOST_INVOCATIONS = 40  # for one batch: beyond this a batch that keeps failing is never applied


class Step(Enum):
    PLAIN = "plain"
    DELIVERED_TWICE = "delivered twice"
    RECORD_TWICE = "a record twice in one batch"
    PARALLEL = "another invocation part-way through"
    GIVE_UP = "given up and parked"


class Write(Enum):
    OK = "ok"
    FAILS = "fails before writing"
    ANSWER_LOST = "written, answer lost"


@dataclass
class Shard:
    id: str
    records: list[dict[str, Any]] = field(default_factory=list)
    position: int = 0

    def add(self, record: dict[str, Any], digits: int) -> None:
        number = str(10 ** (digits - 1) + len(self.records))
        change = {**record["dynamodb"], "SequenceNumber": number}
        self.records.append({**record, "dynamodb": change})

    def between(self, batch: ParkedBatch) -> list[dict[str, Any]]:
        return [r for r in self.records if batch.first <= int(r["dynamodb"]["SequenceNumber"]) <= batch.last]


def aggregate_of(record: dict[str, Any]) -> tuple[str, str]:
    image = record["dynamodb"].get("NewImage") or record["dynamodb"]["OldImage"]
    return image["area_id"]["S"], image["round_id"]["S"]


def spread(
    records: list[dict[str, Any]],
    aggregates_in_order: list[tuple[str, str]],
    shard_count: int,
    rollover_percent: int,
) -> list[Shard]:
    """Each aggregate's records in one shard until the rollover, in another after it."""
    rollover = min(max(1, len(records) * rollover_percent // 100), len(records) - 1)
    shards = [Shard(f"shardId-{k:04d}") for k in range(shard_count)]
    for index, record in enumerate(records):
        aggregate = aggregates_in_order.index(aggregate_of(record))
        k = (aggregate + (index >= rollover)) % shard_count
        shards[k].add(record, digits=21 + 8 * k)
    return [shard for shard in shards if shard.records]


@dataclass
class Faults:
    """Every write of every invocation takes its fate from the drawn list, in order."""

    writes: list[Write]
    fired: dict[str, int] = field(default_factory=dict)
    # Runs when an invocation has read an aggregate and not yet written it, until it finds
    # something to do on that aggregate (then it is spent).
    meddle: Callable[[tuple[str, str]], bool] | None = None

    def note(self, kind: str) -> None:
        self.fired[kind] = self.fired.get(kind, 0) + 1

    @contextmanager
    def installed(self) -> Iterator[None]:
        real_write, real_read = aggregates.write_tally, aggregates.read_aggregates

        def write(*args: Any) -> aggregates.WriteOutcome:
            fate = self.writes.pop(0) if self.writes else Write.OK
            if fate is Write.FAILS:
                self.note("write fault")
                raise ConnectionError("DynamoDB timed out")
            outcome = real_write(*args)
            plan: aggregates.WritePlan = args[4]
            if outcome.written:  # the pending path: ids left pending, flushed, the set full
                for kind, happened in [
                    ("pending", plan.deferred),
                    ("flushed", plan.flushed),
                    ("pending full", len(plan.pending) == aggregates.MOST_PENDING and plan.deferred),
                ]:
                    if happened:
                        self.note(kind)
            if fate is Write.ANSWER_LOST:
                self.note("write fault")
                raise ConnectionError("connection reset after the write")
            return outcome

        def read(keys: list[tuple[str, str]]) -> dict[tuple[str, str], aggregates.Aggregate]:
            found = real_read(keys)
            for key in keys:  # between this read and its write, another invocation may fold
                meddle, self.meddle = self.meddle, None
                if meddle and not meddle(key):
                    self.meddle = meddle
            return found

        with (
            mock.patch.object(aggregates, "write_tally", write),
            mock.patch.object(aggregates, "read_aggregates", read),
        ):
            yield


class EventSource:
    """Lambda's DynamoDB event source mapping over the shards, driven by the drawn plan."""

    def __init__(self, shards: list[Shard], faults: Faults) -> None:
        self.shards, self.faults = shards, faults
        self.handler = load_handler("AggregateBallotsFunction")
        self.parked: list[dict[str, Any]] = []
        self.in_flight: list[Shard] = []  # a shard has one invocation at a time

    def invoke(self, batch: list[dict[str, Any]]) -> set[str]:
        """The sequence numbers to retry from (all of them when the function failed)."""
        try:
            response = self.handler({"Records": batch}, LambdaContext())
        except Exception:
            return {record["dynamodb"]["SequenceNumber"] for record in batch}
        return {item["itemIdentifier"] for item in response["batchItemFailures"]}

    def deliver(self, shard: Shard, size: int, step: Step) -> None:
        """One batch from the shard, retried from the first failed record until it is through."""
        for _ in range(MOST_INVOCATIONS):
            batch = shard.records[shard.position : shard.position + size]
            if not batch:
                return
            if step is Step.GIVE_UP:
                self.park(shard, batch)
                shard.position += len(batch)
                return
            if step is Step.PARALLEL:
                self.faults.meddle = self.meddle
            sent = [*batch, batch[0]] if step is Step.RECORD_TWICE else batch
            self.in_flight.append(shard)
            if step is Step.DELIVERED_TWICE:
                self.invoke(sent)  # the answer never reaches Lambda
            failed = self.invoke(sent)
            self.in_flight.remove(shard)
            numbers = [record["dynamodb"]["SequenceNumber"] for record in batch]
            if not failed:
                shard.position += len(batch)
                return
            shard.position += min(numbers.index(number) for number in failed)
        pytest.fail(f"a batch of {shard.id} was never applied")

    def meddle(self, aggregate: tuple[str, str]) -> bool:
        """Another invocation on the aggregate one is folding into: the next of its records on a
        shard not in flight (after the rollover), or a parked batch holding some, replayed."""
        for shard in self.shards:
            waiting = [aggregate_of(record) for record in shard.records[shard.position :]]
            if shard not in self.in_flight and aggregate in waiting:
                self.faults.note("parallel")
                self.deliver(shard, waiting.index(aggregate) + 1, Step.PLAIN)
                return True
        for message in self.parked:
            if aggregate in map(aggregate_of, self.parked_records(message)):
                self.faults.note("parallel")
                self.parked.remove(message)
                self.replay(message)
                return True
        return False

    def park(self, shard: Shard, batch: list[dict[str, Any]]) -> None:
        self.faults.note("parked")
        given_up = Invocation(None, {"errorType": "Timeout"}, 0.0, "request")
        self.parked.append(_failure_message("Aggregate", shard.id, "arn:stream", batch, given_up, 6))

    def parked_records(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        return self.shard(message).between(parked_batch(message))

    def shard(self, message: dict[str, Any]) -> Shard:
        return next(s for s in self.shards if s.id == message["DDBStreamBatchInfo"]["shardId"])

    def replay(self, message: dict[str, Any]) -> None:
        try:
            replay_parked(message, read=self.shard(message).between)
        except Exception:
            self.parked.append(message)  # still on the queue for the next replay

    def replay_one(self) -> None:
        self.replay(self.parked.pop(0))

    def run(self, plan: list[tuple[int, int, Step]]) -> None:
        steps = iter(plan)
        while waiting := [shard for shard in self.shards if shard.position < len(shard.records)]:
            choice, size, step = next(steps, (0, 100, Step.PLAIN))
            self.deliver(waiting[choice % len(waiting)], size, step)
        for _ in range(MOST_INVOCATIONS):
            if not self.parked:
                return
            self.replay_one()
        pytest.fail("parked batches were never replayed")
