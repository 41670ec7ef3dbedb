"""The team's changes to a tasking, each one conditional write on the revision it was decided from:
two officers acting at once cannot lose an update - the second is told the tasking changed."""

from collections.abc import Iterator
from datetime import datetime
from typing import Any, NamedTuple

from pynamodb.exceptions import UpdateError

from bobbies.domain.errors import Conflict, NotFound
from bobbies.domain.lifecycle import Life
from bobbies.domain.model import Text
from bobbies.domain.tasking import Note, reference
from bobbies.store.models import NoteAttribute, TaskingModel, bound, condition_failed, storable_key
from bobbies.store.taskings import LISTED, progress_of


class Current(NamedTuple):
    """A tasking as read for a change: its lifecycle facts and the revision the change must find."""

    life: Life
    revision: int | None
    notes: tuple[Note, ...]
    reference: str


def read(area_id: str, round_id: str) -> Current:
    if not (storable_key(area_id) and storable_key(round_id)):
        raise NotFound("tasking_not_found")
    try:
        item = bound(TaskingModel).get(area_id, round_id, consistent_read=True)
    except TaskingModel.DoesNotExist:
        raise NotFound("tasking_not_found") from None
    revision = int(item.revision) if item.revision is not None else None
    quoted = item.reference or reference(item.area_id, item.round_id)
    return Current(_life(item), revision, progress_of(item).notes, quoted)


def _life(item: TaskingModel) -> Life:
    return Life(item.status, item.issued, item.review)


def _change(area_id: str, round_id: str, seen: Current, actions: list[Any]) -> None:
    model = bound(TaskingModel)
    unchanged = model.revision.does_not_exist() if seen.revision is None else model.revision == seen.revision
    try:
        model(area_id, round_id).update(
            actions=[*actions, model.revision.set((seen.revision or 0) + 1)],
            condition=model.round_id.exists() & (model.status == seen.life.status) & unchanged,
        )
    except UpdateError as error:
        if condition_failed(error):
            raise Conflict("tasking_changed") from None
        raise


def acknowledge(area_id: str, round_id: str, seen: Current, status: str, by: str, at: datetime) -> None:
    model = bound(TaskingModel)
    _change(
        area_id,
        round_id,
        seen,
        [model.status.set(status), model.acknowledged_at.set(at), model.acknowledged_by.set(by)],
    )


def add_note(area_id: str, round_id: str, seen: Current, note: Note) -> None:
    model = bound(TaskingModel)
    # The whole list, as read plus this note: the revision's condition makes that safe.
    notes = [NoteAttribute(text=n.text, at=n.at, by=n.by) for n in [*seen.notes, note]]
    _change(area_id, round_id, seen, [model.notes.set(notes)])


def complete(
    area_id: str, round_id: str, seen: Current, status: str, outcome: Text, by: str, at: datetime
) -> None:
    model = bound(TaskingModel)
    _change(
        area_id,
        round_id,
        seen,
        [
            model.status.set(status),
            model.outcome.set(outcome),
            model.completed_at.set(at),
            model.completed_by.set(by),
        ],
    )


class Open(NamedTuple):
    area_id: str
    round_id: str
    reference: str
    life: Life


def by_reference(quoted: str) -> tuple[str, str] | None:
    """(area, round) of the tasking or quorum-not-met record with this reference, if any. The index
    is eventually consistent, but a reference is written once, with its record, by the nightly job."""
    if not storable_key(quoted):
        return None
    found = next(iter(bound(TaskingModel).by_reference.query(quoted, limit=1)), None)
    return (found.area_id, found.round_id) if found else None


def listed_lives() -> Iterator[Open]:
    """Every tasking the public sees (issued or later), from the sparse index, newest first."""
    for item in bound(TaskingModel).listed.query(LISTED, scan_index_forward=False):
        yield Open(item.area_id, item.round_id, str(item.reference or ""), _life(item))
