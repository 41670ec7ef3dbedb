"""The DynamoDB capacity a request would consume on AWS, from the items it writes or reads.

moto answers ReturnConsumedCapacity with a constant (1.0 or 0.5 whatever the item), so the bench
sizes items itself, by DynamoDB's published rules: a write unit per started 1 KB of the item, a
read unit per started 4 KB (half for an eventually consistent read, summed over a query's page),
twice that inside a transaction. Estimates, and said to be: an UpdateItem is sized by the key and
the values it sets (exact for the aggregate, whose update sets every attribute; low for a tasking's
claim), and a write to a table with a global secondary index adds one unit per index the item is in.
A write refused by its condition is billed all the same, so it is counted.
"""

import math
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

KB = 1024


@dataclass
class Capacity:
    write_units: float = 0.0
    read_units: float = 0.0

    def add(self, other: "Capacity") -> None:
        self.write_units += other.write_units
        self.read_units += other.read_units


def value_size(value: Any) -> int:
    """Bytes DynamoDB counts for an attribute value in the low-level shape ({"S": ...})."""
    (kind, inner), *_ = value.items()
    if kind == "S":
        return len(inner.encode())
    if kind == "N":
        return len(str(inner).lstrip("-").replace(".", "")) // 2 + 1
    if kind == "B":
        return len(inner)
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "M":
        return 3 + sum(len(key.encode()) + value_size(item) + 1 for key, item in inner.items())
    if kind == "L":
        return 3 + sum(value_size(item) + 1 for item in inner)
    return sum(len(str(item)) for item in inner)  # sets


def item_size(item: dict[str, Any]) -> int:
    return sum(len(name.encode()) + value_size(value) for name, value in item.items())


def write_units(size: int) -> int:
    return max(1, math.ceil(size / KB))


def read_units(size: int, consistent: bool) -> float:
    units = max(1, math.ceil(size / (4 * KB)))
    return float(units if consistent else units / 2)


@cache
def _indexes(table: str) -> tuple[tuple[str, ...], ...]:
    """The key attributes of each global secondary index of the table (logical id = local name)."""
    from local.template import TABLE, of_type

    props = of_type(TABLE).get(table, {})
    return tuple(
        tuple(key["AttributeName"] for key in index["KeySchema"])
        for index in props.get("GlobalSecondaryIndexes", [])
    )


def _written(table: str, item: dict[str, Any]) -> int:
    units = write_units(item_size(item))
    return units + sum(1 for keys in _indexes(table) if all(key in item for key in keys))


def _updated(request: dict[str, Any]) -> dict[str, Any]:
    """The key and the values an update sets: the item as far as the request shows it."""
    return {**request["Key"], **request.get("ExpressionAttributeValues", {})}


def capacity_of(
    operation: str, params: dict[str, Any], parsed: dict[str, Any]
) -> tuple[Capacity, Counter[str]]:
    """The capacity of one answered request, and the items it wrote by table."""
    written: Counter[str] = Counter()
    used = Capacity()
    table = params.get("TableName", "")
    if operation == "PutItem":
        used.write_units = _written(table, params["Item"])
        written[table] += 1
    elif operation == "UpdateItem":
        used.write_units = _written(table, _updated(params))
        written[table] += 1
    elif operation == "DeleteItem":
        used.write_units = write_units(item_size(params["Key"]))
        written[table] += 1
    elif operation == "BatchWriteItem":
        for name, requests in params["RequestItems"].items():
            for request in requests:
                if "PutRequest" in request:
                    used.write_units += _written(name, request["PutRequest"]["Item"])
                else:
                    used.write_units += 1
                written[name] += 1
    elif operation == "TransactWriteItems":
        for action in params["TransactItems"]:
            (kind, request), *_ = action.items()
            name = request["TableName"]
            item = request.get("Item") or (_updated(request) if kind == "Update" else request["Key"])
            used.write_units += 2 * _written(name, item)  # a ConditionCheck is counted as a write too
            if kind != "ConditionCheck":
                written[name] += 1
    elif operation == "GetItem":
        item = parsed.get("Item") or {}
        used.read_units = read_units(item_size(item), bool(params.get("ConsistentRead")))
    elif operation in ("Query", "Scan"):
        size = sum(item_size(item) for item in parsed.get("Items", []))
        used.read_units = read_units(size, bool(params.get("ConsistentRead")))
    elif operation == "BatchGetItem":
        for name, items in parsed.get("Responses", {}).items():
            consistent = bool(params["RequestItems"][name].get("ConsistentRead"))
            used.read_units += sum(read_units(item_size(item), consistent) for item in items)
    if parsed.get("Error") or parsed.get("ResponseMetadata", {}).get("HTTPStatusCode", 200) >= 400:
        written.clear()  # refused (a condition failed): nothing written, but AWS still bills the units
    return used, written
