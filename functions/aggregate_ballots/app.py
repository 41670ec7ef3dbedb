"""The stream trigger: ballot changes in, per-area aggregates out (see usecases.aggregation).

The same function replays batches parked on its on-failure queue (see usecases.replay): it takes
the queue's messages as an SQS event, from `make replay` locally or, on AWS, from the queue's
event source mapping, which is left disabled until an operator has fixed what made them fail.
"""

import json
from functools import partial
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import (
    DynamoDBRecord,
    DynamoDBStreamEvent,
)
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from bobbies.observability import logger, metrics, traced
from bobbies.usecases.aggregation import apply_batch


class RecordNotApplied(Exception):
    """Reported as a batch item failure, so the stream retries from this record."""


def confirm(failed: set[str], record: DynamoDBRecord) -> None:
    if record.dynamodb and record.dynamodb.sequence_number in failed:
        raise RecordNotApplied(record.dynamodb.sequence_number)


def replay(record: SQSRecord) -> None:
    from bobbies.usecases.replay import replay_parked  # only a replay of parked batches needs it

    replay_parked(json.loads(record.body))


def _is_parked(event: dict[str, Any]) -> bool:
    records = event.get("Records") or [{}]
    return bool(records[0].get("eventSource") == "aws:sqs")


@logger.inject_lambda_context
@metrics.log_metrics
@traced
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> PartialItemFailureResponse:
    if _is_parked(event):
        return process_partial_response(
            event=event,
            record_handler=replay,
            # A message that fails stays on the queue, even when all of them do.
            processor=BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False),
            context=context,
        )
    # The whole batch is folded first (one write per aggregate), then each record is confirmed
    # or reported as failed through Powertools' partial batch response.
    failed = apply_batch(DynamoDBStreamEvent(event).records)
    return process_partial_response(
        event=event,
        record_handler=partial(confirm, failed),
        processor=BatchProcessor(event_type=EventType.DynamoDBStreams),
        context=context,
    )
