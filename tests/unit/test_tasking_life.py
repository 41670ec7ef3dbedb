"""A tasking's life after the nightly job: acknowledged, progress, outcome; what is refused; what is
overdue; how old each area's current tasking is."""

import json
from datetime import timedelta
from typing import Any

import pytest
from local.lambdas import LambdaContext

from bobbies.domain.errors import Conflict, InvalidInput, NotFound
from bobbies.domain.tasking import Note
from bobbies.domain.times import utc_text
from bobbies.store import tasking_life as stored_life
from bobbies.usecases import tasking_life
from bobbies.usecases.views import list_taskings
from tests.conftest import load_handler
from tests.unit.conftest import LocalAws
from tests.unit.tasking_helpers import ISSUED_AT, NOTE, OUTCOME, issue

LATER = ISSUED_AT + timedelta(hours=5)


def shown(area_id: str = "bangor") -> dict[str, Any]:
    return dict(list_taskings(area_id)["taskings"][0])


def test_a_tasking_is_acknowledged_reported_on_and_completed_and_the_public_sees_each_step(
    seeded: LocalAws,
) -> None:
    # Given an issued tasking
    area, round_id = issue()
    assert shown()["status"] == "issued"
    assert (shown()["acknowledged"], shown()["notes"], shown()["outcome"]) == (None, [], None)

    # When an officer acknowledges it, adds a note and completes it with an outcome
    tasking_life.acknowledge(area, round_id, "officer-1234", LATER)
    assert (shown()["status"], shown()["acknowledged"]) == ("acknowledged", "2026-11-01T07:00:00Z")
    tasking_life.add_progress(
        area,
        round_id,
        "officer-5678",
        {"en": " Two speed checks held. ", "cy": NOTE["cy"]},
        LATER + timedelta(days=3),
    )
    tasking_life.complete_with_outcome(area, round_id, "officer-1234", OUTCOME, LATER + timedelta(days=20))

    # Then the public view shows the status, the note (trimmed) with its date, and the outcome
    view = shown()
    assert view["status"] == "completed"
    assert view["notes"] == [{"text": NOTE, "at": "2026-11-04T07:00:00Z"}]
    assert view["outcome"] == OUTCOME
    assert view["completed"] == "2026-11-21T07:00:00Z"
    assert view["verdicts"] == {"madeADifference": 0, "noDifference": 0}
    # and never which officer did what
    assert "officer-" not in str(view)
    # while the table keeps who made each change
    item = seeded.items("TaskingsTable")[0]
    assert (item["acknowledged_by"]["S"], item["completed_by"]["S"]) == ("officer-1234", "officer-1234")
    assert item["notes"]["L"][0]["M"]["by"]["S"] == "officer-5678"


@pytest.mark.parametrize(
    ("steps", "refused", "code"),
    [
        ([], "note", "tasking_not_acknowledged"),
        ([], "complete", "tasking_not_acknowledged"),
        (["ack", "complete"], "note", "tasking_completed"),
        (["ack", "complete"], "complete", "tasking_completed"),
        (["ack", "complete"], "ack", "tasking_completed"),
    ],
)
def test_a_change_the_state_does_not_allow_is_a_conflict_and_changes_nothing(
    seeded: LocalAws, steps: list[str], refused: str, code: str
) -> None:
    area, round_id = issue()
    actions = {
        "ack": lambda: tasking_life.acknowledge(area, round_id, "officer-1", LATER),
        "note": lambda: tasking_life.add_progress(area, round_id, "officer-1", NOTE, LATER),
        "complete": lambda: tasking_life.complete_with_outcome(area, round_id, "officer-1", OUTCOME, LATER),
    }
    for step in steps:
        actions[step]()
    before = seeded.snapshot()
    with pytest.raises(Conflict) as refusal:
        actions[refused]()
    assert refusal.value.code == code
    assert seeded.snapshot() == before


def test_acknowledging_twice_keeps_the_first_acknowledgement_and_writes_nothing(seeded: LocalAws) -> None:
    area, round_id = issue()
    tasking_life.acknowledge(area, round_id, "officer-1", LATER)
    before = seeded.snapshot()
    tasking_life.acknowledge(area, round_id, "officer-2", LATER + timedelta(hours=1))
    assert seeded.snapshot() == before
    assert shown()["acknowledged"] == "2026-11-01T07:00:00Z"


@pytest.mark.parametrize(
    ("outcome", "code"),
    [
        ({"en": "Done."}, "outcome_needs_both_languages"),
        ({"en": "Done.", "cy": "  "}, "outcome_needs_both_languages"),
        ({"en": "Done.", "cy": 5}, "outcome_needs_both_languages"),
        ({"en": "Done.", "cy": "Do.", "fr": "Fait."}, "outcome_needs_both_languages"),
        ({"en": "x" * 501, "cy": "Wedi'i wneud."}, "outcome_too_long"),
        ({"en": "Done.\u0000", "cy": "Wedi'i wneud."}, "unreadable_characters"),
        ({"en": "Done.", "cy": "Wedi'i wneud \udcff"}, "unreadable_characters"),
    ],
)
def test_an_outcome_needs_both_languages_within_500_readable_characters(
    seeded: LocalAws, outcome: dict[str, object], code: str
) -> None:
    area, round_id = issue()
    tasking_life.acknowledge(area, round_id, "officer-1", LATER)
    with pytest.raises(InvalidInput) as refusal:
        tasking_life.complete_with_outcome(area, round_id, "officer-1", outcome, LATER)
    assert refusal.value.code == code
    assert shown()["status"] == "acknowledged"


def test_an_outcome_of_500_characters_each_with_line_breaks_is_kept_as_written(seeded: LocalAws) -> None:
    area, round_id = issue()
    tasking_life.acknowledge(area, round_id, "officer-1", LATER)
    outcome = {"en": "a\r\n" + "x" * 497, "cy": "\u0175" * 500}  # NFC: one character each
    tasking_life.complete_with_outcome(area, round_id, "officer-1", outcome, LATER)
    assert shown()["outcome"] == {"en": "a\n" + "x" * 497, "cy": "\u0175" * 500}


def test_an_unknown_tasking_or_an_officer_without_an_id_is_refused(seeded: LocalAws) -> None:
    with pytest.raises(NotFound):
        tasking_life.acknowledge("bangor", "no-such-round", "officer-1", LATER)
    area, round_id = issue()
    with pytest.raises(InvalidInput):
        tasking_life.acknowledge(area, round_id, " ", LATER)


def test_two_officers_acting_at_once_cannot_lose_an_update(seeded: LocalAws) -> None:
    # Given two officers who both read the acknowledged tasking
    area, round_id = issue()
    tasking_life.acknowledge(area, round_id, "officer-1", LATER)
    first, second = stored_life.read(area, round_id), stored_life.read(area, round_id)
    note = Note(NOTE, LATER, "officer-1")

    # When both add a note from what they read, the first holds and the second is told it changed
    stored_life.add_note(area, round_id, first, note)
    with pytest.raises(Conflict) as refusal:
        stored_life.add_note(area, round_id, second, Note(OUTCOME, LATER, "officer-2"))
    assert refusal.value.code == "tasking_changed"

    # and, read again, the second note goes in after the first: nothing lost
    tasking_life.add_progress(area, round_id, "officer-2", OUTCOME, LATER)
    assert [n["text"] for n in shown()["notes"]] == [NOTE, OUTCOME]


def test_overdue_taskings_are_those_unacknowledged_after_72_hours_or_open_past_their_review(
    seeded: LocalAws,
) -> None:
    # Given one tasking issued in each area, bangor's acknowledged
    bangor = issue("bangor", review_days=10)
    wrexham = issue("wrexham", review_days=10)
    tasking_life.acknowledge(*bangor, "officer-1", LATER)

    # Then at 72 hours nothing is overdue; just after, the unacknowledged one is
    assert tasking_life.overdue(ISSUED_AT + timedelta(hours=72)) == []
    late = tasking_life.overdue(ISSUED_AT + timedelta(hours=73))
    assert [(o.area_id, o.reasons) for o in late] == [("wrexham", ["unacknowledged"])]

    # After the review date both are, until completed
    past = ISSUED_AT + timedelta(days=11)
    assert {o.area_id: o.reasons for o in tasking_life.overdue(past)} == {
        "bangor": ["past_review"],
        "wrexham": ["unacknowledged", "past_review"],
    }
    tasking_life.complete_with_outcome(*bangor, "officer-1", OUTCOME, past)
    assert [o.area_id for o in tasking_life.overdue(past)] == [wrexham[0]]


def test_each_areas_current_tasking_is_kept_current_for_90_days(seeded: LocalAws) -> None:
    issue("bangor")
    ages = tasking_life.currency(ISSUED_AT + timedelta(days=90))
    assert [(c.area_id, c.age_days, c.current) for c in ages] == [("bangor", 90, True)]
    stale = tasking_life.currency(ISSUED_AT + timedelta(days=90, minutes=1))
    assert [(c.age_days, c.current) for c in stale] == [(90, False)]


def test_the_nightly_function_counts_overdue_taskings_in_its_metric(
    seeded: LocalAws, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given a tasking nobody acknowledged for four days
    issue("bangor")
    handler = load_handler("NightlyTaskingsFunction")
    capsys.readouterr()

    # When the nightly function runs, it reports and emits TaskingsOverdue = 1
    night = ISSUED_AT + timedelta(days=4)
    report = handler({"scheduledTime": utc_text(night)}, LambdaContext())
    assert report["taskings_overdue"] == 1
    emitted = [json.loads(line) for line in capsys.readouterr().out.splitlines() if '"_aws"' in line]
    assert [m["TaskingsOverdue"] for m in emitted if "TaskingsOverdue" in m] == [[1.0]]
