"""Tallies from ballots, their ranking and the tie-break.

Ranking: greatest average support first. All ballots of a round share one denominator, so exact
integer support orders the same as the average. Ties are broken, in this order, by
  1. more backers - ballots giving the priority at least one bobby (breadth of support), then
  2. position on the round's ballot (the longer-standing priority first).
The order of the ballot is fixed for a round, so the outcome is deterministic.
"""

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import NamedTuple

from bobbies.domain.ballot import ONLINE
from bobbies.domain.figures import rounded
from bobbies.domain.model import Tally

Allocation = Mapping[str, int]


class CountedBallot(NamedTuple):
    """What a tally counts of one ballot: its bobbies, how it came and the age band it gave."""

    allocations: Allocation
    channel: str = ONLINE
    age_band: str | None = None


def _counted(ballot: CountedBallot | Allocation | None) -> CountedBallot | None:
    return ballot if ballot is None or isinstance(ballot, CountedBallot) else CountedBallot(ballot)


def _move(counts: dict[str, int], before: str | None, after: str | None) -> None:
    for key, step in ((before, -1), (after, 1)):
        if key is not None:
            counts[key] = counts.get(key, 0) + step


def apply_change(
    tally: Tally, old: CountedBallot | Allocation | None, new: CountedBallot | Allocation | None
) -> None:
    """Move a tally by one ballot's change: new minus old, so a revote moves bobbies, never adds them,
    and a revote through another channel or with another age band moves that count too."""
    was, now = _counted(old), _counted(new)
    tally.ballots += (now is not None) - (was is not None)
    before_bobbies = was.allocations if was else {}
    after_bobbies = now.allocations if now else {}
    for priority_id in set(before_bobbies) | set(after_bobbies):
        before = before_bobbies.get(priority_id, 0)
        after = after_bobbies.get(priority_id, 0)
        tally.support[priority_id] = tally.support.get(priority_id, 0) + after - before
        tally.backers[priority_id] = tally.backers.get(priority_id, 0) + (after > 0) - (before > 0)

    def channel(ballot: CountedBallot | None) -> str | None:
        return ballot.channel if ballot and ballot.channel != ONLINE else None  # online: the rest

    _move(tally.channels, channel(was), channel(now))
    _move(tally.bands, was.age_band if was else None, now.age_band if now else None)


def tally_of(ballots: Iterable[CountedBallot | Allocation]) -> Tally:
    tally = Tally()
    for ballot in ballots:
        apply_change(tally, None, ballot)
    return tally


def online_ballots(tally: Tally) -> int:
    """Ballots cast on the page: every ballot not counted under another channel."""
    return tally.ballots - sum(tally.channels.values())


def no_age_band(tally: Tally) -> int:
    """Ballots whose residents preferred not to give an age band."""
    return tally.ballots - sum(tally.bands.values())


class Standing(NamedTuple):
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


class Decision(NamedTuple):
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
        and nonzero(first.channels) == nonzero(second.channels)
        and nonzero(first.bands) == nonzero(second.bands)
    )
