"""No 5xx from input: whatever arrives, the answer is a 4xx in the error shape (or a success)."""

import base64
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from local.lambdas import LambdaContext

from bobbies.store.models import storable_key
from tests.conftest import api_event, load_handler
from tests.unit.conftest import LocalAws
from tests.unit.test_api import VOTER, Call, api_caller, ballot

BALLOTS = "/api/areas/bangor/ballots"


@pytest.fixture
def call(seeded: LocalAws) -> Call:
    return api_caller()


def send(event: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
    answer = load_handler("ApiFunction")(event, LambdaContext())
    headers = {name: ", ".join(values) for name, values in (answer.get("multiValueHeaders") or {}).items()}
    return answer["statusCode"], json.loads(answer["body"]), {**headers, **(answer.get("headers") or {})}


def encoded(raw: bytes, content_type: str = "application/json") -> dict[str, Any]:
    """A ballot POST whose body API Gateway passed as base64 (as it does for bytes it cannot pass as text)."""
    event = api_event("POST", BALLOTS, "", headers={"Content-Type": content_type})
    return {**event, "body": base64.b64encode(raw).decode(), "isBase64Encoded": True}


def test_a_media_type_in_capitals_is_accepted(call: Call) -> None:
    body = json.dumps(ballot(speeding=10))
    status, _ = call("POST", BALLOTS, body, headers={"Content-Type": "APPLICATION/JSON; Charset=UTF-8"})
    assert status == 201


def test_a_base64_body_is_read_as_the_text_it_encodes(seeded: LocalAws) -> None:
    status, body, _ = send(encoded(json.dumps(ballot(drugs=10)).encode()))
    assert (status, body["allocations"]) == (201, {"drugs": 10})


def raw_ballot(allocations: str, voter: str = f'"voter": "{VOTER}"') -> dict[str, Any]:
    """A ballot POST whose JSON text is written out, so it can say what json.dumps never would."""
    return api_event("POST", BALLOTS, "{" + voter + ', "allocations": ' + allocations + "}")


BAD_BODIES = [
    (encoded(b'{"voter": "\xff\xfe"}'), "invalid_encoding"),
    ({**encoded(b"{}"), "body": "***not base64***"}, "invalid_encoding"),
    (api_event("POST", BALLOTS, '{"voter": "\udcff"}'), "invalid_encoding"),
    (raw_ballot('{"speeding": ' + "9" * 5000 + "}"), "number_too_long"),
    (raw_ballot('{"speeding": 10}', voter=f'"voter": "{VOTER}", "voter": "{VOTER}"'), "duplicate_key"),
    (raw_ballot('{"speeding": 0, "speeding": 10}'), "duplicate_key"),
]


@pytest.mark.parametrize(("event", "code"), BAD_BODIES)
def test_a_body_that_cannot_be_read_one_way_is_a_400_and_changes_nothing(
    seeded: LocalAws, event: dict[str, Any], code: str
) -> None:
    before = seeded.snapshot()
    status, body, _ = send(event)
    assert (status, body["error"]["code"]) == (400, code)
    assert body["error"]["message"]
    assert seeded.snapshot() == before


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [("DELETE", "/api/areas", "GET"), ("GET", BALLOTS, "POST"), ("PUT", "/api/areas/bangor/ballot", "GET")],
)
def test_an_unsupported_method_is_a_405_in_the_error_shape(
    seeded: LocalAws, method: str, path: str, allowed: str
) -> None:
    status, body, headers = send(api_event(method, path, headers={"Accept-Language": "cy"}))
    assert (status, body["error"]["code"], headers.get("Allow")) == (405, "method_not_allowed", allowed)
    assert body["error"]["message"].startswith("Dydy'r cyfeiriad")


@pytest.mark.parametrize("area", ["x" * 3000, "\udcff", "BANGOR", "ban gor", "%00", "bangor;drop"])
def test_any_area_id_is_found_or_not_found_never_a_fault(call: Call, area: str) -> None:
    for method, path in [("GET", f"/api/areas/{area}/ballot"), ("GET", f"/api/areas/{area}/rounds")]:
        status, body = call(method, path)
        assert status == 404 and body["error"]["code"] in {"area_not_found", "not_found"}, path


# ---------------------------------------------------------------- odd events of every kind

PATHS = [
    "/api/areas",
    "/api/areas/{x}/ballot",
    "/api/areas/{x}/ballots",
    "/api/areas/{x}/results",
    "/api/areas/{x}/rounds",
    "/api/districts/{x}/results",
    "/api/postcodes/{x}",
    "/api/taskings",
    "/api/areas/{x}/proposals",
    "/api/proposals/{x}",
    "/api/{x}",
]
odd_text = st.text(
    st.characters(codec="utf-8") | st.sampled_from("\udcff\x00/%?#"), max_size=40
) | st.sampled_from(["bangor", "BANGOR", "x" * 3000, "", "west", "LL57 2DG"])
json_ish = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
bodies = (
    st.none()
    | odd_text
    | json_ish.map(json.dumps)
    | st.builds(lambda a: json.dumps({"voter": VOTER, "allocations": a}), json_ish)
    | st.sampled_from(['{"a":1,"a":2}', "9" * 5000, '{"voter":' + "[" * 3000 + "]" * 3000 + "}"])
)
content_types = st.sampled_from(
    ["application/json", "APPLICATION/JSON", "Application/Json; charset=utf-8", "text/plain", "", ";", "json"]
)


@st.composite
def odd_events(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.booleans()):  # half of them a ballot for a real area, where the body is read
        method, path = "POST", BALLOTS
    else:
        path = draw(st.sampled_from(PATHS)).replace("{x}", draw(odd_text))
        method = draw(st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "get"]))
    query = draw(
        st.dictionaries(st.sampled_from(["round", "area", "cursor", "limit", "x"]), odd_text, max_size=3)
    )
    event = api_event(
        method, path, draw(bodies), headers={"Content-Type": draw(content_types)}, query=query or None
    )
    if draw(st.booleans()) and event["body"] is not None:
        raw = (
            draw(st.binary(max_size=64)) if draw(st.booleans()) else event["body"].encode("utf-8", "replace")
        )
        event.update(body=base64.b64encode(raw).decode(), isBase64Encoded=True)
    return event


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(event=odd_events())
def test_no_event_gets_a_5xx(seeded: LocalAws, event: dict[str, Any]) -> None:
    status, body, _ = send(event)
    assert status < 500, (status, body)
    if status >= 400:
        assert set(body["error"]) == {"code", "message"}


@pytest.mark.parametrize(
    ("key", "storable"),
    [("bangor", True), ("", False), ("é" * 512, True), ("é" * 513, False), ("\udcff", False)],
)
def test_a_key_dynamodb_would_refuse_is_never_sent_to_it(key: str, storable: bool) -> None:
    # moto accepts keys real DynamoDB refuses (empty, over 1024 bytes, not UTF-8): a lookup by one
    # must be "not found" before it reaches the table, or on AWS it is a ValidationException, a 500.
    assert storable_key(key) is storable
