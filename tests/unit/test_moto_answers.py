"""The moto server writes DynamoDB's item answers and its stream's records as JSON directly: each
answer must be the one moto's own serializer writes, value for value."""

import json
from collections import Counter
from typing import Any

import pytest
from local import moto_answers
from moto.core.responses import BaseResponse

from tests.unit.conftest import LocalAws

EVERY_TYPE = {
    "round_key": {"S": "bangor#r1"},
    "voter_hash": {"S": "v1"},
    "version": {"N": "3"},
    "secret": {"B": b"\x00\xffbytes"},
    "closed": {"BOOL": False},
    "nothing": {"NULL": True},
    "allocations": {"M": {"p1": {"N": "4"}, "p2": {"N": "6"}, "note": {"S": "Cymraeg: ŵ ŷ"}}},
    "order": {"L": [{"S": "p2"}, {"N": "1.5"}, {"L": []}]},
    "tags": {"SS": ["a", "b"]},
    "counts": {"NS": ["1", "2"]},
    "blobs": {"BS": [b"\x01", b"\x02"]},
}


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Each answer moto writes, written both ways and compared; counts the calls compared."""
    serialized = BaseResponse.serialized
    seen: Counter[str] = Counter()

    def both(self: Any, action_result: Any) -> Any:
        theirs = serialized(self, action_result)
        ours = moto_answers.plain_answer(self, action_result)
        if ours is not None:
            assert ours[0] == theirs[0] and ours[1] | theirs[1] == ours[1], self._get_action()
            assert json.loads(ours[2]) == json.loads(theirs[2]), self._get_action()
            seen[self._get_action()] += 1
        return theirs

    monkeypatch.setattr(BaseResponse, "serialized", both)
    return seen


def test_every_plain_answer_is_the_one_moto_writes(seeded: LocalAws, compared: Counter[str]) -> None:
    dynamodb = seeded.client("dynamodb")
    ballots = seeded.resources.tables["BallotsTable"]
    key = {"round_key": EVERY_TYPE["round_key"], "voter_hash": EVERY_TYPE["voter_hash"]}
    other = {"round_key": {"S": "bangor#r1"}, "voter_hash": {"S": "v2"}}

    # Writes, with and without the values they return
    dynamodb.put_item(TableName=ballots, Item=EVERY_TYPE)
    dynamodb.put_item(TableName=ballots, Item=EVERY_TYPE, ReturnValues="ALL_OLD")
    dynamodb.update_item(
        TableName=ballots,
        Key=key,
        UpdateExpression="SET version = version + :one",
        ExpressionAttributeValues={":one": {"N": "1"}},
        ReturnValues="ALL_NEW",
    )
    dynamodb.batch_write_item(RequestItems={ballots: [{"PutRequest": {"Item": {**EVERY_TYPE, **other}}}]})
    dynamodb.transact_write_items(
        TransactItems=[{"Update": {"TableName": ballots, "Key": other, "UpdateExpression": "REMOVE tags"}}]
    )
    # Reads: one item, several (one missing), a page of a query, a scan, a transaction's
    dynamodb.get_item(TableName=ballots, Key=key, ConsistentRead=True)
    dynamodb.get_item(TableName=ballots, Key={**key, "voter_hash": {"S": "nobody"}})
    missing = {"round_key": {"S": "bangor#r1"}, "voter_hash": {"S": "v9"}}
    dynamodb.batch_get_item(RequestItems={ballots: {"Keys": [key, other, missing]}})
    dynamodb.query(
        TableName=ballots,
        KeyConditionExpression="round_key = :r",
        ExpressionAttributeValues={":r": {"S": "bangor#r1"}},
        Limit=1,
        ReturnConsumedCapacity="TOTAL",
    )
    dynamodb.scan(TableName=ballots, Select="COUNT")
    dynamodb.transact_get_items(TransactItems=[{"Get": {"TableName": ballots, "Key": key}}])
    dynamodb.delete_item(TableName=ballots, Key=key, ReturnValues="ALL_OLD")
    # and the stream's records of it all (old and new images, creation times)
    records = seeded.stream_records()

    assert len(records) >= 5
    assert set(compared) == moto_answers.PLAIN["dynamodb"] | moto_answers.PLAIN["dynamodbstreams"]
