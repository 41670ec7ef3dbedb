"""The one way the runner and the tests wait for something: poll a condition, never sleep blind."""

import time
from collections.abc import Callable


def eventually[T](
    probe: Callable[[], T],
    done: Callable[[T], object] = bool,
    timeout: float = 30.0,
    interval: float = 0.1,
) -> T:
    """Calls probe until done(its value), for up to timeout seconds; returns the last value seen
    (so the caller's assertion shows what was there when time ran out)."""
    deadline = time.monotonic() + timeout
    value = probe()
    while not done(value) and time.monotonic() < deadline:
        time.sleep(interval)
        value = probe()
    return value
