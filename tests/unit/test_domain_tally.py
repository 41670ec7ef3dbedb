"""Tallies, averages, ranking, the tie-break and the quorum."""

from fractions import Fraction

from bobbies.domain.model import Tally
from bobbies.domain.tally import apply_change, leader, margin, quorum_met, same_tally, standings, tally_of

ORDER = ["speeding", "drugs", "asb"]


def test_support_and_average_come_from_the_ballots() -> None:
    tally = tally_of([{"speeding": 6, "drugs": 4}, {"speeding": 3, "asb": 7}, {"drugs": 10}])
    ranked = standings(tally, ORDER)
    assert [(s.priority_id, s.support, s.average, s.rank) for s in ranked] == [
        ("drugs", 14, Fraction(14, 3), 1),
        ("speeding", 9, Fraction(3), 2),
        ("asb", 7, Fraction(7, 3), 3),
    ]
    assert margin(ranked) == Fraction(5, 3)


def test_a_revote_moves_bobbies_instead_of_adding_them() -> None:
    tally = tally_of([{"speeding": 10}])
    apply_change(tally, {"speeding": 10}, {"drugs": 4, "speeding": 6})
    assert tally.ballots == 1
    assert tally.support == {"speeding": 6, "drugs": 4}
    apply_change(tally, {"drugs": 4, "speeding": 6}, None)
    assert same_tally(tally, Tally())


def test_equal_support_goes_to_the_priority_more_residents_backed() -> None:
    # speeding: 10 from one resident; drugs: 5 + 5 from two residents.
    tally = tally_of([{"speeding": 10}, {"drugs": 5, "asb": 5}, {"drugs": 5, "asb": 5}])
    ranked = standings(tally, ORDER)
    assert [s.priority_id for s in ranked][:2] == [
        "drugs",
        "asb",
    ]  # both backed twice; drugs earlier on ballot
    assert ranked[2].priority_id == "speeding"


def test_a_full_tie_goes_to_the_priority_earlier_on_the_ballot_whatever_order_votes_came() -> None:
    first = tally_of([{"asb": 10}, {"speeding": 10}])
    second = tally_of([{"speeding": 10}, {"asb": 10}])
    assert leader(standings(first, ORDER), first).priority_id == "speeding"  # type: ignore[union-attr]
    assert leader(standings(second, ORDER), second).priority_id == "speeding"  # type: ignore[union-attr]


def test_there_is_no_leader_before_any_ballot() -> None:
    empty = Tally()
    assert leader(standings(empty, ORDER), empty) is None
    assert [s.average for s in standings(empty, ORDER)] == [0, 0, 0]


def test_the_quorum_is_the_fewest_ballots_for_a_tasking() -> None:
    assert not quorum_met(tally_of([{"drugs": 10}] * 4), 5)
    assert quorum_met(tally_of([{"drugs": 10}] * 5), 5)
