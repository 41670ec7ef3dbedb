"""Receipts: a resident can check their ballot counted; nobody without the code learns anything."""

import json
import re
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from local.lambdas import LambdaContext

from bobbies.store import aggregates
from tests.conftest import api_event, load_handler
from tests.unit.conftest import LocalAws

VOTER = "resident-token-0123456789abcdef"
Call = Callable[..., tuple[int, dict[str, Any]]]


@pytest.fixture
def call(seeded: LocalAws) -> Call:
    handler = load_handler("ApiFunction")

    def send(method: str, path: str, body: Any = None, **options: Any) -> tuple[int, dict[str, Any]]:
        response = handler(api_event(method, path, body, **options), LambdaContext())
        return response["statusCode"], json.loads(response["body"])

    return send


def apply_stream(aws: LocalAws) -> None:
    load_handler("AggregateBallotsFunction")({"Records": aws.stream_records()}, LambdaContext())


def vote(call: Call, voter: str = VOTER, **allocations: int) -> str:
    status, body = call("POST", "/api/areas/bangor/ballots", {"voter": voter, "allocations": allocations})
    assert status in (200, 201)
    return str(body["receipt"])


def check(call: Call, code: str) -> dict[str, Any]:
    status, body = call("GET", f"/api/receipts/{code}")
    assert status == 200, body
    return dict(body["receipt"])


def test_a_receipt_says_which_round_and_that_the_ballot_counts_once_it_is_in_the_results(
    call: Call, seeded: LocalAws
) -> None:
    # Given a ballot just cast
    code = vote(call, speeding=6, drugs=4)
    assert re.fullmatch(r"[a-z2-7]{26}", code)  # 128 random bits, base32

    # Then its receipt names the area and round, counts it, and is not yet in the live results
    receipt = check(call, code)
    round_shown = call("GET", "/api/areas/bangor/ballot")[1]["round"]
    assert receipt["area"] == {"id": "bangor", "name": {"en": "Bangor", "cy": "Bangor"}}
    assert receipt["round"] == {"id": round_shown["id"], "closes": round_shown["closes"], "closed": False}
    assert (receipt["status"], receipt["inLiveResults"]) == ("counted", False)

    # When the stream is applied, it is in the live results
    apply_stream(seeded)
    assert check(call, code)["inLiveResults"] is True


def test_a_revote_replaces_the_earlier_receipt_and_each_says_where_its_bobbies_are(
    call: Call, seeded: LocalAws
) -> None:
    first = vote(call, speeding=10)
    apply_stream(seeded)

    second = vote(call, asb=10)
    assert second != first
    # The revote is stored but not yet applied: the first ballot's bobbies are still what is shown
    assert (check(call, first)["status"], check(call, first)["inLiveResults"]) == ("replaced", True)
    assert (check(call, second)["status"], check(call, second)["inLiveResults"]) == ("counted", False)

    apply_stream(seeded)
    assert (check(call, first)["status"], check(call, first)["inLiveResults"]) == ("replaced", False)
    assert (check(call, second)["status"], check(call, second)["inLiveResults"]) == ("counted", True)


def test_a_ballot_folded_in_while_its_guard_waits_on_the_aggregate_is_in_the_live_results(
    call: Call, seeded: LocalAws
) -> None:
    # Given two ballots folded in by one write with room for one guard (as the 100th change of a
    # batch is): the other's id waits pending on the aggregate item
    codes = [vote(call, speeding=10), vote(call, "resident-token-fedcba9876543210", drugs=10)]
    with mock.patch.object(aggregates, "GUARDS_PER_WRITE", 1):
        apply_stream(seeded)
    assert len(aggregates.read_aggregate("bangor", check(call, codes[0])["round"]["id"]).pending) == 1
    # Then both receipts say their ballot is in the live results
    assert [check(call, code)["inLiveResults"] for code in codes] == [True, True]


def test_a_code_copied_with_spaces_hyphens_or_capitals_still_checks(call: Call) -> None:
    code = vote(call, drugs=10)
    spaced = "-".join(code[i : i + 4] for i in range(0, len(code), 4)).upper()
    assert check(call, spaced)["status"] == "counted"


@pytest.mark.parametrize(
    "code",
    [
        "a" * 26,  # well formed, never issued
        "abcdefghijklmnopqrstuvwxyz",
        "not-a-receipt",
        "A1",  # digits outside base32
        "x" * 300,
        "%00",
    ],
)
def test_unknown_and_malformed_codes_get_the_same_404(call: Call, code: str) -> None:
    vote(call, asb=10)
    status, body = call("GET", f"/api/receipts/{code}")
    assert (status, body["error"]["code"]) == (404, "receipt_not_found")
    assert body == call("GET", "/api/receipts/bbbbbbbbbbbbbbbbbbbbbbbbbb")[1]
    welsh = call("GET", f"/api/receipts/{code}", headers={"Accept-Language": "cy"})[1]
    assert welsh["error"]["message"].startswith("Does dim pleidlais")


def test_the_code_itself_is_not_stored_anywhere(call: Call, seeded: LocalAws) -> None:
    code = vote(call, speeding=5, drugs=5)
    apply_stream(seeded)
    assert code not in json.dumps(seeded.snapshot())
