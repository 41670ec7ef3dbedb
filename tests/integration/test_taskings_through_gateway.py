"""A tasking's whole life on the local stack, through the gateway and its Cognito checks: residents
reach the quorum, the nightly run issues the tasking and emails its link on the console, the signed-in
officer of its district acknowledges it, reports progress and completes it, and residents read the
outcome; another group, or nobody signed in, is refused."""

import requests
from local.testing import RunnerProcess, sign_in
from local.waiting import eventually

from .voting import AreaVote, after_close, areas_by_quorum, get

WITHIN = 60.0  # a bound for a loaded machine: each wait ends as soon as the condition holds
NOTE = {"en": "Speed checks on two evenings.", "cy": "Gwiriadau cyflymder ar ddwy noson."}
OUTCOME = {
    "en": "Weekly speed checks; 14 drivers stopped.",
    "cy": "Gwiriadau cyflymder bob wythnos; 14 gyrrwr.",
}


def test_the_officer_of_the_district_takes_a_tasking_from_email_to_outcome(stack: RunnerProcess) -> None:
    # Given an area of the West district (the demo officer's) whose residents reach its quorum
    area = next(a for a in areas_by_quorum(stack) if a["district"]["id"] == "west")
    vote = AreaVote(stack, area, residents=area["quorum"])
    vote.vote()
    eventually(vote.results, vote.counted, WITHIN)

    # When the nightly job runs after the round closed
    stack.nightly(after_close(vote.paper))

    # Then the team's email links to the tasking on this stack's console
    (message,) = eventually(stack.inbox, lambda messages: len(messages) >= 1, WITHIN)
    reference = message["attributes"]["reference"]
    assert f"{stack.url}/police/#/taskings/{reference}" in message["email"]

    # When the signed-in officer opens it, acknowledges it, reports progress and the outcome
    officer = {"Authorization": sign_in(stack, "officer")}
    tasking = f"{stack.url}/api/admin/taskings/{reference}"
    listed = requests.get(f"{stack.url}/api/admin/taskings", headers=officer, timeout=10)
    assert listed.status_code == 200, listed.text
    assert [t["reference"] for t in listed.json()["taskings"]] == [reference]
    steps = [
        ("acknowledgement", {}, 200),
        ("progress", {"note": NOTE}, 201),
        ("outcome", {"outcome": OUTCOME}, 200),
    ]
    for step, body, status in steps:
        done = requests.post(f"{tasking}/{step}", json=body, headers=officer, timeout=10)
        assert done.status_code == status, done.text
    assert done.json()["tasking"]["status"] == "completed"

    # Then residents read what was done, in both languages
    (shown,) = get(stack, "/api/taskings", area=area["id"])["taskings"]
    assert (shown["status"], shown["outcome"]) == ("completed", OUTCOME)
    assert [note["text"] for note in shown["notes"]] == [NOTE]

    # and a moderator, or nobody signed in, is refused
    moderator = {"Authorization": sign_in(stack, "moderator")}
    refused = requests.get(tasking, headers=moderator, timeout=10)
    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "wrong_group")
    assert requests.get(tasking, timeout=10).status_code == 401
