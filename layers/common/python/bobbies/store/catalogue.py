"""Areas, their postcodes, priorities and rounds: read on every request, written by the seed and nightly."""

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from pynamodb.exceptions import PutError, UpdateError
from pynamodb.expressions.update import Action

from bobbies.domain.errors import NotFound
from bobbies.domain.model import Area, District, Priority, Round, RoundSettings, Text
from bobbies.store.models import (
    AreaModel,
    PostcodeModel,
    PriorityModel,
    RoundModel,
    bound,
    condition_failed,
    storable_key,
)


def text_of(value: Any) -> Text:
    raw = value.as_dict() if hasattr(value, "as_dict") else dict(value)
    return {"en": raw["en"], "cy": raw["cy"]}


def _text_or_none(value: Any) -> Text | None:
    return text_of(value) if value is not None else None


def _area(item: AreaModel) -> Area:
    return Area(
        id=item.area_id,
        name=text_of(item.name),
        name_in_text=_text_or_none(item.name_in_text),
        district=District(
            item.district_id, text_of(item.district_name), _text_or_none(item.district_name_in_text)
        ),
        budget=int(item.budget),
        quorum=int(item.quorum),
        round_days=int(item.round_days),
        team_language=item.team_language,
        current_round=item.current_round,
        pending=_pending(item),
        authority=_text_or_none(item.authority),
    )


def _pending(item: AreaModel) -> RoundSettings | None:
    """The settings waiting for the next round, if an admin changed any (each falls back to now's)."""
    waiting = (item.next_budget, item.next_quorum, item.next_round_days)
    if waiting == (None, None, None):
        return None
    now = (item.budget, item.quorum, item.round_days)
    chosen = (later if later is not None else current for later, current in zip(waiting, now, strict=True))
    return RoundSettings(*(int(value) for value in chosen))


def all_areas() -> list[Area]:
    return sorted((_area(item) for item in bound(AreaModel).scan()), key=lambda area: area.id)


def get_area(area_id: str) -> Area:
    if not storable_key(area_id):
        raise NotFound("area_not_found")
    try:
        return _area(bound(AreaModel).get(area_id))
    except AreaModel.DoesNotExist:
        raise NotFound("area_not_found") from None


def area_for_prefixes(prefixes: Sequence[str]) -> Area | None:
    for prefix in prefixes:
        try:
            return get_area(bound(PostcodeModel).get(prefix).area_id)
        except PostcodeModel.DoesNotExist:
            continue
    return None


def _priority(item: PriorityModel) -> Priority:
    return Priority(
        item.priority_id, text_of(item.title), text_of(item.description), item.status == "approved"
    )


def priorities(area_id: str, ids: Iterable[str]) -> list[Priority]:
    """The named priorities of an area, in the order named."""
    by_id = {item.priority_id: _priority(item) for item in bound(PriorityModel).query(area_id)}
    return [by_id[priority_id] for priority_id in ids if priority_id in by_id]


def approved_priority_ids(area_id: str) -> list[str]:
    items = [item for item in bound(PriorityModel).query(area_id) if item.status == "approved"]
    items.sort(key=lambda item: (item.decided_at or datetime.min, item.priority_id))
    return [item.priority_id for item in items]


def round_of_item(item: RoundModel) -> Round:
    return Round(
        item.area_id,
        item.round_id,
        item.opens,
        item.closes,
        tuple(map(str, item.priority_ids)),
        bool(item.closed),
        int(item.budget) if item.budget is not None else None,
        int(item.quorum) if item.quorum is not None else None,
    )


def get_round(area_id: str, round_id: str) -> Round:
    if not (storable_key(area_id) and storable_key(round_id)):
        raise NotFound("round_not_found")
    try:
        return round_of_item(bound(RoundModel).get(area_id, round_id))
    except RoundModel.DoesNotExist:
        raise NotFound("round_not_found") from None


def rounds_of_area(area_id: str) -> list[Round]:
    """Every round of the area, newest first (round ids sort as their opening times)."""
    return [round_of_item(item) for item in bound(RoundModel).query(area_id, scan_index_forward=False)]


def current_round(area: Area) -> Round:
    if not area.current_round:
        raise NotFound("round_not_found")
    return get_round(area.id, area.current_round)


def round_item(new: Round) -> RoundModel:
    return bound(RoundModel)(
        new.area_id,
        new.id,
        opens=new.opens,
        closes=new.closes,
        priority_ids=list(new.priority_ids),
        closed=False,
        budget=new.budget,
        quorum=new.quorum,
    )


def add_round_once(new: Round) -> None:
    """Creates the round unless a rerun already did; the priorities of an existing round never change."""
    try:
        round_item(new).save(condition=RoundModel.round_id.does_not_exist())
    except PutError as error:
        if not condition_failed(error):
            raise


def add_first_rounds(rounds: Iterable[Round]) -> None:
    """Opening rounds of areas that point at no round yet (the seed), in batches of 25.

    Unconditional, unlike add_round_once: a round no area points at has no ballots to lose."""
    with bound(RoundModel).batch_write() as batch:
        for new in rounds:
            batch.save(round_item(new))


def close_round(closed: Round) -> None:
    bound(RoundModel)(closed.area_id, closed.id).update(actions=[RoundModel.closed.set(True)])


def move_current_round(area_id: str, from_round: str | None, to_round: str) -> None:
    """Points the area at its new round, unless a rerun already moved it on. The settings an admin
    left for the next round take effect in the same write, as they stand at that moment, so a
    rerun cannot apply them twice and a change made meanwhile is not lost."""
    condition = (
        AreaModel.current_round == from_round if from_round else AreaModel.current_round.does_not_exist()
    )
    model = bound(AreaModel)
    actions: list[Action] = [
        model.current_round.set(to_round),
        model.budget.set(model.next_budget | model.budget),
        model.quorum.set(model.next_quorum | model.quorum),
        model.round_days.set(model.next_round_days | model.round_days),
        model.next_budget.remove(),
        model.next_quorum.remove(),
        model.next_round_days.remove(),
    ]
    try:
        model(area_id).update(actions=actions, condition=condition)
    except UpdateError as error:
        if not condition_failed(error):
            raise


def areas_in_district(district_id: str) -> Iterator[Area]:
    return (area for area in all_areas() if area.district.id == district_id)


def save_area(area: Area, authority: Text | None = None) -> None:
    area_item(area, authority).save()


def area_item(area: Area, authority: Text | None = None) -> AreaModel:
    return bound(AreaModel)(
        area.id,
        name=area.name,
        name_in_text=area.name_in_text,
        district_id=area.district.id,
        district_name=area.district.name,
        district_name_in_text=area.district.name_in_text,
        authority=authority,
        budget=area.budget,
        quorum=area.quorum,
        round_days=area.round_days,
        team_language=area.team_language,
        current_round=area.current_round,
    )


def save_areas(areas: Iterable[tuple[Area, Text | None]]) -> None:
    """Each area with its authority's name, in batches of 25 (the seed writes dozens at once)."""
    with bound(AreaModel).batch_write() as batch:
        for area, authority in areas:
            batch.save(area_item(area, authority))


def save_postcode(prefix: str, area_id: str) -> None:
    bound(PostcodeModel)(prefix, area_id=area_id).save()


def save_postcodes(area_of: Mapping[str, str]) -> None:
    """Postcode district or sector -> area id, in batches of 25."""
    with bound(PostcodeModel).batch_write() as batch:
        for prefix, area_id in area_of.items():
            batch.save(bound(PostcodeModel)(prefix, area_id=area_id))


def priority_item(area_id: str, priority: Priority, decided_at: datetime) -> PriorityModel:
    """The item of a priority; approved ones join the area's next ballot (approved_priority_ids)."""
    return bound(PriorityModel)(
        area_id,
        priority.id,
        title=priority.title,
        description=priority.description,
        status="approved" if priority.approved else "proposed",
        decided_at=decided_at,
    )


def save_priority(area_id: str, priority: Priority, decided_at: datetime) -> None:
    priority_item(area_id, priority, decided_at).save()


def save_priorities(priorities: Iterable[tuple[str, Priority]], decided_at: datetime) -> None:
    """(area id, priority) pairs, in batches of 25."""
    with bound(PriorityModel).batch_write() as batch:
        for area_id, priority in priorities:
            batch.save(priority_item(area_id, priority, decided_at))
