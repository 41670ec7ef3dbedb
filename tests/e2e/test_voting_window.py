"""When voting is open: the page words the API's verdict (round.votingOpen, lastDay, nextOpens) as
people read it - "closes at the end of Wednesday 23 December", never "24 December at 00:00" - and
says when voting opens again, in both languages."""

import secrets
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests
from local.testing import RunnerProcess
from playwright.sync_api import Page, Route, expect

from bobbies.domain.times import parse_utc
from tests.e2e.conftest import in_language
from tests.e2e.i18n import catalogue, t
from tests.e2e.site import Site

pytestmark = pytest.mark.e2e

LONDON = ZoneInfo("Europe/London")


def day_words(lang: str, day: date) -> str:
    words = catalogue(lang)
    weekday = words["date.weekdays"][(day.weekday() + 1) % 7]  # the catalogue's week starts on Sunday
    return t(lang, "date.day", weekday=weekday, day=day.day, month=words["date.months"][day.month - 1])


def opening_words(lang: str, iso: str) -> str:
    at = parse_utc(iso).astimezone(LONDON)
    day = day_words(lang, at.date())
    if at.strftime("%H:%M") == "00:00":
        return t(lang, "ballot.opensAtStart", day=day)
    return t(lang, "ballot.opensAt", day=day, time=at.strftime("%H:%M"))


def with_round(page: Page, change: Callable[[dict[str, Any]], None]) -> None:
    """The API's ballot answers, with their round changed as given."""

    def handle(route: Route) -> None:
        answer = route.fetch()
        body = answer.json()
        change(body["round"])
        route.fulfill(response=answer, json=body)

    page.route("**/api/areas/*/ballot", handle)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "Voting closes at the end of Wednesday 23 December"),
        ("cy", "Mae'r pleidleisio'n cau ar ddiwedd dydd Mercher 23 Rhagfyr"),
    ],
)
def test_the_close_reads_as_the_last_whole_day(site: Site, lang: str, words: str) -> None:
    # Given a round whose last day is Wednesday 23 December (it closes as the 24th begins)
    with_round(site.page, lambda r: r.update(lastDay="2026-12-23", closes="2026-12-24T00:00:00Z"))

    # When the ballot opens, in either language
    site.open(f"/?lang={lang}#/area/llandudno")
    site.wait_for_ballot()

    # Then it says the last day, as people say it
    expect(site.page.locator("#ballot-meta")).to_have_text(words)


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_ballot_and_results_say_the_stacks_closing_day(site: Site, lang: str) -> None:
    ballot = site.api("/areas/llanrwst/ballot")
    closing = t(lang, "ballot.closes", day=day_words(lang, date.fromisoformat(ballot["round"]["lastDay"])))

    site.open(f"/?lang={lang}#/area/llanrwst")
    site.wait_for_ballot()
    expect(site.page.locator("#ballot-meta")).to_have_text(closing)

    site.page.goto(f"/?lang={lang}#/area/llanrwst/results")
    expect(site.page.locator("#results-meta")).to_have_text(closing)
    expect(site.page.locator("#results-meta")).not_to_contain_text("00:00")


@pytest.mark.parametrize("lang", [in_language("en"), in_language("cy")])
def test_a_round_yet_to_open_is_closed_on_the_page_and_in_the_api(
    page: Page, stack_after_nightly: RunnerProcess, lang: str
) -> None:
    url = stack_after_nightly.url
    area = "bangor"
    round_ = requests.get(f"{url}/api/areas/{area}/ballot", timeout=30).json()["round"]
    opens = parse_utc(round_["opens"])
    assert opens > datetime.now(UTC), "the nightly run should have opened a round still to come"
    assert round_["votingOpen"] is False

    site = Site(page, url, requests.Session())  # on that stack: conftest's browser_context_args
    # When a resident opens the area's ballot before its round opens
    site.open(f"/#/area/{area}")

    # Then it is closed, and says when voting opens
    closed = page.locator("#ballot-closed")
    expect(closed).to_be_visible()
    expect(closed.get_by_role("heading")).to_have_text(t(lang, "ballot.noRoundHeading"))
    expect(page.locator("#ballot-closed-text")).to_have_text(opening_words(lang, round_["nextOpens"]))
    expect(page.locator("#ballot-form")).to_be_hidden()
    site.screenshot(f"{lang}-ballot-opens-later")

    # And the API, reading the same rule, takes no ballot
    priority = requests.get(f"{url}/api/areas/{area}/ballot", timeout=30).json()["priorities"][0]["id"]
    answer = requests.post(
        f"{url}/api/areas/{area}/ballots",
        json={"voter": secrets.token_urlsafe(24), "allocations": {priority: 10}},
        timeout=30,
    )
    assert 400 <= answer.status_code < 500, answer.text
    assert answer.json()["error"]["code"] in ("round_not_open_yet", "no_open_round")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "Voting opens again at 02:00 on Thursday 24 December."),
        ("cy", "Bydd y pleidleisio'n agor eto am 02:00, dydd Iau 24 Rhagfyr."),
    ],
)
def test_the_page_follows_the_servers_verdict_not_the_dates(site: Site, lang: str, words: str) -> None:
    # Given the server says voting is not open (its dates alone would say it is) until the nightly run
    with_round(site.page, lambda r: r.update(votingOpen=False, nextOpens="2026-12-24T02:00:00Z"))

    # When the ballot opens
    site.open(f"/?lang={lang}#/area/llandudno")

    # Then it is closed, and says when it opens again
    expect(site.page.locator("#ballot-closed")).to_be_visible()
    expect(site.page.locator("#ballot-closed-text")).to_contain_text(words)
    expect(site.page.locator("#ballot-form")).to_be_hidden()
