"""A client names its own last ballot in the round (`replacing`, from its receipt), so the API writes
it without reading first; a wrong or missing hint costs the client a retry, never its ballot's
meaning, and never anyone else's ballot."""

from typing import Any

import pytest
from bench.ballot_requests import dynamodb_calls

from bobbies.domain.ballot import BallotVersion
from bobbies.store import ballots
from tests.unit.conftest import LocalAws
from tests.unit.test_api import VOTER, Call, api_caller, ballot

BALLOTS = "/api/areas/bangor/ballots"
OTHER = "other-resident-0123456789"


def hinted(receipt: dict[str, Any] | None, voter: str = VOTER, **allocations: int) -> dict[str, Any]:
    hint = {"ballot": receipt["ballot"], "version": receipt["version"]} if receipt else None
    return {**ballot(voter, **allocations), "replacing": hint}


def stored(aws: LocalAws) -> dict[str, tuple[str, int, dict[str, int]]]:
    """Each voter's ballot of record (by its ballot id): version and allocations."""
    return {
        item["ballot_id"]["S"]: (
            item["voter_hash"]["S"],
            int(item["version"]["N"]),
            {k: int(v["N"]) for k, v in item["allocations"]["M"].items()},
        )
        for item in aws.items("BallotsTable")
    }


def warm(call: Call) -> None:
    assert call("POST", BALLOTS, ballot("warming-resident-0123456", speeding=10))[0] == 201


def replacement(receipt: dict[str, Any]) -> tuple[Any, ...]:
    """What a receipt says of the ballot it is for: replaced or new, which one, which version."""
    return receipt["replaced"], receipt["ballot"], receipt["version"]


def test_a_revote_naming_its_receipt_is_one_write_and_no_read(seeded: LocalAws) -> None:
    # Given a warm function and a resident's first ballot, which named none
    call = api_caller()
    warm(call)
    with dynamodb_calls() as calls:
        status, first = call("POST", BALLOTS, hinted(None, drugs=10))
    assert (status, first["replaced"], first["version"]) == (201, False, 1)
    assert calls.operations == {"TransactWriteItems": 1}, calls.operations
    # When they vote again naming the ballot their receipt gave
    with dynamodb_calls() as calls:
        status, second = call("POST", BALLOTS, hinted(first, asb=10))
    # Then it replaces that ballot (same id, next version) in one request
    assert (status, *replacement(second)) == (200, True, first["ballot"], 2)
    assert calls.operations == {"TransactWriteItems": 1}, calls.operations
    assert stored(seeded)[first["ballot"]][1:] == (2, {"asb": 10})


def test_a_revote_naming_no_ballot_still_replaces_the_earlier_one(seeded: LocalAws) -> None:
    # Given a resident's ballot, cast from another device (or before their storage was cleared)
    call = api_caller()
    warm(call)
    first = call("POST", BALLOTS, ballot(drugs=10))[1]
    # When they vote again naming no earlier ballot
    with dynamodb_calls() as calls:
        status, second = call("POST", BALLOTS, hinted(None, asb=10))
    # Then the earlier ballot is replaced, not added to, and the receipt says so
    assert (status, *replacement(second)) == (200, True, first["ballot"], 2)
    assert len(stored(seeded)) == 2  # the warming resident's and this resident's one
    # at the cost of one refused write, which handed the earlier ballot back: still no read
    assert calls.operations == {"TransactWriteItems": 2}, calls.operations


def test_a_stale_version_replaces_the_latest_ballot(seeded: LocalAws) -> None:
    # Given a resident who voted three times, the last from another device
    call = api_caller()
    first = call("POST", BALLOTS, hinted(None, drugs=10))[1]
    second = call("POST", BALLOTS, hinted(first, asb=10))[1]
    call("POST", BALLOTS, hinted(second, speeding=10))
    # When this device votes naming the first version, all it knows of
    status, latest = call("POST", BALLOTS, hinted(first, drugs=5, asb=5))
    # Then it replaces the latest, whatever it named
    assert (status, latest["replaced"], latest["ballot"], latest["version"]) == (
        200,
        True,
        first["ballot"],
        4,
    )
    assert stored(seeded)[first["ballot"]][1:] == (4, {"asb": 5, "drugs": 5})


def test_naming_another_voters_ballot_touches_only_ones_own(seeded: LocalAws) -> None:
    # Given two residents' ballots
    call = api_caller()
    theirs = call("POST", BALLOTS, ballot(OTHER, speeding=10))[1]
    mine = call("POST", BALLOTS, ballot(drugs=10))[1]
    # When one votes again naming the other's ballot (id and version)
    status, again = call("POST", BALLOTS, hinted(theirs, asb=10))
    # Then their own ballot is replaced, and the other's is exactly as it was
    assert (status, again["replaced"], again["ballot"], again["version"]) == (200, True, mine["ballot"], 2)
    assert stored(seeded)[theirs["ballot"]][1:] == (1, {"speeding": 10})
    assert stored(seeded)[mine["ballot"]][1:] == (2, {"asb": 10})


def test_a_first_ballot_naming_one_that_is_not_there_is_a_first_ballot(seeded: LocalAws) -> None:
    # Given another resident's ballot, whose id a client names as if it were its own
    call = api_caller()
    theirs = call("POST", BALLOTS, ballot(OTHER, speeding=10))[1]
    # When a resident with no ballot yet votes naming it
    status, first = call("POST", BALLOTS, hinted(theirs, drugs=10))
    # Then theirs is a first ballot, with an id of its own
    assert (status, first["replaced"], first["version"]) == (201, False, 1)
    assert first["ballot"] != theirs["ballot"]
    assert len(stored(seeded)) == 2


def test_a_hint_of_any_other_shape_is_refused_and_changes_nothing(seeded: LocalAws) -> None:
    call = api_caller()
    mine = call("POST", BALLOTS, ballot(drugs=10))[1]
    before = seeded.snapshot()
    for hint in ({"ballot": mine["ballot"]}, {"ballot": mine["ballot"], "version": "1"}, mine["ballot"]):
        status, body = call("POST", BALLOTS, {**ballot(asb=10), "replacing": hint})
        assert (status, body["error"]["code"]) == (400, "invalid_replacing"), hint
    assert seeded.snapshot() == before


def test_a_write_racing_the_same_ballot_is_tried_again_as_it_was(
    seeded: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a resident's ballot, and their revote's first write lost to a racing write of that
    # ballot (DynamoDB's TransactionConflict: the refusal says nothing of the ballot there)
    call = api_caller()
    first = call("POST", BALLOTS, ballot(drugs=10))[1]
    real_record, tried = ballots.record_ballot, []

    def raced_once(*args: Any) -> ballots.StoredBallot:
        tried.append(args[6])  # what the write names as the ballot it replaces
        if len(tried) == 1:
            raise ballots.BallotChanged(None, known=False)
        return real_record(*args)

    monkeypatch.setattr(ballots, "record_ballot", raced_once)
    # When the revote names its receipt
    status, again = call("POST", BALLOTS, hinted(first, asb=10))
    # Then the same write is tried again, and replaces the ballot once
    assert tried == [BallotVersion(first["ballot"], 1)] * 2
    assert (status, again["replaced"], again["version"]) == (200, True, 2)
