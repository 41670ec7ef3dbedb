"""Ballots an officer takes at a street stall (POST /api/admin/areas/{areaId}/ballots): one per
resident per round by their mobile number or a paper ballot's reference, counted once with the
resident's own ballot online, shown by channel and age band in the results, and refused in the
error shape with nothing counted when anything is wrong."""

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from local.lambdas import LambdaContext

from bobbies.store.models import BallotModel, bound
from bobbies.usecases import voting
from bobbies.usecases.views import results
from tests.conftest import admin_event, api_event, load_handler
from tests.unit.conftest import LocalAws

PHONE = "07400 123456"  # a GB mobile (libphonenumber's ranges)
E164 = "+447400123456"
OFFICER: dict[str, Any] = {"groups": ("officer",), "district": "west"}  # Bangor is in the West


def take(body: Any, area: str = "bangor", lang: str = "en", **who: Any) -> tuple[int, dict[str, Any]]:
    event = admin_event("POST", f"/api/admin/areas/{area}/ballots", body, **(who or OFFICER))
    event["headers"]["Accept-Language"] = lang
    response = load_handler("AdminFunction")(event, LambdaContext())
    return response["statusCode"], json.loads(response["body"])


def ballot(**fields: Any) -> dict[str, Any]:
    return {"postcode": "LL57 2DG", "phone": PHONE, "allocations": {"drugs": 6, "speeding": 4}, **fields}


def counted(aws: LocalAws) -> dict[str, Any]:
    if records := aws.stream_records():
        load_handler("AggregateBallotsFunction")({"Records": records}, LambdaContext())
    shown = results("bangor")
    return {
        "ballots": shown["ballots"],
        "channels": {row["channel"]: row["ballots"] for row in shown["channels"]},
        "bands": {row["band"]: row["ballots"] for row in shown["ageBands"] if row["ballots"]},
        "support": {row["id"]: row["support"] for row in shown["priorities"] if row["support"]},
    }


def test_an_officer_takes_a_ballot_and_the_resident_changes_it(seeded: LocalAws) -> None:
    # Given a resident at a stall in Bangor, When the officer records their ballot
    status, body = take(ballot(ageBand="65+"))
    # Then it is a new ballot with a receipt, counted as assisted, with its age band
    assert status == 201 and body["replaced"] is False and body["receipt"]
    # (the same receipt as a resident's own ballot gets: these keys in this order)
    assert list(body) == ["ballot", "version", "round", "digest", "allocations", "replaced", "receipt"]
    assert body["allocations"] == {"drugs": 6, "speeding": 4}
    assert counted(seeded) == {
        "ballots": 1,
        "channels": {"online": 0, "assisted": 1},
        "bands": {"65+": 1},
        "support": {"drugs": 6, "speeding": 4},
    }
    # When the same resident (the same number, written another way) changes their mind
    status, body = take(ballot(phone="+44 7400 123456", allocations={"asb": 10}, ageBand=None))
    # Then it replaces the first: still one ballot, its band gone with the old ballot
    assert status == 200 and body["replaced"] is True
    assert counted(seeded) == {
        "ballots": 1,
        "channels": {"online": 0, "assisted": 1},
        "bands": {None: 1},
        "support": {"asb": 10},
    }


def test_a_residents_assisted_and_online_ballots_count_once(seeded: LocalAws) -> None:
    # Given a resident who voted at a stall (in the 25-34 band)
    assert take(ballot(ageBand="25-34"))[0] == 201
    # When they vote again online, verified as the same number (the verify slice casts it so)
    again = voting.cast_ballot("bangor", f"phone:{E164}", {"speeding": 10}, datetime.now(UTC))
    # Then it replaced the assisted one: one ballot, now online, with no age band
    assert again.replaced
    assert counted(seeded) == {
        "ballots": 1,
        "channels": {"online": 1, "assisted": 0},
        "bands": {None: 1},
        "support": {"speeding": 10},
    }


def test_a_paper_reference_stands_for_a_resident_without_a_mobile(seeded: LocalAws) -> None:
    paper = {"postcode": "ll572dg", "paperReference": "nw 00123", "allocations": {"drugs": 10}}
    assert take(paper)[0] == 201
    status, body = take({**paper, "paperReference": "NW00123", "allocations": {"asb": 10}})
    assert status == 200 and body["replaced"] is True
    assert take({**paper, "paperReference": "NW00124"})[0] == 201  # another paper, another resident
    assert counted(seeded)["ballots"] == 2


def test_an_admin_takes_ballots_in_any_district(seeded: LocalAws) -> None:
    body = ballot(postcode="LL11 1AA", allocations={"burglary": 10})
    assert take(body, area="wrexham", groups=("admin",))[0] == 201


def test_the_number_is_never_stored_or_logged(
    seeded: LocalAws, capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    assert take(ballot())[0] == 201
    assert take(ballot(phone="01248 123456"))[0] == 422  # refused: not logged either
    items = [item.attribute_values for item in bound(BallotModel).scan()]
    assert items and not any("7400" in str(value) for item in items for value in item.values())
    assert items[0]["channel"] == "assisted"
    logged = capfd.readouterr()
    records = [str(record.__dict__) for record in caplog.records]
    assert any("ballot recorded" in record for record in records)  # the function's log lines are here
    written = logged.out + logged.err + "".join(records)
    assert not any(number in written for number in ("7400123456", "7400 123456", "1248123456", "1248 123456"))


REFUSED = [
    # (body, status, code): what the officer sent, and the answer
    (ballot(postcode="LL11 1AA"), 422, "postcode_not_in_area"),  # Wrexham's, not Bangor's
    (ballot(postcode="CH1 1AA"), 422, "postcode_not_in_area"),  # Chester: outside North Wales
    (ballot(postcode="not a postcode"), 400, "invalid_postcode"),
    ({k: v for k, v in ballot().items() if k != "postcode"}, 400, "invalid_postcode"),
    (ballot(phone="01248 123456"), 422, "not_a_uk_mobile"),  # a Bangor landline
    (ballot(phone="+33 6 12 34 56 78"), 422, "not_a_uk_mobile"),  # France
    (ballot(phone="07797 123456"), 422, "not_a_uk_mobile"),  # Jersey shares +44 7
    (ballot(phone="07781 123456"), 422, "not_a_uk_mobile"),  # Guernsey
    (ballot(phone="07624 234567"), 422, "not_a_uk_mobile"),  # Isle of Man
    (ballot(phone="07640 123456"), 422, "not_a_uk_mobile"),  # a pager
    (ballot(phone="0" * 40), 422, "not_a_uk_mobile"),
    (ballot(phone=7400123456), 422, "not_a_uk_mobile"),
    (ballot(paperReference="NW1"), 422, "phone_or_paper_reference"),  # both
    ({k: v for k, v in ballot().items() if k != "phone"}, 422, "phone_or_paper_reference"),  # neither
    ({**ballot(phone=None), "paperReference": "#1"}, 422, "invalid_paper_reference"),
    (ballot(allocations={"drugs": 9}), 422, "budget_mismatch"),
    (ballot(allocations={"drugs": 10.5}), 422, "not_whole_bobbies"),
    (ballot(allocations={"burglary": 10}), 422, "unknown_priority"),  # Wrexham's priority
    (ballot(allocations=None), 400, "invalid_body"),
    (ballot(ageBand="70-79"), 422, "invalid_age_band"),
    (ballot(voter="made-up-token-0123456789"), 400, "unknown_field"),
    ([ballot()], 400, "invalid_body"),
]


@pytest.mark.parametrize(("body", "status", "code"), REFUSED, ids=[code for _, _, code in REFUSED])
def test_bad_input_is_refused_in_the_error_shape_and_nothing_is_counted(
    seeded: LocalAws, body: Any, status: int, code: str
) -> None:
    answer = take(body, lang="cy")
    assert answer[0] == status
    assert set(answer[1]["error"]) == {"code", "message"} and answer[1]["error"]["code"] == code
    assert counted(seeded)["ballots"] == 0


def test_broken_json_is_refused(seeded: LocalAws) -> None:
    event = admin_event("POST", "/api/admin/areas/bangor/ballots", ballot(), **OFFICER)
    event["body"] = "{not json"
    response = load_handler("AdminFunction")(event, LambdaContext())
    assert response["statusCode"] == 400 and json.loads(response["body"])["error"]["code"] == "invalid_json"


@pytest.mark.parametrize(
    ("who", "status", "code"),
    [
        ({"username": None}, 401, "sign_in_needed"),
        ({"groups": ("moderator",)}, 403, "wrong_group"),
        ({"groups": ("officer",), "district": "east"}, 403, "not_your_district"),
        ({"groups": ("officer",)}, 403, "not_your_district"),  # an officer with no district
    ],
)
def test_only_the_areas_officers_take_its_ballots(
    seeded: LocalAws, who: dict[str, Any], status: int, code: str
) -> None:
    answer = take(ballot(), **who)
    assert (answer[0], answer[1]["error"]["code"]) == (status, code)
    assert counted(seeded)["ballots"] == 0


def test_an_unknown_area_is_not_found(seeded: LocalAws) -> None:
    assert take(ballot(), area="atlantis", groups=("admin",))[0] == 404


def test_residents_cannot_vote_as_a_phone_number(seeded: LocalAws) -> None:
    # The public route reads device tokens only: an identity is for routes that checked it
    body = {"voter": f"phone:{E164}", "allocations": {"drugs": 10}}
    response = load_handler("ApiFunction")(
        api_event("POST", "/api/areas/bangor/ballots", body), LambdaContext()
    )
    assert response["statusCode"] == 422
    assert json.loads(response["body"])["error"]["code"] == "invalid_voter"


def test_the_results_api_and_its_csv_count_channels_and_bands(seeded: LocalAws) -> None:
    from bobbies.api_models import ResultsOut

    # Given an assisted ballot (65+) and an online one (25-34)
    assert take(ballot(ageBand="65+"))[0] == 201
    online = {"voter": "online-token-0123456789", "allocations": {"asb": 10}, "ageBand": "25-34"}
    api = load_handler("ApiFunction")
    assert api(api_event("POST", "/api/areas/bangor/ballots", online), LambdaContext())["statusCode"] == 201
    counted(seeded)
    # When the results are asked for, as JSON and as CSV
    shown = json.loads(api(api_event("GET", "/api/areas/bangor/results"), LambdaContext())["body"])
    csv_text = api(api_event("GET", "/api/areas/bangor/results.csv"), LambdaContext())["body"]
    # Then both count each channel and band, in the document's shape, with the words for each count
    ResultsOut.model_validate(shown)
    assert [(row["channel"], row["ballots"]) for row in shown["channels"]] == [("online", 1), ("assisted", 1)]
    assert shown["channels"][0]["ballotsText"] == {"en": "1 ballot", "cy": "1 bleidlais"}
    bands = {row["band"]: row["ballotsText"]["cy"] for row in shown["ageBands"]}
    assert bands == {
        "16-24": "0 o bleidleisiau",
        "25-34": "1 bleidlais",
        "35-49": "0 o bleidleisiau",
        "50-64": "0 o bleidleisiau",
        "65+": "1 bleidlais",
        None: "0 o bleidleisiau",
    }
    header, first, *_ = csv_text.splitlines()
    row = dict(zip(header.split(","), first.split(","), strict=True))
    assert (row["ballots_online"], row["ballots_assisted"]) == ("1", "1")
    assert (row["ballots_age_65_plus"], row["ballots_age_25_34"], row["ballots_age_not_given"]) == (
        "1",
        "1",
        "0",
    )
