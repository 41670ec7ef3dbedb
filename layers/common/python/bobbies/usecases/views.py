"""The public API's read views, shaped as the page and other clients rely on them."""

from datetime import UTC, datetime
from fractions import Fraction
from typing import Any

from bobbies.domain import postcode
from bobbies.domain.errors import NotFound
from bobbies.domain.figures import both, figure
from bobbies.domain.model import Area, District, Priority, Round, Tally, Text
from bobbies.domain.rounds import last_day, next_opening
from bobbies.domain.tally import Decision, as_number, decision, quorum_met, standings
from bobbies.domain.tasking import ISSUED, Progress, TaskingRecord
from bobbies.domain.times import utc_text
from bobbies.notify.wording import decided_by, margin_text, quorum_text
from bobbies.settings import settings
from bobbies.store import aggregates, catalogue, taskings
from bobbies.usecases.voters import voters_view

Json = dict[str, Any]


def iso(moment: datetime | None) -> str | None:
    return utc_text(moment) if moment else None


def district_view(district: District) -> Json:
    return {"id": district.id, "name": district.name, "nameInText": district.in_text}


def area_view(area: Area) -> Json:
    """`name` stands alone (headings, lists); `nameInText` goes inside a sentence ("y Rhyl")."""
    return {
        "id": area.id,
        "name": area.name,
        "nameInText": area.in_text,
        "district": district_view(area.district),
        "budget": area.budget,
        "quorum": area.quorum,
    }


def round_view(shown: Round, now: datetime) -> Json:
    """A round with the server's verdict on voting (one rule: Round.is_open), its last whole day of
    voting in London (what residents read: "closes at the end of Wednesday 23 December") and,
    when voting is not open, when it next opens."""
    return {
        "id": shown.id,
        "opens": iso(shown.opens),
        "closes": iso(shown.closes),
        "lastDay": last_day(shown).isoformat(),
        "closed": shown.closed,
        "votingOpen": shown.is_open(now),
        "nextOpens": iso(next_opening(shown, now)),
    }


def priority_view(priority: Priority) -> Json:
    return {"id": priority.id, "title": priority.title, "description": priority.description}


def list_areas() -> Json:
    return {"areas": [area_view(area) for area in catalogue.all_areas()]}


def area(area_id: str) -> Json:
    """One area, as in the list: what a page opened on an area's link needs, without the whole list."""
    return {"area": area_view(catalogue.get_area(area_id))}


def find_postcode(raw: str) -> Json:
    area = catalogue.area_for_prefixes(postcode.lookup_prefixes(postcode.normalise(raw)))
    if area is None:
        raise NotFound("postcode_not_covered")
    return {"area": area_view(area)}


def ballot(area_id: str, now: datetime | None = None) -> Json:
    now = now or datetime.now(UTC)
    area = catalogue.get_area(area_id)
    shown = catalogue.current_round(area)
    return {
        "area": area_view(area),
        "round": round_view(shown, now),
        "budget": area.budget,
        "priorities": [priority_view(p) for p in catalogue.priorities(area.id, shown.priority_ids)],
        "verification": settings().verification,
    }


def _decision_view(decision: Decision | None, titles: dict[str, Text]) -> Json:
    """The leader's win as the page shows it: the runner-up, the lead, and the rule that decided."""
    if decision is None:
        return {
            "runnerUp": None,
            "margin": None,
            "marginText": None,
            "leadText": None,
            "decidedBy": None,
            "decidedByText": None,
        }
    second = decision.runner_up
    return {
        "runnerUp": _runner_up(second.priority_id, titles.get(second.priority_id), second.average)
        if second
        else None,
        "margin": as_number(decision.margin),
        "marginText": figure(decision.margin),
        "leadText": margin_text(decision.margin),
        "decidedBy": decision.decided_by,
        "decidedByText": decided_by(decision.decided_by),
    }


def _runner_up(priority_id: str, title: Text | None, average: Fraction) -> Json:
    return {"id": priority_id, "title": title, "average": as_number(average), "averageText": figure(average)}


def _results(area: Area, shown: Round, tally: Tally) -> Json:
    titles = {p.id: p.title for p in catalogue.priorities(area.id, shown.priority_ids)}
    ranked = standings(tally, shown.priority_ids)
    chosen = decision(ranked, tally)
    return {
        "area": area.id,
        "round": shown.id,
        "opens": iso(shown.opens),
        "closes": iso(shown.closes),
        "ballots": tally.ballots,
        "ballotsText": both("ballot", tally.ballots),
        "quorum": shown.quorum_in(area),
        "quorumMet": quorum_met(tally, shown.quorum_in(area)),
        "quorumText": quorum_text(tally.ballots, shown.quorum_in(area)),
        "priorities": [
            {
                "id": standing.priority_id,
                "title": titles.get(standing.priority_id),
                "support": standing.support,
                "average": as_number(standing.average),
                "averageText": figure(standing.average),
                "rank": standing.rank,
            }
            for standing in ranked
        ],
        "leader": chosen.leader.priority_id if chosen else None,
        **_decision_view(chosen, titles),
        **voters_view(area, tally),
    }


def results(area_id: str, round_id: str | None = None) -> Json:
    return area_results(catalogue.get_area(area_id), round_id)


def area_results(area: Area, round_id: str | None = None) -> Json:
    shown = catalogue.get_round(area.id, round_id) if round_id else catalogue.current_round(area)
    tally, _ = aggregates.read_tally(area.id, shown.id)
    return _results(area, shown, tally)


def district_results(district_id: str) -> Json:
    areas = list(catalogue.areas_in_district(district_id))
    if not areas:
        raise NotFound("district_not_found")
    rows = [area_results(area) for area in areas]  # the areas are in hand: no second read each
    return {
        "district": district_view(areas[0].district),
        "ballots": sum(row["ballots"] for row in rows),
        "areas": [
            {
                "id": area.id,
                "name": area.name,
                "nameInText": area.in_text,
                "round": row["round"],
                "closes": row["closes"],
                "ballots": row["ballots"],
                "quorumMet": row["quorumMet"],
                "leader": next(
                    (
                        {
                            "id": p["id"],
                            "title": p["title"],
                            "average": p["average"],
                            "averageText": p["averageText"],
                        }
                        for p in row["priorities"]
                        if p["id"] == row["leader"]
                    ),
                    None,
                ),
            }
            for area, row in zip(areas, rows, strict=True)
        ],
    }


def tasking_view(record: TaskingRecord) -> Json:
    issued = record.status == ISSUED
    second = record.runner_up
    return {
        "area": record.area_id,
        "district": record.district_id,
        "round": record.round_id,
        "reference": record.reference,
        "status": record.status,
        "priority": {
            "id": record.priority_id,
            "title": record.priority_title,
            "description": record.priority_description,
        }
        if record.priority_id
        else None,
        "average": as_number(record.average),
        "averageText": figure(record.average) if issued else None,
        "ballots": record.ballots,
        "ballotsText": both("ballot", record.ballots),
        "quorum": record.quorum,
        "quorumText": quorum_text(record.ballots, record.quorum) if record.quorum is not None else None,
        "margin": as_number(record.margin),
        "marginText": figure(record.margin) if issued else None,
        "leadText": margin_text(record.margin) if issued and second else None,
        "runnerUp": _runner_up(second.id, second.title, second.average) if second else None,
        "decidedBy": record.decided_by,
        "decidedByText": decided_by(record.decided_by),
        "issued": iso(record.issued),
        "review": iso(record.review),
        "outcome": record.outcome,
        **progress_view(record.progress),
    }


def progress_view(progress: Progress) -> Json:
    """The team's part as the public reads it: when acknowledged and completed, the notes (without
    the officers' ids) and the residents' verdicts, shown beside the outcome."""
    return {
        "acknowledged": iso(progress.acknowledged),
        "completed": iso(progress.completed),
        "notes": [{"text": note.text, "at": iso(note.at)} for note in progress.notes],
        "verdicts": {"madeADifference": progress.verdicts_yes, "noDifference": progress.verdicts_no},
    }


def list_taskings(area_id: str | None, limit: int = 20, cursor: str | None = None) -> Json:
    """Taskings the public sees (issued or later; a round short of its quorum is in the area's
    rounds instead), newest first, a page at a time: `next` is the cursor for the page after."""
    if area_id:
        catalogue.get_area(area_id)  # an unknown area is an error, not an empty list
    page = taskings.list_taskings(area_id, limit, cursor)
    return {"taskings": [tasking_view(record) for record in page.taskings], "next": page.next}


def rounds(area_id: str, now: datetime) -> Json:
    """An area's rounds newest first, each with its ballots and the tasking it made, if any, so
    closed rounds' results stay reachable (`/results?round=`). Three queries, whatever the count."""
    area = catalogue.get_area(area_id)
    live = aggregates.ballots_by_round(area.id)
    decided = {record.round_id: record for record in taskings.taskings_of_area(area.id)}
    return {
        "area": area.id,
        "quorum": area.quorum,
        "rounds": [
            _round_row(shown, now, area, live.get(shown.id, 0), decided.get(shown.id))
            for shown in catalogue.rounds_of_area(area.id)
        ],
    }


def _round_row(shown: Round, now: datetime, area: Area, live: int, record: TaskingRecord | None) -> Json:
    """A decided round shows the figures it was decided on; an open one its live count."""
    ballots = record.ballots if record else live
    quorum = record.quorum if record and record.quorum is not None else area.quorum
    return {
        **round_view(shown, now),
        "ballots": ballots,
        "quorum": quorum,
        "ballotsText": both("ballot", ballots),
        "quorumText": quorum_text(ballots, quorum),
        "tasking": _tasking_summary(record),
    }


def _tasking_summary(record: TaskingRecord | None) -> Json | None:
    if record is None:
        return None
    return {
        "status": record.status,
        "priority": {"id": record.priority_id, "title": record.priority_title}
        if record.priority_id
        else None,
    }
