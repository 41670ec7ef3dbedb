"""Allocation rules: whole bobbies, none negative, this round's priorities, exactly the budget."""

import pytest

from bobbies.domain.ballot import check_allocations, check_voter_token, counted, digest
from bobbies.domain.errors import InvalidInput
from bobbies.domain.verification import round_key, voter_key

ON_BALLOT = ["speeding", "drugs", "asb"]


def refused(allocations: dict, budget: int = 10) -> str:
    with pytest.raises(InvalidInput) as caught:
        check_allocations(allocations, ON_BALLOT, budget)
    return caught.value.code


def test_a_ballot_that_places_every_bobby_is_accepted() -> None:
    check_allocations({"speeding": 6, "drugs": 4}, ON_BALLOT, 10)
    check_allocations({"speeding": 10, "drugs": 0, "asb": 0}, ON_BALLOT, 10)


@pytest.mark.parametrize(
    ("allocations", "code"),
    [
        ({"speeding": 9}, "budget_mismatch"),
        ({"speeding": 11}, "budget_mismatch"),
        ({}, "budget_mismatch"),
        ({"speeding": 12, "drugs": -2}, "negative_allocation"),
        ({"speeding": 5, "litter": 5}, "unknown_priority"),
        ({"speeding": 5.5, "drugs": 4.5}, "not_whole_bobbies"),
        ({"speeding": True, "drugs": 9}, "not_whole_bobbies"),
    ],
)
def test_a_ballot_that_breaks_a_rule_is_refused_with_the_rule_named(allocations: dict, code: str) -> None:
    assert refused(allocations) == code


def test_zero_allocations_are_not_counted_and_do_not_change_the_digest() -> None:
    assert counted({"drugs": 0, "speeding": 10}) == {"speeding": 10}
    assert digest("a", "r", {"speeding": 10, "drugs": 0}) == digest("a", "r", {"speeding": 10})
    assert digest("a", "r", {"speeding": 10}) != digest("a", "r", {"drugs": 10})
    assert digest("a", "r", {"speeding": 10}) != digest("a", "r2", {"speeding": 10})


@pytest.mark.parametrize("token", ["short", "x" * 129, "has spaces in it ok", "émoji-token-12345678"])
def test_voter_tokens_that_are_not_opaque_url_safe_strings_are_refused(token: str) -> None:
    with pytest.raises(InvalidInput):
        check_voter_token(token)


def test_the_voter_key_is_keyed_by_the_round_and_never_contains_the_token() -> None:
    token = "resident-token-0123456789"
    key = round_key(b"voter-secret", b"round-one-secret")
    stored = voter_key(key, "bangor", "r1", token)
    assert token not in stored
    assert stored == voter_key(key, "bangor", "r1", token)
    # another round's key, or another area or round, cannot be joined to it
    assert stored != voter_key(round_key(b"voter-secret", b"round-two-secret"), "bangor", "r1", token)
    assert stored != voter_key(key, "caernarfon", "r1", token)
    assert stored != voter_key(key, "bangor", "r2", token)
