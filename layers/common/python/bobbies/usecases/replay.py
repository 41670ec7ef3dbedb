"""Replaying a parked batch: the records are read again from the stream and folded as usual.

Nothing moved past them (each change is guarded by its identity, not by a stream position), so a
replay applies what was not applied and recognises what was, however late it comes.
"""

from collections.abc import Callable
from typing import Any

from bobbies.observability import count, logger
from bobbies.store.stream import ParkedBatch, parked_batch, read_parked
from bobbies.stream_event import records_of
from bobbies.usecases.aggregation import apply_batch

Reader = Callable[[ParkedBatch], list[dict[str, Any]]]


class ReplayIncomplete(Exception):
    """Some records still failed; the message stays on the queue for the next replay."""


def replay_parked(message: dict[str, Any], read: Reader = read_parked) -> int:
    """Folds the records an on-failure message points at; returns how many were read."""
    batch = parked_batch(message)
    records = read(batch)
    failed = apply_batch(records_of({"Records": records}))
    if failed:
        raise ReplayIncomplete(f"{len(failed)} of {len(records)} records failed again")
    count("RecordsReplayed", len(records))
    logger.info("parked batch replayed", extra={"shard": batch.shard_id, "records": len(records)})
    return len(records)
