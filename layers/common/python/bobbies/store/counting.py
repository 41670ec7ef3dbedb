"""The ballots table as a tally counts it: a round's ballots of record, and a ballot as a stream
record's image holds it. Apart from the casting of ballots (store.ballots), which the nightly run
and the stream function never do."""

from typing import Any, NamedTuple

from pynamodb.constants import NULL

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
    return [CountedBallot(as_ints(item.allocations), item.channel or ONLINE, item.age_band) for item in items]


class ImageBallot(NamedTuple):
    """What a ballot change is made of, of a ballot as a stream record's image holds it."""

    area_id: str
    round_id: str
    voter_hash: str
    ballot_id: str
    version: int
    counted: CountedBallot


def from_image(image: Image | None) -> ImageBallot | None:
    """The ballot in a stream record's image (DynamoDB JSON), each attribute read by the table's own
    model. Only those a change needs: the whole item (its dates, its TTL) took seven times as long."""
    if not image:
        return None
    return ImageBallot(
        area_id=_read(image, "area_id", required=True),
        round_id=_read(image, "round_id", required=True),
        voter_hash=_read(image, "voter_hash", required=True),
        ballot_id=_read(image, "ballot_id", required=True),
        version=int(_read(image, "version", required=True)),
        counted=CountedBallot(
            as_ints(_read(image, "allocations")), _read(image, "channel") or ONLINE, _read(image, "age_band")
        ),
    )


def _read(image: Image, name: str, required: bool = False) -> Any:
    attribute = BallotModel.get_attributes()[name]
    raw = image[attribute.attr_name] if required else image.get(attribute.attr_name)
    return None if raw is None or NULL in raw else attribute.deserialize(attribute.get_value(raw))
