"""Aggregates stay exact under Lambda's at-least-once delivery.

For any ballots and revotes across areas and rounds, delivered in batches of any size, with
batches delivered twice, a response lost after the write (so the batch comes again), a failure
part-way through a batch (retried from the first failed record) and records arriving twice
within a batch, every aggregate equals a recompute from the ballots table.
"""

from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bobbies.domain.model import Round
from bobbies.domain.tally import same_tally, tally_of
from bobbies.store import aggregates, ballots, catalogue
from tests.conftest import FakeLambdaContext, load_handler
from tests.unit.conftest import LocalAws, moto_stack

PRIORITIES = ["speeding", "drugs", "asb"]
AGGREGATES = [("bangor", "r1"), ("bangor", "r2"), ("wrexham", "r1")]


class Fault(Enum):
    NONE = "none"
    DELIVERED_TWICE = "delivered twice"
    RESPONSE_LOST = "response lost after the write"
    FAILS_PART_WAY = "a write fails part-way"
    RECORD_TWICE = "a record twice in one batch"


@st.composite
def allocations(draw: st.DrawFn) -> dict[str, int]:
    first = draw(st.integers(0, 10))
    second = draw(st.integers(0, 10 - first))
    return dict(zip(PRIORITIES, [first, second, 10 - first - second], strict=True))


ballot_casts = st.lists(
    st.tuples(st.sampled_from(AGGREGATES), st.integers(0, 3), allocations()), min_size=1, max_size=30
)
deliveries = st.lists(st.tuples(st.integers(1, 7), st.sampled_from(Fault)), min_size=1, max_size=20)


def cast(casts: list[tuple[tuple[str, str], int, dict[str, int]]]) -> None:
    """Stores each ballot as the API would: a first one, or a replacement of the voter's last."""
    now = datetime.now(UTC)
    for area, round_id in AGGREGATES:  # a ballot is written only into an open round
        catalogue.add_round_once(Round(area, round_id, now, now + timedelta(days=28), tuple(PRIORITIES)))
    for (area, round_id), voter, allocation in casts:
        earlier = ballots.find_ballot(area, round_id, f"voter-{voter}")
        ballots.record_ballot(area, round_id, f"voter-{voter}", allocation, "d", datetime.now(UTC), earlier)


class FlakyWrites:
    """Makes the n-th aggregate write of one invocation fail, once."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.fail_at: int | None = None
        self.writes = 0
        real = aggregates.write_tally

        def write(*args: Any) -> bool:
            self.writes += 1
            if self.writes == self.fail_at:
                raise ConnectionError("DynamoDB timed out")
            return real(*args)

        monkeypatch.setattr(aggregates, "write_tally", write)

    def arm(self, at: int | None) -> None:
        self.fail_at, self.writes = at, 0


def deliver_like_lambda(
    records: list[dict[str, Any]], plan: list[tuple[int, Fault]], flaky: FlakyWrites
) -> None:
    """Lambda's event source mapping: batches in order; on failures, retry from the first failed."""
    handler = load_handler("AggregateBallotsFunction")
    position, step = 0, 0
    while position < len(records):
        size, fault = plan[step] if step < len(plan) else (100, Fault.NONE)
        step += 1
        batch = records[position : position + size]
        flaky.arm(2 if fault is Fault.FAILS_PART_WAY else None)
        if fault is Fault.RECORD_TWICE:
            batch = [*batch, batch[0]]
        if fault in (Fault.DELIVERED_TWICE, Fault.RESPONSE_LOST):
            handler({"Records": batch}, FakeLambdaContext())  # the response never reaches Lambda
        try:
            response = handler({"Records": batch}, FakeLambdaContext())
            failed = {item["itemIdentifier"] for item in response["batchItemFailures"]}
        except Exception:  # every record failed: the whole batch is retried
            failed = {record["dynamodb"]["SequenceNumber"] for record in batch}
        flaky.arm(None)
        if failed:
            position = min(i for i, r in enumerate(records) if r["dynamodb"]["SequenceNumber"] in failed)
        else:
            position += len(records[position : position + size])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(casts=ballot_casts, plan=deliveries)
def test_aggregates_equal_a_recompute_from_the_ballots_whatever_the_delivery(
    casts: list[tuple[tuple[str, str], int, dict[str, int]]],
    plan: list[tuple[int, Fault]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with moto_stack() as aws:
        cast(casts)
        deliver_like_lambda(aws.stream_records(), plan, FlakyWrites(monkeypatch))
        assert_exact(aws)


def assert_exact(aws: LocalAws) -> None:
    for area, round_id in AGGREGATES:
        live, _ = aggregates.read_tally(area, round_id)
        recomputed = tally_of(ballots.allocations_of_round(area, round_id))
        assert same_tally(live, recomputed), (area, round_id, live, recomputed)


def test_a_batch_of_a_hundred_ballots_for_one_round_is_one_aggregate_write(
    aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    cast([(("bangor", "r1"), voter, {"speeding": 10}) for voter in range(4)] * 25)
    records = aws.stream_records()
    assert len(records) == 100
    flaky = FlakyWrites(monkeypatch)
    response = load_handler("AggregateBallotsFunction")({"Records": records}, FakeLambdaContext())
    assert response == {"batchItemFailures": []}
    assert flaky.writes == 1
    assert aggregates.read_tally("bangor", "r1")[0].ballots == 4
