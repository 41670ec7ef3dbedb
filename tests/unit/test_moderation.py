"""Moderators decide on residents' proposals through the police console's API (AdminFunction):
approve in both languages (a priority of the area's NEXT round), merge, decline with a reason,
redirect a crime report; once each, by moderators and admins only, bad input changing nothing."""

import base64
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from local.lambdas import LambdaContext

from bobbies.domain.errors import Conflict
from bobbies.store import proposals as stored
from bobbies.usecases import moderation
from bobbies.usecases.nightly import run_nightly
from tests.conftest import admin_event, load_handler
from tests.unit.conftest import LocalAws
from tests.unit.test_api import Call, api_caller
from tests.unit.test_nightly import Inbox, after_close
from tests.unit.test_proposals import proposal

QUEUE = "/api/admin/proposals"
MODERATOR = "mod-gwen"
APPROVAL = {
    "decision": "approve",
    "title": {"en": "Parking on the pavement by the school", "cy": "Parcio ar y palmant ger yr ysgol"},
    "description": {
        "en": "Cars park on the pavement every morning, and children walk in the road.",
        "cy": "Mae ceir ar y palmant bob bore, a phlant yn cerdded ar y ffordd.",
    },
}
REASON = {
    "en": "The council deals with parking on this road.",
    "cy": "Y cyngor sy'n delio â pharcio ar y ffordd hon.",
}


def admin(
    method: str,
    path: str,
    body: Any = None,
    groups: tuple[str, ...] = ("moderator",),
    headers: dict[str, str] | None = None,
    **options: Any,
) -> tuple[int, dict[str, Any]]:
    """Sends a request as a signed-in member of the groups (username=None: nobody signed in); gives
    back the status and the JSON body. Other options are fields of the event (isBase64Encoded)."""
    signed_in = {key: options.pop(key) for key in ("username", "district", "query") if key in options}
    event = admin_event(method, path, body, groups=groups, **{"username": MODERATOR, **signed_in})
    event["headers"].update(headers or {})
    event.update(options)
    response = load_handler("AdminFunction")(event, LambdaContext())
    return response["statusCode"], json.loads(response["body"])


@pytest.fixture
def call(seeded: LocalAws) -> Call:
    return api_caller()


def propose(call: Call, area: str = "bangor", n: int = 0, **fields: Any) -> str:
    """A resident's proposal; gives back the reference the resident holds."""
    body = proposal(voter=f"resident-token-number-{n:04d}", **fields)
    status, answer = call("POST", f"/api/areas/{area}/proposals", body)
    assert status == 202, answer
    return str(answer["proposal"]["reference"])


def queued(area: str | None = "bangor", status: str = "pending") -> list[dict[str, Any]]:
    query = {"status": status, **({"area": area} if area else {})}
    code, answer = admin("GET", QUEUE, query=query)
    assert code == 200, answer
    return list(answer["proposals"])


def decide(reference: str, body: Any, **options: Any) -> tuple[int, dict[str, Any]]:
    return admin("POST", f"{QUEUE}/{reference}/decision", body, **options)


def on_ballot(call: Call, area: str = "bangor") -> dict[str, dict[str, str]]:
    status, answer = call("GET", f"/api/areas/{area}/ballot")
    assert status == 200
    return {priority["id"]: priority["title"] for priority in answer["priorities"]}


def test_an_approved_proposal_waits_for_the_next_round_then_is_on_its_ballot(
    call: Call, seeded: LocalAws
) -> None:
    # Given a resident's proposal in Welsh, pending in the moderators' queue
    reference = propose(call)
    (pending,) = queued()
    assert (pending["status"], pending["language"], pending["decisions"]) == ("pending", "cy", [])
    assert pending["areaName"] == {"en": "Bangor", "cy": "Bangor"}

    # When a moderator approves it, writing the English the resident did not
    status, answer = decide(pending["reference"], APPROVAL)

    # Then it is approved, with who decided it and when
    assert status == 200, answer
    decided = answer["proposal"]
    assert decided["status"] == "approved"
    assert decided["approvedTitle"] == APPROVAL["title"]
    assert decided["approvedDescription"] == APPROVAL["description"]
    assert [(d["decision"], d["by"]) for d in decided["decisions"]] == [("approve", MODERATOR)]
    assert queued() == [] and queued(status="approved") == [decided]

    # And it is not on the open round's ballot, but waiting for the next round
    assert decided["priorityId"] not in on_ballot(call)
    waiting = call("GET", "/api/areas/bangor/proposals")[1]["proposals"]
    assert [p["title"] for p in waiting] == [APPROVAL["title"]]
    assert call("GET", f"/api/proposals/{reference}")[1]["proposal"]["approved"]["title"] == APPROVAL["title"]

    # When the round closes and the nightly job runs
    run_nightly(after_close(), Inbox())

    # Then the new round's ballot has it, in both languages, and nothing waits any more
    assert on_ballot(call)[decided["priorityId"]] == APPROVAL["title"]
    assert call("GET", "/api/areas/bangor/proposals")[1]["proposals"] == []
    looked_up = call("GET", f"/api/proposals/{reference}")[1]["proposal"]
    assert looked_up["status"] == "approved" and looked_up["round"]
    assert MODERATOR not in json.dumps(looked_up)  # the resident never sees who decided


def test_a_merged_proposal_tells_the_resident_which_priority_it_joined(call: Call) -> None:
    reference = propose(call)
    (pending,) = queued()

    status, answer = decide(pending["reference"], {"decision": "merge", "priorityId": "speeding"})

    assert status == 200, answer
    assert (answer["proposal"]["status"], answer["proposal"]["mergedInto"]) == ("merged", "speeding")
    looked_up = call("GET", f"/api/proposals/{reference}")[1]["proposal"]
    assert looked_up["mergedInto"] == {"id": "speeding", "title": {"en": "Speeding", "cy": "Goryrru"}}
    assert "speeding" in on_ballot(call) and len(on_ballot(call)) == 3  # no new priority


def test_a_declined_proposal_shows_the_resident_the_reason(call: Call) -> None:
    reference = propose(call)
    (pending,) = queued()

    status, answer = decide(pending["reference"], {"decision": "decline", "reason": REASON})

    assert status == 200, answer
    assert answer["proposal"]["reason"] == REASON
    looked_up = call("GET", f"/api/proposals/{reference}")[1]["proposal"]
    assert (looked_up["status"], looked_up["reason"]["cy"]) == ("declined", REASON["cy"])
    assert queued(status="declined") == [answer["proposal"]]


def test_a_redirected_proposal_is_a_crime_report_for_101(call: Call) -> None:
    reference = propose(call)
    (pending,) = queued()

    status, answer = decide(pending["reference"], {"decision": "redirect"}, groups=("admin",))

    assert status == 200, answer
    looked_up = call("GET", f"/api/proposals/{reference}")[1]["proposal"]
    assert looked_up["status"] == "redirected"  # the page says: call 101, or 999 in an emergency
    assert call("GET", "/api/areas/bangor/proposals")[1]["proposals"] == []


def test_a_decision_is_stored_with_who_and_when_and_the_name_is_never_logged(
    call: Call, seeded: LocalAws, capsys: pytest.CaptureFixture[str]
) -> None:
    propose(call)
    (pending,) = queued()
    before = datetime.now(UTC).replace(microsecond=0)

    decide(pending["reference"], {"decision": "redirect"})

    (item,) = [item for item in seeded.items("ProposalsTable") if item["pk"]["S"].startswith("proposal#")]
    assert item["decided_by"]["S"] == MODERATOR
    assert datetime.fromisoformat(item["decided_at"]["S"]) >= before
    assert MODERATOR not in capsys.readouterr().out


LONG = "x" * 81
BAD_DECISIONS = [
    ({"decision": "approve", "title": {"en": "Parking"}, "description": APPROVAL["description"]},
     422, "title_language_missing"),
    ({**APPROVAL, "description": {"en": "Cars.", "cy": "   "}}, 422, "description_language_missing"),
    ({**APPROVAL, "title": {"en": LONG, "cy": "Parcio"}}, 422, "title_too_long"),
    ({"decision": "decline", "reason": {"en": "No.", "cy": "Na." + "a" * 500}}, 422, "reason_too_long"),
    ({"decision": "decline", "reason": {"cy": "Na."}}, 422, "reason_language_missing"),
    ({"decision": "decline"}, 400, "invalid_decision"),
    ({"decision": "publish"}, 400, "invalid_decision"),
    ({"decision": "redirect", "reason": REASON}, 400, "invalid_decision"),
    ({**APPROVAL, "title": {"en": "Parking", "cy": "Parcio", "fr": "Parking"}}, 400, "invalid_decision"),
    ({**APPROVAL, "title": "Parking"}, 400, "invalid_decision"),
    ([], 400, "invalid_decision"),
    ({"decision": "merge", "priorityId": "burglary"}, 422, "merge_priority_not_found"),  # Wrexham's
    ({"decision": "merge", "priorityId": "no-such-priority"}, 422, "merge_priority_not_found"),
    ({"decision": "merge", "priorityId": 7}, 400, "invalid_decision"),
    ('{"decision": "decline", "reason": {"en": "No \\udcff", "cy": "Na"}}', 400, "invalid_encoding"),
    ('{"decision": "redirect"', 400, "invalid_json"),
    ("", 400, "invalid_body"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "status", "code"), BAD_DECISIONS)
def test_a_bad_decision_is_refused_in_the_error_shape_and_changes_nothing(
    call: Call, seeded: LocalAws, body: Any, status: int, code: str
) -> None:
    propose(call)
    (pending,) = queued()
    before = seeded.snapshot()

    answer = decide(pending["reference"], body, headers={"Accept-Language": "cy"})

    assert (answer[0], answer[1]["error"]["code"]) == (status, code)
    assert answer[1]["error"]["message"]
    assert seeded.snapshot() == before


def test_odd_bytes_in_the_body_are_refused_and_change_nothing(call: Call, seeded: LocalAws) -> None:
    propose(call)
    (pending,) = queued()
    before = seeded.snapshot()

    sent = base64.b64encode(b'{"decision": "decline", "reason": {"en": "\xff\xfe", "cy": "Na"}}').decode()
    answer = decide(pending["reference"], sent, isBase64Encoded=True)

    assert (answer[0], answer[1]["error"]["code"]) == (400, "invalid_encoding")
    assert seeded.snapshot() == before


@pytest.mark.parametrize("reference", ["0" * 64, "K7QX4-MP29T", "x" * 2000])
def test_an_unknown_proposal_is_a_404(call: Call, reference: str) -> None:
    assert decide(reference, {"decision": "redirect"})[1]["error"]["code"] == "not_found"


def test_a_second_decision_is_refused_and_the_first_stands(call: Call, seeded: LocalAws) -> None:
    reference = propose(call)
    (pending,) = queued()
    assert decide(pending["reference"], {"decision": "decline", "reason": REASON})[0] == 200
    before = seeded.snapshot()

    status, answer = decide(pending["reference"], APPROVAL, username="mod-other")

    assert (status, answer["error"]["code"]) == (409, "already_decided")
    assert seeded.snapshot() == before
    assert call("GET", f"/api/proposals/{reference}")[1]["proposal"]["status"] == "declined"


def test_two_moderators_at_once_cannot_both_decide(
    call: Call, seeded: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both read it pending; the write is conditional, so the later one is refused."""
    propose(call)
    (pending,) = queued()
    key = stored.proposal_key(pending["reference"])
    read_while_pending = stored.find_by_key(key)
    assert decide(pending["reference"], {"decision": "merge", "priorityId": "drugs"})[0] == 200
    before = seeded.snapshot()
    monkeypatch.setattr(stored, "find_by_key", lambda _: read_while_pending)

    with pytest.raises(Conflict) as refused:
        moderation.decide(pending["reference"], APPROVAL, "mod-other", datetime.now(UTC))

    assert refused.value.code == "already_decided"
    assert seeded.snapshot() == before  # not even the approval's priority was written


@pytest.mark.parametrize("path", [QUEUE, f"{QUEUE}/{'0' * 64}/decision"])
def test_only_moderators_and_admins_moderate(call: Call, path: str) -> None:
    method, body = ("GET", None) if path == QUEUE else ("POST", {"decision": "redirect"})
    status, answer = admin(method, path, body, groups=("officer",), district="west")
    assert (status, answer["error"]["code"]) == (403, "wrong_group")
    status, answer = admin(method, path, body, username=None)
    assert (status, answer["error"]["code"]) == (401, "sign_in_needed")
    assert admin("GET", QUEUE, groups=("admin",))[0] == 200


def test_the_queue_is_oldest_first_by_area_or_for_all_a_page_at_a_time(call: Call) -> None:
    for n in range(3):
        propose(call, n=n, title=f"Bangor {n}")
    propose(call, area="wrexham", n=9, title="Wrexham")

    assert [p["title"] for p in queued()] == ["Bangor 0", "Bangor 1", "Bangor 2"]
    assert [p["areaId"] for p in queued(None)] == ["bangor"] * 3 + ["wrexham"]
    status, first = admin("GET", QUEUE, query={"limit": "2"})
    assert status == 200 and len(first["proposals"]) == 2
    status, rest = admin("GET", QUEUE, query={"limit": "2", "cursor": first["next"]})
    assert [p["title"] for p in rest["proposals"]] == ["Bangor 2", "Wrexham"] and rest["next"] is None
    assert queued(status="merged") == []


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ({"status": "everything"}, 400, "invalid_query"),
        ({"area": "atlantis"}, 404, "area_not_found"),
        ({"limit": "0"}, 400, "invalid_limit"),
        ({"cursor": "bm90LWEtY3Vyc29y"}, 400, "invalid_cursor"),
        ({"cursor": base64.urlsafe_b64encode(json.dumps(["proposal#" + "0" * 64]).encode()).decode()},
         400, "invalid_cursor"),
    ],
)  # fmt: skip
def test_a_bad_query_of_the_queue_is_a_4xx(call: Call, query: dict[str, str], status: int, code: str) -> None:
    assert admin("GET", QUEUE, query=query)[1]["error"]["code"] == code
    assert admin("GET", QUEUE, query=query)[0] == status


def test_deciding_on_the_last_of_a_page_does_not_break_the_next_page(call: Call) -> None:
    """A moderator decides on what they see, then asks for more: the cursor is a position."""
    for n in range(3):
        propose(call, n=n, title=f"Bangor {n}")
    status, first = admin("GET", QUEUE, query={"area": "bangor", "limit": "2"})
    assert status == 200
    for shown in first["proposals"]:
        assert decide(shown["reference"], {"decision": "redirect"})[0] == 200

    status, rest = admin("GET", QUEUE, query={"area": "bangor", "limit": "2", "cursor": first["next"]})

    assert status == 200, rest
    assert [p["title"] for p in rest["proposals"]] == ["Bangor 2"] and rest["next"] is None


def test_the_next_round_after_an_approval_opens_once_however_often_the_night_runs(call: Call) -> None:
    propose(call)
    (pending,) = queued()
    priority = decide(pending["reference"], APPROVAL)[1]["proposal"]["priorityId"]
    night = after_close()

    run_nightly(night, Inbox())
    run_nightly(night + timedelta(hours=1), Inbox())

    assert list(on_ballot(call)).count(priority) == 1
    (approved,) = queued(status="approved")
    assert approved["round"]
