"""Lambda execution environments: where one invocation at a time runs a function's handler.

Lambda runs overlapping invocations of a function in separate environments (separate processes),
so a handler may keep per-invocation state at module level (Powertools' resolver keeps the current
event on its `app`) and no other invocation sees it. Here a function's first environment is the
runner's own process (its handler imported at start-up, its errors shown there); each further one,
made when every environment of the function is busy, is a worker process that imports the handler
afresh (a cold start, as on Lambda) and then takes invocations over a pipe. All of them write to the
functions log.
"""

import faulthandler
import multiprocessing
import signal
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

from local.template import FunctionSpec

# Workers are forked from a fork server (never from the runner, which runs threads), started once
# with the libraries the handlers use already imported: a worker's cold start is then its handler's.
_SPAWN = multiprocessing.get_context("forkserver")
_SPAWN.set_forkserver_preload(
    ["local.lambdas", "boto3", "pynamodb.models", "pydantic", "aws_lambda_powertools.event_handler"]
)


@dataclass(frozen=True)
class Outcome:
    result: Any
    error: dict[str, Any] | None  # Lambda's {"errorType", "errorMessage", "stackTrace"}
    duration_ms: float


class Environment(Protocol):
    def run(self, event: Any, context: Any) -> Outcome: ...

    def close(self) -> None: ...


def call(handler: Callable[[Any, Any], Any], event: Any, context: Any) -> Outcome:
    started = time.perf_counter()
    try:
        result, error = handler(event, context), None
    except Exception as exc:  # the function failed: Lambda reports it, it does not crash
        traceback.print_exc()  # stderr is the functions log
        result, error = None, failure(exc)
    return Outcome(result, error, (time.perf_counter() - started) * 1000)


def failure(exc: BaseException) -> dict[str, Any]:
    return {
        "errorType": type(exc).__name__,
        "errorMessage": str(exc),
        "stackTrace": traceback.format_tb(exc.__traceback__),
    }


class InProcess:
    """The function's first environment: its handler, in the runner's process."""

    def __init__(self, load: Callable[[], Callable[[Any, Any], Any]]) -> None:
        self._load = load

    def run(self, event: Any, context: Any) -> Outcome:
        return call(self._load(), event, context)

    def close(self) -> None:
        pass


class WorkerProcess:
    """A further environment: a process of its own, taking one invocation at a time."""

    def __init__(self, spec: FunctionSpec, log_file: Path | None) -> None:
        self._pipe, theirs = _SPAWN.Pipe()
        self._process = _SPAWN.Process(
            target=_serve, args=(spec, theirs, log_file), name=f"lambda-{spec.logical_id}", daemon=True
        )
        self._process.start()
        theirs.close()

    def run(self, event: Any, context: Any) -> Outcome:
        try:
            self._pipe.send((event, context))
            outcome: Outcome = self._pipe.recv()
        except (EOFError, OSError) as exc:  # the process died: Lambda reports Runtime.ExitError
            return Outcome(None, {"errorType": "Runtime.ExitError", "errorMessage": str(exc)}, 0.0)
        return outcome

    @property
    def alive(self) -> bool:
        return self._process.is_alive()

    def close(self) -> None:
        """At the runner's stop: an environment keeps nothing worth waiting for."""
        self._pipe.close()
        self._process.terminate()
        self._process.join(timeout=2)
        if self._process.is_alive():
            self._process.kill()


def _serve(spec: FunctionSpec, pipe: Connection, log_file: Path | None) -> None:
    """A worker's life: the handler's cold start, then one invocation after another."""
    if log_file is not None:
        sys.stdout = sys.stderr = log_file.open("a", encoding="utf-8", buffering=1)
    faulthandler.register(signal.SIGUSR1, file=sys.stderr)  # `kill -USR1 <pid>`: where it is, in the log
    from local.lambdas import load_handler  # the runner's own loader, layers already on sys.path

    try:
        handler: Callable[[Any, Any], Any] | None = load_handler(spec)
        load_error = None
    except Exception as exc:
        traceback.print_exc()
        handler, load_error = None, failure(exc)
    while True:
        try:
            event, context = pipe.recv()
        except (EOFError, OSError):
            return
        outcome = Outcome(None, load_error, 0.0) if handler is None else call(handler, event, context)
        try:
            pipe.send(outcome)
        except Exception as exc:  # an answer that cannot be pickled back
            pipe.send(Outcome(None, failure(exc), outcome.duration_ms))
