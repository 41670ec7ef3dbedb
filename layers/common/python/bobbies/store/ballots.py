"""The ballots table as ballots are cast: one item per voter per round, written in one transaction
with a check that the round is still open and the receipt for the new version. A tally reads the
table through store.counting."""

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import NamedTuple

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from bobbies.domain.ballot import ONLINE, BallotVersion
from bobbies.domain.errors import Conflict
from bobbies.domain.receipts import new_receipt_code, receipt_hash
from bobbies.store.counting import round_key
from bobbies.store.models import BallotModel, RoundModel, bound, connection
from bobbies.store.receipts import StoredReceipt, receipt_item


class StoredBallot(NamedTuple):
    """A ballot version as written: its bobbies and their digest, and the receipt code given for it."""

    ballot_id: str
    version: int
    allocations: dict[str, int]
    digest: str
    receipt: str = ""  # the code given for this version; known only when it was just written


class BallotChanged(Conflict):
    """The write did not land. `known`: the voter's ballot is not the one it named, and `found` is
    the one there (None: none), as the refused write handed it back. Not known: a write to the same
    ballot raced it (TransactionConflict); the same write again finds out which."""

    def __init__(self, found: BallotVersion | None, known: bool) -> None:
        super().__init__("ballot_changed")
        self.found, self.known = found, known


def find_ballot(area_id: str, round_id: str, voter_hash: str) -> BallotVersion | None:
    """The voter's ballot version there (None: none), as a new ballot names the one it replaces."""
    try:
        item = bound(BallotModel).get(round_key(area_id, round_id), voter_hash, consistent_read=True)
    except BallotModel.DoesNotExist:
        return None
    return _version(item)


def _version(item: BallotModel) -> BallotVersion:
    return BallotVersion(item.ballot_id, int(item.version))


def record_ballot(
    area_id: str,
    round_id: str,
    voter_hash: str,
    allocations: Mapping[str, int],
    digest: str,
    now: datetime,
    replacing: BallotVersion | None,
    expires: datetime,
    channel: str = ONLINE,
    age_band: str | None = None,
) -> StoredBallot:
    """Stores a first ballot, or replaces exactly the version named (read, or named by the voter's
    client): a ballot written in between (the same voter on two devices), or one the client did not
    know of, fails the condition, nothing is overwritten blindly, and BallotChanged hands back the
    ballot there (DynamoDB returns it with the refusal), for the next attempt to replace.

    The write is one transaction with a check that the round is still open, so it is serialised
    with the nightly job's close: a ballot either lands before the close (and the job, which reads
    the ballots only after closing, counts it) or is refused with no_open_round.

    The ballot and its receipt expire at `expires` (DynamoDB's TTL deletes them some time after).
    """
    ballot = StoredBallot(
        ballot_id=replacing.ballot_id if replacing else uuid.uuid4().hex,
        version=replacing.version + 1 if replacing else 1,
        allocations=dict(allocations),
        digest=digest,
        receipt=new_receipt_code(),
    )
    condition = (
        (BallotModel.version == replacing.version) & (BallotModel.ballot_id == replacing.ballot_id)
        if replacing
        else BallotModel.voter_hash.does_not_exist()
    )
    item = bound(BallotModel)(
        round_key(area_id, round_id),
        voter_hash,
        area_id=area_id,
        round_id=round_id,
        ballot_id=ballot.ballot_id,
        allocations=ballot.allocations,
        version=ballot.version,
        digest=digest,
        cast_at=now,
        channel=channel,
        age_band=age_band,
        expires_at=expires,
    )
    receipt = StoredReceipt(area_id, round_id, voter_hash, ballot.ballot_id, ballot.version)
    key = receipt_hash(ballot.receipt)
    assert key is not None
    round_open = RoundModel.round_id.exists() & (
        RoundModel.closed.does_not_exist() | (RoundModel.closed == False)  # noqa: E712
    )
    try:
        with TransactWrite(connection=connection()) as transaction:
            transaction.condition_check(bound(RoundModel), area_id, round_id, condition=round_open)
            transaction.save(item, condition=condition, return_values="ALL_OLD")
            transaction.save(receipt_item(key, receipt, expires))
    except TransactWriteError as error:
        cancelled = error.cancellation_reasons or []
        reasons = [reason.code if reason else "None" for reason in cancelled]
        if reasons[:1] == ["ConditionalCheckFailed"]:
            raise Conflict("no_open_round") from None
        if reasons and all(
            code in ("None", "ConditionalCheckFailed", "TransactionConflict") for code in reasons
        ):
            refused = cancelled[1] if len(cancelled) > 1 else None
            if refused is None or refused.code != "ConditionalCheckFailed":
                raise BallotChanged(None, known=False) from None
            # ALL_OLD: the ballot there comes back with the refusal; none comes back when there is none.
            there = refused.raw_item
            raise BallotChanged(
                _version(BallotModel.from_raw_data(there)) if there else None, known=True
            ) from None
        raise
    return ballot
