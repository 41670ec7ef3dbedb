"""The stream trigger: ballot changes in, per-area aggregates out (see usecases.aggregation)."""

from functools import partial
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import (
    DynamoDBRecord,
    DynamoDBStreamEvent,
)
from aws_lambda_powertools.utilities.typing import LambdaContext

from bobbies.observability import logger, metrics, traced
from bobbies.usecases.aggregation import apply_batch


class RecordNotApplied(Exception):
    """Reported as a batch item failure, so the stream retries from this record."""


def confirm(failed: set[str], record: DynamoDBRecord) -> None:
    if record.dynamodb and record.dynamodb.sequence_number in failed:
        raise RecordNotApplied(record.dynamodb.sequence_number)


@logger.inject_lambda_context
@metrics.log_metrics
@traced
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> PartialItemFailureResponse:
    # The whole batch is folded first (one write per aggregate), then each record is confirmed
    # or reported as failed through Powertools' partial batch response.
    failed = apply_batch(DynamoDBStreamEvent(event).records)
    return process_partial_response(
        event=event,
        record_handler=partial(confirm, failed),
        processor=BatchProcessor(event_type=EventType.DynamoDBStreams),
        context=context,
    )
