"""The local stream mapping gathers a batch as Lambda does (MaximumBatchingWindowInSeconds): records
that arrive within the window of the first go to the function together, up to BatchSize - so the
aggregator folds them in one write, as it would on AWS, instead of one write per poll."""

import threading
from dataclasses import replace
from typing import Any

from local.streams import Shard, StreamPoller
from local.template import functions


class ArrivingShard:
    """A shard on which one more record arrives at each read, until `arriving` runs out."""

    def __init__(self, arriving: int) -> None:
        self.arriving = arriving
        self.reads = 0

    def get_records(self, ShardIterator: str, Limit: int) -> dict[str, Any]:
        self.reads += 1
        records = []
        if self.arriving and Limit:
            self.arriving -= 1
            records = [{"eventID": f"e{self.reads}", "eventName": "INSERT", "dynamodb": {"Keys": {}}}]
        return {"Records": records, "NextShardIterator": f"it-{self.reads}"}


def poller(window: float, batch_size: int, stream: ArrivingShard) -> StreamPoller:
    (source,) = [source for spec in functions() for source in spec.streams]
    source = replace(source, batching_window=window, batch_size=batch_size)
    unused: Any = None  # what gathering a batch does not touch
    clients = {"dynamodb": unused, "dynamodbstreams": stream, "sqs": unused}
    return StreamPoller(
        "AggregateBallotsFunction", source, unused, unused, clients, unused, unused, threading.Event()
    )


def test_records_arriving_within_the_window_travel_in_one_batch() -> None:
    stream = ArrivingShard(arriving=3)
    batch = poller(window=1.0, batch_size=10, stream=stream)._gather(Shard("shard-0", "it-0"))
    assert len(batch) == 3


def test_a_full_batch_goes_at_once_and_no_window_means_no_wait() -> None:
    assert len(poller(1.0, 2, ArrivingShard(arriving=3))._gather(Shard("shard-0", "it-0"))) == 2
    assert len(poller(0.0, 10, ArrivingShard(arriving=3))._gather(Shard("shard-0", "it-0"))) == 1


def test_the_templates_aggregator_mapping_has_its_window() -> None:
    (source,) = [source for spec in functions() for source in spec.streams]
    assert source.batching_window == 1.0
