"""The runner's own lines on the terminal, while the functions' logs go to a file.

Once redirect_output() has run, sys.stdout and sys.stderr are the functions log, so that
Powertools' JSON lines (and any print or traceback from a handler) land there; the console keeps
the real terminal. No line printed here may carry personal data (voter tokens).
"""

import io
import sys
import threading
import time
from pathlib import Path
from typing import Any, TextIO

from local.lambdas import Invocation


class Console:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def line(self, text: str) -> None:
        with self._lock:
            self._stream.write(f"{time.strftime('%H:%M:%S')} {text}\n")
            self._stream.flush()

    def invocation(self, function: str, event: Any, invocation: Invocation) -> None:
        """The line for a scheduled run or a `make nightly`/`make invoke`."""
        at = f" at {event['scheduledTime']}" if isinstance(event, dict) and "scheduledTime" in event else ""
        if invocation.error:
            outcome = f"FAILED {invocation.error['errorType']}: {invocation.error['errorMessage']}"[:200]
        else:
            outcome = one_line(invocation.result)
        self.line(f"run {function}{at}: {outcome} ({invocation.duration_ms:.0f} ms)")

    def block(self, text: str) -> None:
        with self._lock:
            self._stream.write(text.rstrip("\n") + "\n")
            self._stream.flush()


class WholeLines(io.TextIOBase):
    """A file written a whole line at a time. Invocations run on threads at once, and print() writes
    its text and its newline separately: each thread's text waits here until its line is complete,
    so two invocations' lines never mix."""

    def __init__(self, file: TextIO) -> None:
        self._file = file
        self._lock = threading.Lock()
        self._pending = threading.local()

    def write(self, text: str) -> int:
        pending = getattr(self._pending, "text", "") + text
        lines, newline, rest = pending.rpartition("\n")
        self._pending.text = rest
        if newline:
            with self._lock:
                self._file.write(lines + newline)
                self._file.flush()
        return len(text)

    def flush(self) -> None:
        pending, self._pending.text = getattr(self._pending, "text", ""), ""
        with self._lock:
            self._file.write(pending)
            self._file.flush()

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._file.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._file.encoding


def redirect_output(log_file: Path) -> Console:
    """Points stdout and stderr at the functions log; returns a console on the real terminal."""
    console = Console(sys.stdout)
    log_file.parent.mkdir(parents=True, exist_ok=True)
    log = WholeLines(log_file.open("a", encoding="utf-8"))
    sys.stdout = log
    sys.stderr = log
    return console


def one_line(result: Any) -> str:
    """A function's answer in one line: its numbers and short texts."""
    if not isinstance(result, dict):
        return repr(result)[:120]
    return " ".join(
        f"{key}={value}"
        for key, value in result.items()
        if isinstance(value, int | float | str) and len(str(value)) < 40
    )
