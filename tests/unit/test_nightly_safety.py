"""The nightly job under the failures it meets: broken data, overlapping runs, a stale index, a run
that crashed after claiming, and a ballot racing the close. Plus what the views say of a decision."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bobbies.domain.errors import Conflict
from bobbies.domain.tally import CountedBallot
from bobbies.notify.render import TaskingMessage
from bobbies.store import ballots, counting, taskings
from bobbies.usecases.nightly import CLAIM_HOLD, run_nightly
from bobbies.usecases.views import list_taskings, results, rounds
from tests.unit.conftest import LocalAws
from tests.unit.test_nightly import Inbox, after_close, apply_stream, vote, voted

__all__ = ["voted"]  # the fixture, shared with test_nightly.py


@pytest.fixture
def both_issue(voted: LocalAws) -> LocalAws:
    """Bangor and Wrexham both reach their quorum."""
    vote("wrexham", "dan", shoplifting=4, burglary=6)
    apply_stream(voted)
    return voted


def sent_areas(inbox: Inbox) -> list[str]:
    return sorted(message.attributes["area"] for message in inbox.sent)


def test_an_area_with_no_round_does_not_stop_the_others_or_publishing(voted: LocalAws) -> None:
    # Given Wrexham points at a round that does not exist
    voted.client("dynamodb").update_item(
        TableName=voted.resources.tables["AreasTable"],
        Key={"area_id": {"S": "wrexham"}},
        UpdateExpression="SET current_round = :missing",
        ExpressionAttributeValues={":missing": {"S": "1999-01-01T0000Z"}},
    )
    # When the night runs, Then Bangor is still closed and its team told, and the failure counted
    inbox = Inbox()
    report = run_nightly(after_close(), inbox)
    assert (report.area_failures, report.rounds_closed, report.published) == (1, 1, 1)
    assert sent_areas(inbox) == ["bangor"]


def test_an_area_missing_its_leading_priority_is_retried_once_mended(both_issue: LocalAws) -> None:
    table, dynamodb = both_issue.resources.tables["PrioritiesTable"], both_issue.client("dynamodb")
    key = {"area_id": {"S": "bangor"}, "priority_id": {"S": "drugs"}}
    saved = dynamodb.get_item(TableName=table, Key=key)["Item"]
    dynamodb.delete_item(TableName=table, Key=key)
    inbox, night = Inbox(), after_close()

    first = run_nightly(night, inbox)
    assert (first.area_failures, first.published, sent_areas(inbox)) == (1, 1, ["wrexham"])

    dynamodb.put_item(TableName=table, Item=saved)  # an operator mends the data
    second = run_nightly(night + timedelta(days=1), inbox)
    assert (second.area_failures, sent_areas(inbox)) == (0, ["bangor", "wrexham"])


def test_two_nights_at_once_send_one_message_per_area(both_issue: LocalAws) -> None:
    inbox, night = Inbox(), after_close()

    class Overlapping:
        """The first publish of one run is where a second, retried run starts and finishes."""

        def __init__(self) -> None:
            self.overlapped = False

        def publish(self, message: TaskingMessage) -> None:
            if not self.overlapped:
                self.overlapped = True
                run_nightly(night, inbox)
            inbox.publish(message)

    run_nightly(night, Overlapping())
    assert sent_areas(inbox) == ["bangor", "wrexham"]
    assert len({message.attributes["reference"] for message in inbox.sent}) == 2


def test_a_stale_publication_index_does_not_send_a_tasking_again(
    voted: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, night = Inbox(), after_close()
    run_nightly(night, inbox)
    published = (inbox.sent[0].attributes["area"], inbox.sent[0].attributes["round"])
    # the index, eventually consistent, still lists the tasking just published
    monkeypatch.setattr(taskings, "awaiting_publication", lambda: [published])
    run_nightly(night, inbox)
    assert len(inbox.sent) == 1


class Crash(BaseException):
    """The run dies (timeout, out of memory) between claiming and publishing."""


class CrashingPublisher:
    def publish(self, message: TaskingMessage) -> None:
        raise Crash


def test_a_claim_of_a_run_that_crashed_expires_and_a_later_run_sends_it(voted: LocalAws) -> None:
    night, claimed_at = after_close(), datetime(2030, 1, 1, 2, tzinfo=UTC)
    with pytest.raises(Crash):
        run_nightly(night, CrashingPublisher(), clock=lambda: claimed_at)

    inbox = Inbox()
    during = run_nightly(night, inbox, clock=lambda: claimed_at + CLAIM_HOLD - timedelta(seconds=1))
    assert (during.published, inbox.sent) == (0, [])  # it may still be alive: leave it alone
    after = run_nightly(night, inbox, clock=lambda: claimed_at + CLAIM_HOLD + timedelta(seconds=1))
    assert (after.published, sent_areas(inbox)) == (1, ["bangor"])


def test_a_run_scheduled_after_a_crashed_runs_claim_ended_sends_it_at_once(voted: LocalAws) -> None:
    # Given a run killed between claiming and publishing (the local runner killed -9 mid-night)
    night, clock = after_close(), datetime(2030, 1, 1, 2, tzinfo=UTC)
    with pytest.raises(Crash):
        run_nightly(night, CrashingPublisher(), clock=lambda: clock)

    # When the next night's run goes, minutes later by the clock (`make nightly AT=` the next night)
    inbox = Inbox()
    next_night = run_nightly(clock + timedelta(days=1), inbox, clock=lambda: clock + timedelta(minutes=1))

    # Then it sends the tasking: a run scheduled after the claim's end is a later run
    assert (next_night.published, sent_areas(inbox)) == (1, ["bangor"])


def test_a_ballot_racing_the_close_is_refused_not_lost_in_a_decided_round(
    voted: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_record, night = ballots.record_ballot, after_close()

    def nightly_runs_meanwhile(*args: Any) -> ballots.StoredBallot:
        """The ballot passed the open-round check; the nightly job runs before it is written."""
        run_nightly(night, Inbox())
        return real_record(*args)

    round_id = results("bangor")["round"]
    monkeypatch.setattr(ballots, "record_ballot", nightly_runs_meanwhile)
    with pytest.raises(Conflict) as refused:
        vote("bangor", "eve", asb=10)
    assert refused.value.code == "no_open_round"
    # the decided round holds exactly the ballots its tasking counted
    (tasking,) = list_taskings("bangor")["taskings"]
    assert tasking["ballots"] == len(counting.counted_of_round("bangor", round_id)) == 2


def test_the_views_name_the_runner_up_and_the_tie_break_and_write_figures_once(voted: LocalAws) -> None:
    night = after_close()
    run_nightly(night, Inbox())
    vote("bangor", "fay", night, speeding=5, drugs=5)  # a 5/5 split in the new round
    apply_stream(voted)

    shown = results("bangor")
    assert (shown["leader"], shown["runnerUp"]["id"], shown["decidedBy"]) == (
        "speeding",
        "drugs",
        "ballot_order",
    )
    assert shown["decidedByText"]["en"].startswith("A dead heat") and shown["marginText"] == "0"
    assert shown["ballotsText"] == {"en": "1 ballot", "cy": "1 bleidlais"}
    assert shown["quorumText"]["en"] == "1 of the 2 ballots needed"

    taskings_by_area = {t["area"]: t for t in list_taskings(None)["taskings"]}
    bangor = taskings_by_area["bangor"]
    wrexham = rounds("wrexham", night)["rounds"][1]  # short of its quorum: a round, not a tasking
    assert (bangor["averageText"], bangor["marginText"], bangor["decidedBy"]) == ("5.5", "3", "support")
    assert bangor["runnerUp"] == {
        "id": "asb",
        "title": {"en": "Anti-social behaviour", "cy": "Ymddygiad gwrthgymdeithasol"},
        "average": 2.5,
        "averageText": "2.5",
    }
    assert bangor["leadText"] == {"en": "3 bobbies ahead", "cy": "ar y blaen o 3 bobi"}
    assert bangor["reference"] and bangor["priority"]["description"]["en"] == "About drug dealing."
    assert (wrexham["quorum"], wrexham["ballotsText"]["en"]) == (2, "1 ballot")
    assert wrexham["quorumText"] == {
        "en": "1 of the 2 ballots needed",
        "cy": "1 bleidlais o'r 2 sydd eu hangen",
    }


def test_a_ballot_cast_while_the_tally_is_read_does_not_land_in_the_decided_round(
    voted: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_read, round_id = counting.counted_of_round, results("bangor")["round"]
    outcomes: list[str] = []

    def a_ballot_arrives_as_the_tally_is_read(area_id: str, read_round: str) -> list[CountedBallot]:
        read = real_read(area_id, read_round)
        if (area_id, read_round) != ("bangor", round_id):
            return read
        try:
            vote("bangor", "gus", asb=10)
            outcomes.append("landed")
        except Conflict as refused:
            outcomes.append(refused.code)
        return read

    monkeypatch.setattr(counting, "counted_of_round", a_ballot_arrives_as_the_tally_is_read)
    run_nightly(after_close(), Inbox())
    monkeypatch.setattr(counting, "counted_of_round", real_read)
    assert outcomes == ["no_open_round"]
    (tasking,) = list_taskings("bangor")["taskings"]
    assert tasking["ballots"] == len(counting.counted_of_round("bangor", round_id)) == 2
