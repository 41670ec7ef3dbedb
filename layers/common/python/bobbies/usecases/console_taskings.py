"""The police console's side of a tasking: what a team sees of its district's taskings (with the flags a
sergeant acts on) and what it does to one, found by the reference in its email.

An officer works on their own district's taskings only (the token's custom:district); an admin on
any. A tasking of another district is refused as such (403 wrong_district), not hidden as a 404: its
reference is public already (the residents' list and feed), so a 404 would hide nothing and would
only send the officer looking for a typing mistake.
"""

from datetime import datetime
from typing import Any

from bobbies.auth import Caller
from bobbies.domain import lifecycle
from bobbies.domain.errors import Forbidden, Malformed, NotFound
from bobbies.domain.model import Area
from bobbies.domain.tasking import QUOTABLE, TaskingRecord
from bobbies.store import catalogue, tasking_life, taskings
from bobbies.usecases import tasking_life as life
from bobbies.usecases.views import iso

Json = dict[str, Any]

STATUSES = {"open": lifecycle.LIVE, "all": (*lifecycle.LIVE, lifecycle.COMPLETED)}
WORKED_ON = STATUSES["all"]  # a quorum-not-met record has a reference too, but no work in it


def _district_asked(caller: Caller, asked: str | None) -> str | None:
    """The district to show: an officer's own (asking for another is refused); any, or all, for an admin."""
    if caller.is_admin():
        return asked or None
    if not caller.district:
        raise Forbidden("no_district")
    if asked and asked != caller.district:
        raise Forbidden("wrong_district")
    return caller.district


def _may_work_on(caller: Caller, record: TaskingRecord) -> None:
    if caller.is_admin():
        return
    if not caller.district:
        raise Forbidden("no_district")
    if record.district_id != caller.district:
        raise Forbidden("wrong_district")


def _flags(record: TaskingRecord, now: datetime) -> Json:
    life_now = lifecycle.Life(record.status, record.issued, record.review)
    reasons = lifecycle.overdue_reasons(life_now, now)
    return {
        "notAcknowledgedIn72h": lifecycle.UNACKNOWLEDGED in reasons,
        "pastReview": lifecycle.PAST_REVIEW in reasons,
    }


def tasking_view(record: TaskingRecord, area: Area | None, now: datetime) -> Json:
    """A tasking as its team reads it: the public's words and status, who did what, and its flags."""
    progress = record.progress
    return {
        "reference": record.reference,
        "area": record.area_id,
        "areaName": area.name if area else None,
        "district": record.district_id,
        "round": record.round_id,
        "priority": record.priority_title,
        "status": record.status,
        "issuedAt": iso(record.issued),
        "acknowledgedAt": iso(progress.acknowledged),
        "acknowledgedBy": progress.acknowledged_by,
        "reviewBy": iso(record.review),
        "flags": _flags(record, now),
        "progress": [{"at": iso(note.at), "note": note.text, "by": note.by} for note in progress.notes],
        "outcome": record.outcome,
        "completedAt": iso(progress.completed),
        "completedBy": progress.completed_by,
    }


def _areas() -> dict[str, Area]:
    return {area.id: area for area in catalogue.all_areas()}


def _known_district(district_id: str | None, areas: dict[str, Area]) -> None:
    if district_id and district_id not in {area.district.id for area in areas.values()}:
        raise NotFound("district_not_found")


def list_for(caller: Caller, district: str | None, status: str | None, now: datetime) -> Json:
    """The district's taskings (open by default: issued or acknowledged), newest first."""
    if (status or "open") not in STATUSES:
        raise Malformed("invalid_query")
    shown = _district_asked(caller, district)
    areas = _areas()
    _known_district(shown, areas)
    records = taskings.listed_records(shown, STATUSES[status or "open"])
    return {"taskings": [tasking_view(record, areas.get(record.area_id), now) for record in records]}


def _normal(reference: str) -> str | None:
    quoted = reference.strip().upper()
    code = quoted.replace("-", "")
    if len(code) != 8 or any(ch not in QUOTABLE for ch in code):
        return None
    return f"{code[:4]}-{code[4:]}"


def _found(caller: Caller, reference: str) -> TaskingRecord:
    quoted = _normal(reference)
    keys = tasking_life.by_reference(quoted) if quoted else None
    record = taskings.get_tasking(*keys) if keys else None
    if record is None or record.status not in WORKED_ON:
        raise NotFound("no_such_tasking")
    _may_work_on(caller, record)
    return record


def _shown(record: TaskingRecord, now: datetime) -> Json:
    fresh = taskings.get_tasking(record.area_id, record.round_id)
    return {"tasking": tasking_view(fresh, catalogue.get_area(fresh.area_id), now)}


def get_for(caller: Caller, reference: str, now: datetime) -> Json:
    record = _found(caller, reference)
    return {"tasking": tasking_view(record, catalogue.get_area(record.area_id), now)}


def acknowledge(caller: Caller, reference: str, now: datetime) -> Json:
    record = _found(caller, reference)
    life.acknowledge(record.area_id, record.round_id, caller.username, now)
    return _shown(record, now)


def add_progress(caller: Caller, reference: str, note: object, now: datetime) -> Json:
    record = _found(caller, reference)
    life.add_progress(record.area_id, record.round_id, caller.username, note, now)
    return _shown(record, now)


def complete(caller: Caller, reference: str, outcome: object, now: datetime) -> Json:
    record = _found(caller, reference)
    life.complete_with_outcome(record.area_id, record.round_id, caller.username, outcome, now)
    return _shown(record, now)


def currency(caller: Caller, district: str | None, now: datetime) -> Json:
    """Every area (of the district shown) with how old its current tasking is: stale once older than
    the Neighbourhood Policing Guarantee's three months, or when it never had one."""
    shown = _district_asked(caller, district)
    areas = _areas()
    _known_district(shown, areas)
    ages = {found.area_id: found for found in life.currency(now)}
    rows = []
    for area in sorted(areas.values(), key=lambda a: (a.district.id, a.name["en"])):
        if shown and area.district.id != shown:
            continue
        age = ages.get(area.id)
        rows.append(
            {
                "areaId": area.id,
                "name": area.name,
                "district": area.district.id,
                "currentTasking": age.reference if age else None,
                "ageDays": age.age_days if age else None,
                "stale": not (age and age.current),
            }
        )
    return {"areas": rows}
