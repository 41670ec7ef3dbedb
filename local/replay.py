"""`make replay`: the stream batches a function gave up on, replayed in the local runner.

Each message on a stream mapping's on-failure queue says where a batch was (shard and sequence
range), as on AWS. The messages go to the function as an SQS event, as the queue's event source
mapping would hand them over on AWS; the function reads the records again from the stream and
applies them. A message it reports as failed stays on the queue for the next replay; the others
are deleted. Replaying a message twice is harmless: every change is applied once.
"""

import sys
from typing import Any

import boto3

from local.runner_info import RunnerInfo, live_runner_info_or_exit
from local.template import functions, region

VISIBILITY_SECONDS = 300  # a message is tried once per replay, then shows again for the next one


def _sqs_record(message: dict[str, Any], queue_arn: str) -> dict[str, Any]:
    return {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": message.get("Attributes", {}),
        "messageAttributes": {},
        "md5OfBody": message["MD5OfBody"],
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": region(),
    }


def replay_queue(runner: RunnerInfo, function: str, queue: str) -> tuple[int, int]:
    """Hands every message of the queue to the function once; returns (replayed, still parked)."""
    resources = runner.local_resources()
    sqs = boto3.client("sqs", endpoint_url=runner.moto_endpoint, region_name=region())
    url, arn = resources.queues[queue], resources.queue_arns[queue]
    replayed = kept = 0
    while True:
        answer = sqs.receive_message(
            QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=VISIBILITY_SECONDS, AttributeNames=["All"]
        )
        messages = answer.get("Messages", [])
        if not messages:
            return replayed, kept
        records = [_sqs_record(dict(message), arn) for message in messages]
        outcome = runner.invoke(function, {"Records": records})
        result = outcome["result"] if isinstance(outcome["result"], dict) else {}
        failed = {item["itemIdentifier"] for item in result.get("batchItemFailures", [])}
        for message in messages:
            if outcome["error"] is None and message["MessageId"] not in failed:
                sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
                replayed += 1
            else:
                kept += 1


def main() -> int:
    runner = live_runner_info_or_exit()
    sources = [
        (spec.logical_id, source.on_failure_queue)
        for spec in functions()
        for source in spec.streams
        if source.on_failure_queue
    ]
    for function, queue in sources:
        assert queue is not None
        replayed, kept = replay_queue(runner, function, queue)
        print(f"{queue} -> {function}: {replayed} parked batches replayed, {kept} still parked")
    if not sources:
        print("No stream in the template has an on-failure queue.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
