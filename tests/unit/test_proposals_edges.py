"""Whatever a proposal request holds, a refusal is a 4xx in the error shape and nothing is stored."""

import json
from typing import Any

import pytest

from tests.conftest import api_event
from tests.unit.conftest import LocalAws
from tests.unit.test_api_edges import send
from tests.unit.test_proposals import PROPOSALS, proposal


def raw(body: str, **headers: str) -> dict[str, Any]:
    return api_event("POST", PROPOSALS, body, headers=headers or None)


def sent(**fields: Any) -> dict[str, Any]:
    return raw(json.dumps(proposal(**fields)))


def without(field: str) -> dict[str, Any]:
    body = proposal()
    del body[field]
    return raw(json.dumps(body))


REFUSED = [
    (raw("{"), 400, "invalid_json"),
    (raw("[]"), 400, "invalid_proposal"),
    (raw('"a title"'), 400, "invalid_proposal"),
    # No body at all is refused by the resolver before the proposal's model sees it (the ballot's words)
    (raw("null"), 400, "invalid_body"),
    (raw(""), 400, "invalid_body"),
    (sent(extra="field"), 400, "invalid_proposal"),
    (sent(email="me@example.com"), 400, "invalid_proposal"),
    (sent(title=5), 400, "invalid_proposal"),
    (sent(title=None), 400, "invalid_proposal"),
    (sent(description=["a", "b"]), 400, "invalid_proposal"),
    (sent(language="fr"), 400, "invalid_proposal"),
    (sent(language=None), 400, "invalid_proposal"),
    (without("title"), 400, "invalid_proposal"),
    (without("language"), 400, "invalid_proposal"),
    (without("voter"), 400, "invalid_proposal"),
    (sent(voter="short"), 422, "invalid_voter"),
    (sent(voter=12345678901234567890), 400, "invalid_proposal"),
    (sent(title="x" * 81), 422, "title_too_long"),
    (sent(title="   "), 422, "title_missing"),
    (sent(description="ŵ" * 501), 422, "description_too_long"),
    (sent(description=""), 422, "description_missing"),
    (
        raw(json.dumps(proposal(title="PLACEHOLDER")).replace("PLACEHOLDER", "\\udcff")),
        400,
        "invalid_encoding",
    ),
    (raw(json.dumps(proposal(title="a", description="b" * 9000))), 413, "payload_too_large"),
    (raw(json.dumps(proposal()), **{"Content-Type": "text/plain"}), 415, "unsupported_media_type"),
    (raw(json.dumps(proposal())[:-1] + ', "title": "again"}'), 400, "duplicate_key"),
    (api_event("POST", "/api/areas/atlantis/proposals", proposal()), 404, "area_not_found"),
    (api_event("POST", "/api/areas/" + "x" * 3000 + "/proposals", proposal()), 404, "area_not_found"),
]


def test_a_refused_proposal_is_a_4xx_in_the_error_shape_and_stores_nothing(seeded: LocalAws) -> None:
    # One stack for every case (a stack per case costs seconds each); each is checked on its own.
    before = seeded.snapshot()
    wrong = {}
    for number, (event, status, code) in enumerate(REFUSED):
        answered, body, _ = send(event)
        error = body.get("error", {})
        if (answered, error.get("code")) != (status, code) or set(error) != {"code", "message"}:
            wrong[number] = (answered, body)
    assert wrong == {}
    assert seeded.snapshot() == before


def test_the_refusals_come_in_welsh_when_asked(seeded: LocalAws) -> None:
    event = api_event("POST", PROPOSALS, proposal(title="x" * 81), headers={"Accept-Language": "cy"})
    assert send(event)[1]["error"]["message"] == "Rhaid i'r teitl fod yn 80 nod neu lai."


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [("DELETE", PROPOSALS, "GET, POST"), ("POST", "/api/proposals/ABCDE-FGHJK", "GET")],
)
def test_other_methods_are_a_405_naming_the_allowed(
    seeded: LocalAws, method: str, path: str, allowed: str
) -> None:
    status, body, headers = send(api_event(method, path))
    assert (status, body["error"]["code"], headers.get("Allow")) == (405, "method_not_allowed", allowed)


def test_the_document_describes_the_routes_and_the_limits(seeded: LocalAws) -> None:
    _, document, _ = send(api_event("GET", "/api/openapi.json"))
    post = document["paths"]["/api/areas/{areaId}/proposals"]["post"]
    assert {"202", "400", "404", "413", "415", "422", "429"} <= set(post["responses"])
    fields = document["components"]["schemas"]["ProposalIn"]["properties"]
    assert (fields["title"]["maxLength"], fields["description"]["maxLength"]) == (80, 500)
    assert "/api/proposals/{reference}" in document["paths"]
    assert "get" in document["paths"]["/api/areas/{areaId}/proposals"]
