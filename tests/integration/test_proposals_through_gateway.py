"""A resident's proposal through the local gateway (its routes read from template.yaml): received
with a reference, looked up pending, refused in the error shape once the day's limit is reached."""

import requests
from local.testing import RunnerProcess

from .voting import get, voter


def propose(stack: RunnerProcess, area_id: str, token: str, **headers: str) -> requests.Response:
    body = {"voter": token, "language": "en", "title": "Speeding on the A5", "description": "Every evening."}
    return requests.post(f"{stack.url}/api/areas/{area_id}/proposals", json=body, headers=headers, timeout=10)


def test_a_proposal_is_received_and_looked_up_pending_through_the_gateway(stack: RunnerProcess) -> None:
    # When a resident proposes a priority
    token = voter()
    answer = propose(stack, "bangor", token)

    # Then it is received (202) with a reference, which looks it up as pending, typed as a person might
    assert answer.status_code == 202, answer.text
    reference = answer.json()["proposal"]["reference"]
    looked_up = get(stack, f"/api/proposals/{reference.lower().replace('-', ' ')}")["proposal"]
    assert (looked_up["status"], looked_up["title"], looked_up["area"]["id"]) == (
        "pending",
        "Speeding on the A5",
        "bangor",
    )
    # It is not on the public list until a moderator approves it
    assert get(stack, "/api/areas/bangor/proposals") == {"area": "bangor", "proposals": []}

    # A reference nobody was given is a 404 in the error shape
    unknown = requests.get(f"{stack.url}/api/proposals/ABCDE-FGHJK", timeout=10)
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (404, "proposal_not_found")

    # After the day's three, the resident is told in Welsh to come back tomorrow
    for _ in range(2):
        assert propose(stack, "wrexham", token).status_code == 202
    refused = propose(stack, "wrexham", token, **{"Accept-Language": "cy"})
    assert (refused.status_code, refused.json()["error"]["code"]) == (429, "too_many_proposals")
    assert "yfory" in refused.json()["error"]["message"]

    # A wrong method on the route is a 405 naming the methods it takes
    wrong = requests.delete(f"{stack.url}/api/areas/bangor/proposals", timeout=10)
    assert (wrong.status_code, wrong.headers["Allow"]) == (405, "GET, POST")
