"""The ballots table as a tally counts it: a round's ballots of record, and a ballot as a stream
record's image holds it. Apart from the casting of ballots (store.ballots), which the nightly run
and the stream function never do."""

from bobbies.domain.ballot import ONLINE
from bobbies.domain.tally import CountedBallot
from bobbies.store.models import BallotModel, as_ints, bound
from bobbies.stream_event import Image


def round_key(area_id: str, round_id: str) -> str:
    """The ballots table's partition: one round's ballots."""
    return f"{area_id}#{round_id}"


def counted_of_round(area_id: str, round_id: str) -> list[CountedBallot]:
    """Every ballot of a round as a tally counts it, straight from the ballots of record."""
    items = bound(BallotModel).query(round_key(area_id, round_id), consistent_read=True)
    return [counted(item) for item in items]


def counted(item: BallotModel) -> CountedBallot:
    """A ballot as a tally counts it: its bobbies, how it came and the age band it gave."""
    return CountedBallot(as_ints(item.allocations), item.channel or ONLINE, item.age_band)


def from_image(image: Image | None) -> BallotModel | None:
    """A ballot item as a stream record's image holds it (DynamoDB JSON), read by its own model."""
    return BallotModel.from_raw_data(image) if image else None
