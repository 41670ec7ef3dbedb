"""Aggregates stay exact whatever Lambda's event source mapping does with the stream.

Given any ballots cast, recast, removed or rewritten without a new version across three
aggregates, whose stream records are spread over several shards with a rollover (an aggregate's
records move to another shard part-way, so its changes arrive out of order across them; each
shard numbers its records with sequence numbers of its own length), and delivered in batches of
any size, shards interleaved in any order, with:
- a batch delivered twice (the first response lost),
- a record twice in one batch (on every retry of that batch),
- an invocation running while another one, on another shard or a replay, is part-way through,
- any write of any invocation failing, before it is made or after (the answer lost),
- batches given up on (parked on the on-failure queue in the runner's message format) and
  replayed at the end, the replays failing too,
then every aggregate equals a recompute from the ballots table.

Faults come from drawn lists consumed in order, so most examples have several; the test asserts
that each kind fired in a good share of the examples, so a fault that never fires is caught.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Any
from unittest import mock

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from local.lambdas import Invocation
from local.streams import _failure_message
from local.template import create_tables

from bobbies.domain.model import Round
from bobbies.domain.tally import same_tally, tally_of
from bobbies.store import aggregates, ballots, catalogue
from bobbies.store.models import BallotModel, bound
from bobbies.store.stream import ParkedBatch
from bobbies.usecases.replay import replay_parked
from tests.conftest import FakeLambdaContext, load_handler
from tests.unit.conftest import LocalAws, moto_stack

PRIORITIES = ["speeding", "drugs", "asb"]
AGGREGATES = [("bangor", "r1"), ("bangor", "r2"), ("wrexham", "r1")]
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


@st.composite
def allocations(draw: st.DrawFn) -> dict[str, int]:
    first = draw(st.integers(0, 10))
    second = draw(st.integers(0, 10 - first))
    return dict(zip(PRIORITIES, [first, second, 10 - first - second], strict=True))


Action = tuple[tuple[str, str], int, dict[str, int] | str]
actions = st.lists(
    st.tuples(
        st.sampled_from(AGGREGATES),
        st.integers(0, 3),
        st.one_of(allocations(), allocations(), allocations(), st.just("remove"), st.just("touch")),
    ),
    min_size=1,
    max_size=30,
)
plans = st.lists(
    st.tuples(st.integers(0, 2), st.integers(1, 8), st.sampled_from(Step)), min_size=4, max_size=25
)
write_faults = st.lists(st.sampled_from(Write), min_size=3, max_size=20)


def open_rounds() -> None:
    """A ballot is written only into an open round."""
    now = datetime.now(UTC)
    for area, round_id in AGGREGATES:
        catalogue.add_round_once(Round(area, round_id, now, now + timedelta(days=28), tuple(PRIORITIES)))


def make_ballots(history: list[Action]) -> None:
    """Writes each ballot as the API would; removals and rewrites as an operator might."""
    open_rounds()
    for (area, round_id), voter, what in history:
        who = f"voter-{voter}"
        earlier = ballots.find_ballot(area, round_id, who)
        if isinstance(what, dict):
            ballots.record_ballot(area, round_id, who, what, "d", datetime.now(UTC), earlier)
        elif earlier:
            item = bound(BallotModel).get(ballots.round_key(area, round_id), who)
            if what == "remove":
                item.delete()
            else:  # a write that makes no new version: nothing to count
                item.update(actions=[BallotModel.cast_at.set(datetime.now(UTC))])


@dataclass
class Shard:
    id: str
    records: list[dict[str, Any]] = field(default_factory=list)
    position: int = 0

    def add(self, record: dict[str, Any], digits: int) -> None:
        number = str(10 ** (digits - 1) + len(self.records))
        change = {
            **record["dynamodb"],
            "SequenceNumber": number,
            "ApproximateCreationDateTime": 1_700_000_000,
        }
        self.records.append({**record, "dynamodb": change})

    def between(self, batch: ParkedBatch) -> list[dict[str, Any]]:
        return [r for r in self.records if batch.first <= int(r["dynamodb"]["SequenceNumber"]) <= batch.last]


def spread(records: list[dict[str, Any]], shard_count: int, rollover: int) -> list[Shard]:
    """Each aggregate's records in one shard until the rollover, in another after it."""
    shards = [Shard(f"shardId-{k:04d}") for k in range(shard_count)]
    for index, record in enumerate(records):
        image = record["dynamodb"].get("NewImage") or record["dynamodb"]["OldImage"]
        aggregate = AGGREGATES.index((image["area_id"]["S"], image["round_id"]["S"]))
        k = (aggregate + (index >= rollover)) % shard_count
        shards[k].add(record, digits=21 + 8 * k)
    return [shard for shard in shards if shard.records]


@dataclass
class Faults:
    """Every write of every invocation takes its fate from the drawn list, in order."""

    writes: list[Write]
    fired: dict[str, int] = field(default_factory=dict)
    meddle: Callable[[], None] | None = None  # run once, when an invocation has read an aggregate

    def note(self, kind: str) -> None:
        self.fired[kind] = self.fired.get(kind, 0) + 1

    @contextmanager
    def installed(self) -> Iterator[None]:
        real_write, real_read = aggregates.write_tally, aggregates.read_aggregate

        def write(*args: Any) -> aggregates.WriteOutcome:
            fate = self.writes.pop(0) if self.writes else Write.OK
            if fate is Write.FAILS:
                self.note("write fault")
                raise ConnectionError("DynamoDB timed out")
            outcome = real_write(*args)
            if fate is Write.ANSWER_LOST:
                self.note("write fault")
                raise ConnectionError("connection reset after the write")
            return outcome

        def read(*args: Any) -> aggregates.Aggregate:
            aggregate = real_read(*args)
            meddle, self.meddle = self.meddle, None
            if meddle:
                self.note("parallel")
                meddle()
            return aggregate

        with (
            mock.patch.object(aggregates, "write_tally", write),
            mock.patch.object(aggregates, "read_aggregate", read),
        ):
            yield


class EventSource:
    """Lambda's DynamoDB event source mapping over the shards, driven by the drawn plan."""

    def __init__(self, shards: list[Shard], faults: Faults) -> None:
        self.shards, self.faults = shards, faults
        self.handler = load_handler("AggregateBallotsFunction")
        self.parked: list[dict[str, Any]] = []

    def invoke(self, batch: list[dict[str, Any]]) -> set[str]:
        """The sequence numbers to retry from (all of them when the function failed)."""
        try:
            response = self.handler({"Records": batch}, FakeLambdaContext())
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
                self.faults.meddle = self.meddle_from(shard)
            sent = [*batch, batch[0]] if step is Step.RECORD_TWICE else batch
            if step is Step.DELIVERED_TWICE:
                self.invoke(sent)  # the answer never reaches Lambda
            failed = self.invoke(sent)
            self.faults.meddle = None
            numbers = [record["dynamodb"]["SequenceNumber"] for record in batch]
            if not failed:
                shard.position += len(batch)
                return
            shard.position += min(numbers.index(number) for number in failed)
        pytest.fail(f"a batch of {shard.id} was never applied")

    def meddle_from(self, busy: Shard) -> Callable[[], None]:
        """Another shard's next batch, or a parked batch replayed, while `busy` is part-way."""
        others = [shard for shard in self.shards if shard is not busy and shard.position < len(shard.records)]

        def run() -> None:
            if others:
                self.deliver(others[0], 3, Step.PLAIN)
            elif self.parked:
                self.replay_one()

        return run

    def park(self, shard: Shard, batch: list[dict[str, Any]]) -> None:
        self.faults.note("parked")
        given_up = Invocation(None, {"errorType": "Timeout"}, 0.0, "request")
        self.parked.append(_failure_message("Aggregate", shard.id, "arn:stream", batch, given_up, 6))

    def replay_one(self) -> None:
        message = self.parked.pop(0)
        shard = next(s for s in self.shards if s.id == message["DDBStreamBatchInfo"]["shardId"])
        try:
            replay_parked(message, read=shard.between)
        except Exception:
            self.parked.append(message)  # still on the queue for the next replay

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


FRESH = ["BallotsTable", "ReceiptsTable", "AggregatesTable", "AppliedChangesTable"]


def fresh_tables(aws: LocalAws) -> None:
    """Empty tables (and a new ballots stream) for the next example, without a new moto account."""
    dynamodb = aws.client("dynamodb")
    for table in FRESH:
        dynamodb.delete_table(TableName=table)
    create_tables(dynamodb)
    latest = dynamodb.describe_table(TableName="BallotsTable")["Table"]["LatestStreamArn"]
    aws.resources.stream_arns["BallotsTable"] = latest


def assert_exact() -> None:
    for area, round_id in AGGREGATES:
        live, _ = aggregates.read_tally(area, round_id)
        recomputed = tally_of(ballots.allocations_of_round(area, round_id))
        assert same_tally(live, recomputed), (area, round_id, live, recomputed)


def test_aggregates_equal_a_recompute_from_the_ballots_whatever_the_delivery() -> None:
    examples: list[dict[str, int]] = []

    @settings(max_examples=30, deadline=None, database=None)
    @given(
        history=actions,
        shard_count=st.integers(1, 3),
        rollover=st.integers(0, 40),
        plan=plans,
        writes=write_faults,
    )
    def exact(
        history: list[Action], shard_count: int, rollover: int, plan: list[Any], writes: list[Write]
    ) -> None:
        fresh_tables(aws)
        make_ballots(history)
        shards = spread(aws.stream_records(), shard_count, rollover)
        faults = Faults(list(writes))
        source = EventSource(shards, faults)
        with faults.installed():
            source.run(plan)
        for kind, times in faults.fired.items():
            event(f"{kind}: {'several' if times > 1 else 'once'}")
        examples.append({**faults.fired, "shards": len(shards)})
        assert_exact()

    with moto_stack() as aws:
        exact()
    share = {
        kind: sum(1 for fired in examples if fired.get(kind)) / len(examples)
        for kind in ("write fault", "parallel", "parked")
    }
    several_shards = sum(1 for fired in examples if fired["shards"] > 1) / len(examples)
    assert share["write fault"] >= 0.5 and share["parallel"] >= 0.2 and share["parked"] >= 0.2, share
    assert several_shards >= 0.3, several_shards


def cast_many(voters: int, aws: LocalAws) -> list[dict[str, Any]]:
    open_rounds()
    for voter in range(voters):
        ballots.record_ballot(
            "bangor", "r1", f"voter-{voter}", {"speeding": 10}, "d", datetime.now(UTC), None
        )
    return aws.stream_records()


def test_a_full_batch_for_one_round_is_one_aggregate_write(aws: LocalAws) -> None:
    records = cast_many(99, aws)
    with mock.patch.object(aggregates, "write_tally", wraps=aggregates.write_tally) as spy:
        response = load_handler("AggregateBallotsFunction")({"Records": records}, FakeLambdaContext())
    assert response == {"batchItemFailures": []}
    assert spy.call_count == 1
    assert aggregates.read_tally("bangor", "r1")[0].ballots == 99


def test_more_changes_than_a_transaction_holds_are_all_applied(aws: LocalAws) -> None:
    records = cast_many(120, aws)
    response = load_handler("AggregateBallotsFunction")({"Records": records}, FakeLambdaContext())
    assert response == {"batchItemFailures": []}
    assert aggregates.read_tally("bangor", "r1")[0].ballots == 120
