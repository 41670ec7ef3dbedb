"""The team's side of a tasking through the police console's API (AdminFunction's handler): an officer
of the tasking's district acknowledges it, reports progress and completes it with an outcome, and
residents see each step; what is refused (and changes nothing); the flags a sergeant acts on; how
current each area's tasking is."""

import base64
import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from fnmatch import fnmatch
from fractions import Fraction
from typing import Any

import pytest
from local.lambdas import LambdaContext
from local.template import load_template

from bobbies.domain.tasking import QUORUM_NOT_MET, Tasking, reference
from bobbies.store import taskings
from tests.conftest import admin_event, api_event, load_handler
from tests.unit.conftest import LocalAws
from tests.unit.tasking_helpers import NOTE, OUTCOME, issue

WEST_OFFICER: dict[str, Any] = {"groups": ("officer",), "district": "west", "username": "pc-jones-4411"}
EAST_OFFICER: dict[str, Any] = {"groups": ("officer",), "district": "east", "username": "pc-evans-2202"}
ADMIN: dict[str, Any] = {"groups": ("admin",), "username": "admin-1"}


def admin(method: str, path: str, body: Any = None, **who: Any) -> tuple[int, dict[str, Any]]:
    response = load_handler("AdminFunction")(admin_event(method, path, body, **who), LambdaContext())
    return response["statusCode"], json.loads(response["body"])


def public(path: str) -> dict[str, Any]:
    response = load_handler("ApiFunction")(api_event("GET", path), LambdaContext())
    assert response["statusCode"] == 200, response
    return dict(response)


def issued_hours_ago(hours: float, area: str = "bangor", review_days: int = 28) -> str:
    """An issued tasking of the area's current round, issued that long before now; its reference."""
    area_id, round_id = issue(area, at=datetime.now(UTC) - timedelta(hours=hours), review_days=review_days)
    return reference(area_id, round_id)


def test_the_whole_life_through_the_console_and_the_residents_see_each_step(
    seeded: LocalAws, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given a tasking issued to the West district's team five hours ago
    ref = issued_hours_ago(5)
    tasking = f"/api/admin/taskings/{ref}"

    # Then its team sees it among their open taskings, issued and not yet overdue
    status, listed = admin("GET", "/api/admin/taskings", **WEST_OFFICER)
    assert status == 200
    [shown] = listed["taskings"]
    assert (shown["reference"], shown["status"], shown["district"]) == (ref, "issued", "west")
    assert shown["areaName"] == {"en": "Bangor", "cy": "Bangor"}
    assert shown["priority"] == {"en": "Speeding", "cy": "Goryrru"}
    assert shown["flags"] == {"notAcknowledgedIn72h": False, "pastReview": False}
    assert (shown["acknowledgedAt"], shown["progress"], shown["outcome"]) == (None, [], None)

    # When an officer acknowledges it
    status, body = admin("POST", f"{tasking}/acknowledgement", {}, **WEST_OFFICER)
    assert (status, body["tasking"]["status"]) == (200, "acknowledged")
    acknowledged_at = body["tasking"]["acknowledgedAt"]
    assert body["tasking"]["acknowledgedBy"] == "pc-jones-4411"

    # and a colleague acknowledges it again: the same answer, the first acknowledgement kept
    colleague = {**WEST_OFFICER, "username": "sgt-hughes-1001"}
    status, again = admin("POST", f"{tasking}/acknowledgement", {}, **colleague)
    assert (status, again["tasking"]["acknowledgedAt"]) == (200, acknowledged_at)
    assert again["tasking"]["acknowledgedBy"] == "pc-jones-4411"

    # and reports progress, then the outcome, in both languages
    status, body = admin("POST", f"{tasking}/progress", {"note": NOTE}, **colleague)
    assert status == 201
    [note] = body["tasking"]["progress"]
    assert (note["note"], note["by"]) == (NOTE, "sgt-hughes-1001")
    status, body = admin("POST", f"{tasking}/outcome", {"outcome": OUTCOME}, **WEST_OFFICER)
    assert status == 200
    assert (body["tasking"]["status"], body["tasking"]["outcome"]) == ("completed", OUTCOME)
    assert body["tasking"]["completedBy"] == "pc-jones-4411"

    # Then it leaves the open list and is in the whole one
    assert admin("GET", "/api/admin/taskings", **WEST_OFFICER)[1]["taskings"] == []
    everything = admin("GET", "/api/admin/taskings", **WEST_OFFICER, query={"status": "all"})[1]
    assert [t["status"] for t in everything["taskings"]] == ["completed"]

    # and residents read the status, the note and the outcome ("you said, we did") - never who
    [seen] = json.loads(public("/api/taskings")["body"])["taskings"]
    assert (seen["status"], seen["outcome"]) == ("completed", OUTCOME)
    assert [n["text"] for n in seen["notes"]] == [NOTE]
    assert seen["acknowledged"] == acknowledged_at
    feed = public("/api/taskings.atom")["body"]
    entries = ET.fromstring(feed).findall("{http://www.w3.org/2005/Atom}entry")
    [category] = entries[0].findall("{http://www.w3.org/2005/Atom}category")
    read = " ".join(entries[0].itertext())
    assert category.get("term") == "completed"
    assert all(words in read for words in (*OUTCOME.values(), *NOTE.values()))
    assert "pc-jones" not in str(seen) + feed and "sgt-hughes" not in str(seen) + feed

    # and the usernames are never logged
    logged = capsys.readouterr()
    assert "pc-jones" not in logged.out + logged.err and "sgt-hughes" not in logged.out + logged.err


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"note": {"en": "Two speed checks held."}}, 422, "note_needs_both_languages"),
        ({"note": {"en": "Two speed checks held.", "cy": "   "}}, 422, "note_needs_both_languages"),
        ({"note": "Two speed checks held."}, 422, "note_needs_both_languages"),
        ({"note": {**NOTE, "cy": "x" * 501}}, 422, "note_too_long"),
        ({"note": {**NOTE, "cy": "Dau wiriad\u0007"}}, 422, "unreadable_characters"),
        ('{"note": {"en": "Two checks.", "cy": "Dau \\udcff"}}', 422, "unreadable_characters"),
        ({"note": NOTE, "by": "someone-else"}, 400, "invalid_tasking_change"),
        ({"outcome": OUTCOME}, 400, "invalid_tasking_change"),
        ([], 400, "invalid_tasking_change"),
        ("{not json", 400, "invalid_json"),
        ("raw-bytes", 400, "invalid_encoding"),
    ],
)
def test_a_bad_progress_note_is_refused_in_the_error_shape_and_nothing_is_stored(
    seeded: LocalAws, body: Any, status: int, code: str
) -> None:
    ref = issued_hours_ago(5)
    tasking = f"/api/admin/taskings/{ref}"
    assert admin("POST", f"{tasking}/acknowledgement", {}, **WEST_OFFICER)[0] == 200
    before = seeded.snapshot()

    if body == "raw-bytes":  # not UTF-8 at all
        event = admin_event("POST", f"{tasking}/progress", {"note": NOTE}, **WEST_OFFICER)
        event.update(
            body=base64.b64encode(b'{"note": {"en": "a\xff", "cy": "b"}}').decode(), isBase64Encoded=True
        )
        response = load_handler("AdminFunction")(event, LambdaContext())
        answer = (response["statusCode"], json.loads(response["body"]))
    else:
        answer = admin("POST", f"{tasking}/progress", body, **WEST_OFFICER)

    assert answer[0] == status
    assert answer[1]["error"]["code"] == code and answer[1]["error"]["message"]
    assert seeded.snapshot() == before


@pytest.mark.parametrize(
    ("outcome", "code"),
    [
        ({"en": "Speed checks every week."}, "outcome_needs_both_languages"),
        ({"en": "x" * 501, "cy": OUTCOME["cy"]}, "outcome_too_long"),
    ],
)
def test_a_bad_outcome_is_refused_and_the_tasking_stays_open(
    seeded: LocalAws, outcome: dict[str, str], code: str
) -> None:
    tasking = f"/api/admin/taskings/{issued_hours_ago(5)}"
    admin("POST", f"{tasking}/acknowledgement", {}, **WEST_OFFICER)
    status, body = admin("POST", f"{tasking}/outcome", {"outcome": outcome}, **WEST_OFFICER)
    assert (status, body["error"]["code"]) == (422, code)
    assert admin("GET", tasking, **WEST_OFFICER)[1]["tasking"]["status"] == "acknowledged"


@pytest.mark.parametrize(
    ("path", "body"),
    [("acknowledgement", {}), ("progress", {"note": NOTE}), ("outcome", {"outcome": OUTCOME})],
)
def test_a_completed_tasking_cannot_be_changed(seeded: LocalAws, path: str, body: Any) -> None:
    tasking = f"/api/admin/taskings/{issued_hours_ago(5)}"
    admin("POST", f"{tasking}/acknowledgement", {}, **WEST_OFFICER)
    admin("POST", f"{tasking}/outcome", {"outcome": OUTCOME}, **WEST_OFFICER)
    before = seeded.snapshot()
    status, answer = admin("POST", f"{tasking}/{path}", body, **WEST_OFFICER)
    assert (status, answer["error"]["code"]) == (409, "tasking_completed")
    assert seeded.snapshot() == before


def test_progress_and_an_outcome_wait_for_the_acknowledgement(seeded: LocalAws) -> None:
    tasking = f"/api/admin/taskings/{issued_hours_ago(5)}"
    for path, body in (("progress", {"note": NOTE}), ("outcome", {"outcome": OUTCOME})):
        status, answer = admin("POST", f"{tasking}/{path}", body, **WEST_OFFICER)
        assert (status, answer["error"]["code"]) == (409, "tasking_not_acknowledged")


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [("GET", "", None), ("POST", "/acknowledgement", {}), ("POST", "/progress", {"note": NOTE})],
)
def test_only_an_officer_of_the_taskings_district_or_an_admin_works_on_it(
    seeded: LocalAws, method: str, suffix: str, body: Any
) -> None:
    tasking = f"/api/admin/taskings/{issued_hours_ago(5)}{suffix}"
    before = seeded.snapshot()
    refused: dict[str, tuple[dict[str, Any], int, str]] = {
        "nobody signed in": ({"username": None}, 401, "sign_in_needed"),
        "a moderator": ({"groups": ("moderator",)}, 403, "wrong_group"),
        "another district's officer": (EAST_OFFICER, 403, "wrong_district"),
        "an officer of no district": ({"groups": ("officer",)}, 403, "no_district"),
    }
    for who, (caller, status, code) in refused.items():
        answer = admin(method, tasking, body, **caller)
        assert (answer[0], answer[1]["error"]["code"]) == (status, code), who
    assert seeded.snapshot() == before
    assert admin(method, tasking, body, **ADMIN)[0] in (200, 409)  # an admin may (409: not acknowledged)


def test_an_officer_lists_only_their_own_district(seeded: LocalAws) -> None:
    west, east = issued_hours_ago(5, "bangor"), issued_hours_ago(5, "wrexham")
    refs = lambda answer: [t["reference"] for t in answer[1]["taskings"]]  # noqa: E731
    assert refs(admin("GET", "/api/admin/taskings", **WEST_OFFICER)) == [west]
    assert refs(admin("GET", "/api/admin/taskings", **EAST_OFFICER)) == [east]
    status, body = admin("GET", "/api/admin/taskings", **WEST_OFFICER, query={"district": "east"})
    assert (status, body["error"]["code"]) == (403, "wrong_district")
    assert sorted(refs(admin("GET", "/api/admin/taskings", **ADMIN))) == sorted([west, east])
    assert refs(admin("GET", "/api/admin/taskings", **ADMIN, query={"district": "east"})) == [east]
    status, body = admin("GET", "/api/admin/taskings", **ADMIN, query={"district": "north"})
    assert (status, body["error"]["code"]) == (404, "district_not_found")
    status, body = admin("GET", "/api/admin/taskings", **ADMIN, query={"status": "late"})
    assert (status, body["error"]["code"]) == (400, "invalid_query")


def test_a_reference_that_names_no_tasking_is_a_404(seeded: LocalAws) -> None:
    # A round short of its quorum has a reference too, but no tasking for a team
    area_id = "bangor"
    short = Tasking(area_id, "west", "2026-01-01T0000Z", QUORUM_NOT_MET, None, 1, Fraction(0), Fraction(0),
                    issued=datetime.now(UTC), review=None, quorum=2)  # fmt: skip
    assert taskings.create_once(short, None, None)
    for quoted in (short.reference, "ZZZZ-ZZZZ", "not a reference", "x" * 300):
        status, body = admin("GET", f"/api/admin/taskings/{quoted}", **ADMIN)
        assert (status, body["error"]["code"]) == (404, "no_such_tasking"), quoted


def test_a_reference_is_found_however_it_is_typed(seeded: LocalAws) -> None:
    ref = issued_hours_ago(5)
    status, body = admin("GET", f"/api/admin/taskings/{ref.lower().replace('-', '')}", **WEST_OFFICER)
    assert (status, body["tasking"]["reference"]) == (200, ref)


@pytest.mark.parametrize(
    ("hours", "acknowledge", "flagged"), [(71, False, False), (73, False, True), (73, True, False)]
)
def test_a_tasking_nobody_acknowledged_within_72_hours_is_flagged(
    seeded: LocalAws, hours: int, acknowledge: bool, flagged: bool
) -> None:
    tasking = f"/api/admin/taskings/{issued_hours_ago(hours)}"
    if acknowledge:
        admin("POST", f"{tasking}/acknowledgement", {}, **WEST_OFFICER)
    flags = admin("GET", tasking, **WEST_OFFICER)[1]["tasking"]["flags"]
    assert flags == {"notAcknowledgedIn72h": flagged, "pastReview": False}


def test_a_tasking_still_open_past_its_review_date_is_flagged_until_completed(seeded: LocalAws) -> None:
    # Given a tasking issued three days ago with a review date two days after issue
    tasking = f"/api/admin/taskings/{issued_hours_ago(72 - 1, review_days=2)}"
    admin("POST", f"{tasking}/acknowledgement", {}, **WEST_OFFICER)
    assert admin("GET", tasking, **WEST_OFFICER)[1]["tasking"]["flags"]["pastReview"] is True
    listed = admin("GET", "/api/admin/taskings", **WEST_OFFICER)[1]["taskings"]
    assert listed[0]["flags"] == {"notAcknowledgedIn72h": False, "pastReview": True}
    admin("POST", f"{tasking}/outcome", {"outcome": OUTCOME}, **WEST_OFFICER)
    assert admin("GET", tasking, **WEST_OFFICER)[1]["tasking"]["flags"]["pastReview"] is False


def test_currency_shows_each_areas_current_tasking_and_whether_it_is_past_90_days(seeded: LocalAws) -> None:
    # Given bangor's tasking issued 10 days ago (an older one before it), and wrexham's 91 days ago
    now = datetime.now(UTC)
    issue("bangor", round_id="2025-01-01T0000Z", at=now - timedelta(days=200))
    current = issued_hours_ago(10 * 24, "bangor")
    stale = issued_hours_ago(91 * 24, "wrexham")

    status, body = admin("GET", "/api/admin/currency", **ADMIN)
    assert status == 200
    assert body["areas"] == [
        {"areaId": "wrexham", "name": {"en": "Wrexham", "cy": "Wrecsam"}, "district": "east",
         "currentTasking": stale, "ageDays": 91, "stale": True},
        {"areaId": "bangor", "name": {"en": "Bangor", "cy": "Bangor"}, "district": "west",
         "currentTasking": current, "ageDays": 10, "stale": False},
    ]  # fmt: skip
    # An officer sees their own district's areas
    west = admin("GET", "/api/admin/currency", **WEST_OFFICER)[1]["areas"]
    assert [a["areaId"] for a in west] == ["bangor"]


def test_an_area_that_never_had_a_tasking_is_stale(seeded: LocalAws) -> None:
    areas = admin("GET", "/api/admin/currency", **EAST_OFFICER)[1]["areas"]
    assert [(a["areaId"], a["currentTasking"], a["ageDays"], a["stale"]) for a in areas] == [
        ("wrexham", None, None, True)
    ]


def test_the_console_api_is_never_cached_at_the_edge_so_the_token_reaches_it() -> None:
    """CloudFront forwards the Authorization header only from a behaviour that does not cache (or keys
    its cache on it); the first behaviour matching /api/admin/... must be that one."""
    config = load_template()["Resources"]["WebDistribution"]["Properties"]["DistributionConfig"]
    first = next(b for b in config["CacheBehaviors"] if fnmatch("/api/admin/taskings", b["PathPattern"]))
    assert first["CachePolicyId"] == "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"  # Managed-CachingDisabled
    assert "POST" in first["AllowedMethods"] and first["TargetOriginId"] == "api"
