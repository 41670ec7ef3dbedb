"""Per-area, per-round aggregates, and the guards that say which ballot changes are in them.

A change is in an aggregate when its guard item exists, or while its id is pending on the
aggregate item: folded into the tally by a write that had no room left for its guard (a
transaction holds 100 actions). The aggregate's next write writes the guard first and takes the
id out of pending in the same transaction, so a change is always one or the other.
"""

from collections.abc import Sequence
from datetime import timedelta
from typing import NamedTuple

from pynamodb.exceptions import TransactWriteError
from pynamodb.expressions.condition import Condition
from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite

from bobbies.domain.model import Tally
from bobbies.domain.tally import same_tally
from bobbies.store.models import (
    AggregateModel,
    AppliedChangeModel,
    as_ints,
    bound,
    connection,
)

# A transaction holds at most 100 actions: the aggregate and 99 guards.
GUARDS_PER_WRITE = 99
# Ids pending on one aggregate at most: 40 of 22 characters are under 900 bytes, so with the counts
# (a few hundred bytes) the item stays near 1 KB, and a full set costs one more write unit (two in a
# transaction) on each write of the aggregate. Beyond it, a batch's overflow waits for a second write.
MOST_PENDING = 40
# Far longer than a stream keeps a record (24 hours), so a late delivery still finds its guard,
# and than any round, so a receipt can still tell whether its ballot is in the results.
GUARD_LIFETIME = timedelta(days=400)
ATTEMPTS = 5


class Aggregate(NamedTuple):
    tally: Tally
    revision: int  # 0: never written
    sealed: bool
    pending: frozenset[str] = frozenset()  # changes in the tally whose guards are not written yet


class WriteOutcome(NamedTuple):
    written: bool
    already_applied: frozenset[str] = frozenset()  # changes whose guards were there already


class WritePlan(NamedTuple):
    """Which changes one write of an aggregate folds in, and which guards it writes."""

    guarded: list[str]  # new changes, guarded now (refused, all or nothing, if guarded already)
    deferred: list[str]  # new changes folded in with their ids left pending: no room for guards
    flushed: list[str]  # pending changes whose guards are written now, leaving pending
    pending: frozenset[str]  # the aggregate's pending ids after the write

    @property
    def folded(self) -> list[str]:
        return self.guarded + self.deferred


def plan_write(pending: frozenset[str], new: Sequence[str]) -> WritePlan:
    """Guards for pending changes first (an id waits only for the aggregate's next write), then for
    as many new changes as fit; new changes beyond go pending while there is room, and the rest
    wait for another write."""
    flushed = sorted(pending)[:GUARDS_PER_WRITE]
    guarded = list(new[: GUARDS_PER_WRITE - len(flushed)])
    room = MOST_PENDING - len(pending) + len(flushed)
    deferred = list(new[len(guarded) : len(guarded) + room])
    return WritePlan(guarded, deferred, flushed, (pending - set(flushed)) | set(deferred))


NEVER_WRITTEN = Aggregate(Tally(), 0, False)


class SealContention(Exception):
    """The stream kept moving the aggregate while it was being rebuilt; the run is retried."""


def read_aggregate(area_id: str, round_id: str) -> Aggregate:
    try:
        return _aggregate(bound(AggregateModel).get(area_id, round_id, consistent_read=True))
    except AggregateModel.DoesNotExist:
        return NEVER_WRITTEN


def read_aggregates(keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], Aggregate]:
    """Several (area, round) aggregates, consistently, in one request (BatchGetItem, 100 a time):
    a stream batch's first reads."""
    found = bound(AggregateModel).batch_get(list(keys), consistent_read=True)
    read = {(item.area_id, item.round_id): _aggregate(item) for item in found}
    return {key: read.get(key, NEVER_WRITTEN) for key in keys}


def _aggregate(item: AggregateModel) -> Aggregate:
    tally = Tally(
        int(item.ballots),
        as_ints(item.support),
        as_ints(item.backers),
        as_ints(item.channels),
        as_ints(item.bands),
    )
    return Aggregate(tally, int(item.revision or 0), bool(item.sealed), frozenset(item.pending or ()))


def ballots_by_round(area_id: str) -> dict[str, int]:
    """The live ballot count of each of the area's rounds, in one query."""
    return {item.round_id: int(item.ballots) for item in bound(AggregateModel).query(area_id)}


def read_tally(area_id: str, round_id: str) -> tuple[Tally, bool]:
    """The live tally, and whether it was rebuilt from the ballots of record (sealed)."""
    aggregate = read_aggregate(area_id, round_id)
    return aggregate.tally, aggregate.sealed


def _unchanged_since(revision: int) -> Condition:
    model = bound(AggregateModel)
    return model.revision == revision if revision else model.revision.does_not_exist()


def _tally_actions(tally: Tally, revision: int) -> list[Action]:
    model = bound(AggregateModel)
    return [
        model.ballots.set(tally.ballots),
        model.support.set(tally.support),
        model.backers.set(tally.backers),
        model.channels.set(tally.channels),
        model.bands.set(tally.bands),
        model.revision.set(revision + 1),
    ]


def _pending_action(pending: frozenset[str]) -> Action:
    model = bound(AggregateModel)
    return model.pending.set(set(pending)) if pending else model.pending.remove()  # no empty sets


def _refusals(error: TransactWriteError) -> list[str]:
    """Each action's reason, when a condition or another transaction refused the write; a fault
    (throttling, validation) is raised again."""
    reasons = [reason.code if reason else "None" for reason in error.cancellation_reasons or []]
    if not reasons or set(reasons) - {"None", "ConditionalCheckFailed", "TransactionConflict"}:
        raise error
    return reasons


def write_tally(
    area_id: str, round_id: str, tally: Tally, read_revision: int, plan: WritePlan
) -> WriteOutcome:
    """Stores the tally (with the plan's changes folded in), the plan's guards and its pending ids,
    all or nothing, in one transaction.

    It holds only if no guarded change's guard exists yet (no change is counted twice), nobody
    wrote the aggregate since it was read at `read_revision` (two invocations cannot both win; the
    deferred changes' guards were read after it, and any guard is written with a new revision) and
    it is not sealed. When it does not hold, says which changes were applied already.
    """
    assert len(plan.guarded) + len(plan.flushed) <= GUARDS_PER_WRITE and len(plan.pending) <= MOST_PENDING
    guard, model = bound(AppliedChangeModel), bound(AggregateModel)
    try:
        with TransactWrite(connection=connection()) as transaction:
            for change_id in plan.guarded:
                transaction.save(
                    guard(change_id, expires=GUARD_LIFETIME), condition=guard.change_id.does_not_exist()
                )
            for change_id in plan.flushed:
                transaction.save(guard(change_id, expires=GUARD_LIFETIME))
            transaction.update(
                model(area_id, round_id),
                actions=[*_tally_actions(tally, read_revision), _pending_action(plan.pending)],
                condition=_unchanged_since(read_revision) & model.sealed.does_not_exist(),
            )
    except TransactWriteError as error:
        reasons = _refusals(error)
        applied = frozenset(
            change_id
            for change_id, reason in zip(plan.guarded, reasons, strict=False)
            if reason == "ConditionalCheckFailed"
        )
        return WriteOutcome(False, applied)
    return WriteOutcome(True)


def guarded(change_ids: Sequence[str]) -> set[str]:
    """Which of these changes have their guard items."""
    model = bound(AppliedChangeModel)
    found = model.batch_get(list(dict.fromkeys(change_ids)), consistent_read=True)
    return {item.change_id for item in found}


def applied(area_id: str, round_id: str, change_ids: Sequence[str]) -> set[str]:
    """Which of these changes (of this aggregate) are folded into it: pending on it, or guarded.
    The aggregate is read first: an id leaves pending only as its guard is written."""
    pending = read_aggregate(area_id, round_id).pending
    return set(pending & set(change_ids)) | guarded(change_ids)


def seal(area_id: str, round_id: str, tally: Tally) -> bool:
    """Sets a closed round's aggregate to `tally` (from its ballots of record) and seals it, so stream
    records that come late (a replay, a retry) leave it alone. True when the live one had drifted.
    Its pending ids get their guards in the same transaction, so they still read as applied."""
    guard, model = bound(AppliedChangeModel), bound(AggregateModel)
    for _ in range(ATTEMPTS):
        live = read_aggregate(area_id, round_id)
        try:
            with TransactWrite(connection=connection()) as transaction:
                for change_id in live.pending:
                    transaction.save(guard(change_id, expires=GUARD_LIFETIME))
                transaction.update(
                    model(area_id, round_id),
                    actions=[
                        *_tally_actions(tally, live.revision),
                        model.sealed.set(True),
                        _pending_action(frozenset()),
                    ],
                    condition=_unchanged_since(live.revision),
                )
        except TransactWriteError as error:
            _refusals(error)
            continue
        return not same_tally(live.tally, tally)
    raise SealContention(f"{area_id}/{round_id}")
