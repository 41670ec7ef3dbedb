"""Residents who voted in a tasking's round say, once it is completed, whether it made a difference:
one verdict per ballot, counted beside the outcome; everything else is refused and changes nothing."""

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from local.lambdas import LambdaContext

from bobbies.domain.errors import Conflict
from bobbies.store import verdicts
from bobbies.usecases import tasking_life
from tests.conftest import api_event, load_handler
from tests.unit.conftest import LocalAws
from tests.unit.tasking_helpers import OUTCOME, issue
from tests.unit.test_receipts import Call

NOW = datetime.now(UTC)


@pytest.fixture
def call(seeded: LocalAws) -> Call:
    handler = load_handler("ApiFunction")

    def send(method: str, path: str, body: Any = None, **options: Any) -> tuple[int, dict[str, Any]]:
        response = handler(api_event(method, path, body, **options), LambdaContext())
        return response["statusCode"], json.loads(response["body"])

    return send


def vote(call: Call, voter: str, area: str = "bangor") -> str:
    allocations = {"speeding": 10} if area == "bangor" else {"shoplifting": 10}
    status, body = call("POST", f"/api/areas/{area}/ballots", {"voter": voter, "allocations": allocations})
    assert status in (200, 201), body
    return str(body["receipt"])


def completed(area: str = "bangor") -> str:
    """Issues the area's current round's tasking and takes it to completed; its reference."""
    area_id, round_id = issue(area)
    tasking_life.acknowledge(area_id, round_id, "officer-1", NOW)
    tasking_life.complete_with_outcome(area_id, round_id, "officer-1", OUTCOME, NOW)
    return tasking_reference(area)


def tasking_reference(area: str) -> str:
    return str(tasking_of(area)["reference"])


def tasking_of(area: str) -> dict[str, Any]:
    from bobbies.usecases.views import list_taskings

    return dict(list_taskings(area)["taskings"][0])


def verdict(call: Call, reference: str, receipt: str, made: Any = True) -> tuple[int, dict[str, Any]]:
    return call("POST", f"/api/taskings/{reference}/verdicts", {"receipt": receipt, "madeADifference": made})


def test_a_voter_says_once_whether_the_completed_tasking_made_a_difference(
    call: Call, seeded: LocalAws
) -> None:
    # Given two residents who voted in the round, and its tasking completed
    first, second = (
        vote(call, "resident-token-aaaaaaaaaaaaaaaa"),
        vote(call, "resident-token-bbbbbbbbbbbbbbbb"),
    )
    reference = completed()

    # When each says whether it made a difference, each is counted beside the outcome
    assert verdict(call, reference, first, True) == (
        201,
        {"verdicts": {"madeADifference": 1, "noDifference": 0}},
    )
    assert verdict(call, reference, second, False)[1]["verdicts"] == {"madeADifference": 1, "noDifference": 1}
    assert tasking_of("bangor")["verdicts"] == {"madeADifference": 1, "noDifference": 1}

    # And a second verdict on the same ballot - from a later receipt of the same voter too - is refused
    before = seeded.snapshot()
    status, body = verdict(call, reference, first, False)
    assert (status, body["error"]["code"]) == (409, "verdict_already_given")
    replaced = vote(call, "resident-token-aaaaaaaaaaaaaaaa")
    after_revote = seeded.snapshot()
    assert verdict(call, reference, replaced, False)[0] == 409
    assert seeded.snapshot() == after_revote != before
    assert tasking_of("bangor")["verdicts"] == {"madeADifference": 1, "noDifference": 1}


def test_two_verdicts_of_one_ballot_racing_past_the_checks_count_once(call: Call, seeded: LocalAws) -> None:
    """Both requests read "no verdict yet, tasking completed" before either writes: the conditional
    write, not the read, decides (moto runs transactions without isolation between threads, so the
    race is laid out in order here rather than left to a thread scheduler)."""
    vote(call, "resident-token-aaaaaaaaaaaaaaaa")
    completed()
    area_id, round_id = "bangor", tasking_of("bangor")["round"]
    voter_hash = seeded.items("BallotsTable")[0]["voter_hash"]["S"]

    verdicts.give(area_id, round_id, voter_hash, True, NOW)
    with pytest.raises(Conflict) as second:
        verdicts.give(area_id, round_id, voter_hash, False, NOW)
    assert second.value.code == "verdict_already_given"
    assert tasking_of("bangor")["verdicts"] == {"madeADifference": 1, "noDifference": 0}
    assert len(seeded.items("VerdictsTable")) == 1


def test_a_verdict_racing_a_tasking_not_yet_completed_is_refused_whole(call: Call, seeded: LocalAws) -> None:
    vote(call, "resident-token-aaaaaaaaaaaaaaaa")
    area_id, round_id = issue()
    voter_hash = seeded.items("BallotsTable")[0]["voter_hash"]["S"]
    with pytest.raises(Conflict) as refusal:
        verdicts.give(area_id, round_id, voter_hash, True, NOW)
    assert refusal.value.code == "tasking_not_completed"
    assert seeded.items("VerdictsTable") == []


def test_a_verdict_waits_for_the_outcome(call: Call, seeded: LocalAws) -> None:
    receipt = vote(call, "resident-token-aaaaaaaaaaaaaaaa")
    area_id, round_id = issue()
    reference = tasking_reference("bangor")
    for step in ("issued", "acknowledged"):
        before = seeded.snapshot()
        status, body = verdict(call, reference, receipt)
        assert (status, body["error"]["code"]) == (409, "tasking_not_completed"), step
        assert seeded.snapshot() == before
        if step == "issued":
            tasking_life.acknowledge(area_id, round_id, "officer-1", NOW)


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"receipt": "a" * 26}, 422, "invalid_verdict"),
        ({"receipt": "a" * 26, "madeADifference": "yes"}, 422, "invalid_verdict"),
        ({"receipt": "a" * 26, "madeADifference": 1}, 422, "invalid_verdict"),
        ({"receipt": "a" * 26, "madeADifference": True, "extra": 1}, 422, "invalid_verdict"),
        ({"receipt": ["a"], "madeADifference": True}, 422, "invalid_verdict"),
        ({"receipt": "a" * 26, "madeADifference": True}, 404, "receipt_not_found"),
        ({"receipt": "not a code", "madeADifference": True}, 404, "receipt_not_found"),
    ],
)
def test_a_verdict_that_cannot_be_read_or_names_no_ballot_is_refused(
    call: Call, seeded: LocalAws, body: dict[str, Any], status: int, code: str
) -> None:
    reference = completed()
    before = seeded.snapshot()
    answer = call("POST", f"/api/taskings/{reference}/verdicts", body, headers={"Accept-Language": "cy"})
    assert (answer[0], answer[1]["error"]["code"]) == (status, code)
    assert answer[1]["error"]["message"]  # in Welsh, from messages.py
    assert seeded.snapshot() == before


def test_only_a_ballot_of_the_taskings_round_and_area_counts(call: Call, seeded: LocalAws) -> None:
    elsewhere = vote(call, "resident-token-aaaaaaaaaaaaaaaa", area="wrexham")
    mine = vote(call, "resident-token-bbbbbbbbbbbbbbbb")
    reference = completed("bangor")
    before = seeded.snapshot()
    for receipt, ref in [(elsewhere, reference), (mine, "ZZZZ-ZZZZ"), (mine, "%00")]:
        status, body = verdict(call, ref, receipt)
        assert (status, body["error"]["code"]) == (422, "receipt_not_for_tasking"), ref
    assert seeded.snapshot() == before
