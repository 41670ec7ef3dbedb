"""The moto server process of `make run`: `python -m local.moto_main PORT`.

On top of `python -m moto.server`: the request recorder keeps only calls that may change state
(stream polls and reads would otherwise grow the recording by megabytes an hour) and writes one
whole line at a time; the state starts from the snapshot (BOBBIES_SNAPSHOT, see local.snapshot)
and a new one is taken every BOBBIES_SNAPSHOT_EVERY recorded calls and on `POST /_local/snapshot`
(the runner's clean stop); requests are not logged one by one; and the server exits when the runner
that started it is gone.
"""

import logging
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from local import snapshot
from local.moto_answers import answer_plain_json
from local.moto_speed import keep_per_request_lookups
from local.moto_transactions import undo_transactions_item_by_item
from local.recording import is_read_only_target

SNAPSHOT_ROUTE = "/_local/snapshot"


class Gate:
    """Requests go through together; a snapshot waits for those inside and holds new ones back, so
    it sees the state after every recorded call before its marker and none after."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._inside = 0
        self._shut = False

    @contextmanager
    def request(self) -> Iterator[None]:
        with self._changed:
            self._changed.wait_for(lambda: not self._shut)
            self._inside += 1
        try:
            yield
        finally:
            with self._changed:
                self._inside -= 1
                self._changed.notify_all()

    @contextmanager
    def shut(self) -> Iterator[None]:
        with self._changed:
            self._changed.wait_for(lambda: not self._shut)
            self._shut = True
            self._changed.wait_for(lambda: self._inside == 0)
        try:
            yield
        finally:
            with self._changed:
                self._shut = False
                self._changed.notify_all()


# Taking a snapshot holds requests for a time that grows with the state (about 40 ms a MB on a
# 2-core machine). Past GROWS_PAST_BYTES the calls between snapshots grow in proportion, so the time
# held per recorded call stays what it is at that size (some 0.15 ms, against ~3.5 ms of moto's own
# for a PutItem); up to MOST_TIMES the configured number, so a start after a crash replays at most
# 10,000 calls at 500 (about 35 s at the ~290 calls a second measured), however large the state.
GROWS_PAST_BYTES = 2 * 1024 * 1024
MOST_TIMES = 20


def calls_between(every: int, state_bytes: int) -> int:
    """Recorded calls before the next snapshot, after one of state_bytes (every: the least)."""
    return min(MOST_TIMES * every, max(every, every * state_bytes // GROWS_PAST_BYTES))


_TAKEN = re.compile(r"^snapshot \d+: \d+ KiB, requests held ([0-9.]+) s", re.MULTILINE)


def requests_held(log: str) -> list[float]:
    """The seconds each snapshot in the moto server's log held requests for, in order."""
    return [float(seconds) for seconds in _TAKEN.findall(log)]


class State:
    """The recording, the snapshot and the count of calls since the last one."""

    def __init__(self, recording: Path, saved: Path, every: int) -> None:
        self.recording, self.saved, self.every = recording, saved, every
        self.gate = Gate()
        self.write_lock = threading.Lock()  # one recorded line, or the recording's rewrite, at a time
        self.snapshot_lock = threading.Lock()
        self.generation = 0
        self.since = 0
        self.interval = every  # recorded calls between snapshots: grows with the state, see calls_between
        self.due = threading.Event()

    def load(self) -> None:
        if self.saved.exists():
            self.generation, data = snapshot.read(self.saved)
            snapshot.load_backends(data)
            self.interval = calls_between(self.every, len(data))

    def recorded(self) -> None:
        self.since += 1
        if self.every and self.since >= self.interval:
            self.due.set()

    def take(self) -> int:
        """A new snapshot and the recording trimmed to the calls after it; returns its generation."""
        with self.snapshot_lock:
            following = self.generation + 1
            with self.gate.shut():
                began = time.perf_counter()
                with self.write_lock, self.recording.open("a", encoding="utf-8") as out:
                    out.write(snapshot.marker(following))
                state = snapshot.dump_backends()
                self.since = 0
                # Calls recorded while this one waited for the gate are in it: no second one for them.
                self.due.clear()
            held = time.perf_counter() - began
            self.interval = calls_between(self.every, len(state))
            print(
                f"snapshot {following}: {len(state) // 1024} KiB, requests held {held:.2f} s, "
                f"the next after {self.interval} recorded calls",
                flush=True,
            )
            snapshot.write(self.saved, following, state)
            with self.write_lock:
                snapshot.trim_recording(self.recording, following)
            self.generation = following
            return following

    def keep_taking(self) -> None:
        while True:
            self.due.wait()
            self.due.clear()
            try:
                self.take()
            except Exception as exc:  # the calls stay in the recording: nothing is lost
                print(f"snapshot failed: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)


def _record_changes_only(state: State) -> None:
    try:
        from moto.moto_api._internal.recorder.models import Recorder
    except ImportError:  # another moto: record everything; the next start compacts the recording
        return
    record = Recorder._record_request

    def record_change(self: Recorder, request: Any, body: Any = None) -> None:
        if is_read_only_target(request.headers.get("X-Amz-Target")) or not self._user_enabled:
            return
        with state.write_lock:  # requests arrive on many threads; a long line must not interleave
            record(self, request, body)
            state.recorded()

    Recorder._record_request = record_change  # type: ignore[method-assign]


def atomic_dynamodb_writes() -> None:
    """DynamoDB applies each write, conditions and all, atomically; moto checks a condition and then
    writes, so two requests on two threads can both pass one condition. One lock around moto's
    writes gives back DynamoDB's guarantee (a send count, a try at a code, a ballot's version)."""
    from moto.dynamodb.models import DynamoDBBackend

    if getattr(DynamoDBBackend, "_bobbies_atomic", False):
        return
    lock = threading.RLock()

    def locked(write: Callable[..., Any]) -> Callable[..., Any]:
        def run(self: Any, *args: Any, **kwargs: Any) -> Any:
            with lock:
                return write(self, *args, **kwargs)

        return run

    for name in ("put_item", "update_item", "delete_item", "transact_write_items"):
        setattr(DynamoDBBackend, name, locked(getattr(DynamoDBBackend, name)))
    DynamoDBBackend._bobbies_atomic = True  # type: ignore[attr-defined]


def _gate_requests(state: State) -> None:
    from moto.core.utils import convert_to_flask_response

    handle = convert_to_flask_response.__call__

    def gated(self: Any, *args: Any, **kwargs: Any) -> Any:
        with state.gate.request():  # the recorder writes the call, then moto applies it: both inside
            return handle(self, *args, **kwargs)

    convert_to_flask_response.__call__ = gated  # type: ignore[method-assign]


def _with_snapshot_route(app: Callable[..., Any], state: State) -> Callable[..., Any]:
    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if environ.get("PATH_INFO") != SNAPSHOT_ROUTE:
            return app(environ, start_response)
        if environ.get("REQUEST_METHOD") != "POST":
            start_response("405 Method Not Allowed", [("Content-Type", "text/plain")])
            return [b"POST to take a snapshot\n"]
        taken = state.take()
        start_response("200 OK", [("Content-Type", "application/json")])
        return [f'{{"generation": {taken}}}'.encode()]

    return serve


def _exit_with_parent() -> None:
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main(port: str) -> None:
    # One access-log line per stream poll would grow the moto log by megabytes a day.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    from moto.server import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
    from werkzeug.serving import run_simple

    from local.keep_alive import KeepAlive

    state = State(
        Path(os.environ.get("MOTO_RECORDER_FILEPATH") or "moto_recording"),
        Path(os.environ.get("BOBBIES_SNAPSHOT") or "moto_snapshot"),
        int(os.environ.get("BOBBIES_SNAPSHOT_EVERY") or 0),
    )
    state.load()
    _record_changes_only(state)
    _gate_requests(state)
    undo_transactions_item_by_item()
    keep_per_request_lookups()
    answer_plain_json()
    atomic_dynamodb_writes()  # last: its lock holds a whole transaction, its undoing included
    _exit_with_parent()
    threading.Thread(target=state.keep_taking, name="snapshots", daemon=True).start()
    os.environ.setdefault("MOTO_PORT", port)  # as moto.server does: some answers name the port
    app = DomainDispatcherApplication(create_backend_app)
    app.debug = True  # type: ignore[attr-defined]

    class Handler(KeepAlive, MotoRequestHandler):  # the SDK's connections stay open, as to AWS
        pass

    run_simple(
        "127.0.0.1",
        int(port),
        _with_snapshot_route(app, state),
        threaded=True,
        use_reloader=False,
        request_handler=Handler,
    )


if __name__ == "__main__":
    main(sys.argv[1])
