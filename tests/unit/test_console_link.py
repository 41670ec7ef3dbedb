"""A tasking's email links to it on the police console (<console>#/taskings/<reference>) in both
languages; the SMS keeps its figures within its segments, with no link (there is no room for one)."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from local.runner_info import RunnerInfo

from bobbies.domain.model import Round
from bobbies.domain.sms import within_budget
from bobbies.domain.tally import BY_SUPPORT
from bobbies.notify.render import render
from bobbies.settings import settings
from bobbies.usecases.nightly import run_nightly
from tests.unit.conftest import LocalAws
from tests.unit.tasking_helpers import issue
from tests.unit.test_nightly import Inbox
from tests.unit.test_tasking_messages import NIGHT, _area, _seed, _tasking

CONSOLE = "https://d111111abcdef8.cloudfront.net/police/"
LINK = "https://d111111abcdef8.cloudfront.net/police/#/taskings/K7QX-4MP2"


def _message(console: str, language: str = "cy", area_index: int = 0) -> Any:
    raw = _seed()["areas"][area_index]
    tasking = _tasking(raw["id"], raw["priorities"][0], raw["priorities"][1], 8, BY_SUPPORT)
    return render(_area(raw, language), Round(raw["id"], "r", NIGHT, NIGHT, ()), tasking, console)


def test_the_email_links_to_the_tasking_on_the_console_in_both_languages() -> None:
    welsh, english = _message(CONSOLE).email.split("\n\n---\n\n")
    assert f"Acknowledge it and report back on the police console: {LINK}" in english
    assert f"Cydnabyddwch hi a rhowch wybod beth wnaethoch chi ar gonsol yr heddlu: {LINK}" in welsh


def test_a_console_address_without_its_last_slash_links_the_same() -> None:
    assert LINK in _message(CONSOLE.rstrip("/")).email


def test_without_a_console_address_there_is_no_link() -> None:
    message = _message("")
    assert "#/taskings/" not in message.email and "console" not in message.email


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_sms_is_the_same_with_a_console_address_for_every_area(language: str) -> None:
    for index in range(len(_seed()["areas"])):
        sms = _message(CONSOLE, language, index).sms
        assert sms == _message("", language, index).sms and within_budget(sms)


def test_the_nightly_job_sends_the_link_from_its_setting(
    seeded: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a tasking waiting to be published, and the console's address set as the template sets it
    issue("bangor", at=datetime.now(UTC) - timedelta(hours=1))
    monkeypatch.setenv("CONSOLE_URL", CONSOLE)
    settings.cache_clear()
    inbox = Inbox()

    # When the nightly job publishes it
    run_nightly(datetime.now(UTC), inbox)

    # Then the team's email links to it on the console
    [sent] = inbox.sent
    assert f"{CONSOLE}#/taskings/{sent.attributes['reference']}" in sent.email
    settings.cache_clear()


def test_the_local_runner_links_to_its_own_console() -> None:
    runner = RunnerInfo(1, "http://127.0.0.1:3456", "http://127.0.0.1:5000", 2, ".local", "", {})
    environment = runner.function_environment("NightlyTaskingsFunction")
    assert environment["CONSOLE_URL"] == "http://127.0.0.1:3456/police/"
