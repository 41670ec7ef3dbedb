"""Folding ballot changes from the stream into the per-area, per-round aggregates - exactly once.

How it stays exact whatever the delivery (retries, duplicates, gaps, several shards, a shard
rollover, parallel invocations, records parked on the on-failure queue and replayed days later):
- Changes are new-minus-old deltas, and deltas commute: applying each change once, in any order,
  gives the same totals. A revote's MODIFY (old n, new n+1) applied before version n's INSERT
  goes negative for a moment and is exact once both are in.
- So what is guarded is each change's identity, never an order (domain.changes names them). A
  guard item per change is written in the same transaction as the aggregate: the transaction holds
  only if none of its guards exists yet, so a change delivered again is refused, named, dropped,
  and the rest written again. A record sent twice in one batch is one change.
- The aggregate write also holds only if its revision is still the one read, so two invocations
  folding into one aggregate at once cannot overwrite each other's totals.
- Any failure is reported for the aggregate's records, so the stream retries them; one given up
  on is parked and applied by a replay (usecases.replay), since nothing moved past it.
- A closed round's aggregate is rebuilt from its ballots of record by the nightly run and sealed
  (`rebuild_aggregate`); late records for it are then acknowledged and left out.
- A transaction holds 100 actions: the aggregate and 99 guards. Changes beyond that are folded
  into the same write with their ids left pending on the aggregate item; the aggregate's next
  write writes their guards first and takes them out, atomically (store.aggregates). A pending
  id counts as applied like a guard. A change about to go pending has no guard write to refuse
  it, so its guard is read first, after the aggregate: a guard written since would have moved
  the revision, and the write would not hold. So a batch costs one aggregate write for up to
  99 + MOST_PENDING (40) changes of one aggregate, less the ids already waiting; beyond that the
  rest waits for a second write.
- A ballot's channel and age band are counted the same way, in the same write: a revote that
  comes through another channel or gives another band is -1 for the old and +1 for the new.
"""

from collections.abc import Iterable
from itertools import groupby
from typing import NamedTuple

from bobbies.domain.changes import CAST, REMOVED, change_id
from bobbies.domain.model import Tally
from bobbies.domain.tally import CountedBallot, apply_change, tally_of
from bobbies.observability import count, logger
from bobbies.store import aggregates, counting
from bobbies.stream_event import StreamRecord

ATTEMPTS = 5


class AggregateContention(Exception):
    """Another invocation kept moving the aggregate; the records are retried by the stream."""


class Change(NamedTuple):
    area_id: str
    round_id: str
    id: str
    old: CountedBallot | None
    new: CountedBallot | None


def _version(ballot: counting.ImageBallot) -> tuple[str, int]:
    return ballot.ballot_id, ballot.version


def change_of(record: StreamRecord) -> Change | None:
    """The ballot change a record carries; None for a write that made no new ballot version, and
    for a ballot expiring (its round closed long ago: taking it out would rewrite the result)."""
    if record.expired:
        return None
    new, old = counting.from_image(record.new_image), counting.from_image(record.old_image)
    if new is not None and old is not None and _version(new) == _version(old):
        return None
    item, kind = (new, CAST) if new is not None else (old, REMOVED)
    assert item is not None
    round_key = counting.round_key(item.area_id, item.round_id)
    return Change(
        area_id=item.area_id,
        round_id=item.round_id,
        id=change_id(round_key, item.voter_hash, *_version(item), kind),
        old=old.counted if old is not None else None,
        new=new.counted if new is not None else None,
    )


def fold(area_id: str, round_id: str, changes: list[Change], read: aggregates.Aggregate | None = None) -> int:
    """Applies the changes not yet in the aggregate (as `read` just now, if given); returns how
    many it applied."""
    todo = {change.id: change for change in changes}  # a record sent twice is one change
    done, refused = 0, 0
    while todo:
        # A second pass reads afresh, the same way as the first (the role grants BatchGetItem only)
        aggregate = read or aggregates.read_aggregates([(area_id, round_id)])[(area_id, round_id)]
        read = None
        if aggregate.sealed:
            return done  # rebuilt from the ballots of record: every change is in it
        for key in aggregate.pending & todo.keys():
            del todo[key]  # folded in by an earlier write, its guard not written yet
        plan = aggregates.plan_write(aggregate.pending, list(todo))
        if plan.deferred and (known := aggregates.guarded(plan.deferred)):
            for key in known:  # no guard to refuse them in the write: dropped here
                del todo[key]
            continue
        live = aggregate.tally
        tally = Tally(
            live.ballots, dict(live.support), dict(live.backers), dict(live.channels), dict(live.bands)
        )
        for key in plan.folded:
            apply_change(tally, todo[key].old, todo[key].new)
        outcome = aggregates.write_tally(area_id, round_id, tally, aggregate.revision, plan)
        if outcome.written:
            done += len(plan.folded)
            for key in plan.folded:
                del todo[key]
            continue
        for applied in outcome.already_applied:
            del todo[applied]
        if not outcome.already_applied:  # another invocation wrote first: read again
            refused += 1
            if refused == ATTEMPTS:
                raise AggregateContention(f"{area_id}/{round_id}")
    return done


def apply_batch(records: Iterable[StreamRecord]) -> set[str]:
    """Folds a batch, its aggregates read in one request and each written once; returns the raw
    sequence numbers that failed."""
    changes = [(record, change_of(record)) for record in records]
    failed: set[str] = set()
    relevant = [(record, change) for record, change in changes if change is not None]
    count("RecordsWithoutChange", len(changes) - len(relevant))

    def aggregate_of(pair: tuple[StreamRecord, Change]) -> tuple[str, str]:
        return pair[1].area_id, pair[1].round_id

    groups = {
        key: list(group) for key, group in groupby(sorted(relevant, key=aggregate_of), key=aggregate_of)
    }
    first_reads = aggregates.read_aggregates(list(groups))  # one request, not one per aggregate
    for (area_id, round_id), pairs in groups.items():
        try:
            applied = fold(
                area_id, round_id, [change for _, change in pairs], first_reads.get((area_id, round_id))
            )
        except Exception:
            logger.exception("aggregate not updated", extra={"area": area_id, "round": round_id})
            failed.update(record.sequence_number for record, _ in pairs)
            continue
        count("RecordsApplied", applied)
        count("RecordsAlreadyApplied", len(pairs) - applied)
    return failed


def rebuild_aggregate(area_id: str, round_id: str, tally: Tally | None = None) -> bool:
    """Rebuilds a closed round's aggregate from its ballots of record (or the tally already made
    from them) and seals it; True when the live aggregate had drifted from them."""
    if tally is None:
        tally = tally_of(counting.counted_of_round(area_id, round_id))
    return aggregates.seal(area_id, round_id, tally)
