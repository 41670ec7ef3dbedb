"""The OpenAPI document describes the JSON each route really answers, successes and errors alike."""

import json
from typing import Any
from urllib.parse import quote

import jsonschema_rs
import pytest

from bobbies.usecases.nightly import run_nightly
from tests.unit.conftest import LocalAws
from tests.unit.test_api import VOTER, Call, api_caller, ballot
from tests.unit.test_api_rounds import close_tonight
from tests.unit.test_nightly import Inbox


@pytest.fixture
def call(seeded: LocalAws) -> Call:
    return api_caller()


def documented(document: dict[str, Any], method: str, route: str, status: int) -> dict[str, Any]:
    answers = document["paths"][route][method.lower()]["responses"]
    assert str(status) in answers, f"{method} {route} answered {status}, which it does not document"
    return answers[str(status)]["content"]["application/json"]["schema"]


def conforms(document: dict[str, Any], schema: dict[str, Any], body: Any) -> list[str]:
    root = {**schema, "components": document["components"]}
    return [error.message for error in jsonschema_rs.validator_for(root).iter_errors(body)]


def test_each_answer_is_the_named_shape_its_route_documents(call: Call) -> None:
    # Given two ballots in Bangor and a night that made its tasking, so every field has a value
    first_round = call("GET", "/api/areas/bangor/ballot")[1]["round"]["id"]
    call("POST", "/api/areas/bangor/ballots", ballot(speeding=6, drugs=4))
    call("POST", "/api/areas/bangor/ballots", ballot(voter="second-resident-0123456", drugs=10))
    run_nightly(close_tonight(call), Inbox())
    document = call("GET", "/api/openapi.json")[1]
    requests = [
        ("GET", "/api/areas", "/api/areas", None),
        ("GET", "/api/postcodes/{postcode}", "/api/postcodes/ll57%202dg", None),
        ("GET", "/api/postcodes/{postcode}", "/api/postcodes/SW1A1AA", None),
        ("GET", "/api/postcodes/{postcode}", "/api/postcodes/not-a-postcode", None),
        ("GET", "/api/areas/{areaId}/ballot", "/api/areas/bangor/ballot", None),
        ("GET", "/api/areas/{areaId}/ballot", "/api/areas/atlantis/ballot", None),
        ("GET", "/api/areas/{areaId}/rounds", "/api/areas/bangor/rounds", None),
        ("GET", "/api/areas/{areaId}/results", f"/api/areas/bangor/results?round={first_round}", None),
        ("GET", "/api/areas/{areaId}/results", "/api/areas/bangor/results", None),
        ("GET", "/api/districts/{districtId}/results", "/api/districts/west/results", None),
        ("GET", "/api/taskings", "/api/taskings", None),
        ("GET", "/api/taskings", "/api/taskings?cursor=forged", None),
        (
            "POST",
            "/api/areas/{areaId}/ballots",
            "/api/areas/wrexham/ballots",
            ballot(voter="short", drugs=10),
        ),
        ("POST", "/api/areas/{areaId}/ballots", "/api/areas/wrexham/ballots", "{"),
        ("POST", "/api/areas/{areaId}/ballots", "/api/areas/bangor/ballots", ballot(speeding=10)),
    ]
    seen = set()
    for method, route, path, body in requests:
        target, _, query = path.partition("?")
        status, answer = call(method, target, body, query=dict([query.split("=")]) if query else None)
        seen.add(status)
        schema = documented(document, method, route, status)
        assert "$ref" in schema, f"{method} {route} {status} documents no named shape"
        assert conforms(document, schema, answer) == [], (method, path, status, answer)
    assert seen >= {200, 400, 404, 409, 422}
    taskings = call("GET", "/api/taskings")[1]["taskings"]
    assert taskings and taskings[0]["runnerUp"], "the tasking's every field was checked"


def test_the_voter_token_and_the_postcode_are_documented_by_the_rules_that_check_them(call: Call) -> None:
    document = call("GET", "/api/openapi.json")[1]
    voter = document["components"]["schemas"]["BallotIn"]["properties"]["voter"]
    assert voter["pattern"] == "^[A-Za-z0-9_-]{16,128}$"
    assert VOTER.isascii() and len(VOTER) >= 16
    (postcode,) = document["paths"]["/api/postcodes/{postcode}"]["get"]["parameters"]
    pattern = jsonschema_rs.validator_for(postcode["schema"])
    for written, status in [("ll57 2dg", 200), (" LL57\u00a02DG ", 200), ("LL57\n", 200), ("ß1", 400)]:
        got = call("GET", f"/api/postcodes/{quote(written)}")[0]
        assert (pattern.is_valid(written), got) == (status == 200, status), written


def test_bounds_are_stated_in_json_schemas_words_so_a_client_or_schemathesis_reads_them(call: Call) -> None:
    document = call("GET", "/api/openapi.json")[1]
    allocations = document["components"]["schemas"]["BallotIn"]["properties"]["allocations"]
    assert allocations["additionalProperties"]["minimum"] == 0  # no negative bobbies
    assert not sorted(_pydantic_words(document)), "pydantic's ge/le/gt/lt, which JSON Schema lacks"


def _pydantic_words(node: Any, where: str = "") -> list[str]:
    if isinstance(node, dict):
        own = [f"{where}/{key}" for key in node if key in {"ge", "le", "gt", "lt"}]
        return own + [
            found for key, value in node.items() for found in _pydantic_words(value, f"{where}/{key}")
        ]
    if isinstance(node, list):
        return [found for item in node for found in _pydantic_words(item, where)]
    return []


def test_no_route_documents_a_validation_error_in_another_shape(call: Call) -> None:
    document = call("GET", "/api/openapi.json")[1]
    assert "HTTPValidationError" not in json.dumps(document)
