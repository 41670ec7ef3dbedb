"""The local DynamoDB stream mapping: batches, partial failures, bisecting, retries and parking."""

import json
import re
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from local.runner_info import live_runner_info
from local.testing import RunnerProcess
from local.waiting import eventually


class Aws:
    """The fixture stack's moto server, for writing changes and looking at what came of them."""

    def __init__(self, stack: RunnerProcess) -> None:
        info = live_runner_info(stack.paths)
        assert info is not None
        self.resources = info.local_resources()
        self.dynamodb = boto3.client("dynamodb", endpoint_url=info.moto_endpoint)
        self.sqs = boto3.client("sqs", endpoint_url=info.moto_endpoint)

    def change(self, *items: tuple[str, str]) -> None:
        """Writes items (id, mode) in one call, so they travel in one batch."""
        writes: list[Any] = [
            {"PutRequest": {"Item": {"id": {"S": key}, "mode": {"S": mode}}}} for key, mode in items
        ]
        self.dynamodb.batch_write_item(RequestItems={"ChangesTable": writes})

    def seen(self) -> set[str]:
        return {item["id"]["S"] for item in self.dynamodb.scan(TableName="SeenTable")["Items"]}

    def parked(self) -> list[dict[str, Any]]:
        url = self.resources.queues["FailuresQueue"]
        answer = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0)
        return [json.loads(message["Body"]) for message in answer.get("Messages", [])]


@pytest.fixture
def aws(fixture_stack: RunnerProcess) -> Iterator[Aws]:
    yield Aws(fixture_stack)


def sequence_numbers(aws: Aws) -> dict[str, str]:
    return {
        item["id"]["S"]: item["sequence"]["S"] for item in aws.dynamodb.scan(TableName="SeenTable")["Items"]
    }


def test_changes_reach_the_function_in_order_and_in_lambdas_shape(aws: Aws) -> None:
    aws.change(("ok-1", "ok"), ("ok-2", "ok"), ("ok-3", "ok"))
    seen = eventually(aws.seen, lambda seen: {"ok-1", "ok-2", "ok-3"} <= seen)
    assert {"ok-1", "ok-2", "ok-3"} <= seen
    numbers = sequence_numbers(aws)
    assert int(numbers["ok-1"]) < int(numbers["ok-2"]) < int(numbers["ok-3"])


def test_a_record_that_keeps_failing_is_parked_and_the_stream_moves_on(aws: Aws) -> None:
    # Given a change the function reports as a batch item failure every time
    aws.change(("fail-1", "fail"))

    # Then after the template's two retries it is described on the on-failure queue
    parked = eventually(aws.parked, lambda parked: any(_covers(p, 1) for p in parked), timeout=15)
    (message,) = [p for p in parked if _covers(p, 1)]
    assert message["requestContext"]["condition"] == "RetryAttemptsExhausted"
    assert message["requestContext"]["approximateInvokeCount"] == 3
    assert message["DDBStreamBatchInfo"]["streamArn"].startswith("arn:aws:dynamodb:")

    # and later changes still get through
    aws.change(("after-fail", "ok"))
    assert "after-fail" in eventually(aws.seen, lambda seen: "after-fail" in seen)


def test_a_crash_in_a_batch_is_bisected_down_to_the_one_bad_record(aws: Aws) -> None:
    before = len(aws.parked())
    # Given a batch with one record that crashes the function
    aws.change(("bis-1", "ok"), ("bis-2", "ok"), ("bis-crash", "crash"), ("bis-4", "ok"), ("bis-5", "ok"))

    # Then every other record is applied
    wanted = {"bis-1", "bis-2", "bis-4", "bis-5"}
    assert wanted <= eventually(aws.seen, lambda seen: wanted <= seen, timeout=15)
    # and only the bad one is parked, as an unhandled function error
    parked = eventually(aws.parked, lambda parked: len(parked) > before, timeout=15)
    crashed = [p for p in parked if p["responseContext"]["functionError"] == "Unhandled"]
    assert [p["DDBStreamBatchInfo"]["batchSize"] for p in crashed] == [1]


def test_the_checkpoint_stops_a_restart_from_feeding_records_again(
    fixture_stack: RunnerProcess, aws: Aws
) -> None:
    aws.change(("before-restart", "ok"))
    eventually(aws.seen, lambda seen: "before-restart" in seen)

    fixture_stack.restart()
    aws = Aws(fixture_stack)
    aws.change(("after-restart", "ok"))

    # The shard is read in order from the checkpoint: a record fed again would come before this one.
    # So once it is in, the one batch since the restart is this one record.
    assert "after-restart" in eventually(aws.seen, lambda seen: "after-restart" in seen)
    assert eventually(lambda: _batch_sizes_since_restart(fixture_stack), bool) == [1]


def _covers(message: dict[str, Any], size: int) -> bool:
    return bool(message["DDBStreamBatchInfo"]["batchSize"] == size)


def _batch_sizes_since_restart(stack: RunnerProcess) -> list[int]:
    """The size of each batch the stream mapping handed the function since the last restart."""
    lines = stack.console_log.read_text().split(" stopped\n")[-1]
    return [int(size) for size in re.findall(r"-> ConsumerFunction: (\d+) records", lines)]
