"""A resident's whole journey, in English and in Welsh, against the real local stack."""

import re
from typing import Any

import pytest
from playwright.sync_api import Response, expect

from tests.e2e.i18n import english_left_showing
from tests.e2e.seed import postcode_in, seed_area
from tests.e2e.site import Site, wait_until

pytestmark = pytest.mark.e2e

RECEIPT = re.compile(r"^[0-9A-Za-z]{4,}$")


def support(site: Site, area_id: str) -> tuple[int, dict[str, int]]:
    results = site.api(f"/areas/{area_id}/results")
    return results["ballots"], {p["id"]: p["support"] for p in results["priorities"]}


def is_ballot_sent(response: Response) -> bool:
    return response.request.method == "POST" and response.url.endswith("/ballots")


def posted(response: Response) -> dict[str, Any]:
    return dict(response.request.post_data_json or {})


def expect_leader_as_api(site: Site, area_id: str) -> None:
    results = site.api(f"/areas/{area_id}/results")
    leader = next(p["title"][site.lang] for p in results["priorities"] if p["id"] == results["leader"])
    expect(site.page.locator("[data-stat=leader]")).to_have_text(leader, timeout=45_000)


def test_journey_in_english(site: Site) -> None:
    page = site.page
    area_id = "llandudno"
    name = seed_area(area_id)["name"]["en"]
    ballots_before, support_before = support(site, area_id)

    # Given a resident on the home page, in English
    site.open("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(site.say("home.title"))

    # When they type their postcode carelessly (lower case, odd spacing)
    site.find_area(postcode_in(area_id, "2dg").lower().replace(" ", "  "))

    # Then they see their area's ballot with nothing placed and no way to submit yet
    site.wait_for_ballot()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page).to_have_url(re.compile(rf"#/area/{area_id}$"))
    expect(site.left_text()).to_have_text(site.say("ballot.left", left=10, budget=10))
    expect(site.submit_button()).to_be_disabled()
    titles = site.ballot_titles(area_id)
    (a, title_a), (b, title_b), (c, title_c) = list(titles.items())[:3]
    for title in titles.values():
        expect(site.priority(title).locator(".priority-desc")).not_to_be_empty()

    # When they share out their bobbies: by keyboard on a slider, with the + button, and by typing
    site.slider(title_a).focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    site.more_button(title_b).click()
    site.more_button(title_b).click()
    site.more_button(title_b).click()
    expect(site.left_text()).to_have_text(site.say("ballot.left", left=2, budget=10))
    expect(site.submit_button()).to_be_disabled()
    site.count_box(title_c).fill("2")

    # Then every bobby is placed and the ballot can be sent
    expect(site.left_text()).to_have_text(site.say("ballot.left", left=0, budget=10))
    expect(site.slider(title_a)).to_have_attribute("aria-valuetext", site.say("ballot.count", count=5))
    expect(site.submit_button()).to_be_enabled()
    with page.expect_response(is_ballot_sent) as sent:
        site.submit_button().click()
    first = sent.value.json()
    assert "replacing" not in posted(sent.value)  # none kept on this device yet

    # And a confirmation with a receipt, then the results with their ballot counted
    expect(page.locator("#confirmation")).to_be_visible()
    expect(page.locator("#confirmation-title")).to_have_text(site.say("confirm.heading"))
    expect(page.locator("#confirmation")).to_be_focused()
    receipt = page.locator("#receipt").inner_text()
    assert RECEIPT.match(receipt), receipt
    expect(page.locator("#confirmation-list")).to_contain_text(title_a)
    expect(page.locator("#confirmation-list")).to_contain_text(site.say("ballot.count", count=5))
    site.wait_for_results()
    expect(page.locator("[data-stat=ballots]")).to_have_text(str(ballots_before + 1), timeout=45_000)
    expect(page.locator("#area-results")).not_to_contain_text(site.say("results.updating"))
    expect(page.locator("#district-results")).to_contain_text(name)
    expect_leader_as_api(site, area_id)
    expect(page.locator("#taskings")).to_contain_text(site.say("results.noTaskings"))

    # When they come back later on the same device
    page.goto(f"/#/area/{area_id}")
    page.reload()
    site.wait_for_ballot()

    # Then their current ballot is there, ready to change
    expect(page.locator("#ballot-existing")).to_be_visible()
    expect(page.locator("#ballot-existing")).to_contain_text(receipt)
    assert site.allocation_shown({a: title_a, b: title_b, c: title_c}) == {a: 5, b: 3, c: 2}
    expect(site.submit_button()).to_have_text(site.say("ballot.submitChange"))

    # When they move two bobbies from the first priority to the third and submit again
    site.less_button(title_a).click()
    site.less_button(title_a).click()
    site.more_button(title_c).click()
    site.more_button(title_c).click()
    with page.expect_response(is_ballot_sent) as sent:
        site.submit_button().click()

    # Then the page named the ballot it replaces, as its receipt gave it (so the API reads nothing first)
    assert posted(sent.value)["replacing"] == {"ballot": first["ballot"], "version": 1}
    assert (sent.value.status, sent.value.json()["ballot"], sent.value.json()["version"]) == (
        200,
        first["ballot"],
        2,
    )
    # and the ballot is changed (not added) and the results follow
    expect(page.locator("#confirmation-title")).to_have_text(site.say("confirm.headingReplaced"))
    assert page.locator("#receipt").inner_text() != receipt
    assert wait_until(lambda: support(site, area_id)[1][c] == support_before[c] + 4)
    assert support(site, area_id)[0] == ballots_before + 1
    expect(page.locator("[data-stat=ballots]")).to_have_text(str(ballots_before + 1))
    average_c = (support_before[c] + 4) / (ballots_before + 1)
    bar_c = page.locator(f".bar-row[data-pid='{c}'] .bar-value")
    assert wait_until(lambda: abs(float(bar_c.inner_text()) - average_c) < 0.051), bar_c.inner_text()
    expect_leader_as_api(site, area_id)
    expect(page.locator("#area-results")).not_to_contain_text(site.say("results.updating"), timeout=30_000)


def test_journey_in_welsh(site: Site) -> None:
    page = site.page
    area_id = "caernarfon"
    name = seed_area(area_id)["name"]["cy"]
    ballots_before, support_before = support(site, area_id)

    # Given a resident who chooses Cymraeg on the home page
    site.open("/")
    site.switch_language()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_role("heading", level=1)).to_have_text(site.say("home.title"))
    expect(page.locator("#lang-toggle")).to_have_text("English")
    assert english_left_showing(page) == []

    # When they give their postcode in capitals with spaces around it
    site.find_area(f"  {postcode_in(area_id, '1AA')}  ")

    # Then the ballot is in Welsh, names and priorities included
    site.wait_for_ballot()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(site.left_text()).to_have_text(site.say("ballot.left", left=10, budget=10))
    titles = site.ballot_titles(area_id)
    (a, title_a), (b, title_b) = list(titles.items())[:2]
    expect(site.priority(title_a)).to_be_visible()
    assert english_left_showing(page) == []

    # When they put every bobby on one priority with End, then move four to another
    site.slider(title_a).focus()
    page.keyboard.press("End")
    expect(site.left_text()).to_have_text(site.say("ballot.left", left=0, budget=10))
    for _ in range(4):
        page.keyboard.press("ArrowLeft")
    site.slider(title_b).focus()
    page.keyboard.press("End")
    expect(site.left_text()).to_have_text(site.say("ballot.left", left=0, budget=10))
    assert site.allocation_shown({a: title_a, b: title_b}) == {a: 6, b: 4}
    site.submit_button().click()

    # Then a Welsh confirmation and results with their ballot counted
    expect(page.locator("#confirmation-title")).to_have_text(site.say("confirm.heading"))
    receipt = page.locator("#receipt").inner_text()
    site.wait_for_results()
    expect(page.get_by_role("heading", level=1)).to_have_text(site.say("results.title", area=name))
    expect(page.locator("[data-stat=ballots]")).to_have_text(str(ballots_before + 1), timeout=45_000)
    expect_leader_as_api(site, area_id)
    assert english_left_showing(page) == []

    # When they come back (the language is remembered) and change their ballot
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    page.get_by_role("link", name=site.say("results.changeBallot")).click()
    site.wait_for_ballot()
    expect(page.locator("#ballot-existing")).to_contain_text(receipt)
    assert site.allocation_shown({a: title_a, b: title_b}) == {a: 6, b: 4}
    assert english_left_showing(page) == []
    site.count_box(title_a).fill("3")
    expect(site.left_text()).to_have_text(site.say("ballot.left", left=3, budget=10))
    site.count_box(title_b).fill("7")
    site.submit_button().click()

    # Then the change is confirmed in Welsh and the results follow it
    expect(page.locator("#confirmation-title")).to_have_text(site.say("confirm.headingReplaced"))
    assert wait_until(lambda: support(site, area_id)[1][b] == support_before[b] + 7)
    expect_leader_as_api(site, area_id)
    expect(page.locator("[data-stat=ballots]")).to_have_text(str(ballots_before + 1))
    assert english_left_showing(page) == []
