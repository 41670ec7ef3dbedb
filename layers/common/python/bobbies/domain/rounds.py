"""When rounds open and close."""

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta

from bobbies.domain.model import Round


def midnight_after(moment: datetime, days: int) -> datetime:
    """Rounds close at 00:00 UTC, so the 02:00 nightly run finds them closed the same night."""
    return datetime.combine(moment.date() + timedelta(days=days), time(0), tzinfo=UTC)


def round_id(opens: datetime) -> str:
    return opens.strftime("%Y-%m-%dT%H%MZ")


def first_round(area_id: str, now: datetime, round_days: int, priority_ids: Sequence[str]) -> Round:
    return Round(area_id, round_id(now), now, midnight_after(now, round_days), tuple(priority_ids))


def next_round(previous: Round, now: datetime, round_days: int, priority_ids: Sequence[str]) -> Round:
    """Opens when the last closed; runs whole round lengths until it closes after `now`,
    so a job that was late (or a demo run far ahead) never opens a round already over."""
    closes = previous.closes + timedelta(days=round_days)
    while closes <= now:
        closes += timedelta(days=round_days)
    return Round(previous.area_id, round_id(previous.closes), previous.closes, closes, tuple(priority_ids))


def carried_forward(previous: Sequence[str], approved: Sequence[str]) -> list[str]:
    """The same ballot as before, then any priority approved since, in the order approved."""
    return [*previous, *(pid for pid in approved if pid not in previous)]
