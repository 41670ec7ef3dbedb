"""The police inbox: what the neighbourhood teams would receive by email and SMS.

Locally an SQS queue, PoliceInbox, stands in for the teams' subscriptions to the tasking topic. It
gets the message's "sqs" text (bobbies.notify.publisher.per_protocol): the email, the SMS and the
attributes as JSON. The topic carries each tasking once per language (each copy in both languages,
its own first); like a team, the inbox filters on one: Welsh first. The drain writes each tasking
to <state>/inbox.jsonl, one JSON object a line, and prints it.

One line per tasking: a message whose (area, round) attributes are in the inbox already is a repeat
and is dropped, as a team drops a message quoting a reference it has. Repeats happen: SNS and SQS
deliver at least once, a nightly run that crashed after publishing publishes again, and the runner
replays the publishes recorded since its last snapshot, so none published before a crash is lost.

`make inbox` (python -m local.inbox) prints that file, running stack or not.
"""

import json
import os
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import requests

from bobbies.domain.times import utc_text
from local.api_events import HttpResponse
from local.console import Console
from local.settings import runner_settings_or_exit

if TYPE_CHECKING:
    from local.sms import Phones

QUEUE_NAME = "PoliceInbox"
TOPIC = "TaskingTopic"


class SnsTap:
    """Forwards the functions' SNS calls (AWS_ENDPOINT_URL_SNS points at the gateway) to moto; a
    text to a phone number goes to the residents' phones instead (local.sms), never to moto, so no
    number or code is in moto's recording or snapshot."""

    def __init__(self, moto_endpoint: str, phones: "Phones | None" = None) -> None:
        self.moto_endpoint = moto_endpoint
        self.phones = phones

    def forward(self, body: bytes, headers: list[tuple[str, str]]) -> HttpResponse:
        if self.phones is not None and (delivered := self.phones.deliver(body)) is not None:
            return delivered
        kept = {name: value for name, value in headers if name.lower() not in ("host", "content-length")}
        answer = requests.post(self.moto_endpoint + "/", data=body, headers=kept, timeout=30)
        content_type = answer.headers.get("Content-Type", "text/xml")
        return HttpResponse(answer.status_code, answer.content, [("Content-Type", content_type)])


def subscribe(sqs: Any, sns: Any, topic_arn: str) -> str:
    """Creates the inbox queue and subscribes it to the topic (both idempotent); returns its URL."""
    url = str(sqs.create_queue(QueueName=QUEUE_NAME)["QueueUrl"])
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(
        TopicArn=topic_arn,
        Protocol="sqs",
        Endpoint=arn,
        Attributes={"RawMessageDelivery": "false", "FilterPolicy": json.dumps({"language": ["cy"]})},
    )
    return url


def _texts(message: str) -> dict[str, Any]:
    """The email and SMS of a message's "sqs" text; {} for a plain text message."""
    try:
        texts = json.loads(message)
    except json.JSONDecodeError:
        return {}
    return texts if isinstance(texts, dict) else {}


def as_delivered(envelope: dict[str, Any]) -> dict[str, Any]:
    """One inbox line: the SNS envelope the queue got, with the email and SMS as sent."""
    default = envelope.get("Message", "")
    texts = _texts(default)
    return {
        "id": envelope.get("MessageId"),
        "received": utc_text(datetime.now(UTC)),
        "subject": envelope.get("Subject"),
        "email": texts.get("email") or default,
        "sms": texts.get("sms") or default,
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


def tasking_of(message: dict[str, Any]) -> tuple[str, ...]:
    """What makes two messages one: the tasking's (area, round); the message id if it names none."""
    attributes = message.get("attributes") or {}
    if attributes.get("area") and attributes.get("round"):
        return (str(attributes["area"]), str(attributes["round"]))
    return (str(message.get("id")),)


class InboxDrain(threading.Thread):
    def __init__(
        self, sqs: Any, queue_url: str, inbox: Path, console: Console, stop: threading.Event
    ) -> None:
        super().__init__(name="police-inbox", daemon=True)
        self.sqs, self.queue_url, self.inbox = sqs, queue_url, inbox
        self.console, self.stop = console, stop
        self._seen = {tasking_of(message) for message in read_inbox(inbox)}

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
            message = as_delivered(json.loads(received["Body"]))
            if tasking_of(message) not in self._seen:  # a repeat: see the module's docstring
                self._append(message)
                self.console.block(printable(message))
            self.sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=received["ReceiptHandle"])
        return len(messages)

    def _append(self, message: dict[str, Any]) -> None:
        """Written and on disk before the message is deleted from the queue."""
        with self.inbox.open("a", encoding="utf-8") as out:
            out.write(json.dumps(message, ensure_ascii=False) + "\n")
            out.flush()
            os.fsync(out.fileno())
        self._seen.add(tasking_of(message))


def read_inbox(path: Path) -> list[dict[str, Any]]:
    """The inbox's messages; a last line cut short by a power cut is left out (its message is still
    on the queue, since it is deleted only once written)."""
    if not path.exists():
        return []
    messages = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            messages.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return messages


def main() -> int:
    messages = read_inbox(runner_settings_or_exit().paths.inbox)
    for message in messages:
        print(json.dumps(message, ensure_ascii=False))
    if not messages:
        print("no taskings received yet", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
