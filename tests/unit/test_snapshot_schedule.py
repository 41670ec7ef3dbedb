"""When the local moto server takes its snapshots: each one holds every request while the state is
dumped, for a time that grows with the state, so how often they come decides what they cost."""

from pathlib import Path

import pytest
from local import moto_main, snapshot
from local.moto_main import GROWS_PAST_BYTES, MOST_TIMES, State, calls_between

EVERY = 500


@pytest.mark.parametrize("megabytes", [1, 2, 8, 20, 40])
def test_the_time_held_per_recorded_call_stays_bounded_as_the_state_grows(megabytes: int) -> None:
    # Given a state of this size (a snapshot's hold is about proportional to it)
    state_bytes = megabytes * 1024 * 1024
    # When the next snapshot is scheduled
    calls = calls_between(EVERY, state_bytes)
    # Then it comes no sooner than the configured number of calls
    assert calls >= EVERY
    # and the bytes dumped per recorded call are at most what they are at the size the rule starts from
    assert state_bytes / calls <= GROWS_PAST_BYTES / EVERY
    # and a small state is saved as often as configured (crash tests set a small number and see it)
    if state_bytes <= GROWS_PAST_BYTES:
        assert calls == EVERY


@pytest.mark.parametrize("megabytes", [40, 100, 1000])
def test_a_start_after_a_crash_replays_a_bounded_tail_however_large_the_state(megabytes: int) -> None:
    assert calls_between(EVERY, megabytes * 1024 * 1024) == MOST_TIMES * EVERY


def recorded(state: State, calls: int) -> None:
    for _ in range(calls):
        state.recorded()


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> State:
    recording = tmp_path / "recording.jsonl"
    recording.write_text("")
    saved_state = b"x" * (3 * GROWS_PAST_BYTES)  # a state three times the size the interval grows past
    monkeypatch.setattr(moto_main.snapshot, "dump_backends", lambda: saved_state)
    return State(recording, tmp_path / "snapshot.bin", EVERY)


def test_calls_that_waited_for_a_snapshot_do_not_bring_on_another(state: State) -> None:
    # Given the calls that make a snapshot due, and the snapshot thread woken by them
    recorded(state, EVERY)
    assert state.due.is_set()
    state.due.clear()
    # and more calls recorded before it shuts the gate
    recorded(state, 5)

    # When the snapshot is taken, with those calls in it
    assert state.take() == 1

    # Then no second snapshot is due straight after it
    assert not state.due.is_set()
    assert snapshot.generation(state.saved) == 1


def test_after_a_large_snapshot_the_next_one_waits_for_proportionally_more_calls(state: State) -> None:
    # Given a snapshot of a state three times the size the interval grows past
    state.take()

    # When as many calls as configured are recorded, no snapshot is due yet
    recorded(state, EVERY)
    assert not state.due.is_set()
    # Then one is due after three times as many
    recorded(state, 2 * EVERY - 1)
    assert not state.due.is_set()
    recorded(state, 1)
    assert state.due.is_set()


def test_the_bench_reads_back_how_long_each_snapshot_held_requests(
    state: State, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given two snapshots taken, among the server's other lines
    state.take()
    print("some other line")
    state.take()
    # Then what they held is read back from the log, one figure each
    held = moto_main.requests_held(capsys.readouterr().out)
    assert len(held) == 2 and all(seconds >= 0 for seconds in held)
