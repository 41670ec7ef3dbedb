"""A tasking issued for a round of the small seed, as the nightly job would store it."""

from datetime import UTC, datetime, timedelta
from fractions import Fraction

from bobbies.domain.tasking import ISSUED, Tasking
from bobbies.store import catalogue, taskings

ISSUED_AT = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)


def issue(
    area_id: str = "bangor", round_id: str | None = None, at: datetime = ISSUED_AT, review_days: int = 28
) -> tuple[str, str]:
    """Stores an issued tasking for the area's current round (or the one named); (area, round)."""
    area = catalogue.get_area(area_id)
    round_id = round_id or catalogue.current_round(area).id
    chosen = catalogue.priorities(area_id, ["speeding"])[0] if area_id == "bangor" else None
    tasking = Tasking(
        area_id=area_id,
        district_id=area.district.id,
        round_id=round_id,
        status=ISSUED,
        priority_id=chosen.id if chosen else "shoplifting",
        ballots=3,
        average=Fraction(6),
        margin=Fraction(2),
        issued=at,
        review=at + timedelta(days=review_days),
        support=18,
        quorum=2,
    )
    assert taskings.create_once(tasking, chosen, None)
    return area_id, round_id


OUTCOME = {
    "en": "Speed checks on the High Street every week.",
    "cy": "Gwiriadau cyflymder ar y Stryd Fawr bob wythnos.",
}
NOTE = {"en": "Two speed checks held.", "cy": "Dau wiriad cyflymder wedi'u cynnal."}
