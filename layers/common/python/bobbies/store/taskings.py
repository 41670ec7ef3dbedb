"""Taskings, one per (area, round): stored before they are published, marked once they are."""

from dataclasses import dataclass
from datetime import datetime

from pynamodb.exceptions import PutError

from bobbies.domain.model import Text
from bobbies.domain.tally import as_number
from bobbies.domain.tasking import ISSUED, Tasking
from bobbies.store.catalogue import text_of
from bobbies.store.models import TaskingModel, bound, condition_failed

PENDING = "pending"


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


def list_taskings(area_id: str | None = None) -> list[TaskingRecord]:
    model = bound(TaskingModel)
    items = model.query(area_id) if area_id else model.scan()
    records = [_record(item) for item in items]
    return sorted(records, key=lambda record: (record.issued, record.area_id), reverse=True)
