"""BallotsRejected (the dashboard's Ballots widget, beside BallotsAccepted) counts refused ballots: the
residents' own and those an officer takes at a stall, by code. Other refusals, the console's moderation
or a code asked for, are not ballots and do not count."""

import json
from typing import Any

import pytest
from local.lambdas import LambdaContext

from tests.conftest import admin_event, load_handler
from tests.unit.conftest import LocalAws
from tests.unit.test_api import Call, api_caller, ballot
from tests.unit.test_moderation import decide, propose, queued


@pytest.fixture
def call(seeded: LocalAws) -> Call:
    return api_caller()


def rejected(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The reasons of the BallotsRejected counts written (as EMF lines) since the last look."""
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if '"_aws"' in line]
    return [line["reason"] for line in lines if "BallotsRejected" in line]


def take(body: Any) -> tuple[int, dict[str, Any]]:
    event = admin_event("POST", "/api/admin/areas/bangor/ballots", body, groups=("officer",), district="west")
    response = load_handler("AdminFunction")(event, LambdaContext())
    return response["statusCode"], json.loads(response["body"])


def test_a_refused_moderation_decision_is_not_a_rejected_ballot(
    call: Call, capsys: pytest.CaptureFixture[str]
) -> None:
    propose(call)
    (pending,) = queued()
    rejected(capsys)

    reference = pending["reference"]
    assert decide(reference, {"decision": "promote"})[1]["error"]["code"] == "invalid_decision"
    assert decide(reference, '{"decision": 1, "decision": 2}')[1]["error"]["code"] == "duplicate_key"

    assert rejected(capsys) == []


def test_a_refused_request_for_a_code_is_not_a_rejected_ballot(
    call: Call, capsys: pytest.CaptureFixture[str]
) -> None:
    status, answer = call("POST", "/api/verifications", {"phone": "01248 123456"})
    assert 400 <= status < 500 and answer["error"]["code"]
    assert rejected(capsys) == []


def test_refused_ballots_are_counted_by_their_code(call: Call, capsys: pytest.CaptureFixture[str]) -> None:
    # A resident's ballot refused in the resolver, and one refused before it (not JSON)
    status, answer = call("POST", "/api/areas/bangor/ballots", ballot(drugs=-1))
    assert status == 422
    assert rejected(capsys) == [answer["error"]["code"]]
    status, answer = call("POST", "/api/areas/bangor/ballots", '{"voter": "x", "voter": "y"}')
    assert (status, answer["error"]["code"]) == (400, "duplicate_key")
    assert rejected(capsys) == ["duplicate_key"]
    # An officer's ballot for a resident, refused
    status, answer = take({"postcode": "LL57 2DG", "allocations": {"drugs": 10}})
    assert (status, answer["error"]["code"]) == (422, "phone_or_paper_reference")
    assert rejected(capsys) == ["phone_or_paper_reference"]
