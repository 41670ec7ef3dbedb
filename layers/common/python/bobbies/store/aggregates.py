"""Per-area, per-round aggregates: the live tally and how far through the stream it is."""

from pynamodb.exceptions import UpdateError

from bobbies.domain.model import Tally
from bobbies.store.models import AggregateModel, as_ints, bound, condition_failed

SEQUENCE_WIDTH = 40  # DynamoDB Streams sequence numbers have up to 40 digits


def sequence_key(sequence_number: str) -> str:
    """Zero-padded, so comparing the text compares the numbers."""
    return sequence_number.zfill(SEQUENCE_WIDTH)


def read_tally(area_id: str, round_id: str) -> tuple[Tally, str | None]:
    """The tally and the last sequence number already in it (None: nothing applied yet)."""
    try:
        item = bound(AggregateModel).get(area_id, round_id, consistent_read=True)
    except AggregateModel.DoesNotExist:
        return Tally(), None
    return Tally(int(item.ballots), as_ints(item.support), as_ints(item.backers)), item.applied_through


def ballots_by_round(area_id: str) -> dict[str, int]:
    """The live ballot count of each of the area's rounds, in one query."""
    return {item.round_id: int(item.ballots) for item in bound(AggregateModel).query(area_id)}


def write_tally(area_id: str, round_id: str, tally: Tally, through: str, read_through: str | None) -> bool:
    """Stores the new tally only if nobody moved the aggregate since it was read (at `read_through`).

    One write per aggregate per batch; False when another invocation got there first.
    """
    model = bound(AggregateModel)
    condition = (
        model.applied_through == read_through if read_through else model.applied_through.does_not_exist()
    )
    try:
        model(area_id, round_id).update(
            actions=[
                model.ballots.set(tally.ballots),
                model.support.set(tally.support),
                model.backers.set(tally.backers),
                model.applied_through.set(through),
            ],
            condition=condition,
        )
    except UpdateError as error:
        if condition_failed(error):
            return False
        raise
    return True
