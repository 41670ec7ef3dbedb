"""A suggestion's whole life on the local stack, as the resident and the moderator see it: proposed,
approved in both languages by a signed-in moderator, absent from the open round's ballot, on the
next round's after the nightly run (`make nightly AT=`)."""

import requests
from local.testing import RunnerProcess, sign_in

from .voting import after_close, get, voter

APPROVAL = {
    "decision": "approve",
    "title": {"en": "Speeding on the A5", "cy": "Goryrru ar yr A5"},
    "description": {
        "en": "Cars race along the A5 every evening.",
        "cy": "Mae ceir yn rasio ar hyd yr A5 bob nos.",
    },
}


def test_an_approved_suggestion_joins_the_next_rounds_ballot_not_the_open_one(stack: RunnerProcess) -> None:
    # Given a resident's suggestion, in English
    body = {
        "voter": voter(),
        "language": "en",
        "title": "Speeding on the A5",
        "description": "Every evening.",
    }
    proposed = requests.post(f"{stack.url}/api/areas/bangor/proposals", json=body, timeout=10)
    assert proposed.status_code == 202, proposed.text
    reference = proposed.json()["proposal"]["reference"]
    open_ballot = get(stack, "/api/areas/bangor/ballot")

    # When a signed-in moderator finds it in the queue and approves it, adding the Welsh
    staff = {"Authorization": sign_in(stack, "moderator")}
    queue = requests.get(
        f"{stack.url}/api/admin/proposals", params={"area": "bangor"}, headers=staff, timeout=10
    )
    assert queue.status_code == 200, queue.text
    (pending,) = queue.json()["proposals"]
    decision_url = f"{stack.url}/api/admin/proposals/{pending['reference']}/decision"
    approved = requests.post(decision_url, json=APPROVAL, headers=staff, timeout=10)
    assert approved.status_code == 200, approved.text
    priority = approved.json()["proposal"]["priorityId"]

    # Then the resident's lookup says so, it waits for the next round, and the open ballot lacks it
    assert get(stack, f"/api/proposals/{reference}")["proposal"]["status"] == "approved"
    assert [p["title"] for p in get(stack, "/api/areas/bangor/proposals")["proposals"]] == [APPROVAL["title"]]
    assert priority not in [p["id"] for p in get(stack, "/api/areas/bangor/ballot")["priorities"]]

    # And a second decision, an officer, or nobody signed in, is refused
    again = requests.post(decision_url, json={"decision": "redirect"}, headers=staff, timeout=10)
    assert (again.status_code, again.json()["error"]["code"]) == (409, "already_decided")
    officer = {"Authorization": sign_in(stack, "officer")}
    refused = requests.get(f"{stack.url}/api/admin/proposals", headers=officer, timeout=10)
    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "wrong_group")
    assert requests.get(f"{stack.url}/api/admin/proposals", timeout=10).status_code == 401

    # When the round closes and the nightly job runs
    stack.nightly(after_close(open_ballot))

    # Then the new round's ballot has it, in both languages, and nothing waits any more
    new_ballot = get(stack, "/api/areas/bangor/ballot")
    assert new_ballot["round"]["id"] != open_ballot["round"]["id"]
    titles = {p["id"]: p["title"] for p in new_ballot["priorities"]}
    assert titles[priority] == APPROVAL["title"]
    assert get(stack, "/api/areas/bangor/proposals")["proposals"] == []
