"""Operations hear of overdue taskings: the nightly run counts them every night (zero too, so the alarm
clears once teams catch up), and the template's alarm watches exactly that metric and reaches the
operations topic, as every alarm does."""

import json
from datetime import timedelta
from typing import Any

import pytest
from local.lambdas import LambdaContext
from local.template import load_template, of_type

from bobbies.domain.times import utc_text
from bobbies.usecases import tasking_life
from tests.conftest import load_handler
from tests.unit.conftest import LocalAws
from tests.unit.tasking_helpers import ISSUED_AT, OUTCOME, issue


def _night(at: Any, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    """The nightly function at that time; the metric documents (EMF) it wrote."""
    capsys.readouterr()
    load_handler("NightlyTaskingsFunction")({"scheduledTime": utc_text(at)}, LambdaContext())
    lines = capsys.readouterr().out.splitlines()
    return [json.loads(line) for line in lines if '"_aws"' in line and "TaskingsOverdue" in line]


def test_each_run_counts_the_overdue_taskings_zero_too(
    seeded: LocalAws, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given a tasking issued with a review date ten days on
    area, round_id = issue("bangor", review_days=10)
    counted = lambda at: [m["TaskingsOverdue"] for m in _night(at, capsys)]  # noqa: E731

    # Then it is overdue after 72 hours unacknowledged, not once acknowledged, again past its review,
    # and not once completed - each night says so
    assert counted(ISSUED_AT + timedelta(hours=71)) == [[0.0]]
    assert counted(ISSUED_AT + timedelta(hours=73)) == [[1.0]]
    tasking_life.acknowledge(area, round_id, "pc-1", ISSUED_AT + timedelta(hours=74))
    assert counted(ISSUED_AT + timedelta(days=4)) == [[0.0]]
    assert counted(ISSUED_AT + timedelta(days=11)) == [[1.0]]
    tasking_life.complete_with_outcome(area, round_id, "pc-1", OUTCOME, ISSUED_AT + timedelta(days=12))
    assert counted(ISSUED_AT + timedelta(days=13)) == [[0.0]]


def test_the_metric_is_emitted_where_the_alarm_looks(
    seeded: LocalAws, capsys: pytest.CaptureFixture[str]
) -> None:
    [document] = _night(ISSUED_AT, capsys)
    [directive] = document["_aws"]["CloudWatchMetrics"]
    alarm = load_template()["Resources"]["TaskingsOverdueAlarm"]["Properties"]
    assert (alarm["Namespace"], alarm["MetricName"]) == (directive["Namespace"], "TaskingsOverdue")
    assert {d["Name"]: d["Value"] for d in alarm["Dimensions"]} == {
        name: document[name] for names in directive["Dimensions"] for name in names
    }
    assert (alarm["Threshold"], alarm["ComparisonOperator"]) == (1, "GreaterThanOrEqualToThreshold")


def test_every_alarm_reaches_the_operations_topic() -> None:
    alarms = of_type("AWS::CloudWatch::Alarm")
    assert "TaskingsOverdueAlarm" in alarms
    wrong = {
        name for name, alarm in alarms.items() if alarm.get("AlarmActions") != [{"Ref": "OperationsTopic"}]
    }
    assert not wrong, f"alarms that reach no one: {sorted(wrong)}"
