"""Lambda's DynamoDB stream event, as much of each record as the aggregator reads.

Hand-written because it is about Lambda itself: Powertools' `data_classes` package imports every
event class it knows (~15 ms of the aggregator's cold start) for this one. The item images stay
DynamoDB JSON; the store reads them with the table's own model (store.counting.from_image).
"""

from collections.abc import Mapping
from typing import Any

# How a record names a deletion by the table's TTL (an expired item), not by a caller.
EXPIRY = {"type": "Service", "principalId": "dynamodb.amazonaws.com"}

type Image = dict[str, dict[str, Any]]  # an item in DynamoDB JSON: {"area_id": {"S": "bangor"}}


class StreamRecord:
    """One record of a batch: the item's images before and after the write, where the record
    stands in its shard, and who made the change."""

    __slots__ = ("raw",)

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = raw

    @property
    def sequence_number(self) -> str:
        """The record's place in its shard: what a partial batch response names as failed."""
        return str(self.raw["dynamodb"]["SequenceNumber"])

    @property
    def new_image(self) -> Image | None:
        """The item after the write (None for a deletion)."""
        return self.raw["dynamodb"].get("NewImage") or None

    @property
    def old_image(self) -> Image | None:
        """The item before the write (None for an insertion)."""
        return self.raw["dynamodb"].get("OldImage") or None

    @property
    def expired(self) -> bool:
        """Deleted by the table's TTL, not by anyone's request."""
        return self.raw.get("userIdentity") == EXPIRY


def records_of(event: Mapping[str, Any]) -> list[StreamRecord]:
    return [StreamRecord(record) for record in event.get("Records") or []]
