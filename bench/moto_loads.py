"""The gateway bench's loads sent straight to moto, from the runner's own moto endpoint: PutItem on
the ballots table (the baseline), and a warm ballot's own transaction (the most the gateway could
reach on this moto)."""

import random
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import boto3
from local.aws import DUMMY_CREDENTIALS
from local.runner_info import live_runner_info
from local.template import region
from local.testing import RunnerProcess

from bench.seeding import OpenRound, allocation, ballot_item


def _dynamodb(stack: RunnerProcess) -> tuple[Any, dict[str, str]]:
    info = live_runner_info(stack.paths)
    assert info is not None
    client = boto3.client(
        "dynamodb",
        endpoint_url=info.moto_endpoint,
        region_name=region(),
        aws_access_key_id=DUMMY_CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=DUMMY_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
    return client, info.resources["tables"]


def _random_ballot(chance: random.Random, rounds: list[OpenRound]) -> tuple[OpenRound, dict[str, Any]]:
    """A ballot item for one of the open rounds, its bobbies shared out at random."""
    chosen = chance.choice(rounds)
    return chosen, ballot_item(
        chosen, allocation(chance, chosen.priority_ids, chosen.budget), datetime.now(UTC)
    )


def moto_worker(stack: RunnerProcess, rounds: list[OpenRound]) -> Callable[[], Callable[[], bool]]:
    def make() -> Callable[[], bool]:
        dynamodb, tables = _dynamodb(stack)
        chance = random.Random()

        def put() -> bool:
            _, item = _random_ballot(chance, rounds)
            dynamodb.put_item(TableName=tables["BallotsTable"], Item=item)
            return True

        return put

    return make


def ballot_requests_worker(stack: RunnerProcess, rounds: list[OpenRound]) -> Callable[[], Callable[[], bool]]:
    """What a warm ballot asks of DynamoDB (store/ballots.py), sent straight to moto: one
    transaction - the round still open, the ballot, its receipt (the earlier ballot, if any, named
    by the client). No function, no gateway: the most the gateway could reach on this moto."""

    def make() -> Callable[[], bool]:
        dynamodb, tables = _dynamodb(stack)
        chance = random.Random()

        def cast() -> bool:
            chosen, item = _random_ballot(chance, rounds)
            round_key = {"area_id": {"S": chosen.area_id}, "round_id": {"S": chosen.round_id}}
            receipt = {"receipt_hash": {"S": uuid.uuid4().hex}, **{k: item[k] for k in _RECEIPT_COPIES}}
            dynamodb.transact_write_items(
                TransactItems=[
                    {
                        "ConditionCheck": {
                            "TableName": tables["RoundsTable"],
                            "Key": round_key,
                            "ConditionExpression": "attribute_exists(round_id) AND "
                            "(attribute_not_exists(closed) OR closed = :no)",
                            "ExpressionAttributeValues": {":no": {"BOOL": False}},
                        }
                    },
                    {
                        "Put": {
                            "TableName": tables["BallotsTable"],
                            "Item": item,
                            "ConditionExpression": "attribute_not_exists(voter_hash)",
                        }
                    },
                    {"Put": {"TableName": tables["ReceiptsTable"], "Item": receipt}},
                ]
            )
            return True

        return cast

    return make


_RECEIPT_COPIES = ("area_id", "round_id", "voter_hash", "ballot_id", "version")
