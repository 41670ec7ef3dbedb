"""After the nightly job: "you said, we did" shows the real taskings with their figures, runner-up,
tie-break and reference; a round short of its quorum is no tasking but a past round with how short
it fell; closed rounds' final results stay reachable once the next round has opened.

The nightly run closes every area's round, so these tests run on a stack of their own (conftest's
`stack_after_nightly`, even when E2E_BASE_URL points the other tests at a running one).
"""

from datetime import date

import pytest
import requests
from local.testing import RunnerProcess
from playwright.sync_api import Page, expect

from tests.e2e.accessibility import serious_violations
from tests.e2e.conftest import NIGHTLY_AREA as AREA
from tests.e2e.conftest import SHORT_AREA, TIE_AREA, in_language
from tests.e2e.i18n import catalogue, english_left_showing, t
from tests.e2e.site import Site

pytestmark = pytest.mark.e2e

QUIET_AREA = "bangor"


@pytest.fixture(params=[in_language("en"), in_language("cy")])
def after_nightly(page: Page, stack_after_nightly: RunnerProcess) -> Site:
    """The page on the stack after the nightly run (conftest's browser_context_args sees to it)."""
    return Site(page, stack_after_nightly.url, requests.Session())


def test_the_tasking_and_its_figures_are_shown(after_nightly: Site) -> None:
    site, page = after_nightly, after_nightly.page
    site.open(f"/#/area/{AREA}/results")
    lang = site.lang
    tasking = site.api(f"/taskings?area={AREA}")["taskings"][0]
    taskings = page.locator("#taskings")
    expect(taskings.get_by_role("heading", name=tasking["priority"]["title"][lang])).to_be_visible()
    expect(taskings).to_contain_text(t(lang, "status.issued"))
    ballots = t(lang, "tasking.figures", count=7, average="7", ballots=tasking["ballotsText"][lang])
    expect(taskings).to_contain_text(ballots)
    runner_up = tasking["runnerUp"]
    expect(taskings).to_contain_text(
        t(lang, "decision.runnerUp", title=runner_up["title"][lang], average=runner_up["averageText"])
    )
    expect(taskings).to_contain_text(t(lang, "tasking.lead", lead=tasking["leadText"][lang]))
    expect(taskings).to_contain_text(t(lang, "tasking.reference", reference=tasking["reference"]))
    site.screenshot(f"{lang}-results-with-tasking")


def test_a_tie_names_the_rule_that_decided_it(after_nightly: Site) -> None:
    site, page = after_nightly, after_nightly.page
    site.open(f"/#/area/{TIE_AREA}/results")
    tasking = site.api(f"/taskings?area={TIE_AREA}")["taskings"][0]
    assert tasking["decidedBy"] == "ballot_order"
    expect(page.locator("#taskings")).to_contain_text(tasking["decidedByText"][site.lang])
    expect(page.locator("#taskings")).not_to_contain_text(t(site.lang, "tasking.lead", lead=""))


def test_a_round_short_of_its_quorum_is_no_tasking(after_nightly: Site) -> None:
    site, page = after_nightly, after_nightly.page
    site.open(f"/#/area/{SHORT_AREA}/results")
    lang = site.lang

    # The round is in the area's rounds, saying how short it fell, and is not a tasking
    closed = site.api(f"/areas/{SHORT_AREA}/rounds")["rounds"][1]
    rounds = page.locator("#past-rounds")
    expect(rounds.locator(f"[data-round='{closed['id']}']")).to_contain_text(
        t(lang, "rounds.noTasking", needed=closed["quorumText"][lang])
    )
    if lang == "en":
        expect(rounds).to_contain_text("No tasking: 1 of the 3 ballots needed.")
    expect(page.locator("#taskings")).to_have_text(t(lang, "results.noTaskings"))
    for box in ("#past-rounds", "#taskings"):
        expect(page.locator(box)).not_to_contain_text(t(lang, "status.issued"))
    site.screenshot(f"{lang}-results-quorum-short")

    # And its results say so, with no word of a team
    rounds.locator(f"[data-round='{closed['id']}'] a").click()
    expect(page.locator("[data-stat=quorum]")).to_have_text(
        t(lang, "results.quorumShort", needed=closed["quorumText"][lang])
    )
    expect(page.locator("[data-stat=ballots]")).to_have_text("1")


def test_rounds_with_no_ballots_do_not_pile_up(after_nightly: Site) -> None:
    site, page = after_nightly, after_nightly.page
    site.open(f"/#/area/{QUIET_AREA}/results")
    rounds = site.api(f"/areas/{QUIET_AREA}/rounds")["rounds"]
    quiet = [r for r in rounds if r["closed"] and not r["ballots"]]
    assert quiet, rounds
    expect(page.locator("[data-rounds=quiet]")).to_have_text(t(site.lang, "rounds.quiet", count=len(quiet)))
    expect(page.locator("#past-rounds li")).to_have_count(len(rounds) - len(quiet))
    expect(page.locator("#taskings")).to_have_text(t(site.lang, "results.noTaskings"))


def test_the_closed_rounds_final_results_stay_reachable(after_nightly: Site) -> None:
    site, page = after_nightly, after_nightly.page
    # Given the next round has opened (or is about to) with no ballots yet
    site.open(f"/#/area/{AREA}/results")
    lang = site.lang
    expect(page.locator("[data-stat=ballots]")).to_have_text("0")

    # When the resident follows the closed round from the area's rounds
    current, closed = site.api(f"/areas/{AREA}/rounds")["rounds"][:2]
    link = page.locator(f"#past-rounds [data-round='{closed['id']}'] a")
    expect(link).to_have_text(t(lang, "rounds.closed", day=day_words(site, closed["lastDay"])))
    link.click()

    # Then its final chart shows, with the runner-up, the lead and the tasking it made
    expect(page).to_have_url(f"{site.base_url}/#/area/{AREA}/results/{closed['id']}")
    final = site.api(f"/areas/{AREA}/results?round={closed['id']}")
    leader = next(p for p in final["priorities"] if p["id"] == final["leader"])
    expect(page.locator("[data-stat=ballots]")).to_have_text("3")
    expect(page.locator("[data-stat=leader]")).to_have_text(leader["title"][lang])
    expect(page.locator(f"#area-results [data-pid='{leader['id']}'] .bar-value")).to_have_text(
        leader["averageText"]
    )
    decision = page.locator("[data-stat=decision]")
    expect(decision).to_contain_text(t(lang, "results.lead", lead=final["leadText"][lang]))
    expect(decision).to_contain_text(
        t(
            lang,
            "decision.runnerUp",
            title=final["runnerUp"]["title"][lang],
            average=final["runnerUp"]["averageText"],
        )
    )
    expect(page.locator("[data-stat=tasking]")).to_contain_text(
        t(lang, "rounds.tasking", title=leader["title"][lang])
    )
    expect(page.locator("#results-meta")).to_have_text(
        t(lang, "results.closedMeta", day=day_words(site, closed["lastDay"]))
    )
    expect(page.locator(f"#past-rounds [data-round='{closed['id']}'] a")).to_have_attribute(
        "aria-current", "page"
    )
    site.screenshot(f"{lang}-results-past-round")
    assert serious_violations(page) == []
    if lang == "cy":
        assert english_left_showing(page) == []

    # And the current round is one link away
    page.locator(f"#past-rounds [data-round='{current['id']}'] a").click()
    expect(page.locator("[data-stat=ballots]")).to_have_text("0")


def day_words(site: Site, iso_day: str) -> str:
    """A calendar day as the page writes it ("Wednesday 23 December")."""
    words = catalogue(site.lang)
    day = date.fromisoformat(iso_day)
    weekday = words["date.weekdays"][(day.weekday() + 1) % 7]  # the catalogue starts on Sunday
    return t(site.lang, "date.day", weekday=weekday, day=day.day, month=words["date.months"][day.month - 1])


def test_a_round_not_open_yet_says_when_it_opens_not_when_it_closes(after_nightly: Site) -> None:
    site, page = after_nightly, after_nightly.page
    site.open(f"/#/area/{QUIET_AREA}/results")
    upcoming = site.api(f"/areas/{QUIET_AREA}/rounds")["rounds"][0]  # newest first
    assert not upcoming["votingOpen"] and not upcoming["closed"], upcoming  # the nightly made it ahead
    meta = page.locator("#results-meta")
    expect(meta).to_contain_text(t(site.lang, "results.opensMeta", day="").rstrip(" ."))
    expect(meta).not_to_contain_text(t(site.lang, "ballot.closes", day="").rstrip(" ."))
