"""The state a start brings back and a stop saves: the moto server's snapshot and the calls recorded
after it (local.snapshot, local.recording), and the stream checkpoints that refer to them."""

import time

from local.console import Console
from local.moto_server import MotoServer
from local.paths import StatePaths
from local.recording import compact, replay
from local.snapshot import generation


def launch_moto(paths: StatePaths, port: int) -> MotoServer:
    """A moto server that starts from the saved snapshot, if there is one."""
    return MotoServer.launch(port, paths.recording, paths.snapshot, paths.moto_log)


def prepare(paths: StatePaths, console: Console, fresh: bool) -> None:
    """Before moto starts: the recording kept to calls that change state, or a clean slate."""
    if fresh:
        paths.checkpoints.unlink(missing_ok=True)  # they would point past an empty stream
        return
    compacted = compact(paths.recording)
    if compacted.unreadable:
        console.line(f"state: skipped {compacted.unreadable} unreadable recorded calls")


def restore(paths: StatePaths, console: Console, moto: MotoServer) -> None:
    """Replays the calls recorded after the snapshot moto started from, then saves a new one, so
    the next start, even after a crash, does not replay them again."""
    began = time.perf_counter()
    saved = generation(paths.snapshot)
    sent, failed = replay(paths.recording, moto.endpoint, saved)
    took = time.perf_counter() - began
    console.line(f"state: snapshot {saved} and {sent} calls after it in {took:.1f} s ({failed} failed)")
    if sent:
        moto.take_snapshot()


def save(console: Console, moto: MotoServer) -> None:
    """A snapshot at a clean stop, so the next start loads the state rather than replaying calls."""
    try:
        console.line(f"state: saved as snapshot {moto.take_snapshot()}")
    except Exception as exc:  # the recording still holds every call: the next start replays them
        console.line(f"state: not saved as a snapshot ({type(exc).__name__}: {exc})")
