"""The nightly job: one tasking per closed round, published once, and the next round opened."""

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from local.lambdas import LambdaContext

from bobbies.domain.times import utc_text
from bobbies.notify.render import TaskingMessage, within_bilingual_budget
from bobbies.usecases.nightly import run_nightly
from bobbies.usecases.views import ballot as ballot_view
from bobbies.usecases.views import list_taskings, results, rounds
from bobbies.usecases.voting import cast_ballot
from tests.conftest import load_handler
from tests.unit.conftest import LocalAws


class Inbox:
    """An in-memory publisher: what the teams would have been sent."""

    def __init__(self, failures: int = 0) -> None:
        self.sent: list[TaskingMessage] = []
        self.failures = failures

    def publish(self, message: TaskingMessage) -> None:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("SNS is unreachable")
        self.sent.append(message)


def vote(area: str, voter: str, at: datetime | None = None, **allocations: int) -> None:
    cast_ballot(area, f"{voter}-token-0123456789", allocations, at or datetime.now(UTC))


def apply_stream(aws: LocalAws) -> None:
    load_handler("AggregateBallotsFunction")({"Records": aws.stream_records()}, LambdaContext())


def after_close(area: str = "bangor") -> datetime:
    """02:00 on the night the area's current round closes."""
    return datetime.fromisoformat(ballot_view(area)["round"]["closes"]) + timedelta(hours=2)


@pytest.fixture
def voted(seeded: LocalAws) -> LocalAws:
    """Bangor reaches its quorum of 2 (drugs leads); Wrexham has one ballot, short of its quorum."""
    vote("bangor", "ann", speeding=4, drugs=6)
    vote("bangor", "bob", drugs=7, asb=3)
    vote("bangor", "bob", drugs=5, asb=5)  # a revote
    vote("wrexham", "cai", burglary=10)
    apply_stream(seeded)
    return seeded


def test_a_closed_round_gives_its_leader_as_a_tasking_with_the_figures(voted: LocalAws) -> None:
    inbox, night = Inbox(), after_close()
    report = run_nightly(night, inbox)
    assert (report.rounds_closed, report.taskings_issued, report.quorum_not_met) == (2, 1, 1)

    taskings = {t["area"]: t for t in list_taskings(None)["taskings"]}
    bangor = taskings["bangor"]
    assert bangor["status"] == "issued"
    assert bangor["priority"]["title"] == {"en": "Drug dealing", "cy": "Delio cyffuriau"}
    assert (bangor["ballots"], bangor["average"], bangor["margin"]) == (
        2,
        5.5,
        3.0,
    )  # drugs 11, asb 5, speeding 4 over 2 ballots
    issued = datetime.fromisoformat(bangor["issued"])
    assert datetime.fromisoformat(bangor["review"]) - issued == timedelta(days=28)
    # A round short of its quorum is no tasking: it shows in the area's rounds, with its ballots
    assert "wrexham" not in taskings
    closed = rounds("wrexham", night)["rounds"][1]
    assert (closed["ballots"], closed["quorum"]) == (1, 2)
    assert closed["tasking"] == {"status": "quorum_not_met", "priority": None}
    assert [m.attributes for m in inbox.sent] == [
        {"area": "bangor", "district": "west", "round": bangor["round"], "reference": bangor["reference"]}
    ]


def test_reruns_make_no_second_tasking_and_send_nothing_twice(voted: LocalAws) -> None:
    inbox, night = Inbox(), after_close()
    run_nightly(night, inbox)
    rerun = run_nightly(night, inbox)
    later = run_nightly(night + timedelta(hours=1), inbox)
    assert (rerun.rounds_closed, later.rounds_closed, rerun.published, later.published) == (0, 0, 0, 0)
    assert len(list_taskings("bangor")["taskings"]) == 1
    assert len(voted.items("TaskingsTable")) == 2
    assert len(inbox.sent) == 1


def test_a_publish_that_fails_is_sent_on_the_next_run_and_only_then(voted: LocalAws) -> None:
    inbox, night = Inbox(failures=1), after_close()
    first = run_nightly(night, inbox)
    assert (first.publish_failures, first.published, inbox.sent) == (1, 0, [])
    second = run_nightly(night + timedelta(days=1), inbox)
    assert (second.publish_failures, second.published) == (0, 1)
    run_nightly(night + timedelta(days=2), inbox)
    assert [m.attributes["area"] for m in inbox.sent] == ["bangor"]


def test_the_next_round_opens_with_the_same_ballot_and_counts_from_zero(voted: LocalAws) -> None:
    before, night = ballot_view("bangor"), after_close()
    run_nightly(night, Inbox())
    after = ballot_view("bangor", night)
    assert after["round"]["id"] != before["round"]["id"]
    assert after["round"]["opens"] == before["round"]["closes"]
    assert [p["id"] for p in after["priorities"]] == [p["id"] for p in before["priorities"]]
    assert after["round"]["votingOpen"]
    vote("bangor", "dee", at=night, asb=10)  # the new round takes ballots once it is open
    apply_stream(voted)
    assert results("bangor")["ballots"] == 1
    assert results("bangor", before["round"]["id"])["ballots"] == 2


def test_a_round_still_open_is_left_alone(voted: LocalAws) -> None:
    report = run_nightly(after_close() - timedelta(days=3), Inbox())
    assert report.rounds_closed == 0
    assert list_taskings(None)["taskings"] == []


def test_subscribers_get_the_email_the_sms_and_filterable_attributes(voted: LocalAws) -> None:
    # Given a queue subscribed to the tasking topic for one language's copy, as a force system (or
    # the local inbox) would be
    sqs, sns = voted.client("sqs"), voted.client("sns")
    queue = sqs.create_queue(QueueName="team-inbox")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    sns.subscribe(
        TopicArn=voted.resources.topics["TaskingTopic"],
        Protocol="sqs",
        Endpoint=queue_arn,
        Attributes={"FilterPolicy": json.dumps({"language": ["cy"]})},
    )

    # When the scheduled function runs after the round closed
    nightly: Callable[..., Any] = load_handler("NightlyTaskingsFunction")
    at = utc_text(after_close())
    assert nightly({"scheduledTime": at}, LambdaContext())["published"] == 1

    # Then one message arrives, with area and district attributes and both texts
    messages = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
    assert len(messages) == 1
    envelope = json.loads(messages[0]["Body"])
    attributes = {k: v["Value"] for k, v in envelope["MessageAttributes"].items()}
    assert attributes.keys() == {"area", "district", "round", "reference", "language"}
    assert (attributes["area"], attributes["district"]) == ("bangor", "west")
    tasking = json.loads(envelope["Message"])
    # Bangor's team reads Welsh: Welsh first in the subject too, with the reference to quote
    reference = attributes["reference"]
    assert envelope["Subject"] == tasking["subject"]
    assert tasking["subject"] == f"Tasg / Tasking {reference}: Bangor - Delio cyffuriau / Drug dealing"
    assert "Delio cyffuriau" in tasking["email"] and "Drug dealing" in tasking["email"]
    assert "5.5 of 10 bobbies" in tasking["email"] and "Ballots: 2 (2 needed)" in tasking["email"]
    # the SMS is in Welsh, then English, within two languages' budget
    assert tasking["sms"].startswith("Tasg Bangor: Delio cyffuriau.")
    assert "2 bleidlais" in tasking["sms"] and reference in tasking["sms"]
    assert "\nTasking Bangor: Drug dealing." in tasking["sms"]
    assert within_bilingual_budget(tasking["sms"])


def test_the_scheduled_time_decides_not_the_clock(voted: LocalAws) -> None:
    nightly = load_handler("NightlyTaskingsFunction")
    early = utc_text(after_close() - timedelta(days=5))
    assert nightly({"scheduledTime": early}, LambdaContext())["rounds_closed"] == 0
