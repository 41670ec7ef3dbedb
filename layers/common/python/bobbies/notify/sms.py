"""Codes by SMS: SNS straight to a phone number (no topic); an in-memory list in unit tests.

Each message says it is Transactional (a code, delivered ahead of marketing and to numbers that
opted out of marketing): SNS reads AWS.SNS.SMS.SMSType per message, so no account setting is
needed for that. The account's spending limit and default type are account settings (README).
"""

from typing import Any, Protocol


class SmsSender(Protocol):
    def send(self, e164: str, text: str) -> None: ...


class SnsSms:
    def __init__(self, client: Any = None) -> None:
        self._client = client

    def send(self, e164: str, text: str) -> None:
        if self._client is None:
            import boto3

            self._client = boto3.client("sns")
        self._client.publish(
            PhoneNumber=e164,
            Message=text,
            MessageAttributes={
                "AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"},
            },
        )
