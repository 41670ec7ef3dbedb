"""The public API against moto, with the tables made from template.yaml."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from local.lambdas import LambdaContext

from tests.conftest import api_event, load_handler
from tests.unit.conftest import LocalAws

VOTER = "resident-token-0123456789abcdef"
Call = Callable[..., tuple[int, dict[str, Any]]]


def api_caller() -> Call:
    """Sends a request through the API function's handler; gives back the status and the JSON body."""
    handler = load_handler("ApiFunction")

    def send(method: str, path: str, body: Any = None, **options: Any) -> tuple[int, dict[str, Any]]:
        response = handler(api_event(method, path, body, **options), LambdaContext())
        return response["statusCode"], json.loads(response["body"])

    return send


@pytest.fixture
def call(seeded: LocalAws) -> Call:
    return api_caller()


def ballot(voter: str = VOTER, **allocations: int) -> dict[str, Any]:
    return {"voter": voter, "allocations": allocations}


def test_areas_are_listed_with_names_in_both_languages_and_their_district(call: Call) -> None:
    status, body = call("GET", "/api/areas")
    assert status == 200
    bangor = next(area for area in body["areas"] if area["id"] == "bangor")
    assert bangor["name"] == {"en": "Bangor", "cy": "Bangor"}
    assert bangor["district"] == {
        "id": "west",
        "name": {"en": "West", "cy": "Gorllewin"},
        "nameInText": {"en": "the West", "cy": "y Gorllewin"},
    }
    assert bangor["budget"] == 10


def test_one_area_is_shown_as_in_the_list_and_an_unknown_one_is_a_404(call: Call) -> None:
    listed = next(area for area in call("GET", "/api/areas")[1]["areas"] if area["id"] == "bangor")
    assert call("GET", "/api/areas/bangor") == (200, {"area": listed})
    status, body = call("GET", "/api/areas/atlantis")
    assert (status, body["error"]["code"]) == (404, "area_not_found")


@pytest.mark.parametrize(
    ("postcode", "area"), [("ll57%202dg", "bangor"), ("LL572DG", "bangor"), ("ll13 7xy", "wrexham")]
)
def test_a_postcode_finds_its_area_whatever_the_spacing_and_case(
    call: Call, postcode: str, area: str
) -> None:
    status, body = call("GET", f"/api/postcodes/{postcode}")
    assert (status, body["area"]["id"]) == (200, area)


def test_a_postcode_outside_the_force_and_a_non_postcode_are_told_apart(call: Call) -> None:
    assert call("GET", "/api/postcodes/SW1A1AA")[1]["error"]["code"] == "postcode_not_covered"
    assert call("GET", "/api/postcodes/SW1A1AA")[0] == 404
    status, body = call("GET", "/api/postcodes/not-a-postcode")
    assert (status, body["error"]["code"]) == (400, "invalid_postcode")
    assert body["error"]["message"]


def test_the_ballot_shows_the_open_round_and_its_priorities_in_both_languages(call: Call) -> None:
    status, body = call("GET", "/api/areas/bangor/ballot")
    assert status == 200
    assert body["budget"] == 10
    assert set(body["round"]) >= {"id", "opens", "closes"}
    assert [p["id"] for p in body["priorities"]] == ["speeding", "drugs", "asb"]
    assert body["priorities"][1]["title"] == {"en": "Drug dealing", "cy": "Delio cyffuriau"}


def test_a_first_ballot_is_created_and_a_second_replaces_it(call: Call, seeded: LocalAws) -> None:
    status, first = call("POST", "/api/areas/bangor/ballots", ballot(speeding=6, drugs=4))
    assert status == 201
    # The receipt the page keeps: these keys in this order, the allocations an object as sent
    assert list(first) == ["ballot", "version", "round", "digest", "allocations", "replaced", "receipt"]
    assert first["allocations"] == {"speeding": 6, "drugs": 4} and first["replaced"] is False

    status, second = call("POST", "/api/areas/bangor/ballots", ballot(asb=10))
    assert status == 200 and second["replaced"]
    assert second["ballot"] == first["ballot"] and second["digest"] != first["digest"]

    stored = seeded.items("BallotsTable")
    assert len(stored) == 1
    assert stored[0]["allocations"] == {"M": {"asb": {"N": "10"}}}


def test_the_voter_token_is_stored_only_as_a_keyed_hash_and_never_logged(
    call: Call, seeded: LocalAws, capsys: pytest.CaptureFixture[str]
) -> None:
    call("POST", "/api/areas/bangor/ballots", ballot(speeding=10))
    assert VOTER not in json.dumps(seeded.snapshot())
    assert VOTER not in capsys.readouterr().out


BAD_BALLOTS = [
    (ballot(speeding=9), 422, "budget_mismatch"),
    (ballot(speeding=12, drugs=-2), 422, "negative_allocation"),
    (ballot(speeding=5, litter=5), 422, "unknown_priority"),
    ({"voter": VOTER, "allocations": {"speeding": 5.5, "drugs": 4.5}}, 422, "not_whole_bobbies"),
    ({"voter": VOTER, "allocations": {"speeding": "10"}}, 422, "not_whole_bobbies"),
    (ballot(voter="short", speeding=10), 422, "invalid_voter"),
    ({**ballot(speeding=10), "admin": True}, 400, "unknown_field"),
    ({"allocations": {"speeding": 10}}, 400, "invalid_body"),
    ("{not json", 400, "invalid_json"),
    ({"voter": VOTER, "allocations": {"speeding": 10}, "pad": "x" * 9000}, 413, "payload_too_large"),
]


@pytest.mark.parametrize(("body", "status", "code"), BAD_BALLOTS)
def test_a_bad_ballot_is_refused_with_a_code_and_changes_nothing(
    call: Call, seeded: LocalAws, body: Any, status: int, code: str
) -> None:
    before = seeded.snapshot()
    got_status, got = call("POST", "/api/areas/bangor/ballots", body)
    assert (got_status, got["error"]["code"]) == (status, code)
    assert got["error"]["message"]
    assert seeded.snapshot() == before


def test_a_whole_number_written_with_a_point_is_counted_as_whole(call: Call) -> None:
    body = f'{{"voter": "{VOTER}", "allocations": {{"speeding": 6.0, "drugs": 4e0}}}}'
    status, receipt = call("POST", "/api/areas/bangor/ballots", body)
    assert (status, receipt["allocations"]) == (201, {"drugs": 4, "speeding": 6})


def test_a_ballot_not_sent_as_json_is_refused(call: Call, seeded: LocalAws) -> None:
    before = seeded.snapshot()
    status, body = call(
        "POST",
        "/api/areas/bangor/ballots",
        json.dumps(ballot(speeding=10)),
        headers={"Content-Type": "text/plain"},
    )
    assert (status, body["error"]["code"]) == (415, "unsupported_media_type")
    assert seeded.snapshot() == before


def test_a_ballot_for_an_unknown_area_is_refused(call: Call) -> None:
    status, body = call("POST", "/api/areas/atlantis/ballots", ballot(speeding=10))
    assert (status, body["error"]["code"]) == (404, "area_not_found")


def test_errors_come_in_welsh_when_asked(call: Call) -> None:
    status, body = call(
        "POST", "/api/areas/bangor/ballots", ballot(speeding=3), headers={"Accept-Language": "cy"}
    )
    assert status == 422
    assert body["error"]["message"].startswith("Rhowch bob bobi")


def test_results_reflect_ballots_once_the_stream_is_applied(call: Call, seeded: LocalAws) -> None:
    aggregate = load_handler("AggregateBallotsFunction")
    call("POST", "/api/areas/bangor/ballots", ballot(speeding=6, drugs=4))
    call("POST", "/api/areas/bangor/ballots", ballot(voter=VOTER + "2", drugs=10))
    call("POST", "/api/areas/bangor/ballots", ballot(speeding=2, drugs=8))  # revote
    response = aggregate({"Records": seeded.stream_records()}, LambdaContext())
    assert response == {"batchItemFailures": []}

    status, results = call("GET", "/api/areas/bangor/results")
    assert status == 200
    assert (results["ballots"], results["quorum"], results["quorumMet"]) == (2, 2, True)
    assert results["leader"] == "drugs"
    by_id = {p["id"]: p for p in results["priorities"]}
    assert (by_id["drugs"]["support"], by_id["drugs"]["average"], by_id["drugs"]["rank"]) == (18, 9.0, 1)
    assert (by_id["speeding"]["support"], by_id["speeding"]["average"]) == (2, 1.0)
    assert by_id["asb"]["support"] == 0


def test_district_results_show_each_areas_leader(call: Call, seeded: LocalAws) -> None:
    call("POST", "/api/areas/wrexham/ballots", ballot(burglary=10))
    load_handler("AggregateBallotsFunction")({"Records": seeded.stream_records()}, LambdaContext())
    status, body = call("GET", "/api/districts/east/results")
    assert status == 200
    assert body["areas"][0]["leader"]["id"] == "burglary"
    assert body["ballots"] == 1
    assert body["district"]["nameInText"] == {"en": "the East", "cy": "y Dwyrain"}
    assert body["areas"][0]["nameInText"] == {"en": "Wrexham", "cy": "Wrecsam"}


def test_the_openapi_document_describes_every_route(call: Call) -> None:
    status, document = call("GET", "/api/openapi.json")
    assert status == 200
    assert {"/api/areas", "/api/areas/{areaId}/ballots", "/api/taskings"} <= set(document["paths"])
    assert "BallotIn" in json.dumps(document["components"])


def test_an_unknown_route_is_a_404_in_the_error_shape(call: Call) -> None:
    status, body = call("GET", "/api/nowhere")
    assert (status, body["error"]["code"]) == (404, "not_found")
