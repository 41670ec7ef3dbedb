"""The moto server's answers to DynamoDB's item calls and its stream's reads, written as JSON directly.

moto builds these answers as plain JSON already (items as AttributeValue maps, keys, counts), then
its generic serializer walks each value against the service model to write them: some 2 ms of CPU
for one 800-byte aggregate item, and in all a third of moto's time behind a ballot through the
gateway (measured with py-spy and per-call thread time, 20 clients). json.dumps writes the same
answer; tests/unit/test_moto_answers.py checks it against moto's serializer call by call.
"""

import base64
import json
from collections.abc import Callable
from datetime import datetime
from functools import cache
from typing import Any

# By service, the calls whose answer is a dict of JSON values moto has already shaped as the wire's.
PLAIN = {
    "dynamodb": frozenset(
        {
            "GetItem",
            "BatchGetItem",
            "Query",
            "Scan",
            "PutItem",
            "UpdateItem",
            "DeleteItem",
            "BatchWriteItem",
            "TransactWriteItems",
            "TransactGetItems",
        }
    ),
    "dynamodbstreams": frozenset({"GetRecords", "GetShardIterator"}),
}
HEADERS = {"Content-Type": "application/x-amz-json-1.0"}


def _wire_value(value: Any) -> Any:
    """The two values JSON has no type for, as moto's serializer writes them."""
    if isinstance(value, datetime):  # seconds, to the millisecond
        from moto.core.serialize import TimestampSerializer

        return TimestampSerializer._timestamp_unixtimestamp(value)
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"{type(value).__name__} in a plain answer")


@cache
def _members(service: str, action: str) -> frozenset[str]:
    """What the call's answer may hold: moto adds a few more (ConsumedCapacityUnits), not sent."""
    from moto.core.utils import get_service_model

    return frozenset(get_service_model(service).operation_model(action).output_shape.members)


def plain_answer(handler: Any, action_result: Any) -> tuple[int, dict[str, str], str] | None:
    """The answer as moto's serializer would write it, or None for one this does not write."""
    result, service, action = action_result.result, handler.boto3_service_name, handler._get_action()
    if type(result) is not dict or action not in PLAIN.get(service, ()):
        return None
    members = _members(service, action)
    sent = {name: value for name, value in result.items() if name in members}
    return 200, {**HEADERS, **handler.response_headers}, json.dumps(sent, default=_wire_value)


def answer_plain_json() -> None:
    """Installs the direct answers in this process's moto (the moto server's)."""
    from moto.core.responses import BaseResponse

    serialized: Callable[[Any, Any], Any] = BaseResponse.serialized

    def answer(self: Any, action_result: Any) -> Any:
        return plain_answer(self, action_result) or serialized(self, action_result)

    BaseResponse.serialized = answer  # type: ignore[method-assign]
