"""What one Lambda execution environment keeps to itself, kept per thread here.

On Lambda each function's invocations run in environments of their own (processes), so what a
handler's libraries keep between calls is never shared with another function. Here the first
environment of every function is the runner's process, and different functions' invocations run
there on threads at once; Powertools keeps some state per process (not per function), so the runner
gives each thread its own copy of what an invocation fills and its end flushes:

- the metric set that `@metrics.log_metrics` flushes (Powertools keeps it in class-level dicts, so
  one invocation would flush, or clear, another's metrics, or iterate them while they change);
- the Logger's keys that `inject_lambda_context` sets (the request id, the cold start, the
  correlation id), so each log line names the invocation that wrote it.
"""

import logging
import threading
from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any

_METRIC_SETS = ("_metrics", "_dimensions", "_metadata")


class PerThread(MutableMapping[str, Any]):
    """A dict each thread sees on its own, starting from a copy of `seed`."""

    def __init__(self, seed: Mapping[str, Any] | None = None) -> None:
        self._seed = dict(seed or {})
        self._local = threading.local()

    @property
    def _mine(self) -> dict[str, Any]:
        mine: dict[str, Any] | None = getattr(self._local, "data", None)
        if mine is None:
            mine = self._local.data = dict(self._seed)
        return mine

    def __getitem__(self, key: str) -> Any:
        return self._mine[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self._mine[key] = value

    def __delitem__(self, key: str) -> None:
        del self._mine[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._mine)

    def __len__(self) -> int:
        return len(self._mine)

    def __repr__(self) -> str:
        return repr(self._mine)


def isolate_metrics() -> None:
    """Before any handler creates its `Metrics()`: each thread fills and flushes its own set."""
    from aws_lambda_powertools.metrics.metrics import Metrics

    for name in _METRIC_SETS:
        if not isinstance(getattr(Metrics, name), PerThread):
            setattr(Metrics, name, PerThread())


def isolate_logger_keys() -> None:
    """After the handlers are imported: each Powertools formatter keeps its keys per thread."""
    from aws_lambda_powertools.logging.formatter import LambdaPowertoolsFormatter

    loggers = [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    for handler in (handler for logger in loggers for handler in logger.handlers):
        formatter = handler.formatter
        if isinstance(formatter, LambdaPowertoolsFormatter) and type(formatter.log_format) is dict:
            formatter.log_format = PerThread(formatter.log_format)  # type: ignore[assignment]  # a dict per thread
