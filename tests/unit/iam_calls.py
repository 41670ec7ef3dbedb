"""What a function's code asks of AWS, as IAM sees it: every botocore call recorded, then named as
the (action, resource) pairs a policy must allow.

Every client - boto3's and pynamodb's own - goes through `BaseClient._make_api_call`, so one patch
sees them all. Resources are named by logical id, as locally (tables, topics and secrets are called
by their logical ids): "BallotsTable", "TaskingsTable/index/listed", "BallotsTable/stream",
"TaskingTopic", "VoterKeySecret".
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from unittest import mock

from botocore.client import BaseClient

Grant = tuple[str, str]  # ("dynamodb:GetItem", "BallotsTable")
PHONE_NUMBERS = "phone numbers"  # an SMS straight to a number; a policy allows it as "not any topic"

# A transaction is allowed by the item actions inside it (IAM has no TransactWriteItems action).
_TRANSACT = {
    "Put": "PutItem",
    "Update": "UpdateItem",
    "Delete": "DeleteItem",
    "ConditionCheck": "ConditionCheckItem",
}


@dataclass(frozen=True)
class Call:
    service: str  # botocore's service name: dynamodb, dynamodbstreams, sns, ...
    operation: str
    params: dict[str, Any]


@contextmanager
def recorded() -> Iterator[list[Call]]:
    calls: list[Call] = []
    original = getattr(BaseClient, "_make_api_call")  # noqa: B009 - private, so not in the stubs

    def recording(client: BaseClient, operation: str, params: dict[str, Any]) -> Any:
        calls.append(Call(client.meta.service_model.service_name, operation, dict(params)))
        return original(client, operation, params)

    with mock.patch.object(BaseClient, "_make_api_call", recording):
        yield calls


def grants(calls: list[Call]) -> set[Grant]:
    found: set[Grant] = set()
    stream = ""
    for call in calls:
        params = call.params
        match call.service, call.operation:
            case "dynamodb", "TransactWriteItems" | "TransactGetItems":
                for item in params["TransactItems"]:
                    ((kind, request),) = item.items()
                    found.add((f"dynamodb:{_TRANSACT.get(kind, 'GetItem')}", _name(request["TableName"])))
            case "dynamodb", "BatchGetItem" | "BatchWriteItem":
                found |= {(f"dynamodb:{call.operation}", _name(table)) for table in params["RequestItems"]}
            case "dynamodb", _:
                index = f"/index/{params['IndexName']}" if params.get("IndexName") else ""
                found.add((f"dynamodb:{call.operation}", _name(params["TableName"]) + index))
            case "dynamodbstreams", "GetRecords":  # names no stream: the one its iterator came from
                found.add(("dynamodb:GetRecords", stream))
            case "dynamodbstreams", _:
                stream = _stream(params["StreamArn"])
                found.add((f"dynamodb:{call.operation}", stream))
            case "sns", "Publish" if "PhoneNumber" in params:
                found.add(("sns:Publish", PHONE_NUMBERS))
            case "sns", "Publish" | "Subscribe" | "ListSubscriptionsByTopic":
                found.add((f"sns:{call.operation}", _name(params["TopicArn"])))
            case "sns", "GetSubscriptionAttributes" | "Unsubscribe":  # allowed on the subscription's topic
                found.add((f"sns:{call.operation}", _name(params["SubscriptionArn"].rsplit(":", 1)[0])))
            case "secretsmanager", _:
                found.add((f"secretsmanager:{call.operation}", _name(params["SecretId"])))
            case "sqs", _:
                found.add((f"sqs:{call.operation}", _name(params["QueueUrl"])))
            case _:
                raise AssertionError(f"no IAM mapping for {call.service}:{call.operation}; add one")
    return found


def _name(local: str) -> str:
    """The logical id in a local name, ARN or URL (the last part, without a secret's suffix)."""
    last = local.replace("/", ":").rsplit(":", 1)[-1]
    return last.split("-", 1)[0] if local.startswith("arn:aws:secretsmanager") else last


def _stream(arn: str) -> str:
    table = arn.split(":table/", 1)[1].split("/", 1)[0]
    return f"{table}/stream"
