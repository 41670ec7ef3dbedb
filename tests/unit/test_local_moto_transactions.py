"""The moto server's TransactWriteItems, undone item by item (local/moto_transactions.py): a
cancelled transaction still changes nothing it named, and no longer undoes other clients' writes."""

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from local.moto_speed import keep_per_request_lookups
from local.moto_transactions import undo_transactions_item_by_item
from moto import mock_aws
from moto.dynamodb import models
from moto.dynamodb.models.table import Table

TABLE = "ballots"


@pytest.fixture
def dynamodb(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    # What the installer replaces, put back after the test (it is meant for the moto server's process).
    monkeypatch.setattr(models, "copy", models.copy)
    monkeypatch.setattr(
        models.DynamoDBBackend, "transact_write_items", models.DynamoDBBackend.transact_write_items
    )
    undo_transactions_item_by_item()
    with mock_aws():
        client = boto3.client(
            "dynamodb", region_name="eu-west-2", aws_access_key_id="x", aws_secret_access_key="x"
        )
        client.create_table(
            TableName=TABLE,
            KeySchema=[
                {"AttributeName": "round", "KeyType": "HASH"},
                {"AttributeName": "voter", "KeyType": "RANGE"},
            ],
            AttributeDefinitions=[
                {"AttributeName": "round", "AttributeType": "S"},
                {"AttributeName": "voter", "AttributeType": "S"},
            ],
            BillingMode="PAY_PER_REQUEST",
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
        )
        yield client


def _item(voter: str, version: int) -> dict[str, Any]:
    return {"round": {"S": "bangor#r1"}, "voter": {"S": voter}, "version": {"N": str(version)}}


def _key(voter: str) -> dict[str, Any]:
    return {"round": {"S": "bangor#r1"}, "voter": {"S": voter}}


def _stored(client: Any, voter: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = client.get_item(TableName=TABLE, Key=_key(voter), ConsistentRead=True).get(
        "Item"
    )
    return found


def _stream_length(client: Any) -> int:
    arn = client.describe_table(TableName=TABLE)["Table"]["LatestStreamArn"]
    streams = boto3.client(
        "dynamodbstreams", region_name="eu-west-2", aws_access_key_id="x", aws_secret_access_key="x"
    )
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")
    return len(streams.get_records(ShardIterator=iterator["ShardIterator"])["Records"])


def _failing_transaction(client: Any) -> None:
    """Replaces alice's ballot, adds carol's and updates bob's, then fails its last check."""
    with pytest.raises(client.exceptions.TransactionCanceledException):
        client.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": TABLE, "Item": _item("alice", 2)}},
                {"Put": {"TableName": TABLE, "Item": _item("carol", 1)}},
                {
                    "Update": {
                        "TableName": TABLE,
                        "Key": _key("bob"),
                        "UpdateExpression": "SET version = :two",
                        "ExpressionAttributeValues": {":two": {"N": "2"}},
                    }
                },
                {
                    "ConditionCheck": {
                        "TableName": TABLE,
                        "Key": _key("nobody"),
                        "ConditionExpression": "attribute_exists(voter)",
                    }
                },
            ]
        )


def test_a_cancelled_transaction_changes_none_of_its_items_and_leaves_no_stream_record(dynamodb: Any) -> None:
    # Given alice's and bob's ballots
    dynamodb.put_item(TableName=TABLE, Item=_item("alice", 1))
    dynamodb.put_item(TableName=TABLE, Item=_item("bob", 1))
    records = _stream_length(dynamodb)

    # When a transaction touching them (and adding carol's) is cancelled by its last check
    _failing_transaction(dynamodb)

    # Then every item is as it was, carol's was never written, and the stream holds nothing new
    assert _stored(dynamodb, "alice") == _item("alice", 1)
    assert _stored(dynamodb, "bob") == _item("bob", 1)
    assert _stored(dynamodb, "carol") is None
    assert _stream_length(dynamodb) == records


def test_a_cancelled_transaction_does_not_undo_another_clients_write_made_meanwhile(
    dynamodb: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given alice's ballot, and dave's ballot arriving from another client while a transaction runs
    # (moto serves requests on threads: here it lands as the transaction writes its first item)
    dynamodb.put_item(TableName=TABLE, Item=_item("alice", 1))
    put = Table.put_item
    arrived: list[bool] = []

    def put_meanwhile(table: Table, attrs: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        if not arrived:
            arrived.append(True)
            put(table, _item("dave", 1))
        return put(table, attrs, *args, **kwargs)

    monkeypatch.setattr(Table, "put_item", put_meanwhile)

    # When the transaction is cancelled
    _failing_transaction(dynamodb)
    monkeypatch.setattr(Table, "put_item", put)

    # Then dave's ballot is still stored (moto's own rollback put back a copy of the whole table)
    assert arrived
    assert _stored(dynamodb, "dave") == _item("dave", 1)
    assert _stored(dynamodb, "alice") == _item("alice", 1)


def test_a_transaction_that_succeeds_writes_every_item(dynamodb: Any) -> None:
    dynamodb.put_item(TableName=TABLE, Item=_item("alice", 1))
    dynamodb.transact_write_items(
        TransactItems=[
            {
                "Put": {
                    "TableName": TABLE,
                    "Item": _item("alice", 2),
                    "ConditionExpression": "version = :one",
                    "ExpressionAttributeValues": {":one": {"N": "1"}},
                }
            },
            {"Put": {"TableName": TABLE, "Item": _item("carol", 1)}},
        ]
    )
    assert _stored(dynamodb, "alice") == _item("alice", 2)
    assert _stored(dynamodb, "carol") == _item("carol", 1)


@pytest.fixture
def conditions_kept(monkeypatch: pytest.MonkeyPatch, dynamodb: Any) -> Any:
    from moto.core import responses
    from moto.dynamodb import responses as dynamodb_responses
    from moto.dynamodb.models import table
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    for owner, name in [
        (responses, "method_names_from_class"),
        (dynamodb_responses, "create_condition_expression_parser"),
        (models, "get_filter_expression"),
        (table, "get_filter_expression"),
        (DomainDispatcherApplication, "get_backend_for_host"),
    ]:
        monkeypatch.setattr(owner, name, getattr(owner, name))
    keep_per_request_lookups()
    return dynamodb


def test_a_kept_condition_is_judged_on_each_requests_own_values(conditions_kept: Any) -> None:
    # Given alice's ballot at version 1, written over twice with the same condition text
    client = conditions_kept
    client.put_item(TableName=TABLE, Item=_item("alice", 1))
    same_condition = "version = :expected"

    def replace(expected: int, version: int) -> None:
        client.put_item(
            TableName=TABLE,
            Item=_item("alice", version),
            ConditionExpression=same_condition,
            ExpressionAttributeValues={":expected": {"N": str(expected)}},
        )

    # When the first names version 1 and the second still names 1 (the item is at 2 by then)
    replace(1, 2)
    with pytest.raises(client.exceptions.ConditionalCheckFailedException):
        replace(1, 3)

    # Then only the first wrote; a third, naming 2, writes
    assert _stored(client, "alice") == _item("alice", 2)
    replace(2, 3)
    assert _stored(client, "alice") == _item("alice", 3)
