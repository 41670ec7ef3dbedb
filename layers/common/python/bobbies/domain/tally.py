"""Tallies from ballots, their ranking and the tie-break.

Ranking: greatest average support first. All ballots of a round share one denominator, so exact
integer support orders the same as the average. Ties are broken, in this order, by
  1. more backers - ballots giving the priority at least one bobby (breadth of support), then
  2. position on the round's ballot (the longer-standing priority first).
The order of the ballot is fixed for a round, so the outcome is deterministic.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from bobbies.domain.figures import rounded
from bobbies.domain.model import Tally

Allocation = Mapping[str, int]


def apply_change(tally: Tally, old: Allocation | None, new: Allocation | None) -> None:
    """Move a tally by one ballot's change: new minus old, so a revote moves bobbies, never adds them."""
    tally.ballots += (new is not None) - (old is not None)
    for priority_id in set(old or {}) | set(new or {}):
        before = (old or {}).get(priority_id, 0)
        after = (new or {}).get(priority_id, 0)
        tally.support[priority_id] = tally.support.get(priority_id, 0) + after - before
        tally.backers[priority_id] = tally.backers.get(priority_id, 0) + (after > 0) - (before > 0)


def tally_of(ballots: Sequence[Allocation]) -> Tally:
    tally = Tally()
    for allocation in ballots:
        apply_change(tally, None, allocation)
    return tally


@dataclass(frozen=True)
class Standing:
    priority_id: str
    support: int
    backers: int
    average: Fraction
    rank: int


def standings(tally: Tally, ballot_order: Sequence[str]) -> list[Standing]:
    """Every priority on the ballot, best first, ranked 1..n by the rule and tie-break above."""

    def key(position_and_id: tuple[int, str]) -> tuple[int, int, int]:
        position, priority_id = position_and_id
        return (-tally.support.get(priority_id, 0), -tally.backers.get(priority_id, 0), position)

    def average(support: int) -> Fraction:
        return Fraction(support, tally.ballots) if tally.ballots else Fraction(0)

    ordered = sorted(enumerate(ballot_order), key=key)
    return [
        Standing(
            priority_id=priority_id,
            support=tally.support.get(priority_id, 0),
            backers=tally.backers.get(priority_id, 0),
            average=average(tally.support.get(priority_id, 0)),
            rank=rank,
        )
        for rank, (_, priority_id) in enumerate(ordered, start=1)
    ]


def quorum_met(tally: Tally, quorum: int) -> bool:
    return tally.ballots >= quorum


def leader(ranked: Sequence[Standing], tally: Tally) -> Standing | None:
    """The priority that would become the tasking: none until some ballot has given a bobby."""
    if not ranked or tally.ballots == 0 or ranked[0].support == 0:
        return None
    return ranked[0]


def margin(ranked: Sequence[Standing]) -> Fraction:
    """The leader's lead in average support over the runner-up."""
    if len(ranked) < 2:
        return ranked[0].average if ranked else Fraction(0)
    return ranked[0].average - ranked[1].average


# Which rule put the leader first: the numbered rules in the module docstring.
BY_SUPPORT = "support"  # greater average support
BY_BACKERS = "backers"  # tied on support, more backers
BY_BALLOT_ORDER = "ballot_order"  # a dead heat on both, settled by order on the ballot


@dataclass(frozen=True)
class Decision:
    leader: Standing
    runner_up: Standing | None
    margin: Fraction
    decided_by: str


def decision(ranked: Sequence[Standing], tally: Tally) -> Decision | None:
    """The leader, the runner-up it beat, by how much and by which rule; None with no leader."""
    top = leader(ranked, tally)
    if top is None:
        return None
    second = ranked[1] if len(ranked) > 1 else None
    if second is None or top.support != second.support:
        rule = BY_SUPPORT
    elif top.backers != second.backers:
        rule = BY_BACKERS
    else:
        rule = BY_BALLOT_ORDER
    return Decision(top, second, margin(ranked), rule)


def as_number(value: Fraction, places: int = 2) -> float:
    """The figure as a JSON number, rounded exactly as the text of it is (half up)."""
    return float(rounded(value, places))


def same_tally(first: Tally, second: Tally) -> bool:
    """Equal counts; a priority whose bobbies all moved away equals one never given any."""

    def nonzero(counts: dict[str, int]) -> dict[str, int]:
        return {key: value for key, value in counts.items() if value}

    return (
        first.ballots == second.ballots
        and nonzero(first.support) == nonzero(second.support)
        and nonzero(first.backers) == nonzero(second.backers)
    )
