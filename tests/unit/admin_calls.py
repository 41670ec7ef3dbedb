"""The police console's routes called as API Gateway would, the public API beside them, and probe
queues: moto keeps no email or SMS deliveries but applies filter policies to SQS subscriptions, so
a queue subscribed with a team's filter policy receives what that team would."""

import json
from typing import Any

from local.lambdas import LambdaContext

from tests.conftest import admin_event, api_event, load_handler
from tests.unit.conftest import LocalAws


def admin(method: str, path: str, body: Any = None, groups: tuple[str, ...] = ("admin",)) -> tuple[int, Any]:
    response = load_handler("AdminFunction")(admin_event(method, path, body, groups=groups), LambdaContext())
    return response["statusCode"], json.loads(response["body"]) if response["body"] else None


def public(path: str, **query: str) -> tuple[int, Any]:
    response = load_handler("ApiFunction")(api_event("GET", path, query=query or None), LambdaContext())
    return response["statusCode"], json.loads(response["body"])


def sns_subscriptions(aws: LocalAws) -> list[dict[str, Any]]:
    topic = aws.resources.topics["TaskingTopic"]
    return list(aws.client("sns").list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"])


def probe(aws: LocalAws, name: str, filter_policy: str) -> str:
    """A queue subscribed to the tasking topic with the given filter policy; its URL."""
    sqs, sns = aws.client("sqs"), aws.client("sns")
    url = sqs.create_queue(QueueName=f"probe-{name}")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    topic = aws.resources.topics["TaskingTopic"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn, Attributes={"FilterPolicy": filter_policy})
    return str(url)


def received(aws: LocalAws, url: str) -> list[dict[str, Any]]:
    """Every message on the queue, as its "sqs" text (moto delivers during Publish: all are there)."""
    messages = aws.client("sqs").receive_message(QueueUrl=url, MaxNumberOfMessages=10)
    return [json.loads(json.loads(m["Body"])["Message"]) for m in messages.get("Messages", [])]
