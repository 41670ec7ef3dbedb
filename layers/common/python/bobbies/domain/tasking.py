"""Turning a closed round into a tasking, or into a record that the quorum was not met."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from fractions import Fraction

from bobbies.domain.model import Area, Round, Tally
from bobbies.domain.tally import leader, margin, quorum_met, standings

ISSUED = "issued"
QUORUM_NOT_MET = "quorum_not_met"


@dataclass(frozen=True)
class Tasking:
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


def decide(area: Area, closed: Round, tally: Tally, now: datetime, review_days: int) -> Tasking:
    ranked = standings(tally, closed.priority_ids)
    top = leader(ranked, tally)
    # Ballots sum to the budget, so a quorum of ballots always has a leader; `top` guards budget 0.
    if top is None or not quorum_met(tally, area.quorum):
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
        )
    return Tasking(
        area_id=area.id,
        district_id=area.district.id,
        round_id=closed.id,
        status=ISSUED,
        priority_id=top.priority_id,
        ballots=tally.ballots,
        average=top.average,
        margin=margin(ranked),
        issued=now,
        review=now + timedelta(days=review_days),
    )
