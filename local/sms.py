"""The residents' phones: every text the functions send to a phone number, kept for people and tests.

On AWS, SNS delivers a text published to a PhoneNumber; locally the gateway's SNS tap (local.inbox)
hands such a publish here instead of to moto. Each text is one JSON line in <state>/sms.jsonl
(`{"to", "text", "sent"}`) - the stand-in for the residents' handsets, so it is the one local file
that holds numbers and codes on purpose; `make reset` removes it. The console says a text was sent,
never to whom or what.

`make sms` (python -m local.sms) prints them, running stack or not.
"""

import json
import sys
import threading
import urllib.parse
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bobbies.domain.times import utc_text
from local.api_events import HttpResponse
from local.console import Console
from local.settings import runner_settings_or_exit

_ANSWER = (
    '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult>'
    "<MessageId>{id}</MessageId></PublishResult><ResponseMetadata><RequestId>{id}</RequestId>"
    "</ResponseMetadata></PublishResponse>"
)


class Phones:
    def __init__(self, path: Path, console: Console | None = None) -> None:
        self.path, self.console = path, console
        self._lock = threading.Lock()

    def deliver(self, body: bytes) -> HttpResponse | None:
        """A Publish to a PhoneNumber, kept and answered as SNS answers it; None for anything else."""
        fields = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        if fields.get("Action") != ["Publish"] or not fields.get("PhoneNumber"):
            return None
        text = {"to": fields["PhoneNumber"][0], "text": fields.get("Message", [""])[0], "sent": _now()}
        with self._lock, self.path.open("a", encoding="utf-8") as phones:
            phones.write(json.dumps(text, ensure_ascii=False) + "\n")
        if self.console is not None:
            self.console.line("sms: a text to a resident (`make sms` shows it)")
        answer = _ANSWER.format(id=uuid.uuid4())
        return HttpResponse(200, answer.encode(), [("Content-Type", "text/xml")])


def _now() -> str:
    return utc_text(datetime.now(UTC))


def read_texts(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> int:
    texts = read_texts(runner_settings_or_exit().paths.sms)
    if not texts:
        print("No texts sent yet.")
    for text in texts:
        print(f"{text['sent']}  to {text['to']}\n    {text['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
