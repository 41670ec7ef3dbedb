"""`make nightly [AT=2027-01-31T02:00:00Z]`: the scheduled function, run now in the local runner.

The event is the one the schedule sends, with AT (default: now) as its scheduled time.
"""

import argparse
import sys
from datetime import UTC, datetime

from bobbies.domain.times import parse_utc, utc_text
from local.runner_info import live_runner_info_or_exit
from local.schedule import scheduled_event
from local.settings import runner_settings_or_exit
from local.template import functions


def _moment(text: str | None) -> datetime:
    if not text:
        return datetime.now(UTC)
    return parse_utc(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make nightly", description=__doc__)
    parser.add_argument("--at", help="the scheduled time, ISO 8601 (default: now)")
    args = parser.parse_args(argv)
    runner_settings_or_exit()
    try:
        moment = _moment(args.at)
    except ValueError:
        parser.error(f"--at {args.at!r} is not an ISO 8601 time, e.g. 2027-01-31T02:00:00Z")
    runner = live_runner_info_or_exit()
    scheduled = [(spec.logical_id, schedule) for spec in functions() for schedule in spec.schedules]
    if not scheduled:
        print("The template schedules no function.", file=sys.stderr)
        return 1
    function, schedule = scheduled[0]
    answer = runner.invoke(function, scheduled_event(schedule, moment))
    if answer["error"]:
        error = answer["error"]
        print(f"{function} at {utc_text(moment)} FAILED: {error['errorType']}: {error['errorMessage']}")
        return 1
    result = answer["result"]
    figures = (
        ", ".join(f"{key} {value}" for key, value in result.items()) if isinstance(result, dict) else result
    )
    print(f"{function} at {utc_text(moment)}: {figures} ({answer['durationMs']:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
