"""Receipts: which ballot version each receipt code was given for (stored under the code's hash)."""

from datetime import UTC, datetime
from typing import NamedTuple

from pynamodb.attributes import NumberAttribute, TTLAttribute, UnicodeAttribute
from pynamodb.models import Model

from bobbies.store.models import bound, register


class ReceiptModel(Model):
    """Where the ballot version a receipt code was given for is stored. Only casting and a
    receipt's check use it: the nightly and stream functions never import it."""

    class Meta:
        table_name = "ReceiptsTable"

    receipt_hash = UnicodeAttribute(hash_key=True)
    area_id = UnicodeAttribute()
    round_id = UnicodeAttribute()
    voter_hash = UnicodeAttribute()
    ballot_id = UnicodeAttribute()
    version = NumberAttribute()
    expires_at = TTLAttribute(null=True)  # with its ballot


register({ReceiptModel: "receipts_table"})


class StoredReceipt(NamedTuple):
    area_id: str
    round_id: str
    voter_hash: str
    ballot_id: str
    version: int


def receipt_item(receipt_hash: str, receipt: StoredReceipt, expires: datetime) -> ReceiptModel:
    """The item to write with the ballot version it stands for, in the same transaction."""
    return bound(ReceiptModel)(
        receipt_hash,
        area_id=receipt.area_id,
        round_id=receipt.round_id,
        voter_hash=receipt.voter_hash,
        ballot_id=receipt.ballot_id,
        version=receipt.version,
        expires_at=expires,
    )


def find_receipt(receipt_hash: str) -> StoredReceipt | None:
    try:
        item = bound(ReceiptModel).get(receipt_hash, consistent_read=True)
    except ReceiptModel.DoesNotExist:
        return None
    if item.expires_at and item.expires_at <= datetime.now(UTC):
        return None  # expired with its ballot; DynamoDB deletes it within a few days
    return StoredReceipt(item.area_id, item.round_id, item.voter_hash, item.ballot_id, int(item.version))
