"""Where taskings go: SNS on AWS and locally; an in-memory list in unit tests."""

import json
from typing import Protocol

from bobbies.notify.render import TaskingMessage
from bobbies.notify.sns import SnsTopic


class Publisher(Protocol):
    def publish(self, message: TaskingMessage) -> None: ...


def per_protocol(message: TaskingMessage) -> dict[str, str]:
    """MessageStructure=json: email and SMS subscribers get their own text; a queue (a force system,
    or the local police inbox) gets both as JSON; anything else gets the email text."""
    machine_readable = {
        "subject": message.subject,
        "email": message.email,
        "sms": message.sms,
        "attributes": message.attributes,
    }
    return {
        "default": message.email,
        "email": message.email,
        "sms": message.sms,
        "sqs": json.dumps(machine_readable, ensure_ascii=False),
    }


class SnsPublisher(SnsTopic):
    def publish(self, message: TaskingMessage) -> None:
        """One publication per language (TaskingMessage.in_each_language): a team's filter policy
        names its language, so each team gets one; a subscriber filtering on neither gets both,
        each quoting the same reference, as it would a repeat."""
        for copy in message.in_each_language or (message,):
            self._publish(copy)

    def _publish(self, message: TaskingMessage) -> None:
        self.client.publish(
            TopicArn=self.topic_arn,
            Subject=message.subject,
            MessageStructure="json",
            Message=json.dumps(per_protocol(message), ensure_ascii=False),
            MessageAttributes={
                name: {"DataType": "String", "StringValue": value}
                for name, value in message.attributes.items()
            },
        )
