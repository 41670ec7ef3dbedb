"""Residents propose priorities through the API: a reference to look it up, limits per resident and
per area per day, and the public list of approved proposals waiting for the next round."""

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from local.lambdas import LambdaContext

from bobbies.domain import proposals as rules
from bobbies.domain.errors import Conflict, TooMany
from bobbies.domain.proposals import APPROVED, DECLINED, MERGED, REDIRECTED, Decision
from bobbies.store import proposals as stored
from bobbies.usecases import proposals
from tests.conftest import load_event, load_handler
from tests.unit.conftest import LocalAws
from tests.unit.test_api import VOTER, Call, api_caller
from tests.unit.test_api_document import conforms, documented

PROPOSALS = "/api/areas/bangor/proposals"


@pytest.fixture
def call(seeded: LocalAws) -> Call:
    return api_caller()


def proposal(voter: str = VOTER, **fields: Any) -> dict[str, Any]:
    return {
        "voter": voter,
        "language": "cy",
        "title": "Parcio ar y palmant ger yr ysgol",
        "description": "Mae ceir ar y palmant bob bore, a phlant yn cerdded ar y ffordd.",
        **fields,
    }


def propose(call: Call, body: dict[str, Any] | None = None, area: str = "bangor") -> str:
    status, answer = call("POST", f"/api/areas/{area}/proposals", body or proposal())
    assert status == 202, answer
    return str(answer["proposal"]["reference"])


def test_a_proposal_is_received_pending_and_its_reference_looks_it_up(call: Call, seeded: LocalAws) -> None:
    # When a resident proposes a priority in Welsh
    status, answer = call("POST", PROPOSALS, proposal(title="  Goryrru ar   Ffordd Caergybi "))

    # Then it is received, pending, with a reference a person can type
    assert status == 202
    received = answer["proposal"]
    assert received["status"] == "pending"
    assert rules.normal_reference(received["reference"]) is not None
    assert (received["title"], received["language"]) == ("Goryrru ar Ffordd Caergybi", "cy")

    # And the reference looks it up, however it is typed
    for typed in (received["reference"], received["reference"].lower().replace("-", " ")):
        assert call("GET", f"/api/proposals/{typed}") == (200, answer)

    # And the table holds neither the token nor the reference
    (item,) = [item for item in seeded.items("ProposalsTable") if item["pk"]["S"].startswith("proposal#")]
    written = json.dumps(seeded.items("ProposalsTable"))
    assert VOTER not in written
    assert received["reference"].replace("-", "") not in written.upper()
    assert item["status"]["S"] == "pending" and item["queue"]["S"] == "bangor#pending"
    assert "expires" in item  # an undecided proposal does not stay for ever


def test_the_sample_event_is_a_proposal_received(seeded: LocalAws) -> None:
    answer = load_handler("ApiFunction")(load_event("api_propose.json"), LambdaContext())
    assert answer["statusCode"] == 202
    assert json.loads(answer["body"])["proposal"]["status"] == "pending"


@pytest.mark.parametrize("typed", ["ABCDE-FGHJK", "not a reference", "x" * 3000, "%00"])
def test_an_unknown_or_malformed_reference_is_one_404(call: Call, typed: str) -> None:
    propose(call)
    status, answer = call("GET", f"/api/proposals/{typed}", headers={"Accept-Language": "cy"})
    assert (status, answer["error"]["code"]) == (404, "proposal_not_found")
    assert answer["error"]["message"].startswith("Does dim awgrym")


def test_a_resident_proposes_three_times_a_day_then_is_told_to_come_back_tomorrow(
    call: Call, seeded: LocalAws
) -> None:
    for n in range(rules.PER_VOTER_PER_DAY):
        propose(call, proposal(title=f"Blaenoriaeth {n}"), area="bangor" if n % 2 else "wrexham")
    before = seeded.snapshot()

    status, answer = call("POST", PROPOSALS, proposal(), headers={"Accept-Language": "cy"})

    assert (status, answer["error"]["code"]) == (429, "too_many_proposals")
    assert "Dewch yn ôl yfory" in answer["error"]["message"]
    assert seeded.snapshot() == before
    # Another resident still can
    propose(call, proposal(voter="another-resident-token-42"))


def test_the_next_day_a_resident_can_propose_again(seeded: LocalAws) -> None:
    today = datetime.now(UTC)
    for _ in range(rules.PER_VOTER_PER_DAY):
        proposals.propose("bangor", VOTER, "Parcio", "Ceir ar y palmant", "cy", today)
    with pytest.raises(TooMany):
        proposals.propose("bangor", VOTER, "Parcio", "Ceir ar y palmant", "cy", today)
    tomorrow = proposals.propose("bangor", VOTER, "Parcio", "Ceir", "cy", today + timedelta(days=1))
    assert tomorrow["proposal"]["status"] == "pending"


def test_an_area_takes_so_many_proposals_a_day(
    call: Call, seeded: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(proposals, "PER_AREA_PER_DAY", 2)
    propose(call, proposal(voter="first-resident-token-0001"))
    propose(call, proposal(voter="second-resident-token-002"))
    before = seeded.snapshot()

    status, answer = call("POST", PROPOSALS, proposal(voter="third-resident-token-0003"))

    assert (status, answer["error"]["code"]) == (429, "area_proposals_full")
    assert seeded.snapshot() == before
    # Another area still takes them
    propose(call, proposal(voter="third-resident-token-0003"), area="wrexham")


def approve(key: str, at: datetime, title: str) -> None:
    stored.record_decision(
        key,
        "bangor",
        Decision(
            APPROVED,
            "moderator-1",
            at,
            approved_title={"en": title, "cy": f"{title} (cy)"},
            approved_description={"en": f"About {title}.", "cy": f"Am {title}."},
        ),
    )


def pending_keys() -> list[str]:
    return [key for key, _ in stored.queued("bangor", "pending")]


def test_only_approved_proposals_waiting_for_the_next_round_are_listed(call: Call) -> None:
    # Given four proposals: two approved, one declined, one still pending
    for n in range(4):
        propose(call, proposal(voter=f"resident-token-number-{n:04d}", title=f"Proposal {n}"))
    first, second, third, _ = pending_keys()
    now = datetime.now(UTC)
    approve(second, now, "Parking by the school")
    approve(first, now + timedelta(minutes=1), "Speeding on the A5")
    stored.record_decision(
        third, "bangor", Decision(DECLINED, "moderator-1", now, reason={"en": "x", "cy": "y"})
    )

    status, answer = call("GET", PROPOSALS)

    assert status == 200
    assert [p["title"]["en"] for p in answer["proposals"]] == ["Parking by the school", "Speeding on the A5"]
    assert answer["proposals"][0]["description"] == {
        "en": "About Parking by the school.",
        "cy": "Am Parking by the school.",
    }
    assert set(answer["proposals"][0]) == {"id", "title", "description", "approved"}
    assert len(pending_keys()) == 1
    assert call("GET", "/api/areas/wrexham/proposals") == (200, {"area": "wrexham", "proposals": []})
    assert call("GET", "/api/areas/atlantis/proposals")[0] == 404


def test_the_resident_reads_each_decision_with_its_reason(call: Call) -> None:
    refs = [propose(call, proposal(voter=f"resident-token-number-{n:04d}")) for n in range(3)]
    merged, redirected, approved = pending_keys()
    now = datetime.now(UTC)
    stored.record_decision(merged, "bangor", Decision(MERGED, "moderator-1", now, merged_into="speeding"))
    reason = {"en": "Please report this crime on 101.", "cy": "Rhowch wybod am y drosedd hon ar 101."}
    stored.record_decision(redirected, "bangor", Decision(REDIRECTED, "moderator-2", now, reason=reason))
    approve(approved, now, "Parking")

    shown = {call("GET", f"/api/proposals/{ref}")[1]["proposal"]["status"]: ref for ref in refs}
    as_merged = call("GET", f"/api/proposals/{shown[MERGED]}")[1]["proposal"]
    assert as_merged["mergedInto"] == {"id": "speeding", "title": {"en": "Speeding", "cy": "Goryrru"}}
    as_redirected = call("GET", f"/api/proposals/{shown[REDIRECTED]}")[1]["proposal"]
    assert (as_redirected["reason"], as_redirected["mergedInto"]) == (reason, None)
    as_approved = call("GET", f"/api/proposals/{shown[APPROVED]}")[1]["proposal"]
    assert as_approved["approved"]["title"] == {"en": "Parking", "cy": "Parking (cy)"}
    assert as_approved["decided"] and "moderator" not in json.dumps(as_approved)

    # Every answer is the shape the document gives its route
    document = call("GET", "/api/openapi.json")[1]
    for path, route in [
        *((f"/api/proposals/{ref}", "/api/proposals/{reference}") for ref in refs),
        (PROPOSALS, "/api/areas/{areaId}/proposals"),
    ]:
        status, body = call("GET", path)
        assert conforms(document, documented(document, "GET", route, status), body) == [], path

    # A decision is made once
    with pytest.raises(Conflict):
        stored.record_decision(merged, "bangor", Decision(DECLINED, "moderator-3", now, reason=reason))


def test_a_count_taken_at_the_same_moment_is_counted_again_then_answered_busy(
    call: Call, seeded: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = stored.record_proposal
    clashes = iter([True])  # the first attempt meets another proposal's count in the same area

    def clashing(*args: Any) -> None:
        if next(clashes, False):
            raise Conflict("proposals_busy")
        real(*args)

    monkeypatch.setattr(stored, "record_proposal", clashing)
    propose(call)  # counted again, and received

    clashes = iter([True] * proposals.ATTEMPTS)
    before = seeded.snapshot()
    status, answer = call("POST", PROPOSALS, proposal(voter="another-resident-token-42"))
    assert (status, answer["error"]["code"]) == (409, "proposals_busy")
    assert seeded.snapshot() == before
