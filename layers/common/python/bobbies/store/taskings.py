"""Taskings, one per (area, round): stored before they are published, marked once they are."""

import base64
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice

from pynamodb.exceptions import PutError

from bobbies.domain.errors import InvalidInput
from bobbies.domain.model import Text
from bobbies.domain.tally import as_number
from bobbies.domain.tasking import ISSUED, Tasking
from bobbies.store.catalogue import text_of
from bobbies.store.models import TaskingModel, bound, condition_failed, storable_key

PENDING = "pending"
LISTED = "public"


@dataclass(frozen=True)
class TaskingRecord:
    area_id: str
    district_id: str
    round_id: str
    status: str
    priority_id: str | None
    priority_title: Text | None
    ballots: int
    average: float
    margin: float
    issued: datetime
    review: datetime | None
    outcome: Text | None
    published: bool


def create_once(tasking: Tasking, priority_title: Text | None) -> bool:
    """Stores the tasking unless this (area, round) already has one; True if this call made it."""
    item = bound(TaskingModel)(
        tasking.area_id,
        tasking.round_id,
        district_id=tasking.district_id,
        status=tasking.status,
        priority_id=tasking.priority_id,
        priority_title=priority_title,
        ballots=tasking.ballots,
        average=as_number(tasking.average, 4),
        margin=as_number(tasking.margin, 4),
        issued=tasking.issued,
        review=tasking.review,
        publish_pending=PENDING if tasking.status == ISSUED else None,
        listing=LISTED if listed_at_of(tasking) else None,
        listed_at=listed_at_of(tasking),
    )
    try:
        item.save(condition=TaskingModel.round_id.does_not_exist())
    except PutError as error:
        if condition_failed(error):
            return False
        raise
    return True


def _record(item: TaskingModel) -> TaskingRecord:
    return TaskingRecord(
        area_id=item.area_id,
        district_id=item.district_id,
        round_id=item.round_id,
        status=item.status,
        priority_id=item.priority_id,
        priority_title=text_of(item.priority_title) if item.priority_title else None,
        ballots=int(item.ballots),
        average=float(item.average),
        margin=float(item.margin),
        issued=item.issued,
        review=item.review,
        outcome=text_of(item.outcome) if item.outcome else None,
        published=item.published_at is not None,
    )


def get_tasking(area_id: str, round_id: str) -> TaskingRecord:
    return _record(bound(TaskingModel).get(area_id, round_id, consistent_read=True))


def awaiting_publication() -> list[tuple[str, str]]:
    """(area, round) of every tasking stored but not yet published, from the sparse index."""
    index = bound(TaskingModel).pending_publication
    return [(item.area_id, item.round_id) for item in index.query(PENDING)]


def mark_published(area_id: str, round_id: str, now: datetime) -> None:
    bound(TaskingModel)(area_id, round_id).update(
        actions=[TaskingModel.published_at.set(now), TaskingModel.publish_pending.remove()]
    )


def listed_at_of(tasking: Tasking) -> str | None:
    """The listed index's sort key; None for a tasking the public does not see (quorum not met)."""
    if tasking.status != ISSUED:
        return None
    issued = tasking.issued.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")  # fixed width: text order
    return f"{issued}#{tasking.area_id}"


@dataclass(frozen=True)
class TaskingsPage:
    taskings: list[TaskingRecord]
    next: str | None  # the cursor for the page after this one


def list_taskings(area_id: str | None, limit: int = 20, cursor: str | None = None) -> TaskingsPage:
    """Listed taskings newest first, a page at a time: an area's from the table (its rounds, newest
    first), everyone's from the sparse index. A cursor names the last tasking of the page before;
    one that names no listed tasking (forged, or of another area) is refused."""
    model = bound(TaskingModel)
    after = _tasking_at(cursor, area_id) if cursor else None
    if area_id:
        start = {"area_id": {"S": area_id}, "round_id": {"S": after.round_id}} if after else None
        items = model.query(
            area_id,
            filter_condition=TaskingModel.listing.exists(),
            scan_index_forward=False,
            last_evaluated_key=start,
            page_size=limit + 1,
        )
    else:
        start = _index_key(after) if after else None
        items = model.listed.query(
            LISTED, scan_index_forward=False, last_evaluated_key=start, page_size=limit + 1
        )
    found = list(islice(items, limit + 1))
    more = len(found) > limit
    return TaskingsPage(
        [_record(item) for item in found[:limit]], _cursor(found[limit - 1]) if more else None
    )


def taskings_of_area(area_id: str) -> list[TaskingRecord]:
    """Every tasking and quorum-not-met record of an area, in one query."""
    return [_record(item) for item in bound(TaskingModel).query(area_id)]


def _cursor(item: TaskingModel) -> str:
    return base64.urlsafe_b64encode(json.dumps([item.area_id, item.round_id]).encode()).decode()


def _tasking_at(cursor: str, area_id: str | None) -> TaskingModel:
    try:
        named = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
        named_area, named_round = named
        if not all(isinstance(key, str) and storable_key(key) for key in (named_area, named_round)):
            raise ValueError("not a key")
        item = bound(TaskingModel).get(named_area, named_round)
    except (ValueError, TypeError, UnicodeError, TaskingModel.DoesNotExist):
        raise InvalidInput("invalid_cursor") from None
    if item.listing != LISTED or (area_id and item.area_id != area_id):
        raise InvalidInput("invalid_cursor")
    return item


def _index_key(item: TaskingModel) -> dict[str, dict[str, str]]:
    return {
        "area_id": {"S": item.area_id},
        "round_id": {"S": item.round_id},
        "listing": {"S": LISTED},
        "listed_at": {"S": str(item.listed_at)},
    }
