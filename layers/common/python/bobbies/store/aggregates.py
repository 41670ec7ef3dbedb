"""Per-area, per-round aggregates, and the guards that say which ballot changes are in them."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from pynamodb.exceptions import TransactWriteError, UpdateError
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
    condition_failed,
    connection,
)

# A transaction holds at most 100 actions: the aggregate and 99 guards.
CHANGES_PER_WRITE = 99
# Far longer than a stream keeps a record (24 hours), so a late delivery still finds its guard,
# and than any round, so a receipt can still tell whether its ballot is in the results.
GUARD_LIFETIME = timedelta(days=400)
ATTEMPTS = 5


@dataclass(frozen=True)
class Aggregate:
    tally: Tally
    revision: int  # 0: never written
    sealed: bool


@dataclass(frozen=True)
class WriteOutcome:
    written: bool
    already_applied: set[str] = field(default_factory=set)  # changes whose guards were there already


class SealContention(Exception):
    """The stream kept moving the aggregate while it was being rebuilt; the run is retried."""


def read_aggregate(area_id: str, round_id: str) -> Aggregate:
    try:
        item = bound(AggregateModel).get(area_id, round_id, consistent_read=True)
    except AggregateModel.DoesNotExist:
        return Aggregate(Tally(), 0, False)
    tally = Tally(
        int(item.ballots),
        as_ints(item.support),
        as_ints(item.backers),
        as_ints(item.channels),
        as_ints(item.bands),
    )
    return Aggregate(tally, int(item.revision or 0), bool(item.sealed))


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


def write_tally(
    area_id: str, round_id: str, tally: Tally, read_revision: int, change_ids: Sequence[str]
) -> WriteOutcome:
    """Stores the tally and a guard for each change folded into it, all or nothing, in one transaction.

    It holds only if no guard exists yet (no change is counted twice), nobody wrote the aggregate
    since it was read at `read_revision` (two invocations cannot both win) and it is not sealed.
    When it does not hold, says which changes were applied already, so the caller drops them.
    """
    assert len(change_ids) <= CHANGES_PER_WRITE
    guard, model = bound(AppliedChangeModel), bound(AggregateModel)
    try:
        with TransactWrite(connection=connection()) as transaction:
            for change_id in change_ids:
                transaction.save(
                    guard(change_id, expires=GUARD_LIFETIME), condition=guard.change_id.does_not_exist()
                )
            transaction.update(
                model(area_id, round_id),
                actions=_tally_actions(tally, read_revision),
                condition=_unchanged_since(read_revision) & model.sealed.does_not_exist(),
            )
    except TransactWriteError as error:
        reasons = [reason.code if reason else "None" for reason in error.cancellation_reasons or []]
        if not reasons or set(reasons) - {"None", "ConditionalCheckFailed", "TransactionConflict"}:
            raise
        applied = {
            change_id
            for change_id, reason in zip(change_ids, reasons, strict=False)
            if reason == "ConditionalCheckFailed"
        }
        return WriteOutcome(False, applied)
    return WriteOutcome(True)


def applied(change_ids: Sequence[str]) -> set[str]:
    """Which of these changes are folded into their aggregates."""
    model = bound(AppliedChangeModel)
    found = model.batch_get(list(dict.fromkeys(change_ids)), consistent_read=True)
    return {item.change_id for item in found}


def seal(area_id: str, round_id: str, tally: Tally) -> bool:
    """Sets a closed round's aggregate to `tally` (from its ballots of record) and seals it, so stream
    records that come late (a replay, a retry) leave it alone. True when the live one had drifted."""
    model = bound(AggregateModel)
    for _ in range(ATTEMPTS):
        live = read_aggregate(area_id, round_id)
        try:
            model(area_id, round_id).update(
                actions=[*_tally_actions(tally, live.revision), model.sealed.set(True)],
                condition=_unchanged_since(live.revision),
            )
        except UpdateError as error:
            if condition_failed(error):
                continue
            raise
        return not same_tally(live.tally, tally)
    raise SealContention(f"{area_id}/{round_id}")
