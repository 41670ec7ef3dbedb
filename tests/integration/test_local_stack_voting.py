"""The product end to end on the local stack: ballots, live results, the nightly taskings, the police
inbox, and all of it still there after a restart."""

import re
import time
from typing import Any

import requests
from local.testing import RunnerProcess
from local.waiting import eventually

from bobbies.notify.render import within_bilingual_budget

from .voting import AreaVote, after_close, areas_by_quorum, cast, get, voter

RESULTS_WITHIN = 60.0  # a generous bound for a loaded machine: the wait ends as soon as they show


def test_ballots_and_revotes_show_in_the_results_within_seconds(stack: RunnerProcess) -> None:
    # Given two areas and their ballot papers
    first, second = (AreaVote(stack, area, residents=4) for area in areas_by_quorum(stack)[:2])

    # When residents of both vote, one in each changing their mind
    statuses = first.vote() + second.vote()
    cast_at = time.monotonic()

    # Then a first ballot is created, a second one replaces it
    assert statuses == [201] * 4 + [200, 200] + [201] * 4 + [200, 200]
    # and the results count each resident once, with their latest ballot, within seconds
    for vote in (first, second):
        results = eventually(vote.results, vote.counted, RESULTS_WITHIN)
        assert vote.counted(results), results
        assert results["ballots"] == 4
        assert results["leader"] == vote.leader
    print(f"results caught up {time.monotonic() - cast_at:.2f} s after the last ballot")


def test_a_ballot_that_breaks_the_rules_is_refused_and_not_counted(stack: RunnerProcess) -> None:
    # Given an area
    vote = AreaVote(stack, areas_by_quorum(stack)[0], residents=1)

    # When a ballot gives out more bobbies than the budget
    answer = cast(stack, vote.id, voter(), {vote.priorities[0]: vote.paper["budget"] + 1})

    # Then it is refused with an error body, and the results do not count it
    assert answer.status_code in (400, 422)
    assert "error" in answer.json()
    assert vote.results()["ballots"] == 0


def test_the_nightly_run_tasks_each_area_that_met_its_quorum_once(stack: RunnerProcess) -> None:
    # Given one area whose residents reach its quorum and one whose residents fall short
    smallest, runner_up = areas_by_quorum(stack)[:2]
    met = AreaVote(stack, smallest, residents=smallest["quorum"])
    short = AreaVote(stack, runner_up, residents=runner_up["quorum"] - 1)
    met.vote()
    short.vote()
    for vote in (met, short):
        assert vote.counted(eventually(vote.results, vote.counted, RESULTS_WITHIN))

    # When the nightly job runs after the round has closed
    summary = stack.nightly(after_close(met.paper))

    # Then the police inbox gets exactly one tasking, for the area that met its quorum
    inbox = eventually(stack.inbox, lambda messages: len(messages) >= 1, RESULTS_WITHIN)
    assert len(inbox) == 1, summary
    (message,) = inbox
    attributes = message["attributes"]
    assert (attributes["area"], attributes["district"], attributes["round"]) == (
        met.id,
        smallest["district"]["id"],
        met.round,
    )
    assert attributes["reference"] in message["email"] and attributes["reference"] in message["subject"]
    titles = {priority["id"]: priority["title"]["en"] for priority in met.paper["priorities"]}
    assert titles[met.leader] in message["email"]
    assert re.search(rf"[Bb]allots\W+{smallest['quorum']}\b", message["email"]), message["email"]
    assert message["sms"] and within_bilingual_budget(message["sms"])
    assert message["subject"]
    # and the taskings list shows it, with the figures behind it
    (tasking,) = issued(stack, met.id)
    assert tasking["round"] == met.round
    assert tasking["priority"]["id"] == met.leader
    assert tasking["ballots"] == smallest["quorum"]
    assert issued(stack, short.id) == []

    # When the nightly job runs again
    stack.nightly(after_close(met.paper, hours=3))
    time.sleep(1.5)  # the inbox is drained every 0.3 s

    # Then nothing is added
    assert stack.inbox() == inbox
    assert len(issued(stack, met.id)) == 1


def test_everything_is_still_there_after_a_restart(stack: RunnerProcess) -> None:
    # Given ballots in three areas, counted
    smallest, runner_up, third = areas_by_quorum(stack)[:3]
    met = AreaVote(stack, smallest, residents=smallest["quorum"])
    short = AreaVote(stack, runner_up, residents=2)
    still_open = AreaVote(stack, third, residents=2)
    for vote in (met, short, still_open):
        vote.vote()
        assert vote.counted(eventually(vote.results, vote.counted, RESULTS_WITHIN))
    before = {"met": met.results(), "short": short.results(), "open": still_open.results()}

    # When the stack is stopped (Ctrl-C) and started again
    stack.restart()

    # Then every ballot and aggregate is still there
    assert {"met": met.results(), "short": short.results(), "open": still_open.results()} == before
    # and ballots cast now count once each, on top of the earlier ones
    still_open.residents += 1
    still_open._cast(voter(), {still_open.priorities[1]: still_open.paper["budget"]})
    revoter = next(iter(still_open.expected))
    still_open._cast(revoter, {still_open.priorities[2]: still_open.paper["budget"]})
    results = eventually(still_open.results, still_open.counted, RESULTS_WITHIN)
    assert still_open.counted(results), results
    assert results["ballots"] == 3

    # Given a nightly run that closed the rounds and tasked the area that met its quorum
    stack.nightly(after_close(met.paper))
    # (another of these areas may meet its quorum too: wait for every tasking issued, not the first)
    issued_now = len(get(stack, "/api/taskings")["taskings"])
    eventually(stack.inbox, lambda messages: len(messages) == issued_now, RESULTS_WITHIN)
    closed = {
        "met": met.results(met.round),
        "short": short.results(short.round),
        "rounds": get(stack, f"/api/areas/{short.id}/rounds"),
        "taskings": get(stack, "/api/taskings"),
        "inbox": stack.inbox(),
    }

    # When the stack restarts again, then every round, tasking and message is still there
    stack.restart()
    assert {
        "met": met.results(met.round),
        "short": short.results(short.round),
        "rounds": get(stack, f"/api/areas/{short.id}/rounds"),
        "taskings": get(stack, "/api/taskings"),
        "inbox": stack.inbox(),
    } == closed


def issued(stack: RunnerProcess, area_id: str) -> list[dict[str, Any]]:
    taskings = requests.get(f"{stack.url}/api/taskings", params={"area": area_id}, timeout=10).json()
    return [tasking for tasking in taskings["taskings"] if tasking["status"] != "quorum_not_met"]
