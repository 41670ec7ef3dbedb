"""The runner's pure parts: reading the template, the schedule's clock, what the recording keeps."""

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from local.paths import REPO
from local.recording import changes_state
from local.schedule import next_firing, scheduled_event
from local.template import Schedule, functions, of_type

from bobbies.domain.times import parse_utc as at

NIGHTLY = Schedule("cron(0 2 * * ? *)", "Europe/London", None, True)


@pytest.mark.parametrize(
    ("now", "fires"),
    [
        ("2027-01-30T23:00:00Z", "2027-01-31T02:00:00Z"),  # winter: London is on UTC
        ("2027-01-31T02:00:00Z", "2027-02-01T02:00:00Z"),  # strictly after
        ("2027-06-30T12:00:00Z", "2027-07-01T01:00:00Z"),  # summer: 02:00 BST is 01:00 UTC
        ("2027-03-27T12:00:00Z", "2027-03-28T01:00:00Z"),  # the night the clocks go forward
        ("2027-10-30T12:00:00Z", "2027-10-31T02:00:00Z"),  # the night they go back
    ],
)
def test_the_nightly_schedule_fires_at_two_in_the_morning_london_time(now: str, fires: str) -> None:
    assert next_firing(NIGHTLY, at(now)) == at(fires)


def test_weekday_names_ranges_and_steps() -> None:
    weekdays = Schedule("cron(15 10 ? * MON-FRI *)", "UTC", None, True)
    assert next_firing(weekdays, at("2027-01-02T00:00:00Z")) == at("2027-01-04T10:15:00Z")  # Sat -> Mon
    quarter_hours = Schedule("cron(0/15 * * * ? *)", "UTC", None, True)
    assert next_firing(quarter_hours, at("2027-01-02T00:07:00Z")) == at("2027-01-02T00:15:00Z")
    assert next_firing(Schedule("rate(5 minutes)", "UTC", None, True), at("2027-01-02T00:00:00Z")) == at(
        "2027-01-02T00:05:00Z"
    )


def test_the_scheduled_event_fills_in_the_schedules_input() -> None:
    schedule = Schedule(NIGHTLY.expression, NIGHTLY.timezone, '{"t": "<aws.scheduler.scheduled-time>"}', True)
    assert scheduled_event(schedule, at("2027-01-31T02:00:00Z")) == {"t": "2027-01-31T02:00:00Z"}
    assert scheduled_event(NIGHTLY, datetime(2027, 1, 31, 2, tzinfo=UTC)) == {
        "scheduledTime": "2027-01-31T02:00:00Z"
    }


def test_the_template_wires_the_functions_as_deployed() -> None:
    wired = {spec.logical_id: spec for spec in functions()}
    assert wired["ApiFunction"].module_file.name == "app.py"
    assert any(path.name == "python" for path in wired["ApiFunction"].layer_paths)
    assert ("GET", "/api/areas/{areaId}/results") in {(r.method, r.path) for r in wired["ApiFunction"].routes}
    (stream,) = wired["AggregateBallotsFunction"].streams
    assert stream.table == "BallotsTable" and stream.on_failure_queue == "AggregateFailuresQueue"
    assert stream.report_item_failures and stream.bisect_on_error and stream.maximum_retry_attempts >= 0
    (nightly,) = wired["NightlyTaskingsFunction"].schedules
    assert nightly.timezone == "Europe/London"
    assert "OperationsEmailSubscription" not in of_type("AWS::SNS::Subscription")  # its condition is false


def _entry(target: str | None = None, body: str = "") -> dict[str, object]:
    headers = {"X-Amz-Target": target} if target else {}
    return {"method": "POST", "url": "http://127.0.0.1:1/", "headers": headers, "body": body}


def test_the_recording_keeps_writes_and_publishes_and_drops_reads_and_polls() -> None:
    assert changes_state(_entry("DynamoDB_20120810.PutItem"))
    assert changes_state(_entry("DynamoDB_20120810.TransactWriteItems"))
    assert changes_state(_entry("AmazonSQS.SendMessage"))
    assert changes_state(_entry("secretsmanager.CreateSecret"))
    assert changes_state(_entry(body="Action=Subscribe&TopicArn=x"))
    assert not changes_state(_entry("DynamoDB_20120810.Query"))
    assert not changes_state(_entry("DynamoDBStreams_20120810.GetRecords"))
    assert not changes_state(_entry("AmazonSQS.ReceiveMessage"))
    # a publish is replayed: its message may not have reached the police inbox before a crash
    assert changes_state(_entry(body="Action=Publish&TopicArn=x&Message=hi"))
    assert not changes_state(_entry(body="Action=ListTopics"))


def test_make_run_with_a_port_that_is_not_a_number_says_so_in_one_line(tmp_path: Path) -> None:
    # Given PORT=abc, When `make run` starts
    env = {**os.environ, "PORT": "abc", "BOBBIES_STATE_DIR": str(tmp_path / "state")}
    done = subprocess.run(
        [sys.executable, "-m", "local.run"], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    # Then it stops at once with the variable named, no traceback, and nothing started or written
    assert done.returncode == 2
    assert done.stderr.strip() == "Cannot start: PORT must be a port number from 1 to 65535, not 'abc'."
    assert not (tmp_path / "state").exists()
