"""When rounds open and close, and when voting is open.

Rounds close at midnight in Europe/London (what residents read as "the end of the day"), whatever
the season; the nightly job runs at 02:00 London time, finds them closed and opens the next round.
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bobbies.domain.model import Round

LONDON = ZoneInfo("Europe/London")  # the tzdata package supplies it where the OS has no tz database
NIGHTLY_AT = time(2, 0)  # the nightly schedule in template.yaml: cron(0 2 * * ? *), Europe/London


def london_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=LONDON).astimezone(UTC)


def midnight_after(moment: datetime, days: int) -> datetime:
    """The London midnight that ends the day `days` days after `moment`'s London day."""
    return london_midnight(moment.astimezone(LONDON).date() + timedelta(days=days))


def ballots_kept_until(closes: datetime, retention_days: int) -> datetime:
    """When a round's ballots and receipts expire: its aggregate and tasking are the record then."""
    return closes + timedelta(days=retention_days)


def last_day(shown: Round) -> date:
    """The last day (in London) on which a ballot counts: the day the close ends."""
    return (shown.closes - timedelta(microseconds=1)).astimezone(LONDON).date()


def next_opening(shown: Round, now: datetime) -> datetime | None:
    """When voting next opens, if it is not open now (None if it is).

    A round not yet open opens at its `opens`; a round that is over is followed by the one the
    nightly job opens at its first 02:00 London run after the close.
    """
    if shown.is_open(now):
        return None
    if not shown.closed and now < shown.opens:
        return shown.opens
    after = max(shown.closes, now)
    local = after.astimezone(LONDON)
    run = datetime.combine(local.date(), NIGHTLY_AT, tzinfo=LONDON)
    if run <= local:
        run = datetime.combine(local.date() + timedelta(days=1), NIGHTLY_AT, tzinfo=LONDON)
    return run.astimezone(UTC)


def round_id(opens: datetime) -> str:
    return opens.astimezone(UTC).strftime("%Y-%m-%dT%H%MZ")


def first_round(area_id: str, now: datetime, round_days: int, priority_ids: Sequence[str]) -> Round:
    return Round(area_id, round_id(now), now, midnight_after(now, round_days), tuple(priority_ids))


def next_round(previous: Round, now: datetime, round_days: int, priority_ids: Sequence[str]) -> Round:
    """Opens when the last closed; runs whole round lengths (of London days) until it closes after
    `now`, so a job that was late (or a demo run far ahead) never opens a round already over."""
    closes = midnight_after(previous.closes, round_days)
    while closes <= now:
        closes = midnight_after(closes, round_days)
    return Round(previous.area_id, round_id(previous.closes), previous.closes, closes, tuple(priority_ids))


def carried_forward(previous: Sequence[str], approved: Sequence[str]) -> list[str]:
    """The same ballot as before, then any priority approved since, in the order approved."""
    return [*previous, *(pid for pid in approved if pid not in previous)]
