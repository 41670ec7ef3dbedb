"""Where taskings go: SNS on AWS and locally; an in-memory list in unit tests."""

import json
from typing import Any, Protocol

import boto3

from bobbies.notify.render import TaskingMessage


class Publisher(Protocol):
    def publish(self, message: TaskingMessage) -> None: ...


class SnsPublisher:
    def __init__(self, topic_arn: str, client: Any = None) -> None:
        self.topic_arn = topic_arn
        self.client = client or boto3.client("sns")

    def publish(self, message: TaskingMessage) -> None:
        # MessageStructure=json: each protocol (email, sms) gets its own text; "default" for the rest.
        self.client.publish(
            TopicArn=self.topic_arn,
            Subject=message.subject,
            MessageStructure="json",
            Message=json.dumps(
                {"default": message.email, "email": message.email, "sms": message.sms}, ensure_ascii=False
            ),
            MessageAttributes={
                name: {"DataType": "String", "StringValue": value}
                for name, value in message.attributes.items()
            },
        )
