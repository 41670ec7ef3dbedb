"""A resident checks a receipt: the code shown after voting leads to a view that says, in plain
words and in either language, which round the ballot is in, whether it still counts or a later
ballot replaced it, and whether the results include it; a code nobody was given gets one plain
answer. Also: figures on the results are the API's own ("0.13", as in the email), not the page's."""

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import serious_violations
from tests.e2e.i18n import english_left_showing
from tests.e2e.site import Site, wait_until

pytestmark = pytest.mark.e2e

UNKNOWN = "abcdefghijklmnopqrstuvwxyz"  # the shape of a code, never given


def vote(site: Site, area_id: str, counts: tuple[int, ...]) -> str:
    """Casts a ballot through the page; returns the receipt code it shows."""
    for title, n in zip(site.ballot_titles(area_id).values(), counts, strict=False):
        site.count_box(title).fill(str(n))
    site.submit_button().click()
    expect(site.page.locator("#confirmation")).to_be_visible()
    site.wait_for_results_settled()
    return site.page.locator("#receipt").inner_text()


def in_results(site: Site, code: str) -> bool:
    return bool(site.api(f"/receipts/{code}")["receipt"]["inLiveResults"])


def answer_says(site: Site, heading: str, *lines: str) -> None:
    box = site.page.locator("#receipt-answer")
    expect(box.get_by_role("heading")).to_have_text(site.say(heading))
    for line in lines:
        expect(box).to_contain_text(site.say(line))


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_a_resident_checks_their_receipt_then_a_replaced_one(site: Site, lang: str) -> None:
    page = site.page
    area_id = "felinheli" if lang == "en" else "tywyn"
    site.open(f"/?lang={lang}#/area/{area_id}")
    site.wait_for_ballot()

    # Given a resident has voted and keeps the receipt code the page showed
    first = vote(site, area_id, (6, 4))
    assert wait_until(lambda: in_results(site, first)), "the ballot never reached the results"

    # When they follow "check this receipt"
    page.get_by_role("link", name=site.say("confirm.check")).click()

    # Then the receipt view says it counts and the results include it, for this area and round
    expect(page.locator("#view-receipt")).to_be_visible()
    expect(page.locator("#receipt-code")).to_have_value(first)
    answer_says(site, "check.countedHeading", "check.counted", "check.countedIn")
    area_name = site.api(f"/receipts/{first}")["receipt"]["area"]["name"][lang]
    expect(page.locator("[data-answer=round]")).to_contain_text(area_name)
    expect(page.locator("#receipt-answer")).to_be_focused()
    site.screenshot(f"{lang}-receipt-counted")
    assert serious_violations(page) == []
    if lang == "cy":
        assert english_left_showing(page) == []

    # When they change their ballot, and paste the first code into the view
    page.goto(f"/#/area/{area_id}")
    site.wait_for_ballot()
    second = vote(site, area_id, (1, 9))
    assert second != first
    assert wait_until(lambda: not in_results(site, first)), "the replaced ballot stayed in the results"
    page.goto("/#/receipt")
    expect(page.locator("#receipt-code")).to_have_value("")
    page.locator("#receipt-code").fill(first.upper()[:13] + " " + first.upper()[13:])  # as a person copies it
    page.get_by_role("button", name=site.say("check.submit")).click()

    # Then it says a later ballot replaced it and the results no longer include it
    answer_says(site, "check.replacedHeading", "check.replaced", "check.replacedOut")
    site.screenshot(f"{lang}-receipt-replaced")

    # And its link leads to that round's results
    page.locator("#receipt-answer a").click()
    expect(page.locator("#view-results")).to_be_visible()
    expect(page.locator("#receipt")).to_have_text(second)


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_a_code_nobody_was_given_gets_a_plain_answer(site: Site, lang: str) -> None:
    page = site.page
    site.open(f"/?lang={lang}#/receipt")

    # An empty form asks for the code, beside the field
    page.get_by_role("button", name=site.say("check.submit")).click()
    expect(page.locator("#receipt-error")).to_have_text(site.say("check.empty"))
    expect(page.locator("#receipt-code")).to_have_attribute("aria-invalid", "true")

    # A code never given, or not a code at all, is one plain "we can't find it"
    for code in (UNKNOWN, "not a code"):
        page.locator("#receipt-code").fill(code)
        page.get_by_role("button", name=site.say("check.submit")).click()
        answer_says(site, "check.notFoundHeading", "check.notFound")
    expect(page.locator("#receipt-error")).to_be_hidden()
    site.screenshot(f"{lang}-receipt-not-found")
    assert serious_violations(page) == []

    # And the other language brings the view's own words with it
    site.switch_language()
    expect(page.locator("h1")).to_have_text(site.say("check.title"))
    answer_says(site, "check.notFoundHeading", "check.notFound")
    expect(page.locator("label[for=receipt-code]")).to_have_text(site.say("check.label"))


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_a_lead_of_an_eighth_shows_as_in_the_email(site: Site, lang: str) -> None:
    # Given eight ballots that put the leader 1/8 of a bobby ahead (40 against 39)
    area_id = "maelor" if lang == "cy" else "bala"
    ballot = site.api(f"/areas/{area_id}/ballot")
    a, b, c = (p["id"] for p in ballot["priorities"][:3])
    splits = [{a: 5, b: 5}] * 7 + [{a: 5, b: 4, c: 1}]
    for i, allocations in enumerate(splits):  # the same voters each run: a rerun replaces, not adds
        answer = site.http.post(
            f"{site.base_url}/api/areas/{area_id}/ballots",
            json={"voter": f"e2e-eighth-{lang}-voter-{i:04d}", "allocations": allocations},
            timeout=30,
        )
        assert answer.status_code in (200, 201), answer.text
    assert wait_until(lambda: site.api(f"/areas/{area_id}/results")["ballots"] >= 8)

    # When the results show
    site.open(f"/?lang={lang}#/area/{area_id}/results")

    # Then the lead is 0.13 and the runner-up's average 4.88, both as the API (and email) write them
    results = site.api(f"/areas/{area_id}/results")
    assert results["marginText"] == "0.13"
    decision = site.page.locator("[data-stat=decision]")
    expect(decision).to_contain_text(site.say("results.lead", lead=results["leadText"][lang]))
    expect(decision).to_contain_text("0.13")
    expect(decision).to_contain_text(
        site.say("decision.runnerUp", title=results["runnerUp"]["title"][lang], average="4.88")
    )
    expect(site.page.locator(f"#area-results [data-pid='{b}'] .bar-value")).to_have_text("4.88")
    site.screenshot(f"{lang}-results-lead-of-an-eighth")
