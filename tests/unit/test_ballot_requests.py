"""What a ballot costs in DynamoDB requests, counted at the client, and what a warm function may keep."""

from collections import Counter

from bench.ballot_requests import dynamodb_calls

from bobbies.domain.model import Round
from bobbies.store import catalogue
from bobbies.usecases.voting import forget_kept
from tests.unit.conftest import LocalAws
from tests.unit.test_api import api_caller, ballot

BALLOTS = "/api/areas/bangor/ballots"


def test_a_warm_ballot_costs_one_write_and_no_read(seeded: LocalAws) -> None:
    # Given a warm API function that has taken one ballot for Bangor
    call = api_caller()
    assert call("POST", BALLOTS, ballot(voter="first-resident-0123456", speeding=10))[0] == 201
    # When another resident votes, and then votes again naming that ballot (as the page does)
    replacing = None
    for priority, status in (("drugs", 201), ("asb", 200)):
        with dynamodb_calls() as calls:
            answered, receipt = call(
                "POST", BALLOTS, {**ballot(), "allocations": {priority: 10}, "replacing": replacing}
            )
        assert answered == status
        replacing = {"ballot": receipt["ballot"], "version": receipt["version"]}
        # Then each ballot is one transaction, and nothing is read
        assert calls.operations == {"TransactWriteItems": 1}


def test_a_kept_round_lets_no_ballot_in_after_it_closes(seeded: LocalAws) -> None:
    # Given a warm function that has read Bangor's round
    call = api_caller()
    assert call("POST", BALLOTS, ballot(voter="first-resident-0123456", speeding=10))[0] == 201
    area = catalogue.get_area("bangor")
    # When the nightly run closes that round (and nothing opens after it yet)
    catalogue.close_round(catalogue.current_round(area))
    before = seeded.snapshot()
    status, body = call("POST", BALLOTS, ballot(drugs=10))
    # Then the ballot is refused and nothing is stored
    assert (status, body["error"]["code"]) == (409, "no_open_round")
    assert seeded.snapshot() == before


def test_a_warm_function_follows_the_area_to_its_next_round(seeded: LocalAws) -> None:
    # Given a warm function that has read Bangor's round
    call = api_caller()
    assert call("POST", BALLOTS, ballot(voter="first-resident-0123456", speeding=10))[0] == 201
    area = catalogue.get_area("bangor")
    old = catalogue.current_round(area)
    # When the nightly run closes it and opens the next one (with other priorities)
    catalogue.close_round(old)
    catalogue.add_round_once(Round("bangor", "next-round", old.opens, old.closes, ("litter",)))
    catalogue.move_current_round("bangor", old.id, "next-round")
    status, body = call("POST", BALLOTS, ballot(litter=10))
    # Then the ballot counts in the new round, at once, not after the kept round expires
    assert (status, body["round"]) == (201, "next-round")


def test_a_cold_ballot_reads_its_round_with_the_rounds_secret_and_writes_only_itself(
    seeded: LocalAws,
) -> None:
    # Given a cold API function, and Bangor's round as the seed opens it (with its secret)
    call = api_caller()
    forget_kept()
    # When a resident votes
    with dynamodb_calls() as calls:
        assert call("POST", BALLOTS, ballot(speeding=10))[0] == 201
    # Then the area is read, then the round with its secret in one request, and the ballot's
    # transaction is the one write (a first ballot, as its client believes: no earlier one to read)
    assert calls.operations == Counter({"GetItem": 1, "BatchGetItem": 1, "TransactWriteItems": 1})
