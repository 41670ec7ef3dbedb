"""A tasking's whole life, as residents see it: issued by the nightly run, acknowledged, a progress
note, the outcome - on the area's page in both languages and in the Atom feed over HTTP - and a
voter's one verdict, counted once.

The police console's routes are still to come, so the team's steps are the use cases the console
will call, run against the stack's own moto (as `make seed` does).
"""

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any
from xml.etree import ElementTree as ET

import pytest
import requests
from local.runner_info import live_runner_info
from local.testing import RunnerProcess, runner_process
from playwright.sync_api import Browser, expect

from bobbies.domain.times import parse_utc, utc_text
from bobbies.settings import settings
from bobbies.store.models import forget_connections
from bobbies.usecases import tasking_life
from tests.e2e.accessibility import serious_violations
from tests.e2e.conftest import NIGHTLY_AREA as AREA
from tests.e2e.i18n import t
from tests.e2e.seed import seed_area

pytestmark = pytest.mark.e2e

A = "{http://www.w3.org/2005/Atom}"
NOTE = {"en": "Speed checks held on Tuesday.", "cy": "Gwiriadau cyflymder ddydd Mawrth."}
OUTCOME = {
    "en": "Average speeds fell after six weeks of checks.",
    "cy": "Gostyngodd cyflymder cyfartalog ar ôl chwe wythnos o wiriadau.",
}


@contextmanager
def as_the_console(stack: RunnerProcess) -> Iterator[None]:
    """This process, pointed at the stack's tables as its functions are (restored afterwards)."""
    info = live_runner_info(stack.paths)
    assert info is not None
    saved = dict(os.environ)
    os.environ.update({**stack.env(), **info.function_environment("ApiFunction")})
    settings.cache_clear()
    forget_connections()
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)
        settings.cache_clear()
        forget_connections()


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunnerProcess, str, str]]:
    """A stack where AREA's round closed with a quorum and made a tasking; one voter's receipt."""
    with runner_process(tmp_path_factory.mktemp("tasking-life")) as stack:
        ballot = requests.get(f"{stack.url}/api/areas/{AREA}/ballot", timeout=30).json()
        first = ballot["priorities"][0]["id"]
        receipts = [
            requests.post(
                f"{stack.url}/api/areas/{AREA}/ballots",
                json={"voter": secrets.token_urlsafe(24), "allocations": {first: ballot["budget"]}},
                timeout=30,
            ).json()["receipt"]
            for _ in range(seed_area(AREA)["quorum"])
        ]
        stack.nightly(utc_text(parse_utc(ballot["round"]["closes"]) + timedelta(hours=2)))
        yield stack, ballot["round"]["id"], receipts[0]


def feed_entry(url: str) -> ET.Element:
    answer = requests.get(f"{url}/api/taskings.atom", params={"area": AREA}, timeout=30)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("application/atom+xml")
    (entry,) = ET.fromstring(answer.content).findall(f"{A}entry")
    return entry


def test_a_taskings_whole_life_on_the_page_and_in_the_feed(
    issued: tuple[RunnerProcess, str, str], browser: Browser
) -> None:
    stack, round_id, receipt = issued
    # Given the tasking just issued: the feed has it, as issued
    entry = feed_entry(stack.url)
    assert entry.find(f"{A}category").get("term") == "issued"  # type: ignore[union-attr]
    entry_id = entry.findtext(f"{A}id")

    # When the team acknowledges it, reports progress and completes it with an outcome
    now = datetime.now(UTC)
    with as_the_console(stack):
        tasking_life.acknowledge(AREA, round_id, "officer-e2e", now)
        tasking_life.add_progress(AREA, round_id, "officer-e2e", NOTE, now + timedelta(seconds=1))
        tasking_life.complete_with_outcome(AREA, round_id, "officer-e2e", OUTCOME, now + timedelta(seconds=2))

    # Then the feed's entry (same id, later updated) carries the note and outcome in both languages
    entry = feed_entry(stack.url)
    assert entry.findtext(f"{A}id") == entry_id
    assert entry.find(f"{A}category").get("term") == "completed"  # type: ignore[union-attr]
    content = ET.tostring(entry, encoding="unicode")
    assert all(words in content for words in (*NOTE.values(), *OUTCOME.values()))

    # And a voter answers once from the receipt view; in each language the page shows all of it
    for lang, verdict in (("en", "verdict.yes"), ("cy", "verdict.no")):
        # pytest-playwright's browser, a context of this test's own: its pages are on this stack
        context = browser.new_context(base_url=stack.url, locale="cy-GB" if lang == "cy" else "en-GB")
        page = context.new_page()
        page.goto(f"/#/receipt/{receipt}")
        box = page.locator("[data-answer='verdict']")
        expect(box).to_contain_text(OUTCOME[lang])
        box.get_by_role("button", name=t(lang, verdict)).click()
        if lang == "en":
            expect(box).to_contain_text(t(lang, "verdict.thanks"))
        else:  # the same ballot again: counted once
            expect(box).to_contain_text(t(lang, "error.verdict_already_given"))
        assert serious_violations(page) == []

        page.goto(f"/#/area/{AREA}/results")
        taskings = page.locator("#taskings")
        expect(taskings).to_contain_text(t(lang, "status.completed"))
        expect(taskings).to_contain_text(NOTE[lang])
        expect(taskings).to_contain_text(OUTCOME[lang])
        expect(taskings).to_contain_text(t(lang, "tasking.madeADifference", count=1))
        expect(taskings).to_contain_text(t(lang, "tasking.noDifference", count=0))
        feed_link = taskings.get_by_role("link", name=t(lang, "tasking.feed"))
        assert (
            requests.get(f"{stack.url}{_path(feed_link.get_attribute('href'))}", timeout=30).status_code
            == 200
        )
        assert serious_violations(page) == []
        context.close()


def _path(href: Any) -> str:
    return str(href).removeprefix(".")
