"""Helpers for the verification tests: a stack with VoterVerification on, the texts moto kept, and
a resident who asks for a code and types it."""

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from local.seed import load_seed
from moto.core import DEFAULT_ACCOUNT_ID
from moto.sns.models import sns_backends

from tests.unit.conftest import SMALL_SEED, LocalAws, moto_stack
from tests.unit.test_api import Call, api_caller

MOBILE = "07400 123456"  # a GB mobile (libphonenumber's example); +447400123456
E164 = "+447400123456"
OTHER_MOBILE = "07400 654321"
DEVICE = "device-token-0123456789abcdef"
CODE = re.compile(r"\b([0-9]{6})\b")


@pytest.fixture
def verifying(tmp_path: Path) -> Iterator[LocalAws]:
    """Two small areas with open rounds, ballots needing a pass (VoterVerification=on)."""
    with moto_stack(verification=True) as aws:
        seed = tmp_path / "seed.json"
        seed.write_text(json.dumps(SMALL_SEED), encoding="utf-8")
        load_seed(seed, now=datetime.now(UTC) - timedelta(hours=1))
        yield aws


@pytest.fixture
def call(verifying: LocalAws) -> Call:
    return api_caller()


@pytest.fixture
def frozen_clock(call: Call, monkeypatch: pytest.MonkeyPatch) -> datetime:
    """The API's clock held at the start of a minute, so limits per minute are not split by the
    minute turning during a test."""
    import sys

    # The module `call` imported (each load_handler is a fresh import: loading it again here would
    # hold another module's clock, and a minute turning between two requests would split a limit).
    module = sys.modules["local_function_ApiFunction"]
    held = (datetime.now(UTC) + timedelta(minutes=1)).replace(second=1, microsecond=0)

    class Held(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> "Held":
            return cls.fromtimestamp(held.timestamp(), tz)

    monkeypatch.setattr(module, "datetime", Held)
    return held


def texts() -> list[tuple[str, str]]:
    """Every SMS sent so far: (number, text)."""
    return list(sns_backends[DEFAULT_ACCOUNT_ID]["eu-west-2"].sms_messages.values())


def last_code(to: str = E164) -> str:
    sent = [text for number, text in texts() if number == to]
    found = CODE.search(sent[-1])
    assert found, sent[-1]
    return found.group(1)


def ask(
    call: Call,
    phone: str = MOBILE,
    area: str = "bangor",
    language: str = "en",
    device: str = DEVICE,
    **options: Any,
) -> tuple[int, dict[str, Any]]:
    body = {"phone": phone, "areaId": area, "language": language, "device": device}
    return call("POST", "/api/verifications", body, **options)


def confirm(call: Call, challenge: str, code: str) -> tuple[int, dict[str, Any]]:
    return call("POST", f"/api/verifications/{challenge}/confirmation", {"code": code})


def verified_pass(call: Call, phone: str = MOBILE, area: str = "bangor", device: str = DEVICE) -> str:
    status, sent = ask(call, phone, area, device=device)
    assert status == 202, sent
    number = "+44" + phone.replace(" ", "")[1:]
    status, granted = confirm(call, sent["challenge"], last_code(number))
    assert status == 201, granted
    return str(granted["pass"])


def ballot_with(ballot_pass: str | None, voter: str = DEVICE, **allocations: int) -> dict[str, Any]:
    body: dict[str, Any] = {"voter": voter, "allocations": allocations}
    if ballot_pass is not None:
        body["pass"] = ballot_pass
    return body


def error_of(answer: tuple[int, dict[str, Any]]) -> tuple[int, str]:
    status, body = answer
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    return status, body["error"]["code"]
