"""Folding ballot changes from the stream into the per-area, per-round aggregates - exactly once.

How it stays exact under at-least-once delivery:
- Ballots are partitioned by round, so every change to one aggregate arrives through one shard,
  in order, each with a larger sequence number than the one before.
- The aggregate keeps `applied_through`, the last sequence number folded into it. A change at or
  below it was counted already (a redelivered batch, a retried tail, a crash after the write but
  before the response) and is skipped.
- The new totals and the new `applied_through` go in one conditional write that holds only if
  `applied_through` is still what was read: totals and position move together or not at all, and
  two invocations racing on one aggregate cannot both win.
- Changes are new-minus-old, so a revote moves bobbies rather than adding them, and a batch of
  100 ballots for one round is one read and one write.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from typing import Any

from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord

from bobbies.domain.tally import apply_change
from bobbies.observability import count, logger
from bobbies.store import aggregates

ATTEMPTS = 5


class AggregateContention(Exception):
    """Another invocation kept moving the aggregate; the records are retried by the stream."""


@dataclass(frozen=True)
class Change:
    area_id: str
    round_id: str
    sequence: str  # zero-padded: text order is stream order
    old: dict[str, int] | None
    new: dict[str, int] | None


def _allocations(image: dict[str, Any] | None) -> dict[str, int] | None:
    if image is None:
        return None
    raw: dict[str, Decimal] = image.get("allocations") or {}
    return {priority_id: int(bobbies) for priority_id, bobbies in raw.items()}


def change_of(record: DynamoDBRecord) -> Change:
    stream = record.dynamodb
    assert stream is not None and stream.sequence_number is not None
    new, old = stream.new_image or None, stream.old_image or None
    image = new or old or {}
    return Change(
        area_id=str(image["area_id"]),
        round_id=str(image["round_id"]),
        sequence=aggregates.sequence_key(stream.sequence_number),
        old=_allocations(old),
        new=_allocations(new),
    )


def fold(area_id: str, round_id: str, changes: list[Change]) -> int:
    """Applies the changes not yet in the aggregate, in one conditional write; returns how many."""
    unique = sorted(
        {change.sequence: change for change in changes}.items()
    )  # a record sent twice counts once
    for _ in range(ATTEMPTS):
        tally, through = aggregates.read_tally(area_id, round_id)
        fresh = [change for sequence, change in unique if through is None or sequence > through]
        if not fresh:
            return 0
        for change in fresh:
            apply_change(tally, change.old, change.new)
        if aggregates.write_tally(area_id, round_id, tally, fresh[-1].sequence, through):
            return len(fresh)
    raise AggregateContention(f"{area_id}/{round_id}")


def apply_batch(records: Iterable[DynamoDBRecord]) -> set[str]:
    """Folds a batch, one write per aggregate; returns the raw sequence numbers that failed."""
    changes = [(record, change_of(record)) for record in records]
    failed: set[str] = set()

    def aggregate_of(pair: tuple[DynamoDBRecord, Change]) -> tuple[str, str]:
        return pair[1].area_id, pair[1].round_id

    for (area_id, round_id), group in groupby(sorted(changes, key=aggregate_of), key=aggregate_of):
        pairs = sorted(group, key=lambda pair: pair[1].sequence)
        try:
            applied = fold(area_id, round_id, [change for _, change in pairs])
        except Exception:
            logger.exception("aggregate not updated", extra={"area": area_id, "round": round_id})
            failed.update(str(record.dynamodb.sequence_number) for record, _ in pairs if record.dynamodb)
            continue
        count("RecordsApplied", applied)
        count("RecordsSkipped", len(pairs) - applied)
    return failed
