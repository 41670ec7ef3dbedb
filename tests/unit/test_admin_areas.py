"""An admin looks after areas: names and postcodes change at once; budget, quorum and round length
from the area's next round, which the nightly run opens; bad input changes nothing."""

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from local.lambdas import LambdaContext

from bobbies.domain.times import utc_text
from tests.conftest import admin_event, load_handler
from tests.unit.admin_calls import admin, probe, public, received
from tests.unit.conftest import LocalAws
from tests.unit.test_nightly import apply_stream, vote

MENAI = {
    "id": "menai-bridge",
    "name": {"en": "Menai Bridge", "cy": "Porthaethwy"},
    "district": "west",
    "postcodes": ["LL59", "ll58 8"],
    "budget": 12,
    "quorum": 3,
    "roundDays": 14,
}


def listed(area_id: str) -> dict[str, Any]:
    return next(area for area in admin("GET", "/api/admin/areas")[1]["areas"] if area["id"] == area_id)


def test_an_admin_sees_every_area_with_its_postcodes_and_settings(seeded: LocalAws) -> None:
    status, body = admin("GET", "/api/admin/areas")
    assert status == 200
    wrexham = next(area for area in body["areas"] if area["id"] == "wrexham")
    assert wrexham["name"] == {"en": "Wrexham", "cy": "Wrecsam"}
    assert (wrexham["district"], wrexham["postcodes"]) == ("east", ["LL11", "LL13 7"])
    assert (wrexham["budget"], wrexham["quorum"], wrexham["roundDays"], wrexham["next"]) == (10, 2, 28, None)


def test_a_new_area_is_found_by_its_postcodes_and_its_first_round_opens_at_once(seeded: LocalAws) -> None:
    # When an admin creates an area
    status, body = admin("POST", "/api/admin/areas", MENAI)

    # Then it is there, tidied, with its settings in force
    assert status == 201, body
    area = body["area"]
    assert (area["id"], area["district"], area["postcodes"]) == ("menai-bridge", "west", ["LL58 8", "LL59"])
    assert (area["budget"], area["quorum"], area["roundDays"], area["next"]) == (12, 3, 14, None)
    # and residents find it by postcode (the sector too), with a round open now for 14 days
    assert public("/api/postcodes/LL59 5AB")[1]["area"]["id"] == "menai-bridge"
    assert public("/api/postcodes/LL58 8RD")[1]["area"]["name"]["cy"] == "Porthaethwy"
    status, paper = public("/api/areas/menai-bridge/ballot")
    assert status == 200 and paper["round"]["votingOpen"] and paper["budget"] == 12
    closes = datetime.fromisoformat(paper["round"]["closes"])
    assert timedelta(days=13) < closes - datetime.now(UTC) <= timedelta(days=15)
    # and its round has its secret already: no ballot or code has to make one
    secrets = {item["round_key"]["S"] for item in seeded.items("RoundKeysTable")}
    assert f"menai-bridge#{paper['round']['id']}" in secrets


def test_a_name_changes_now_and_the_budget_from_the_next_round(seeded: LocalAws) -> None:
    # Given Bangor's open round, budget 10, and two ballots meeting its quorum of 2
    vote("bangor", "ann", speeding=4, drugs=6)
    vote("bangor", "bob", drugs=10)
    apply_stream(seeded)
    closing = public("/api/areas/bangor/ballot")[1]["round"]
    team = probe(seeded, "team", json.dumps({"area": ["bangor"], "language": ["en"]}))

    # When an admin renames it and sets budget 12, quorum 3, rounds of 14 days
    change = {"name": {"en": "Bangor City", "cy": "Dinas Bangor"}, "budget": 12, "quorum": 3, "roundDays": 14}
    status, body = admin("PUT", "/api/admin/areas/bangor", change)

    # Then the name shows at once; the settings wait, shown under "next"
    assert status == 200, body
    assert body["area"]["name"] == {"en": "Bangor City", "cy": "Dinas Bangor"}
    waiting = {"budget": 12, "quorum": 3, "roundDays": 14}
    assert (body["area"]["budget"], body["area"]["next"]) == (10, waiting)
    assert public("/api/areas/bangor")[1]["area"]["name"]["en"] == "Bangor City"
    assert public("/api/areas/bangor/ballot")[1]["budget"] == 10  # the open round's ballot keeps its budget

    # When the nightly run closes the round
    night = datetime.fromisoformat(closing["closes"]) + timedelta(hours=2)
    load_handler("NightlyTaskingsFunction")({"scheduledTime": utc_text(night)}, LambdaContext())

    # Then the closed round was decided on its own quorum (2), and the new round has the new settings
    (tasking,) = public("/api/taskings", area="bangor")[1]["taskings"]
    assert (tasking["status"], tasking["ballots"]) == ("issued", 2)
    closed = public("/api/areas/bangor/results", round=closing["id"])[1]
    assert (closed["quorum"], closed["quorumMet"]) == (2, True)
    # and the team's message gives the figures the round ran by
    (message,) = received(seeded, team)
    assert "Average support: 8 of 10 bobbies" in message["email"]
    assert "Ballots: 2 (2 needed)" in message["email"]
    assert "/10" in message["sms"] and "/12" not in message["sms"]
    paper = public("/api/areas/bangor/ballot")[1]
    assert paper["budget"] == 12 and paper["area"]["quorum"] == 3
    opened = datetime.fromisoformat(paper["round"]["opens"])
    assert datetime.fromisoformat(paper["round"]["closes"]) - opened <= timedelta(days=14, hours=1)
    assert listed("bangor")["next"] is None and listed("bangor")["roundDays"] == 14

    # and a rerun of the same night changes nothing more
    load_handler("NightlyTaskingsFunction")({"scheduledTime": utc_text(night)}, LambdaContext())
    assert public("/api/areas/bangor/ballot")[1]["round"] == paper["round"]


def test_coverage_moves_between_areas_only_once_freed(seeded: LocalAws) -> None:
    # A postcode district Bangor covers, or a sector of it, is refused for Wrexham
    for taken in (["LL11", "LL57"], ["LL11", "LL57 2"]):
        before = seeded.snapshot()
        status, body = admin("PUT", "/api/admin/areas/wrexham", {"postcodes": taken})
        assert (status, body["error"]["code"]) == (409, "postcode_taken")
        assert seeded.snapshot() == before

    # When Wrexham gives up its sector LL13 7
    status, body = admin("PUT", "/api/admin/areas/wrexham", {"postcodes": ["LL11"]})
    assert (status, body["area"]["postcodes"]) == (200, ["LL11"])
    assert public("/api/postcodes/LL13 7AB")[0] == 404

    # Then Bangor may take it
    status, body = admin("PUT", "/api/admin/areas/bangor", {"postcodes": ["LL57", "LL13 7"]})
    assert (status, body["area"]["postcodes"]) == (200, ["LL13 7", "LL57"])
    assert public("/api/postcodes/LL13 7AB")[1]["area"]["id"] == "bangor"


def test_an_area_cannot_be_made_twice_nor_over_covered_postcodes(seeded: LocalAws) -> None:
    before = seeded.snapshot()
    for clash, code in (({"id": "bangor"}, "area_exists"), ({"postcodes": ["LL11"]}, "postcode_taken")):
        status, body = admin("POST", "/api/admin/areas", {**MENAI, **clash})
        assert (status, body["error"]["code"]) == (409, code)
    assert seeded.snapshot() == before


NEW_AREA_REFUSALS = [
    ([], 400, "invalid_area"),
    ({**MENAI, "colour": "blue"}, 400, "unknown_area_field"),
    ({key: value for key, value in MENAI.items() if key != "budget"}, 422, "area_fields_missing"),
    ({**MENAI, "id": "Menai Bridge"}, 422, "invalid_area_id"),
    ({**MENAI, "name": {"en": "Menai Bridge"}}, 422, "invalid_area_name"),
    ({**MENAI, "name": {"en": "Menai Bridge", "cy": "   "}}, 422, "invalid_area_name"),
    ({**MENAI, "name": {"en": "M" * 81, "cy": "Porthaethwy"}}, 422, "invalid_area_name"),
    ({**MENAI, "district": "north"}, 422, "district_not_found"),
    ({**MENAI, "postcodes": "LL59"}, 422, "invalid_coverage"),
    ({**MENAI, "postcodes": []}, 422, "invalid_coverage"),
    ({**MENAI, "postcodes": ["LL59 5AB"]}, 422, "invalid_coverage"),
    ({**MENAI, "postcodes": ["LL59", "ll59"]}, 422, "invalid_coverage"),
    ({**MENAI, "postcodes": [f"LL{n}" for n in range(10, 41)]}, 422, "invalid_coverage"),
    ({**MENAI, "budget": 0}, 422, "invalid_budget"),
    ({**MENAI, "budget": "12"}, 422, "invalid_budget"),
    ({**MENAI, "budget": True}, 422, "invalid_budget"),
    ({**MENAI, "budget": 12.5}, 422, "invalid_budget"),
    ({**MENAI, "quorum": -1}, 422, "invalid_quorum"),
    ({**MENAI, "roundDays": 400}, 422, "invalid_round_days"),
]


@pytest.mark.parametrize(("body", "status", "code"), NEW_AREA_REFUSALS)
def test_a_new_area_with_bad_input_is_refused_and_nothing_changes(
    seeded: LocalAws, body: Any, status: int, code: str
) -> None:
    before = seeded.snapshot()
    answered, refused = admin("POST", "/api/admin/areas", body)
    assert (answered, refused["error"]["code"]) == (status, code)
    assert refused["error"]["message"]
    assert seeded.snapshot() == before


@pytest.mark.parametrize(
    ("path", "body", "status", "code"),
    [
        ("/api/admin/areas/nowhere", {"budget": 12}, 404, "area_not_found"),
        ("/api/admin/areas/bangor", {}, 422, "area_fields_missing"),
        ("/api/admin/areas/bangor", {"id": "other"}, 400, "unknown_area_field"),
        ("/api/admin/areas/bangor", {"budget": None}, 422, "invalid_budget"),
        ("/api/admin/areas/bangor", {"district": None}, 422, "district_not_found"),
        ("/api/admin/areas/bangor", {"postcodes": ["LL57", "LL11"]}, 409, "postcode_taken"),
        ("/api/admin/areas/bangor", "{not json", 400, "invalid_json"),
    ],
)
def test_an_edit_with_bad_input_is_refused_and_nothing_changes(
    seeded: LocalAws, path: str, body: Any, status: int, code: str
) -> None:
    before = seeded.snapshot()
    answered, refused = admin("PUT", path, body)
    assert (answered, refused["error"]["code"]) == (status, code)
    assert seeded.snapshot() == before


def test_settings_put_back_as_they_are_leave_nothing_waiting(seeded: LocalAws) -> None:
    admin("PUT", "/api/admin/areas/bangor", {"budget": 12})
    assert listed("bangor")["next"] == {"budget": 12, "quorum": 2, "roundDays": 28}
    admin("PUT", "/api/admin/areas/bangor", {"budget": 10})
    assert listed("bangor")["next"] is None


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/api/admin/areas", None),
        ("POST", "/api/admin/areas", MENAI),
        ("PUT", "/api/admin/areas/bangor", {"budget": 12}),
    ],
)
def test_only_admins_look_after_areas(seeded: LocalAws, method: str, path: str, body: Any) -> None:
    before = seeded.snapshot()
    for groups in (("moderator",), ("officer",), ("moderator", "officer")):
        status, refused = admin(method, path, body, groups=groups)
        assert (status, refused["error"]["code"]) == (403, "wrong_group")
    event = admin_event(method, path, body, username=None)
    response = load_handler("AdminFunction")(event, LambdaContext())
    assert (response["statusCode"], json.loads(response["body"])["error"]["code"]) == (401, "sign_in_needed")
    assert seeded.snapshot() == before
