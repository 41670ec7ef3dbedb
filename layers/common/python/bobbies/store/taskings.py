"""Taskings, one per (area, round): stored before they are published, claimed by one nightly run
while it publishes them, and marked once they are."""

import base64
import json
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from itertools import islice
from typing import NamedTuple

from pynamodb.exceptions import PutError, UpdateError

from bobbies.domain.errors import Malformed
from bobbies.domain.model import Priority
from bobbies.domain.tally import as_number
from bobbies.domain.tasking import ISSUED, Note, Progress, RunnerUp, Tasking, TaskingRecord, reference
from bobbies.store.catalogue import text_of
from bobbies.store.models import TaskingModel, bound, condition_failed, storable_key

PENDING = "pending"
LISTED = "public"


def create_once(tasking: Tasking, chosen: Priority | None, runner_up: Priority | None) -> bool:
    """Stores the tasking unless this (area, round) already has one; True if this call made it."""
    item = bound(TaskingModel)(
        tasking.area_id,
        tasking.round_id,
        district_id=tasking.district_id,
        status=tasking.status,
        priority_id=tasking.priority_id,
        priority_title=chosen.title if chosen else None,
        priority_description=chosen.description if chosen else None,
        ballots=tasking.ballots,
        average=as_number(tasking.average, 4),
        margin=as_number(tasking.margin, 4),
        support=tasking.support,
        runner_up_id=tasking.runner_up_id,
        runner_up_title=runner_up.title if runner_up else None,
        runner_up_support=tasking.runner_up_support if tasking.runner_up_id else None,
        decided_by=tasking.decided_by if tasking.status == ISSUED else None,
        reference=tasking.reference,
        quorum=tasking.quorum,
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


def _exact(support: object, ballots: int, stored: object) -> Fraction:
    """From the stored whole numbers when present (records older than them keep their rounded figure)."""
    if support is not None and ballots:
        return Fraction(int(support), ballots)  # type: ignore[call-overload]
    return Fraction(str(stored))


def _record(item: TaskingModel) -> TaskingRecord:
    ballots = int(item.ballots)
    average = _exact(item.support, ballots, item.average)
    runner_up = None
    if item.runner_up_id:
        runner_up = RunnerUp(
            item.runner_up_id,
            text_of(item.runner_up_title) if item.runner_up_title else None,
            _exact(item.runner_up_support, ballots, 0),
        )
    exact_margin = average - runner_up.average if runner_up and item.support is not None else None
    return TaskingRecord(
        area_id=item.area_id,
        district_id=item.district_id,
        round_id=item.round_id,
        status=item.status,
        priority_id=item.priority_id,
        priority_title=text_of(item.priority_title) if item.priority_title else None,
        ballots=ballots,
        average=average,
        margin=exact_margin if exact_margin is not None else Fraction(str(item.margin)),
        issued=item.issued,
        review=item.review,
        outcome=text_of(item.outcome) if item.outcome else None,
        published=item.published_at is not None,
        reference=item.reference or reference(item.area_id, item.round_id),
        priority_description=text_of(item.priority_description) if item.priority_description else None,
        runner_up=runner_up,
        decided_by=item.decided_by,
        quorum=int(item.quorum) if item.quorum is not None else None,
        progress=progress_of(item),
    )


def progress_of(item: TaskingModel) -> Progress:
    return Progress(
        acknowledged=item.acknowledged_at,
        notes=tuple(Note(text_of(note.text), note.at, note.by) for note in item.notes or []),
        completed=item.completed_at,
        verdicts_yes=int(item.verdicts_yes or 0),
        verdicts_no=int(item.verdicts_no or 0),
        acknowledged_by=item.acknowledged_by,
        completed_by=item.completed_by,
    )


def get_tasking(area_id: str, round_id: str) -> TaskingRecord:
    return _record(bound(TaskingModel).get(area_id, round_id, consistent_read=True))


def awaiting_publication() -> list[tuple[str, str]]:
    """(area, round) of every tasking stored but not yet published, from the sparse index.

    The index is eventually consistent: it may still list one just published. Only `claim`,
    which reads the table itself, decides whether a tasking is still to be sent.
    """
    index = bound(TaskingModel).pending_publication
    return [(item.area_id, item.round_id) for item in index.query(PENDING)]


def claim(area_id: str, round_id: str, run_id: str, now: datetime, hold: timedelta) -> bool:
    """Takes the tasking for this run to publish: True only if it is still unpublished and no other
    run holds an unexpired claim on it. One conditional write, so two runs never both win."""
    model = bound(TaskingModel)
    free = model.claim_expires.does_not_exist() | (model.claim_expires < now)
    try:
        model(area_id, round_id).update(
            actions=[model.claimed_by.set(run_id), model.claim_expires.set(now + hold)],
            condition=model.publish_pending.exists() & free,
        )
    except UpdateError as error:
        if condition_failed(error):
            return False
        raise
    return True


def release(area_id: str, round_id: str, run_id: str) -> None:
    """Gives back a claim whose publish failed, so the next run tries at once (if still ours)."""
    model = bound(TaskingModel)
    try:
        model(area_id, round_id).update(
            actions=[model.claimed_by.remove(), model.claim_expires.remove()],
            condition=model.claimed_by == run_id,
        )
    except UpdateError as error:
        if not condition_failed(error):
            raise


def mark_published(area_id: str, round_id: str, now: datetime) -> None:
    model = bound(TaskingModel)
    model(area_id, round_id).update(
        actions=[
            model.published_at.set(now),
            model.publish_pending.remove(),
            model.claimed_by.remove(),
            model.claim_expires.remove(),
        ]
    )


def listed_at_of(tasking: Tasking) -> str | None:
    """The listed index's sort key; None for a tasking the public does not see (quorum not met)."""
    if tasking.status != ISSUED:
        return None
    issued = tasking.issued.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")  # fixed width: text order
    return f"{issued}#{tasking.area_id}"


class TaskingsPage(NamedTuple):
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


def listed_records(district_id: str | None, statuses: tuple[str, ...]) -> list[TaskingRecord]:
    """Listed taskings of a district (None: every district) in these statuses, newest first: the
    sparse index filtered, so only taskings the public sees (issued or later) are read at all."""
    model = bound(TaskingModel)
    wanted = model.status.is_in(*statuses)
    if district_id:
        wanted &= model.district_id == district_id
    items = model.listed.query(LISTED, filter_condition=wanted, scan_index_forward=False)
    return [_record(item) for item in items]


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
        raise Malformed("invalid_cursor") from None
    if item.listing != LISTED or (area_id and item.area_id != area_id):
        raise Malformed("invalid_cursor")
    return item


def _index_key(item: TaskingModel) -> dict[str, dict[str, str]]:
    return {
        "area_id": {"S": item.area_id},
        "round_id": {"S": item.round_id},
        "listing": {"S": LISTED},
        "listed_at": {"S": str(item.listed_at)},
    }
