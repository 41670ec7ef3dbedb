"""An admin looks after the force's areas: names and postcode coverage change at once; budget,
quorum and round length wait for the area's next round, which the nightly job opens (and applies
them in the same write), so the open round's ballot keeps the budget residents are sharing out.

A new area's first round opens at once and runs its round length, as a seeded area's does. Its
ballot starts empty: residents can suggest priorities straight away, and those a moderator
approves join the ballot of the round the nightly job opens next.
"""

from datetime import datetime
from typing import Any

from bobbies.domain.areas import area_change, new_area_id
from bobbies.domain.model import Area, RoundSettings
from bobbies.domain.rounds import first_round
from bobbies.store import area_admin, catalogue

Json = dict[str, Any]


def _settings_view(settings: RoundSettings) -> Json:
    return {"budget": settings.budget, "quorum": settings.quorum, "roundDays": settings.round_days}


def admin_view(area: Area, postcodes: list[str]) -> Json:
    return {
        "id": area.id,
        "name": area.name,
        "nameInText": area.in_text,
        "district": area.district.id,
        "postcodes": postcodes,
        **_settings_view(RoundSettings(area.budget, area.quorum, area.round_days)),
        "next": _settings_view(area.pending) if area.pending else None,
        "currentRound": area.current_round,
    }


def list_areas() -> Json:
    held = area_admin.coverage()
    return {"areas": [admin_view(area, held.get(area.id, [])) for area in catalogue.all_areas()]}


def _shown(area_id: str) -> Json:
    return {"area": admin_view(catalogue.get_area(area_id), area_admin.coverage().get(area_id, []))}


def create_area(body: Any, now: datetime) -> Json:
    change = area_change(body, creating=True)  # first: is it an area at all
    area_id = new_area_id(body)
    assert change.name and change.district and change.postcodes  # creating needs every field
    assert change.budget and change.quorum and change.round_days
    first = first_round(area_id, now, change.round_days, [])._replace(
        budget=change.budget, quorum=change.quorum
    )
    area = Area(
        id=area_id,
        name=change.name,
        name_in_text=change.name_in_text,
        district=area_admin.district(change.district),
        budget=change.budget,
        quorum=change.quorum,
        round_days=change.round_days,
        team_language="cy",  # the unfiltered copy of a tasking (a force system's queue) comes Welsh first
        current_round=first.id,
    )
    area_admin.create(area, change.postcodes, first)
    return _shown(area_id)


def edit_area(area_id: str, body: Any) -> Json:
    area = catalogue.get_area(area_id)
    change = area_change(body)
    moving = area_admin.district(change.district) if change.district not in (None, area.district.id) else None
    area_admin.edit(area, change, moving)
    return _shown(area_id)
