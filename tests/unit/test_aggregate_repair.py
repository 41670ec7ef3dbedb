"""Repairing the live aggregates: parked batches replayed, and closed rounds rebuilt from ballots."""

import json
from datetime import UTC, datetime
from typing import Any
from unittest import mock

from local.lambdas import Invocation, LambdaContext
from local.streams import _failure_message

from bobbies.domain.tally import same_tally, tally_of
from bobbies.store import aggregates, ballots, counting
from bobbies.stream_event import StreamRecord
from bobbies.usecases.aggregation import change_of, rebuild_aggregate
from tests.conftest import load_event, load_handler
from tests.unit.conftest import KEPT, LocalAws, open_round


def cast(voter: str, allocation: dict[str, int], area: str = "bangor", round_id: str = "r1") -> None:
    open_round(area, round_id)
    earlier = ballots.find_ballot(area, round_id, voter)
    ballots.record_ballot(area, round_id, voter, allocation, "d", datetime.now(UTC), earlier, KEPT)


def aggregate(records: list[dict[str, Any]]) -> dict[str, Any]:
    return dict(load_handler("AggregateBallotsFunction")({"Records": records}, LambdaContext()))


def exact(area: str = "bangor", round_id: str = "r1") -> bool:
    live, _ = aggregates.read_tally(area, round_id)
    return same_tally(live, tally_of(counting.counted_of_round(area, round_id)))


def parked_message(aws: LocalAws, records: list[dict[str, Any]]) -> dict[str, Any]:
    """What the local runner (like Lambda) puts on the on-failure queue for a batch it gave up on."""
    arn = aws.resources.stream_arns["BallotsTable"]
    shards = aws.client("dynamodbstreams").describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]
    given_up = Invocation(None, {"errorType": "Timeout"}, 0.0, "request")
    return _failure_message("AggregateBallotsFunction", shards[0]["ShardId"], arn, records, given_up, 6)


def sqs_event(*messages: dict[str, Any]) -> dict[str, Any]:
    """The queue's messages as the function receives them (the sample event, with these bodies)."""
    template = load_event("aggregate_replay_parked.json")["Records"][0]
    return {
        "Records": [
            {**template, "messageId": f"message-{n}", "body": json.dumps(message)}
            for n, message in enumerate(messages)
        ]
    }


def test_the_sample_stream_event_folds_a_revote_as_a_move_of_bobbies(aws: LocalAws) -> None:
    assert aggregate(load_event("aggregate_ballot_changes.json")["Records"]) == {"batchItemFailures": []}
    tally, _ = aggregates.read_tally("bangor", "2027-01-04T1000Z")
    assert (tally.ballots, tally.support) == (2, {"drugs": 10, "speeding": 0, "asb": 10})


def test_a_replayed_parked_batch_is_applied_and_a_second_replay_changes_nothing(aws: LocalAws) -> None:
    # Given ballots whose stream records were given up on: the first applied, the rest parked
    cast("ann", {"speeding": 10})
    cast("bob", {"drugs": 4, "asb": 6})
    cast("ann", {"asb": 10})  # a revote
    first, *parked = aws.stream_records()
    aggregate([first])
    message = parked_message(aws, parked)
    assert not exact()

    # When the parked message is replayed, the records are read again from the shard and applied
    replay = load_handler("AggregateBallotsFunction")
    assert replay(sqs_event(message), LambdaContext()) == {"batchItemFailures": []}
    assert exact()

    # and replaying it again (the queue delivers at least once) counts nothing twice
    assert replay(sqs_event(message), LambdaContext()) == {"batchItemFailures": []}
    assert exact()


def test_a_parked_batch_the_stream_no_longer_holds_stays_on_the_queue(aws: LocalAws) -> None:
    cast("ann", {"speeding": 10})
    message = parked_message(aws, aws.stream_records())
    info = message["DDBStreamBatchInfo"]  # a range the stream no longer holds (trimmed after 24 hours)
    info["startSequenceNumber"] = info["endSequenceNumber"] = str(int(info["endSequenceNumber"]) + 10**6)
    response = load_handler("AggregateBallotsFunction")(sqs_event(message), LambdaContext())
    assert response == {"batchItemFailures": [{"itemIdentifier": "message-0"}]}


def test_a_closed_round_is_rebuilt_from_its_ballots_and_late_records_leave_it_alone(aws: LocalAws) -> None:
    # Given an aggregate that missed a change (its record was lost)
    cast("ann", {"speeding": 10})
    cast("bob", {"drugs": 10})
    first, late = aws.stream_records()
    aggregate([first])
    assert not exact()

    # When the round is rebuilt, the drift is found and repaired
    assert rebuild_aggregate("bangor", "r1") is True
    assert exact()
    assert aggregates.read_tally("bangor", "r1")[1] is True  # sealed

    # and the late record (a replay after the rebuild) does not count again; a rerun finds no drift
    assert aggregate([late]) == {"batchItemFailures": []}
    assert exact()
    assert rebuild_aggregate("bangor", "r1") is False


def test_rebuilding_a_round_writes_the_guards_of_changes_still_pending(aws: LocalAws) -> None:
    # Given two changes folded in by one write with room for one guard: the other's id is pending
    cast("ann", {"speeding": 10})
    cast("bob", {"drugs": 10})
    records = aws.stream_records()
    with mock.patch.object(aggregates, "GUARDS_PER_WRITE", 1):
        aggregate(records)
    ids = [change.id for record in records if (change := change_of(StreamRecord(record)))]
    assert len(aggregates.read_aggregate("bangor", "r1").pending) == 1

    # When the round is rebuilt and sealed, its pending set is cleared and its guards written
    assert rebuild_aggregate("bangor", "r1") is False
    assert aggregates.read_aggregate("bangor", "r1").pending == set()
    assert aggregates.guarded(ids) == set(ids)
    assert aggregates.applied("bangor", "r1", ids) == set(ids)
