"""Server errors and network failures are shown in plain words, and nothing entered is lost."""

import json

import pytest
from playwright.sync_api import Route, expect

from tests.e2e.i18n import english_left_showing
from tests.e2e.seed import postcode_in
from tests.e2e.site import Site

pytestmark = pytest.mark.e2e

BALLOTS = "**/api/areas/*/ballots"


def fill_ballot(site: Site, area_id: str) -> dict[str, str]:
    site.open(f"/#/area/{area_id}")
    site.wait_for_ballot()
    titles = site.ballot_titles(area_id)
    first, second, third = list(titles.values())[:3]
    site.count_box(first).fill("5")
    site.count_box(second).fill("3")
    site.count_box(third).fill("2")
    expect(site.submit_button()).to_be_enabled()
    return dict(list(titles.items())[:3])


def fail_posts_with_500(route: Route) -> None:
    if route.request.method != "POST":
        route.continue_()
        return
    body = {"error": {"code": "internal_error", "message": "Something broke."}}
    route.fulfill(status=500, content_type="application/json", body=json.dumps(body))


def test_a_server_error_is_shown_and_the_allocation_survives(site: Site) -> None:
    page = site.page
    titles = fill_ballot(site, "mold")
    page.route(BALLOTS, fail_posts_with_500)

    # When the server fails the ballot
    site.submit_button().click()

    # Then they are told in plain words, on the ballot, with their choices intact
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(site.say("ballot.errorHeading"))
    expect(alert).to_contain_text(site.say("error.internal_error"))
    expect(alert).to_contain_text(site.say("ballot.errorKeep"))
    expect(page.locator("#view-ballot")).to_be_visible()
    assert site.allocation_shown(titles) == dict(zip(titles, (5, 3, 2), strict=True))
    expect(site.left_text()).to_have_text(site.say("ballot.left", left=0, budget=10))
    expect(site.submit_button()).to_be_enabled()

    # When the server is back and they press submit again
    page.unroute(BALLOTS)
    site.submit_button().click()

    # Then the same choices are counted
    expect(page.locator("#confirmation-title")).to_have_text(site.say("confirm.heading"))
    for title in titles.values():
        expect(page.locator("#confirmation-list")).to_contain_text(title)


def test_an_error_without_a_body_still_reads_plainly(site: Site) -> None:
    page = site.page
    fill_ballot(site, "flint")
    page.route(
        BALLOTS,
        lambda route: route.fulfill(status=502, content_type="text/html", body="<h1>Bad gateway</h1>"),
    )
    site.submit_button().click()
    expect(page.get_by_role("alert")).to_contain_text(site.say("error.server"))
    expect(page.get_by_role("alert")).not_to_contain_text("Bad gateway")


def test_a_network_failure_is_shown_and_the_allocation_survives_a_reload(site: Site) -> None:
    page = site.page
    titles = fill_ballot(site, "holywell")
    page.route(BALLOTS, lambda route: route.abort("internetdisconnected"))

    # When the connection drops as they submit
    site.submit_button().click()

    # Then they are told to check their connection, and their choices stay
    expect(page.get_by_role("alert")).to_contain_text(site.say("error.network"))
    assert site.allocation_shown(titles) == dict(zip(titles, (5, 3, 2), strict=True))

    # And even reloading the page keeps what they entered
    page.unroute(BALLOTS)
    page.reload()
    site.wait_for_ballot()
    assert site.allocation_shown(titles) == dict(zip(titles, (5, 3, 2), strict=True))
    site.submit_button().click()
    expect(page.locator("#confirmation-title")).to_have_text(site.say("confirm.heading"))


def test_a_network_failure_reads_in_welsh_too(site: Site) -> None:
    page = site.page
    site.open("/?lang=cy#/area/connahs-quay")
    site.wait_for_ballot()
    titles = site.ballot_titles("connahs-quay")
    site.count_box(next(iter(titles.values()))).fill("10")
    page.route(BALLOTS, lambda route: route.abort("failed"))
    site.submit_button().click()
    expect(page.get_by_role("alert")).to_contain_text(site.say("error.network"))
    expect(page.get_by_role("alert")).to_contain_text(site.say("ballot.errorHeading"))
    assert english_left_showing(page) == []


def test_a_postcode_outside_north_wales_is_explained(site: Site) -> None:
    page = site.page
    site.open("/")

    # When they give a real postcode that is not in North Wales
    site.find_area("sw1a1aa")

    # Then they are told plainly, pointed elsewhere, and can still pick an area from the list
    notice = page.locator("#not-covered")
    expect(notice).to_be_visible()
    expect(notice).to_be_focused()
    expect(notice).to_contain_text(site.say("postcode.notCoveredHeading"))
    expect(notice).to_contain_text(site.say("postcode.notCovered", postcode="SW1A 1AA"))
    expect(notice.get_by_role("link", name=site.say("postcode.policeUk"))).to_be_visible()
    page.get_by_label(site.say("home.pickLabel")).select_option("gresford-llay-rossett")
    page.get_by_role("button", name=site.say("home.pickGo")).click()
    site.wait_for_ballot()
    expect(page).to_have_url(f"{site.base_url}/#/area/gresford-llay-rossett")


def test_something_that_is_not_a_postcode_gets_a_field_error(site: Site) -> None:
    page = site.page
    site.open("/")
    postcode = page.get_by_label(site.say("home.postcodeLabel"), exact=True)

    site.find_area("")
    expect(page.locator("#postcode-error")).to_have_text(site.say("postcode.empty"))
    expect(postcode).to_have_attribute("aria-invalid", "true")

    site.find_area("not a postcode")
    expect(page.locator("#postcode-error")).to_have_text(site.say("error.invalid_postcode"))
    expect(postcode).to_be_focused()

    # And a good one clears it
    site.find_area(postcode_in("bangor"))
    site.wait_for_ballot()


def test_failed_loading_offers_a_retry(site: Site) -> None:
    page = site.page
    page.route("**/api/areas/abergele/ballot", lambda route: route.abort("failed"))
    site.open("/#/area/abergele")
    expect(page.locator("#ballot-load-error")).to_contain_text(site.say("error.network"))
    page.unroute("**/api/areas/abergele/ballot")
    page.get_by_role("button", name=site.say("common.retry")).click()
    site.wait_for_ballot()


def test_an_unknown_area_link_is_not_a_dead_end(site: Site) -> None:
    page = site.page
    site.open("/#/area/atlantis")
    expect(page.get_by_role("heading", level=1)).to_have_text(site.say("missing.title"))
    page.get_by_role("link", name=site.say("missing.home")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(site.say("home.title"))
