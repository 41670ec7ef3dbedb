"""One Logger, one Metrics and (only when tracing is on) one Tracer for every function."""

import os
from collections.abc import Callable
from functools import cache, wraps
from typing import Any

from aws_lambda_powertools import Logger, Metrics, single_metric
from aws_lambda_powertools.metrics import MetricUnit

logger = Logger()
metrics = Metrics()

__all__ = ["MetricUnit", "count", "count_by", "logger", "metrics", "traced"]


def count(name: str, value: int = 1) -> None:
    metrics.add_metric(name=name, unit=MetricUnit.Count, value=value)


def count_by(name: str, dimension: str, value: str) -> None:
    """A count split by one dimension (e.g. rejections by reason), flushed on its own."""
    with single_metric(name=name, unit=MetricUnit.Count, value=1) as metric:
        metric.add_dimension(name=dimension, value=value)


def _tracing_on() -> bool:
    return os.environ.get("POWERTOOLS_TRACE_DISABLED", "false").lower() != "true" and bool(
        os.environ.get("AWS_XRAY_DAEMON_ADDRESS") or os.environ.get("_X_AMZN_TRACE_ID")
    )


@cache
def _tracer() -> Any:
    from aws_lambda_powertools import Tracer  # imports the X-Ray SDK: only worth it when tracing

    return Tracer()


def traced[F: Callable[..., Any]](handler: F) -> F:
    """Capture the handler in X-Ray when this runtime traces (on AWS), and cost nothing elsewhere."""

    @wraps(handler)
    def wrapper(event: Any, context: Any) -> Any:
        if _tracing_on():
            return _tracer().capture_lambda_handler(handler)(event, context)
        return handler(event, context)

    return wrapper  # type: ignore[return-value]
