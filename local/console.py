"""The runner's own lines on the terminal, while the functions' logs go to a file.

Once redirect_output() has run, sys.stdout and sys.stderr are the functions log, so that
Powertools' JSON lines (and any print or traceback from a handler) land there; the console keeps
the real terminal. No line printed here may carry personal data (voter tokens).
"""

import sys
import threading
import time
from pathlib import Path
from typing import TextIO


class Console:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def line(self, text: str) -> None:
        with self._lock:
            self._stream.write(f"{time.strftime('%H:%M:%S')} {text}\n")
            self._stream.flush()

    def block(self, text: str) -> None:
        with self._lock:
            self._stream.write(text.rstrip("\n") + "\n")
            self._stream.flush()


def redirect_output(log_file: Path) -> Console:
    """Points stdout and stderr at the functions log; returns a console on the real terminal."""
    console = Console(sys.stdout)
    log_file.parent.mkdir(parents=True, exist_ok=True)
    log = log_file.open("a", encoding="utf-8", buffering=1)
    sys.stdout = log
    sys.stderr = log
    return console
