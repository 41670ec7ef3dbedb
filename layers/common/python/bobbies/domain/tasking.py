"""Turning a closed round into a tasking, or into a record that the quorum was not met."""

import hashlib
from datetime import datetime, timedelta
from fractions import Fraction
from typing import NamedTuple

from bobbies.domain.model import Area, Round, Tally, Text
from bobbies.domain.tally import BY_SUPPORT, decision, quorum_met, standings

ISSUED = "issued"
QUORUM_NOT_MET = "quorum_not_met"

# Crockford's base 32: no I, L, O or U, so a reference read over the phone is not misheard.
QUOTABLE = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def reference(area_id: str, round_id: str) -> str:
    """A short reference a team can quote, the same every time for one (area, round): 'K7QX-4MP2'.

    40 bits of a hash: among the few thousand taskings of many years a repeat is a one in ten
    thousand chance, and the (area, round) key stays the record's identity regardless.
    """
    number = int.from_bytes(hashlib.sha256(f"{area_id}#{round_id}".encode()).digest()[:5])
    code = "".join(QUOTABLE[(number >> shift) & 31] for shift in range(35, -1, -5))
    return f"{code[:4]}-{code[4:]}"


class Tasking(NamedTuple):
    area_id: str
    district_id: str
    round_id: str
    status: str
    priority_id: str | None
    ballots: int
    average: Fraction
    margin: Fraction
    issued: datetime
    review: datetime | None
    support: int = 0  # the leader's bobbies; average = support / ballots exactly
    runner_up_id: str | None = None
    runner_up_support: int = 0
    decided_by: str = BY_SUPPORT
    quorum: int = 0

    @property
    def reference(self) -> str:
        return reference(self.area_id, self.round_id)


def decide(area: Area, closed: Round, tally: Tally, now: datetime, review_days: int) -> Tasking:
    chosen = decision(standings(tally, closed.priority_ids), tally)
    # Ballots sum to the budget, so a quorum of ballots always has a leader; None guards budget 0.
    if chosen is None or not quorum_met(tally, area.quorum):
        return Tasking(
            area.id,
            area.district.id,
            closed.id,
            QUORUM_NOT_MET,
            None,
            tally.ballots,
            Fraction(0),
            Fraction(0),
            issued=now,
            review=None,
            quorum=area.quorum,
        )
    second = chosen.runner_up
    return Tasking(
        area_id=area.id,
        district_id=area.district.id,
        round_id=closed.id,
        status=ISSUED,
        priority_id=chosen.leader.priority_id,
        ballots=tally.ballots,
        average=chosen.leader.average,
        margin=chosen.margin,
        issued=now,
        review=now + timedelta(days=review_days),
        support=chosen.leader.support,
        runner_up_id=second.priority_id if second else None,
        runner_up_support=second.support if second else 0,
        decided_by=chosen.decided_by,
        quorum=area.quorum,
    )


class Note(NamedTuple):
    """A progress note: words in both languages, when, and the officer (an opaque id) who wrote it."""

    text: Text
    at: datetime
    by: str


class Progress(NamedTuple):
    """The team's part of a tasking (domain/lifecycle.py) and the residents' verdicts on it."""

    acknowledged: datetime | None = None
    notes: tuple[Note, ...] = ()
    completed: datetime | None = None
    verdicts_yes: int = 0
    verdicts_no: int = 0
    acknowledged_by: str | None = None  # officers' usernames: for the console, never the public
    completed_by: str | None = None


# A tasking as stored and read back: what the views show and the messages tell (store/ builds it).
class RunnerUp(NamedTuple):
    id: str
    title: Text | None
    average: Fraction


class TaskingRecord(NamedTuple):
    area_id: str
    district_id: str
    round_id: str
    status: str
    priority_id: str | None
    priority_title: Text | None
    ballots: int
    average: Fraction
    margin: Fraction
    issued: datetime
    review: datetime | None
    outcome: Text | None
    published: bool
    reference: str = ""
    priority_description: Text | None = None
    runner_up: RunnerUp | None = None
    decided_by: str | None = None
    quorum: int | None = None
    progress: Progress = Progress()
