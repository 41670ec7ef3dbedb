"""moto's TransactWriteItems, undone item by item instead of by copying whole tables.

moto 5 backs a transaction up with a deep copy of every table it names, and a failed one puts the
copies back. A ballot's transaction names the ballots, rounds and receipts tables, so each ballot
cost a copy of all three, stream records included: the moto server spent ~50 ms of CPU a ballot on
a freshly seeded stack and more as the tables grew, where DynamoDB's cost does not grow. Worse, the
copies put back also undid any other client's writes to those tables made in between.

Here the transaction keeps a copy of just the items it names (and each table's stream length)
before it runs, and a failed one puts those back and drops the stream records it added: the same
all-or-nothing outcome, at a cost that does not grow with the tables. moto's own code still checks
the conditions and applies the writes; only its backup is not taken. Transactions run one at a time,
so one never sees another's half-applied writes.
"""

import copy
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

_ONE_AT_A_TIME = threading.Lock()


@dataclass
class _Kept:
    table: Any  # moto.dynamodb.models.table.Table
    hash_key: Any  # DynamoType
    range_key: Any  # DynamoType | None
    item: Any  # a copy of the item before the transaction, None when there was none


class _TablesNotCopied:
    """`copy` as moto's DynamoDB backend module sees it: a Table is handed back as it is (so its
    transaction's backup is the live table and its rollback puts the same table back: nothing);
    everything else is copied as before."""

    def __init__(self, table_type: type) -> None:
        self._table_type = table_type

    def deepcopy(self, value: Any, memo: dict[int, Any] | None = None) -> Any:
        return value if isinstance(value, self._table_type) else copy.deepcopy(value, memo)

    def __getattr__(self, name: str) -> Any:
        return getattr(copy, name)


def _keys(backend: Any, request: list[dict[str, Any]]) -> Iterator[tuple[str, Any, Any, Any]]:
    """(action, table, hash key, range key) of each item the transaction names, where moto can find it."""
    for action in request:
        op_type, op = next(iter(action.items()))
        try:
            table = backend.get_table(op["TableName"])
            key = op["Item"] if op_type == "Put" else op["Key"]
            hash_key, range_key = backend.get_keys_value(table, key)
        except Exception:  # moto refuses the action itself, with its own error
            continue
        yield op_type, table, hash_key, range_key


def _put_back(kept: _Kept) -> None:
    items = kept.table.items
    if kept.range_key is None:
        if kept.item is None:
            items.pop(kept.hash_key, None)
        else:
            items[kept.hash_key] = kept.item
    elif kept.item is None:
        items.get(kept.hash_key, {}).pop(kept.range_key, None)
    else:
        items[kept.hash_key][kept.range_key] = kept.item


def _before(action: str, item: Any) -> Any:
    """moto's Put and Delete replace an item object (the one kept is left as it was); only its
    Update changes the item in place, so that one is copied."""
    return copy.deepcopy(item) if action == "Update" else item


@contextmanager
def _undone_on_failure(backend: Any, request: list[dict[str, Any]]) -> Iterator[None]:
    kept = [
        _Kept(table, hash_key, range_key, _before(action, table.get_item(hash_key, range_key)))
        for action, table, hash_key, range_key in _keys(backend, request)
    ]
    streams = {
        id(k.table): (k.table.stream_shard, len(k.table.stream_shard.items))
        for k in kept
        if k.table.stream_shard
    }
    try:
        yield
    except BaseException:
        for one in reversed(kept):  # the earliest copy of an item named twice is put back last
            _put_back(one)
        for shard, length in streams.values():
            del shard.items[length:]
        raise


def undo_transactions_item_by_item() -> None:
    """Installs the above in this process's moto (the moto server's)."""
    from moto.dynamodb import models
    from moto.dynamodb.models.table import Table

    models.copy = _TablesNotCopied(Table)  # type: ignore[assignment]
    transact: Callable[..., None] = models.DynamoDBBackend.transact_write_items

    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        with _ONE_AT_A_TIME, _undone_on_failure(self, transact_items):
            transact(self, transact_items)

    models.DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]
