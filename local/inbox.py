"""The police inbox: what the neighbourhood teams would receive by email and SMS.

Locally an SQS queue, PoliceInbox, stands in for the teams' subscriptions to the tasking topic.
SNS gives an SQS subscriber only the "default" text of a MessageStructure=json message, so the
runner also taps the functions' SNS calls (SnsTap) and keeps each message's email and sms texts.
The drain writes each tasking to <state>/inbox.jsonl, one JSON object a line, and prints it.

`make inbox` (python -m local.inbox) prints that file, running stack or not.
"""

import json
import re
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import requests

from bobbies.domain.times import utc_text
from local.api_events import HttpResponse
from local.console import Console
from local.settings import runner_settings_or_exit

QUEUE_NAME = "PoliceInbox"
TOPIC = "TaskingTopic"


class SnsTap:
    """Forwards SNS calls to moto, remembering the full text of every published message."""

    def __init__(self, moto_endpoint: str) -> None:
        self.moto_endpoint = moto_endpoint
        self._published: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()

    def forward(self, body: bytes, headers: list[tuple[str, str]]) -> HttpResponse:
        kept = {name: value for name, value in headers if name.lower() not in ("host", "content-length")}
        answer = requests.post(self.moto_endpoint + "/", data=body, headers=kept, timeout=30)
        if answer.ok:
            self._remember(parse_qs(body.decode("utf-8", "replace")), answer.text)
        content_type = answer.headers.get("Content-Type", "text/xml")
        return HttpResponse(answer.status_code, answer.content, [("Content-Type", content_type)])

    def _remember(self, form: dict[str, list[str]], answer: str) -> None:
        if form.get("Action") != ["Publish"] or form.get("MessageStructure") != ["json"]:
            return
        message_id = re.search(r"<MessageId>([^<]+)</MessageId>", answer)
        if message_id:
            with self._lock:
                self._published[message_id.group(1)] = json.loads(form["Message"][0])

    def take(self, message_id: str) -> dict[str, Any]:
        with self._lock:
            return self._published.pop(message_id, {})


def subscribe(sqs: Any, sns: Any, topic_arn: str) -> str:
    """Creates the inbox queue and subscribes it to the topic (both idempotent); returns its URL."""
    url = str(sqs.create_queue(QueueName=QUEUE_NAME)["QueueUrl"])
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(
        TopicArn=topic_arn, Protocol="sqs", Endpoint=arn, Attributes={"RawMessageDelivery": "false"}
    )
    return url


def as_delivered(envelope: dict[str, Any], texts: dict[str, Any]) -> dict[str, Any]:
    """One inbox line: the SNS envelope the queue got, with the email and SMS as sent."""
    default = envelope.get("Message", "")
    return {
        "id": envelope.get("MessageId"),
        "received": utc_text(datetime.now(UTC)),
        "subject": envelope.get("Subject"),
        "email": texts.get("email") or texts.get("default") or default,
        "sms": texts.get("sms") or texts.get("default") or default,
        "attributes": {
            name: attribute.get("Value")
            for name, attribute in (envelope.get("MessageAttributes") or {}).items()
        },
    }


def printable(message: dict[str, Any]) -> str:
    attributes = ", ".join(f"{name}={value}" for name, value in message["attributes"].items())
    email = "\n".join(f"    {line}" if line else "" for line in str(message["email"]).splitlines())
    return (
        f"----- tasking: {message['subject']} [{attributes}]\n"
        f"  EMAIL\n{email}\n"
        f"  SMS\n    {message['sms']}\n"
        "-----"
    )


class InboxDrain(threading.Thread):
    def __init__(
        self, sqs: Any, queue_url: str, tap: SnsTap, inbox: Path, console: Console, stop: threading.Event
    ) -> None:
        super().__init__(name="police-inbox", daemon=True)
        self.sqs, self.queue_url, self.tap, self.inbox = sqs, queue_url, tap, inbox
        self.console, self.stop = console, stop
        self._seen = {message.get("id") for message in read_inbox(inbox)}

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.drain_once()
            except Exception as exc:  # moto going away at shutdown, mostly
                if not self.stop.is_set():
                    self.console.line(f"inbox: {type(exc).__name__}: {exc}")
            self.stop.wait(0.3)

    def drain_once(self) -> int:
        answer = self.sqs.receive_message(QueueUrl=self.queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0)
        messages = answer.get("Messages", [])
        for received in messages:
            envelope = json.loads(received["Body"])
            message = as_delivered(envelope, self.tap.take(envelope.get("MessageId", "")))
            if message["id"] not in self._seen:  # at least once: a crash between write and delete
                self._append(message)
                self.console.block(printable(message))
            self.sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=received["ReceiptHandle"])
        return len(messages)

    def _append(self, message: dict[str, Any]) -> None:
        with self.inbox.open("a", encoding="utf-8") as out:
            out.write(json.dumps(message, ensure_ascii=False) + "\n")
        self._seen.add(message["id"])


def read_inbox(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> int:
    messages = read_inbox(runner_settings_or_exit().paths.inbox)
    for message in messages:
        print(json.dumps(message, ensure_ascii=False))
    if not messages:
        print("no taskings received yet", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
