"""The stream trigger: ballot changes in, per-area aggregates out (see usecases.aggregation).

The same function replays batches parked on its on-failure queue (see usecases.replay): it takes
the queue's messages as an SQS event, from `make replay` locally or, on AWS, from the queue's
event source mapping, which is left disabled until an operator has fixed what made them fail.
"""

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from bobbies.observability import logger, metrics, traced
from bobbies.stream_event import records_of
from bobbies.usecases.aggregation import apply_batch

if TYPE_CHECKING:  # a type only: the runtime never needs the class (~0.5 ms of a cold start)
    from aws_lambda_powertools.utilities.typing import LambdaContext

# Lambda's partial batch response: {"batchItemFailures": [{"itemIdentifier": <id>}, ...]}
BatchResponse = Mapping[str, object]


class BatchNotApplied(Exception):
    """No record of the batch was applied: the invocation fails, so Lambda splits the batch and
    retries its halves (BisectBatchOnFunctionError), as Powertools' batch processor would raise."""


def replay_parked(event: dict[str, Any], context: "LambdaContext") -> BatchResponse:
    # Only the queue of parked batches needs these (Powertools' batch utility imports asyncio).
    from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
    from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

    from bobbies.usecases import replay

    def replay_one(record: SQSRecord) -> None:
        replay.replay_parked(json.loads(record.body))

    return process_partial_response(
        event=event,
        record_handler=replay_one,
        # A message that fails stays on the queue, even when all of them do.
        processor=BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False),
        context=context,
    )


def _is_parked(event: dict[str, Any]) -> bool:
    records = event.get("Records") or [{}]
    return bool(records[0].get("eventSource") == "aws:sqs")


@logger.inject_lambda_context
@metrics.log_metrics
@traced
def lambda_handler(event: dict[str, Any], context: "LambdaContext") -> BatchResponse:
    if _is_parked(event):
        return replay_parked(event, context)
    # The whole batch is folded first (one write per aggregate); the records of an aggregate not
    # written are reported as failed, so the stream retries from the first of them.
    records = records_of(event)
    failed = apply_batch(records)
    numbers = [record.sequence_number for record in records]
    if records and all(number in failed for number in numbers):
        raise BatchNotApplied(f"none of the {len(records)} records was applied")
    return {"batchItemFailures": [{"itemIdentifier": str(number)} for number in numbers if number in failed]}
