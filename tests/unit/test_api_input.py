"""The running API reads a ballot by hand (bobbies.api_input) and the document states it with a
pydantic model (bobbies.api_document): both must give every body the same verdict, and a cold
request must not import what only the document needs."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from local.template import function
from pydantic import ValidationError

from bobbies.api_document import BallotIn, documented_routes
from bobbies.api_input import ballot_body, ballot_parts
from bobbies.domain.ballot import AGE_BANDS
from bobbies.domain.errors import InvalidInput, Malformed
from tests.conftest import load_handler
from tests.unit.test_api import VOTER

ROOT = Path(__file__).resolve().parents[2]

# What the model's errors mean to a client: the first one with a code of its own decides.
MODEL_CODES = {
    "string_pattern_mismatch": "invalid_voter",
    "negative_allocation": "negative_allocation",
    "not_whole_bobbies": "not_whole_bobbies",
    "literal_error": "invalid_age_band",
    "invalid_replacing": "invalid_replacing",
}


def model_verdict(text: str) -> tuple[str, Any]:
    try:
        body = json.loads(text) if text else None
    except json.JSONDecodeError:
        return ("invalid_json", None)
    try:
        ballot = BallotIn.model_validate(body)
    except ValidationError as error:
        for problem in error.errors():
            if problem["type"] == "extra_forbidden":
                return ("unknown_field", None)
            if problem["type"] in MODEL_CODES:
                return (MODEL_CODES[problem["type"]], None)
        return ("invalid_body", None)
    named = (ballot.replacing.ballot, ballot.replacing.version) if ballot.replacing else None
    return ("ok", (ballot.voter, ballot.allocations, ballot.ageBand, named))


def hand_verdict(text: str) -> tuple[str, Any]:
    try:
        parts = ballot_parts(text)
    except (Malformed, InvalidInput) as refused:
        return (refused.code, None)
    named = (parts.replacing.ballot_id, parts.replacing.version) if parts.replacing else None
    assert ballot_body(text) == parts[:3]
    return ("ok", (parts.voter, parts.allocations, parts.age_band, named))


numbers = st.integers() | st.floats() | st.sampled_from([10, 10.0, -1, -0.0, 1e300, 2.5, True, False])
values = st.none() | numbers | st.text(max_size=5) | st.lists(st.integers(), max_size=2)
allocations = st.dictionaries(st.sampled_from(["speeding", "drugs", ""]), values, max_size=3) | values
age_bands = st.sampled_from([*AGE_BANDS, "65", "16–24", "", None]) | values
ballot_ids = st.sampled_from(["0f" * 16, "a", "x" * 64, "x" * 65, "", "with space", "é"]) | values
versions = numbers | st.sampled_from([1, 2.0, 0, 10**9, 10**9 + 1, 1e300, "2"])
hints = (
    st.fixed_dictionaries({"ballot": ballot_ids, "version": versions})
    | st.dictionaries(st.sampled_from(["ballot", "version", "round"]), ballot_ids | versions, max_size=3)
    | values
)
bodies = st.builds(
    lambda voter, given, band, hint, extra: {**voter, **given, **band, **hint, **extra},
    st.sampled_from([{"voter": VOTER}, {"voter": "short"}, {"voter": 5}, {}]),
    st.builds(lambda a: {"allocations": a}, allocations) | st.just({}),
    st.builds(lambda band: {"ageBand": band}, age_bands) | st.just({}),
    st.builds(lambda hint: {"replacing": hint}, hints) | st.just({}),
    st.dictionaries(st.sampled_from(["admin", "voter2"]), values, max_size=1),
)


@given(body=bodies | values)
def test_the_running_api_and_the_document_read_every_ballot_alike(body: Any) -> None:
    text = json.dumps(body)
    assert hand_verdict(text) == model_verdict(text)


@pytest.mark.parametrize("bobbies", [-1, -1.0, -(10**20)])
def test_negative_bobbies_are_negative_allocation_to_both(bobbies: Any) -> None:
    text = json.dumps({"voter": VOTER, "allocations": {"speeding": bobbies}})
    assert hand_verdict(text)[0] == model_verdict(text)[0] == "negative_allocation"


def test_the_document_names_the_age_bands_the_domain_counts() -> None:
    assert BallotIn.model_json_schema()["properties"]["ageBand"]["anyOf"][0]["enum"] == list(AGE_BANDS)


@pytest.mark.parametrize(
    ("band", "verdict"),
    [("35-49", "ok"), (None, "ok"), ("prefer not to say", "invalid_age_band"), (35, "invalid_age_band")],
)
def test_an_age_band_is_one_of_the_census_bands_or_none(band: Any, verdict: str) -> None:
    text = json.dumps({"voter": VOTER, "allocations": {"speeding": 10}, "ageBand": band})
    assert hand_verdict(text)[0] == model_verdict(text)[0] == verdict


@pytest.mark.parametrize("text", ["", "{", "[]", "null", '"ballot"', f'[{{"voter": "{VOTER}"}}]'])
def test_a_body_that_is_no_ballot_object_is_refused_alike(text: str) -> None:
    assert hand_verdict(text)[0] != "ok"
    assert hand_verdict(text)[0] == model_verdict(text)[0] or text.startswith("[{")


def test_the_document_states_exactly_the_routes_the_api_answers() -> None:
    load_handler("ApiFunction")
    app = sys.modules[load_handler("ApiFunction").__module__].app

    def routes(resolver: Any) -> set[tuple[str, str]]:
        return {
            (route.method, route.rule.pattern) for route in resolver._static_routes + resolver._dynamic_routes
        }

    assert routes(app) == routes(documented_routes())


COLD = """
import sys
sys.path[:0] = {paths!r}
import app
sys.path.append({root!r})
{request}
print("imported:", *sorted(name for name in {heavy!r} if name in sys.modules))
"""
BALLOT = json.dumps({"voter": VOTER, "allocations": {"speeding": 10}})
HEAVY = ("pydantic", "aws_xray_sdk", "bobbies.api_document", "bobbies.api_models")
CONTEXT = "__import__('local.lambdas').lambdas.LambdaContext()"


def cold_modules(request: str) -> str:
    spec = function("ApiFunction")
    paths = [str(spec.code_dir), *map(str, spec.layer_paths)]
    env = {
        **os.environ,
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9",  # nothing listens: the request fails at the network
        "AWS_MAX_ATTEMPTS": "1",
        "POWERTOOLS_TRACE_DISABLED": "true",
    }
    code = COLD.format(paths=paths, request=request, heavy=HEAVY, root=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1].removeprefix("imported:").strip()


def event(method: str, path: str, body: str | None = None) -> str:
    from tests.conftest import api_event

    return repr(api_event(method, path, body))


@pytest.mark.parametrize(
    "request_code",
    [
        "",
        f"app.lambda_handler({event('GET', '/api/areas/bangor/ballot')}, {CONTEXT})",
        f"app.lambda_handler({event('POST', '/api/areas/bangor/ballots', BALLOT)}, {CONTEXT})",
    ],
    ids=["import", "cold GET", "cold POST"],
)
def test_a_cold_request_imports_no_validation_library_and_no_xray(aws: Any, request_code: str) -> None:
    # Given a fresh interpreter with tracing off, When it imports the API and answers one request,
    # Then neither pydantic (only the document needs it) nor the X-Ray SDK was imported
    assert cold_modules(request_code) == ""


def test_the_document_is_still_made_from_the_models() -> None:
    assert "pydantic" in cold_modules(f"app.lambda_handler({event('GET', '/api/openapi.json')}, {CONTEXT})")


@pytest.mark.parametrize(
    ("hint", "verdict"),
    [
        ({"ballot": "0f" * 16, "version": 2}, "ok"),
        (None, "ok"),
        ({"ballot": "0f" * 16, "version": 0}, "invalid_replacing"),
        ({"ballot": "0f" * 16, "version": 10**12}, "invalid_replacing"),
        ({"ballot": "0f" * 16, "version": True}, "invalid_replacing"),
        ({"ballot": "0f" * 16}, "invalid_replacing"),
        ({"ballot": "0f" * 16, "version": 2, "round": "r1"}, "invalid_replacing"),
        ({"ballot": "../../x", "version": 2}, "invalid_replacing"),
        ("0f0f", "invalid_replacing"),
    ],
)
def test_the_ballot_replaced_is_named_by_an_id_and_a_version_or_not_at_all(hint: Any, verdict: str) -> None:
    text = json.dumps({"voter": VOTER, "allocations": {"speeding": 10}, "replacing": hint})
    assert hand_verdict(text)[0] == model_verdict(text)[0] == verdict
