"""Creating the template's tables, topics, queues and secrets in moto (or any AWS endpoint), so that
they match what CloudFormation would create. Every step is idempotent: a restart creates nothing
twice, and a secret keeps its value."""

import json
from collections.abc import Mapping
from typing import Any

import boto3

from local.template.functions import text_value
from local.template.intrinsics import LocalResources, resolve
from local.template.loading import QUEUE, SECRET, TABLE, TOPIC, of_type, region
from local.template.user_pools import create_user_pools

_TABLE_PROPERTIES = (
    "KeySchema",
    "AttributeDefinitions",
    "GlobalSecondaryIndexes",
    "LocalSecondaryIndexes",
    "StreamSpecification",
    "TimeToLiveSpecification",
)


def _used(kind: str, keys: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """Resources of one type with the properties the runner uses, intrinsics resolved: one it cannot
    resolve stops the start with its name, rather than creating something else than the template says."""
    return {
        logical_id: resolve(
            {key: props[key] for key in keys if key in props},
            LocalResources(),
            where=f"Resources.{logical_id}.Properties",
        )
        for logical_id, props in of_type(kind).items()
    }


def _table_request(name: str, props: Mapping[str, Any]) -> dict[str, Any]:
    request: dict[str, Any] = {
        "TableName": name,
        "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": list(props["KeySchema"]),
        "AttributeDefinitions": list(props["AttributeDefinitions"]),
    }
    for kind in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
        if props.get(kind):
            request[kind] = [
                {key: index[key] for key in ("IndexName", "KeySchema", "Projection")} for index in props[kind]
            ]
    if view := (props.get("StreamSpecification") or {}).get("StreamViewType"):
        request["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": view}
    return request


def create_tables(dynamodb: Any) -> dict[str, str]:
    """Creates every table of the template that is missing; returns {logical id: table name}."""
    existing = set(dynamodb.list_tables().get("TableNames", []))
    tables = {}
    for logical_id, props in _used(TABLE, _TABLE_PROPERTIES).items():
        tables[logical_id] = logical_id
        if logical_id in existing:
            continue
        dynamodb.create_table(**_table_request(logical_id, props))
        if ttl := props.get("TimeToLiveSpecification"):
            dynamodb.update_time_to_live(
                TableName=logical_id,
                TimeToLiveSpecification={"AttributeName": ttl["AttributeName"], "Enabled": ttl["Enabled"]},
            )
    return tables


def drifted_tables(dynamodb: Any) -> list[str]:
    """Tables whose keys, indexes or stream differ from the template (kept from an older template)."""
    drifted = []
    for logical_id, props in _used(TABLE, _TABLE_PROPERTIES).items():
        wanted = _table_request(logical_id, props)
        actual = dynamodb.describe_table(TableName=logical_id)["Table"]
        if (
            _keys(actual["KeySchema"]) != _keys(wanted["KeySchema"])
            or _index_names(actual) != _index_names(wanted)
            or bool(actual.get("StreamSpecification", {}).get("StreamEnabled"))
            != ("StreamSpecification" in wanted)
        ):
            drifted.append(logical_id)
    return drifted


def _keys(schema: list[dict[str, str]]) -> list[tuple[str, str]]:
    return [(key["AttributeName"], key["KeyType"]) for key in schema]


def _index_names(table: Mapping[str, Any]) -> set[str]:
    indexes = [*table.get("GlobalSecondaryIndexes", []), *table.get("LocalSecondaryIndexes", [])]
    return {index["IndexName"] for index in indexes}


def _stream_arns(dynamodb: Any, tables: Mapping[str, str]) -> dict[str, str]:
    arns = {}
    for logical_id, name in tables.items():
        arn = dynamodb.describe_table(TableName=name)["Table"].get("LatestStreamArn")
        if arn:
            arns[logical_id] = arn
    return arns


def _create_topics(sns: Any) -> dict[str, str]:
    topics = {}
    for logical_id, props in _used(TOPIC, ("DisplayName", "FifoTopic")).items():
        fifo = bool(props.get("FifoTopic"))
        attributes = {"DisplayName": props["DisplayName"]} if props.get("DisplayName") else {}
        if fifo:
            attributes["FifoTopic"] = "true"
        name = logical_id + (".fifo" if fifo else "")
        topics[logical_id] = sns.create_topic(Name=name, Attributes=attributes)["TopicArn"]  # idempotent
    return topics


_QUEUE_ATTRIBUTES = (
    "DelaySeconds",
    "MaximumMessageSize",
    "MessageRetentionPeriod",
    "ReceiveMessageWaitTimeSeconds",
    "VisibilityTimeout",
    "FifoQueue",
    "ContentBasedDeduplication",
)


def _create_queues(sqs: Any) -> tuple[dict[str, str], dict[str, str]]:
    urls, arns = {}, {}
    for logical_id, props in _used(QUEUE, _QUEUE_ATTRIBUTES).items():
        attributes = {
            key: text_value(props[key], f"Resources.{logical_id}.Properties.{key}")
            for key in _QUEUE_ATTRIBUTES
            if key in props
        }
        name = logical_id + (".fifo" if props.get("FifoQueue") else "")
        urls[logical_id] = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
        arns[logical_id] = queue_arn(sqs, urls[logical_id])
    return urls, arns


def queue_arn(sqs: Any, url: str) -> str:
    return str(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"])


# GenerateSecretString's properties, as GetRandomPassword's parameters.
_PASSWORD_RULES = (
    "PasswordLength",
    "ExcludeCharacters",
    "ExcludeNumbers",
    "ExcludePunctuation",
    "ExcludeUppercase",
    "ExcludeLowercase",
    "IncludeSpace",
    "RequireEachIncludedType",
)


def generate_secret_string(secretsmanager: Any, spec: Mapping[str, Any]) -> str:
    """GenerateSecretString as CloudFormation does it: a password from the service's own generator,
    on its own or put into SecretStringTemplate under GenerateStringKey."""
    rules = {key: spec[key] for key in _PASSWORD_RULES if key in spec}
    password = str(secretsmanager.get_random_password(**rules)["RandomPassword"])
    if template := spec.get("SecretStringTemplate"):
        return json.dumps({**json.loads(template), spec["GenerateStringKey"]: password})
    return password


def _create_secrets(secretsmanager: Any) -> dict[str, str]:
    arns = {}
    for logical_id, props in _used(SECRET, ("SecretString", "GenerateSecretString")).items():
        try:  # an existing secret keeps its value: voter hashes must not change across restarts
            arns[logical_id] = secretsmanager.describe_secret(SecretId=logical_id)["ARN"]
        except secretsmanager.exceptions.ResourceNotFoundException:
            value = props.get("SecretString") or generate_secret_string(
                secretsmanager, props.get("GenerateSecretString", {})
            )
            arns[logical_id] = secretsmanager.create_secret(Name=logical_id, SecretString=value)["ARN"]
    return arns


def create_resources(endpoint_url: str | None = None, user_pools: bool = True) -> LocalResources:
    """Creates (idempotently) every table, topic, queue, secret and user pool of the template.

    With endpoint_url None the clients use the environment, so this also works inside mock_aws.
    Unit tests that sign no one in leave the user pools out (user_pools=False): moto makes each
    pool's RSA key, some 0.3 s a pool."""

    def client(service: str) -> Any:
        return boto3.client(service, endpoint_url=endpoint_url, region_name=region())  # type: ignore[call-overload]

    dynamodb = client("dynamodb")
    tables = create_tables(dynamodb)
    queues, queue_arns = _create_queues(client("sqs"))
    created = LocalResources(
        tables=tables,
        stream_arns=_stream_arns(dynamodb, tables),
        topics=_create_topics(client("sns")),
        queues=queues,
        queue_arns=queue_arns,
        secrets=_create_secrets(client("secretsmanager")),
        endpoint_url=endpoint_url,
    )
    if user_pools:
        create_user_pools(client("cognito-idp"), created)
    return created
