"""The moto server process of `make run`: `python -m local.moto_main PORT`.

On top of `python -m moto.server`: the request recorder keeps only calls that may change state
(stream polls and reads would otherwise grow the recording by megabytes an hour) and writes one
whole line at a time; requests are not logged one by one; and the server exits when the runner
that started it is gone.
"""

import logging
import os
import sys
import threading
import time
from typing import Any

from local.recording import is_read_only_target


def _record_changes_only() -> None:
    try:
        from moto.moto_api._internal.recorder.models import Recorder
    except ImportError:  # another moto: record everything; the next start compacts the recording
        return
    record = Recorder._record_request
    lock = threading.Lock()

    def record_change(self: Recorder, request: Any, body: Any = None) -> None:
        if is_read_only_target(request.headers.get("X-Amz-Target")):
            return
        with lock:  # requests arrive on many threads; a long line must not interleave with another
            record(self, request, body)

    Recorder._record_request = record_change  # type: ignore[method-assign]


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
    _record_changes_only()
    _exit_with_parent()
    from moto.server import main as moto_server

    moto_server(["-H", "127.0.0.1", "-p", port])


if __name__ == "__main__":
    main(sys.argv[1])
