"""EventBridge Scheduler, locally: runs a function on its template schedule, in its time zone.

Supports cron(min hour day-of-month month day-of-week year) with *, ?, lists, ranges, steps and
month/day names, and rate(N unit). Runs missed while the stack was down are not made up, as on AWS.
"""

import json
import re
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bobbies.domain.times import utc_text
from local.template import Schedule

_MONTHS = {
    name: i
    for i, name in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1
    )
}
_DAYS = {name: i for i, name in enumerate(["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"], 1)}
_FIELDS: tuple[tuple[int, int, dict[str, int]], ...] = (  # (low, high, names) per cron field
    (0, 59, {}),
    (0, 23, {}),
    (1, 31, {}),
    (1, 12, _MONTHS),
    (1, 7, _DAYS),
    (1970, 2199, {}),
)


def _values(text: str, low: int, high: int, names: dict[str, int]) -> set[int]:
    if text in ("*", "?"):
        return set(range(low, high + 1))
    found: set[int] = set()
    for part in text.split(","):
        span, _, step = part.partition("/")
        if span == "*":
            first, last = low, high
        else:
            start, _, end = span.partition("-")
            first = names.get(start.upper()) or int(start)
            last = (names.get(end.upper()) or int(end)) if end else (high if step else first)
        found.update(range(first, last + 1, int(step or 1)))
    return found


@dataclass(frozen=True)
class Cron:
    minutes: set[int]
    hours: set[int]
    days: set[int]
    months: set[int]
    weekdays: set[int]  # 1 = Sunday, as AWS counts
    years: set[int]
    any_day: bool  # day-of-month was ? or *: only the weekday field restricts
    any_weekday: bool

    @classmethod
    def parse(cls, fields: str) -> "Cron":
        parts = fields.split()
        if len(parts) != 6 or any(mark in fields for mark in "LW#"):
            raise ValueError(f"unsupported cron expression: cron({fields})")
        minutes, hours, days, months, weekdays, years = (
            _values(part, *spec) for part, spec in zip(parts, _FIELDS, strict=True)
        )
        return cls(
            minutes,
            hours,
            days,
            months,
            weekdays,
            years,
            any_day=parts[2] in ("?", "*"),
            any_weekday=parts[4] in ("?", "*"),
        )

    def matches_day(self, day: date) -> bool:
        weekday = (day.weekday() + 1) % 7 + 1
        if day.month not in self.months or day.year not in self.years:
            return False
        if self.any_day:
            return weekday in self.weekdays
        if self.any_weekday:
            return day.day in self.days
        return day.day in self.days or weekday in self.weekdays

    def next_after(self, moment: datetime, zone: ZoneInfo) -> datetime:
        """The first firing strictly after moment, in UTC."""
        local = moment.astimezone(zone)
        for offset in range(366 * 5):
            day = local.date() + timedelta(days=offset)
            if not self.matches_day(day):
                continue
            for hour in sorted(self.hours):
                for minute in sorted(self.minutes):
                    candidate = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
                    if candidate.astimezone(UTC).astimezone(zone).hour != hour:
                        continue  # a wall-clock time skipped by the clocks going forward
                    if candidate > moment:
                        return candidate.astimezone(UTC)
        raise ValueError("the schedule never fires")


def next_firing(schedule: Schedule, after: datetime) -> datetime:
    expression = schedule.expression.strip()
    if cron := re.fullmatch(r"cron\((.+)\)", expression):
        return Cron.parse(cron.group(1)).next_after(after, ZoneInfo(schedule.timezone))
    if rate := re.fullmatch(r"rate\((\d+)\s+(minute|hour|day)s?\)", expression):
        return after + timedelta(**{rate.group(2) + "s": int(rate.group(1))})
    raise ValueError(f"unsupported schedule expression: {expression}")


def scheduled_event(schedule: Schedule, moment: datetime) -> Any:
    """The payload the scheduler sends: the template's Input, its context attributes filled in."""
    if schedule.input is None:
        return {"scheduledTime": utc_text(moment)}
    text = schedule.input.replace("<aws.scheduler.scheduled-time>", utc_text(moment))
    text = text.replace("<aws.scheduler.execution-id>", str(uuid.uuid4()))
    return json.loads(text)


class Scheduler(threading.Thread):
    def __init__(
        self,
        function: str,
        schedule: Schedule,
        run: Callable[[str, Any], None],
        stop: threading.Event,
    ) -> None:
        super().__init__(name=f"schedule-{function}", daemon=True)
        self.function, self.schedule, self.run_function, self.stop = function, schedule, run, stop

    def next_firing(self) -> datetime:
        return next_firing(self.schedule, datetime.now(UTC))

    def run(self) -> None:
        while not self.stop.is_set():
            due = self.next_firing()
            # Wake at least once a minute, so a suspended laptop does not oversleep by hours.
            while not self.stop.is_set() and datetime.now(UTC) < due:
                self.stop.wait(min(60.0, (due - datetime.now(UTC)).total_seconds()))
            if not self.stop.is_set():
                self.run_function(self.function, scheduled_event(self.schedule, due))
