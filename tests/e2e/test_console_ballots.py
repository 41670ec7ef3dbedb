"""Officer-assisted ballots in the police console, in a real Chromium against the whole local stack: an
officer signs in, takes a resident's ballot by their mobile number in one of their district's areas and
gives them the receipt; the same number again changes that ballot; a postcode outside the area is
refused beside the field - in English and in Welsh, each step audited by axe and pictured."""

from collections.abc import Iterator
from typing import Any

import pytest
import requests
from local.testing import RunnerProcess, runner_process
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import in_language
from tests.e2e.console import Console
from tests.e2e.seed import postcode_in, seed
from tests.e2e.test_console import no_english_left

pytestmark = pytest.mark.e2e

# West areas (the demo officer's district) no other console test votes in, one per language
AREAS = {"en": "caernarfon", "cy": "pwllheli"}
PHONES = {"en": "07400 123456", "cy": "07400 654321"}  # GB mobiles by libphonenumber's ranges
OUTSIDE = "rhyl"  # a Central area: its postcode is in no West area


@pytest.fixture(scope="module")
def stall_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunnerProcess]:
    """A stack of its own, its first rounds open (the console's stack has closed them by its nightly run)."""
    with runner_process(tmp_path_factory.mktemp("stall")) as runner:
        yield runner


def public(stack: RunnerProcess, path: str) -> Any:
    answer = requests.get(f"{stack.url}/api{path}", timeout=30)
    answer.raise_for_status()
    return answer.json()


def give(console: Console, view: Locator, ballot: dict[str, Any], split: tuple[int, int]) -> None:
    """The resident's bobbies, typed priority by priority; the rest stay at 0."""
    for priority, bobbies in zip(ballot["priorities"], split, strict=False):
        view.get_by_label(priority["title"][console.lang], exact=True).fill(str(bobbies))


def take(console: Console, view: Locator, postcode: str, phone: str) -> None:
    view.get_by_label(console.say("police.stall.postcode"), exact=True).fill(postcode)
    view.get_by_label(console.say("police.stall.byPhone"), exact=True).check()
    view.get_by_label(console.say("police.stall.phone"), exact=True).fill(phone)


@pytest.mark.parametrize("lang", [in_language("en"), in_language("cy")])
def test_an_officer_takes_a_resident_s_ballot_changes_it_and_is_refused_a_postcode_outside(
    page: Page, stall_stack: RunnerProcess, lang: str
) -> None:
    console = Console(page, stall_stack)
    area_id, phone = AREAS[lang], PHONES[lang]
    area = next(a for a in public(stall_stack, "/areas")["areas"] if a["id"] == area_id)
    ballot = public(stall_stack, f"/areas/{area_id}/ballot")
    budget = ballot["budget"]
    problems: dict[str, list[str]] = {}

    # Given an officer who follows a link to the view, signs in and lands on it, linked from the navigation
    console.open("#/ballots")
    console.sign_in("officer")
    view = console.view("ballots")
    expect(view.get_by_role("heading", level=1)).to_have_text(console.say("police.stall.title"))
    nav = page.get_by_role("navigation", name=console.say("police.nav.title"))
    link = nav.get_by_role("link", name=console.say("police.nav.ballots"))
    expect(link).to_have_attribute("aria-current", "page")

    # Only their district's areas are offered
    choose = view.get_by_label(console.say("police.stall.area"), exact=True)
    west = sorted(a["id"] for a in seed()["areas"] if a["district"] == "west")
    expect(choose.locator("option")).to_have_count(len(west))
    assert sorted(choose.locator("option").evaluate_all("(os) => os.map((o) => o.value)")) == west

    # When they choose the resident's area, the priorities come with the bobbies left to give
    choose.select_option(area_id)
    left = view.locator("#stall-left")
    expect(left).to_have_attribute("aria-live", "polite")
    expect(view.get_by_label(ballot["priorities"][0]["title"][lang], exact=True)).to_have_value("0")
    expect(left).to_have_text(console.say("police.stall.left", count=budget, budget=budget))
    take(console, view, postcode_in(area_id), phone)
    give(console, view, ballot, (budget - 3, 0))
    expect(left).to_have_text(console.say("police.stall.left", count=3, budget=budget))

    # Sending too few bobbies is stopped before it goes, at the fields
    view.get_by_role("button", name=console.say("police.stall.submit")).click()
    expect(view.locator("#stall-shares-error")).to_have_text(console.say("error.budget_mismatch"))
    give(console, view, ballot, (budget - 3, 3))
    expect(left).to_have_text(console.say("police.stall.allGiven", budget=budget))
    view.get_by_label(console.say("police.stall.age"), exact=True).select_option("35-49")
    console.audit("ballot-form", problems)

    # And they record it: the receipt to give the resident, the heading focused
    view.get_by_role("button", name=console.say("police.stall.submit")).click()
    done = view.locator("#stall-done-title")
    expect(done).to_have_text(console.say("police.stall.counted", area=area["nameInText"][lang]))
    expect(done).to_be_focused()
    expect(view.locator("#stall-done-note")).to_have_text(console.say("police.stall.countedNote"))
    first = view.locator("#stall-receipt").inner_text()
    assert public(stall_stack, f"/receipts/{first}")["receipt"]["status"] == "counted"
    console.audit("ballot-counted", problems)
    no_english_left(console)

    # Nothing of the resident is left in the form; the same number again changes their ballot
    expect(view.get_by_label(console.say("police.stall.phone"), exact=True)).to_have_value("")
    take(console, view, postcode_in(area_id, "1AA"), phone)
    give(console, view, ballot, (2, budget - 2))
    view.get_by_role("button", name=console.say("police.stall.submit")).click()
    expect(done).to_have_text(console.say("police.stall.replaced", area=area["nameInText"][lang]))
    expect(view.locator("#stall-done-note")).to_have_text(console.say("police.stall.replacedNote"))
    second = view.locator("#stall-receipt").inner_text()
    assert second != first
    assert public(stall_stack, f"/receipts/{first}")["receipt"]["status"] == "replaced"
    assert public(stall_stack, f"/receipts/{second}")["receipt"]["status"] == "counted"

    # A postcode outside the area is refused beside the postcode, the cursor put there
    take(console, view, postcode_in(OUTSIDE), phone)
    give(console, view, ballot, (budget, 0))
    view.get_by_role("button", name=console.say("police.stall.submit")).click()
    postcode = view.get_by_label(console.say("police.stall.postcode"), exact=True)
    expect(view.locator("#stall-postcode-error")).to_have_text(console.say("error.postcode_not_in_area"))
    expect(postcode).to_be_focused()
    expect(postcode).to_have_attribute("aria-invalid", "true")
    console.audit("ballot-outside", problems)
    no_english_left(console)
    assert public(stall_stack, f"/receipts/{second}")["receipt"]["status"] == "counted"
    assert problems == {}
