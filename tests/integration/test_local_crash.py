"""The one-machine runner loses nothing: kill -9 mid-load or mid-night, start again, and every
acknowledged ballot counts once and every issued tasking reaches the police inbox once.

The kill is SIGKILL to the runner and its moto server at once (no shutdown code runs in either), at a
moment the test waits for in the state folder - the first tasking published, or the hundredth
acknowledged ballot - never at a guessed time.
"""

import os
import signal
import threading
from collections import Counter
from contextlib import suppress
from pathlib import Path
from typing import Any

import requests
from local.runner_info import live_runner_info
from local.testing import RunnerProcess, runner_process
from local.waiting import eventually

from .voting import AreaVote, after_close, areas_by_quorum, cast, get, voter

WITHIN = 120.0  # generous for a loaded machine: every wait ends as soon as its condition holds


def kill_minus_nine(stack: RunnerProcess) -> None:
    """SIGKILL to the runner and its moto server, as a power cut or the OOM killer would do."""
    info = live_runner_info(stack.paths)
    assert info is not None and stack.process is not None
    for pid in (stack.process.pid, info.moto_pid):
        os.kill(pid, signal.SIGKILL)
    stack.process.wait()


def recorded(recording: Path, marker: str) -> int:
    """How many recorded calls (in the recording's tail) contain marker."""
    if not recording.exists():
        return 0
    with recording.open(encoding="utf-8", errors="replace") as lines:
        return sum(marker in line for line in lines)


def published_calls(stack: RunnerProcess) -> int:
    # A Publish is a form post; moto records it before it delivers the message to the queue.
    return recorded(stack.paths.recording, "Action=Publish") + recorded(
        stack.paths.recording,
        "QWN0aW9uPVB1Ymxpc2",  # the same, base64-encoded in the recording
    )


def first_tasking_out(stack: RunnerProcess) -> bool:
    """A publish in the recording's tail, or (if a snapshot took it in first) a message in the inbox."""
    return published_calls(stack) > 0 or bool(stack.inbox())


def issued(stack: RunnerProcess) -> set[tuple[str, str]]:
    return {(tasking["area"], tasking["round"]) for tasking in get(stack, "/api/taskings")["taskings"]}


def delivered(stack: RunnerProcess) -> Counter[tuple[str, str]]:
    return Counter(
        (message["attributes"].get("area"), message["attributes"].get("round")) for message in stack.inbox()
    )


def test_a_crash_during_the_nightly_run_loses_and_doubles_no_tasking(tmp_path: Path) -> None:
    # (the state is saved every few calls, so snapshots are taken while the night's run writes)
    with runner_process(tmp_path / "state", env={"BOBBIES_SNAPSHOT_EVERY": "25"}) as stack:
        # Given eight areas whose residents reached the quorum
        votes = [AreaVote(stack, area, residents=area["quorum"]) for area in areas_by_quorum(stack)[:8]]
        for vote in votes:
            vote.vote()
        night = max(after_close(vote.paper) for vote in votes)

        # When the runner is killed -9 as soon as the nightly run published its first tasking
        running = threading.Thread(target=_nightly_until_killed, args=(stack, night), daemon=True)
        running.start()
        assert eventually(lambda: first_tasking_out(stack), timeout=WITHIN, interval=0.005)
        kill_minus_nine(stack)
        running.join(timeout=WITHIN)

        # and started again, and the next night's run goes
        stack.start()
        stack.nightly(after_close(votes[0].paper, hours=26))

        # Then every issued tasking is in the police inbox, each once
        wanted = {(vote.id, vote.round) for vote in votes}
        assert issued(stack) == wanted
        inbox = eventually(lambda: delivered(stack), lambda got: set(got) >= wanted, timeout=WITHIN)
        assert inbox == Counter(dict.fromkeys(wanted, 1)), stack.console_tail()
        # and another restart delivers nothing again
        stack.restart()
        assert delivered(stack) == inbox


def _nightly_until_killed(stack: RunnerProcess, at: str) -> None:
    with suppress(RuntimeError):  # the runner died under it: what the test wants
        stack.nightly(at)


def test_a_crash_during_a_ballot_load_loses_and_doubles_no_acknowledged_ballot(tmp_path: Path) -> None:
    # (the state is saved every few calls, so the kill lands among snapshots taken under load)
    with runner_process(tmp_path / "state", env={"BOBBIES_SNAPSHOT_EVERY": "40"}) as stack:
        # Given residents of four areas voting one after another
        areas = areas_by_quorum(stack)[:4]
        papers = {area["id"]: get(stack, f"/api/areas/{area['id']}/ballot") for area in areas}
        load = BallotLoad(stack, papers)
        loading = threading.Thread(target=load.run, daemon=True)
        loading.start()

        # When the runner is killed -9 after the 100th acknowledged ballot, mid-load
        assert eventually(lambda: len(load.acknowledged), lambda n: n >= 100, timeout=WITHIN, interval=0.01)
        kill_minus_nine(stack)
        loading.join(timeout=WITHIN)
        acknowledged = list(load.acknowledged)

        # and started again
        stack.start()
        assert "snapshot 0 " not in stack.console_tail(), "no snapshot was taken under the load"

        # Then every acknowledged ballot's receipt says it counts, and the live results hold it
        for area_id, receipt in acknowledged:
            check = get(stack, f"/api/receipts/{receipt}")["receipt"]
            assert (check["area"]["id"], check["status"]) == (area_id, "counted"), receipt
        # and each area's results count each of them once (one more at most: cast, not yet answered)
        for area_id in papers:
            mine = sum(1 for acked_area, _ in acknowledged if acked_area == area_id)
            counted = counted_when(stack, area_id, mine)
            assert mine <= counted <= mine + 1, (area_id, mine, counted)


def counted_when(stack: RunnerProcess, area_id: str, at_least: int) -> int:
    """The area's live ballot count, once it reaches at_least (or the wait ends)."""

    def counted() -> int:
        return int(get(stack, f"/api/areas/{area_id}/results")["ballots"])

    return eventually(counted, lambda n: n >= at_least, WITHIN)


class BallotLoad:
    """One resident after another casts a ballot, round robin over the areas, until the stack dies."""

    def __init__(self, stack: RunnerProcess, papers: dict[str, Any]) -> None:
        self.stack, self.papers = stack, papers
        self.acknowledged: list[tuple[str, str]] = []  # (area, receipt) of each 201

    def run(self) -> None:
        areas = list(self.papers)
        for n in range(100_000):
            area_id = areas[n % len(areas)]
            paper = self.papers[area_id]
            first = paper["priorities"][0]["id"]
            try:
                answer = cast(self.stack, area_id, voter(), {first: paper["budget"]})
            except requests.RequestException:
                return
            if answer.status_code != 201:
                return
            self.acknowledged.append((area_id, answer.json()["receipt"]))
