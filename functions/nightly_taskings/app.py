"""The nightly schedule: closed rounds become taskings, published to the teams' SNS topic."""

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from bobbies.domain.times import parse_utc
from bobbies.notify.publisher import SnsPublisher
from bobbies.observability import logger, metrics, traced
from bobbies.settings import settings
from bobbies.usecases.nightly import run_nightly

if TYPE_CHECKING:  # a type only: the runtime never needs the class (~0.5 ms of a cold start)
    from aws_lambda_powertools.utilities.typing import LambdaContext


def moment_of(event: dict[str, Any]) -> datetime:
    """The schedule's own time (a retried invocation keeps it); now, when none is given."""
    scheduled = (event or {}).get("scheduledTime")
    if not scheduled:
        return datetime.now(UTC)
    return parse_utc(scheduled)


@logger.inject_lambda_context
@metrics.log_metrics(capture_cold_start_metric=True)
@traced
def lambda_handler(event: dict[str, Any], context: "LambdaContext") -> dict[str, Any]:
    report = run_nightly(moment_of(event), SnsPublisher(settings().tasking_topic_arn))
    return report.__dict__
