"""Taskings and results as open data: CSV for spreadsheets, and each area's priorities in the
shape police.uk publishes them: issue and action, with dates
(https://data.police.uk/docs/method/neighbourhood-priorities/)."""

import csv
import html
import io
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from bobbies.domain.ballot import AGE_BANDS, CHANNELS
from bobbies.domain.figures import figure
from bobbies.domain.model import Text
from bobbies.domain.tasking import TaskingRecord
from bobbies.store import catalogue, taskings
from bobbies.usecases.views import area_results, iso

Json = dict[str, Any]
PAGE = 100  # taskings read a page at a time for the exports; every listed tasking is exported
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would run as a formula


def last_change(record: TaskingRecord) -> datetime:
    """When anything the public sees of a tasking last changed (the Atom entry's `updated`)."""
    progress = record.progress
    moments = [record.issued, progress.acknowledged, progress.completed, *(n.at for n in progress.notes)]
    return max(moment for moment in moments if moment is not None)


def every_tasking(area_id: str | None) -> Iterator[TaskingRecord]:
    """Every listed tasking, newest first (an unknown area is an error, not an empty file)."""
    if area_id:
        catalogue.get_area(area_id)
    cursor = None
    while True:
        page = taskings.list_taskings(area_id, PAGE, cursor)
        yield from page.taskings
        if not page.next:
            return
        cursor = page.next


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: one that could start a formula gets a leading quote
    (OWASP's advice on CSV injection)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def as_csv(header: list[str], rows: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


def _both(text: Text | None) -> tuple[str, str]:
    return (text or {}).get("en", ""), (text or {}).get("cy", "")


TASKING_COLUMNS = [
    "reference", "area", "round", "status", "priority", "priority_en", "priority_cy",
    "average_support", "ballots", "quorum", "issued", "review", "acknowledged", "completed",
    "outcome_en", "outcome_cy", "made_a_difference", "no_difference",
]  # fmt: skip


def taskings_csv(area_id: str | None) -> str:
    rows: list[list[object]] = []
    for record in every_tasking(area_id):
        progress = record.progress
        rows.append(
            [
                record.reference,
                record.area_id,
                record.round_id,
                record.status,
                record.priority_id,
                *_both(record.priority_title),
                figure(record.average),
                record.ballots,
                record.quorum,
                iso(record.issued),
                iso(record.review),
                iso(progress.acknowledged),
                iso(progress.completed),
                *_both(record.outcome),
                progress.verdicts_yes,
                progress.verdicts_no,
            ]
        )
    return as_csv(TASKING_COLUMNS, rows)


RESULT_COLUMNS = ["area", "round", "opens", "closes", "rank", "priority", "title_en", "title_cy",
                  "support", "average_support", "ballots", "quorum", "quorum_met"]  # fmt: skip
# The round's ballots by channel and age band, the same on every row (as ballots and quorum are).
VOTER_COLUMNS = (
    [f"ballots_{channel}" for channel in CHANNELS]
    + [f"ballots_age_{band.replace('-', '_').replace('+', '_plus')}" for band in AGE_BANDS]
    + ["ballots_age_not_given"]
)


def results_csv(area_id: str, round_id: str | None) -> str:
    shown = area_results(catalogue.get_area(area_id), round_id)
    voters = [row["ballots"] for row in shown["channels"] + shown["ageBands"]]
    rows: list[list[object]] = [
        [
            shown["area"],
            shown["round"],
            shown["opens"],
            shown["closes"],
            standing["rank"],
            standing["id"],
            *_both(standing["title"]),
            standing["support"],
            standing["averageText"],
            shown["ballots"],
            shown["quorum"],
            str(shown["quorumMet"]).lower(),
            *voters,
        ]
        for standing in shown["priorities"]
    ]
    return as_csv(RESULT_COLUMNS + VOTER_COLUMNS, rows)


def _paragraphs(*texts: str) -> str:
    return "".join(f"<p>{html.escape(text)}</p>" for text in texts if text)


def priorities(area_id: str, lang: str) -> list[Json]:
    """The area's taskings as police.uk's neighbourhood priorities, newest first: the issue is the
    priority residents chose (issue-date: when it was given to the team); the action is the team's
    outcome, or its latest progress note until there is one (action-date: when it was written).
    Words in English, or in Welsh when asked (Accept-Language: cy); HTML as police.uk's are."""
    found = []
    for record in every_tasking(area_id):
        title = (record.priority_title or {}).get(lang, "")
        description = (record.priority_description or {}).get(lang, "")
        progress = record.progress
        action, action_date = None, None
        if record.outcome:
            action, action_date = record.outcome.get(lang, ""), progress.completed
        elif progress.notes:
            action, action_date = progress.notes[-1].text.get(lang, ""), progress.notes[-1].at
        found.append(
            {
                "issue": _paragraphs(title, description),
                "issue-date": _police_uk_date(record.issued),
                "action": _paragraphs(action) if action else None,
                "action-date": _police_uk_date(action_date),
            }
        )
    return found


def _police_uk_date(moment: datetime | None) -> str | None:
    """police.uk writes its dates without a zone ("2010-11-17T00:00:00"); ours are UTC."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S") if moment else None
