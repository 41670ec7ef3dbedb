"""A resident suggests a priority for their area, in either language: told first that crimes go to
101 (999 in an emergency), guided by character counts and by errors beside the field, given a
reference, and able to look it up; the area's approved suggestions waiting for the next round show
on the same view."""

import re
from typing import Any

import pytest
from playwright.sync_api import Route, expect

from tests.e2e.accessibility import serious_violations
from tests.e2e.i18n import english_left_showing
from tests.e2e.seed import seed_area
from tests.e2e.site import Site

pytestmark = pytest.mark.e2e

REFERENCE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$")
WORDS = {
    "en": ("Speeding on the High Street", "Cars race past the school every morning between 8 and 9."),
    "cy": ("Goryrru ar Ffordd y Wŷdd", "Mae ceir yn gyrru'n gyflym heibio'r ysgol bob bore rhwng 8 a 9."),
}


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_a_resident_suggests_a_priority_and_looks_it_up(site: Site, lang: str) -> None:
    page = site.page
    area_id = "caernarfon" if lang == "en" else "llangefni"
    area = seed_area(area_id)
    site.open(f"/?lang={lang}#/area/{area_id}")
    site.wait_for_ballot()

    # When the resident follows "suggest a priority" from the area's ballot
    page.get_by_role("link", name=site.say("suggest.link")).click()

    # Then the view is about their area, and says first that crimes are reported on 101 or 999
    expect(page.locator("#view-suggest")).to_be_visible()
    place = area.get("name_in_text", area["name"])[lang]
    expect(page.get_by_role("heading", level=1)).to_have_text(site.say("suggest.title", area=place))
    expect(page.locator("#suggest-crime")).to_contain_text(site.say("suggest.crime"))
    expect(page.locator("#suggest-waiting")).to_have_text(site.say("suggest.waitingNone"))
    expect(page.locator(f"input[name=language][value={lang}]")).to_be_checked()

    # An empty form is refused beside the title, in the API's own words
    send = page.get_by_role("button", name=site.say("suggest.submit"))
    send.click()
    title = page.get_by_label(site.say("suggest.titleLabel"), exact=True)
    expect(page.locator("#suggest-title-error")).to_have_text(site.say("error.title_missing"))
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(title).to_be_focused()

    # The title's count counts a Welsh ŵ as one character, over the limit as well as under it
    title.fill("ŵ" * 81)
    expect(page.locator("#suggest-title-count")).to_have_text(site.say("suggest.over", count=1))
    send.click()
    expect(page.locator("#suggest-title-error")).to_have_text(site.say("error.title_too_long"))
    heading, body = WORDS[lang]
    title.fill(heading)
    expect(page.locator("#suggest-title-count")).to_have_text(
        site.say("suggest.left", count=80 - len(heading))
    )
    expect(page.locator("#suggest-title-error")).to_be_hidden()
    send.click()
    expect(page.locator("#suggest-description-error")).to_have_text(site.say("error.description_missing"))
    page.get_by_label(site.say("suggest.descriptionLabel"), exact=True).fill(body)
    expect(page.locator("#suggest-description-count")).to_have_text(
        site.say("suggest.left", count=500 - len(body))
    )
    assert serious_violations(page) == []

    # When they send it
    send.click()

    # Then they get a reference to keep, and a link to look it up
    done = page.locator("#suggest-done")
    expect(done).to_be_visible()
    expect(done).to_be_focused()
    reference = page.locator("#suggest-reference").inner_text()
    assert REFERENCE.match(reference), reference
    site.screenshot(f"{lang}-suggestion-sent")
    assert serious_violations(page) == []
    if lang == "cy":
        assert english_left_showing(page) == []

    # And the lookup says it is waiting for a moderator, with their words
    page.get_by_role("link", name=site.say("suggest.checkLink")).click()
    expect(page.locator("#view-suggestion")).to_be_visible()
    expect(page.locator("#suggestion-reference")).to_have_value(reference)
    answer = page.locator("#suggestion-answer")
    expect(answer.get_by_role("heading")).to_have_text(site.say("lookup.pendingHeading"))
    expect(answer).to_contain_text(site.say("lookup.pending"))
    expect(answer.locator("blockquote")).to_contain_text(heading)
    expect(answer).to_be_focused()
    site.screenshot(f"{lang}-suggestion-pending")
    assert serious_violations(page) == []
    if lang == "cy":
        assert english_left_showing(page) == []


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_an_unknown_reference_gets_a_plain_answer(site: Site, lang: str) -> None:
    page = site.page
    site.open(f"/?lang={lang}#/suggestion")
    page.get_by_role("button", name=site.say("lookup.submit")).click()
    expect(page.locator("#suggestion-error")).to_have_text(site.say("lookup.empty"))

    for typed in ("ABCDE-FGHJK", "not a reference"):
        page.locator("#suggestion-reference").fill(typed)
        page.get_by_role("button", name=site.say("lookup.submit")).click()
        answer = page.locator("#suggestion-answer")
        expect(answer.get_by_role("heading")).to_have_text(site.say("lookup.notFoundHeading"))
        expect(answer).to_contain_text(site.say("lookup.notFound"))
    assert serious_violations(page) == []

    # And the other language brings the view's words with it
    site.switch_language()
    expect(page.locator("h1")).to_have_text(site.say("lookup.title"))
    expect(page.locator("#suggestion-answer").get_by_role("heading")).to_have_text(
        site.say("lookup.notFoundHeading")
    )


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_approved_suggestions_waiting_for_the_next_round_are_listed(site: Site, lang: str) -> None:
    # Given the API lists two approved suggestions for the area (moderation is not built yet)
    waiting: list[dict[str, Any]] = [
        {
            "id": f"p{n}",
            "title": {"en": f"Parking {n}", "cy": f"Parcio {n}"},
            "description": {"en": f"About parking {n}.", "cy": f"Am barcio {n}."},
            "approved": "2026-11-20T10:00:00Z",
        }
        for n in (1, 2)
    ]

    def listed(route: Route) -> None:
        if route.request.method != "GET":
            route.fallback()
            return
        route.fulfill(json={"area": "bala", "proposals": waiting})

    site.page.route("**/api/areas/bala/proposals", listed)

    # When a resident opens the area's suggest view
    site.open(f"/?lang={lang}#/area/bala/suggest")

    # Then both show, in the page's language
    items = site.page.locator("#suggest-waiting li")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text(waiting[0]["title"][lang])
    expect(items.nth(1)).to_contain_text(waiting[1]["description"][lang])
    site.switch_language()
    other = "cy" if lang == "en" else "en"
    expect(items.nth(0)).to_contain_text(waiting[0]["title"][other])


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_a_declined_suggestion_reads_as_not_taken_forward_with_the_reason(site: Site, lang: str) -> None:
    # Given the API says a suggestion was declined, and why (moderation is not built yet)
    reason = {"en": "The council handles parking.", "cy": "Y cyngor sy'n delio â pharcio."}
    declined = {
        "reference": "K7QX4-MP29T",
        "area": {"id": "bala", "name": {"en": "Bala", "cy": "Y Bala"}},
        "status": "declined",
        "language": lang,
        "title": "Parking",
        "description": "Cars park on the pavement.",
        "submitted": "2026-11-20T10:00:00Z",
        "decided": "2026-11-21T10:00:00Z",
        "reason": reason,
        "mergedInto": None,
        "approved": None,
        "round": None,
    }
    site.page.route("**/api/proposals/K7QX4MP29T", lambda route: route.fulfill(json={"proposal": declined}))

    # When the resident looks it up
    site.open(f"/?lang={lang}#/suggestion/K7QX4-MP29T")

    # Then it reads as not taken forward, with the moderator's reason, and nothing stray besides
    answer = site.page.locator("#suggestion-answer")
    expect(answer.get_by_role("heading")).to_have_text(site.say("lookup.declinedHeading"))
    why = site.say("lookup.reason", reason=reason[lang])
    expect(answer.locator("[data-answer=reason]")).to_have_text(why)
    expect(answer).not_to_contain_text("undefined")
