"""Every view: an axe-core audit (no serious or critical violations), screenshots at phone and desktop
widths under screenshots/ for a person to look at, and no sideways scrolling on a small phone."""

import json
from collections.abc import Callable
from typing import Any

import pytest
import requests
from playwright.sync_api import Page, expect

from tests.e2e.accessibility import serious_violations
from tests.e2e.conftest import LOCALES
from tests.e2e.i18n import english_left_showing
from tests.e2e.seed import postcode_in
from tests.e2e.site import Site

pytestmark = pytest.mark.e2e


def check(site: Site, name: str, problems: dict[str, list[str]]) -> None:
    """Screenshot the view, audit it, and make sure it fits the screen."""
    site.page.wait_for_timeout(150)  # let focus rings and bars settle for the picture
    site.screenshot(name)
    found = serious_violations(site.page)
    if found:
        problems[name] = found
    site.no_sideways_scroll()


def fill(site: Site, area_id: str, counts: tuple[int, ...]) -> None:
    for title, n in zip(site.ballot_titles(area_id).values(), counts, strict=False):
        site.count_box(title).fill(str(n))


def at_width(width: int, **context: Any) -> Any:
    """A `width` parameter: the browser's window that wide (and 900 px high)."""
    viewport = {"width": width, "height": 900}
    return pytest.param(
        width, marks=pytest.mark.browser_context_args(viewport=viewport, **context), id=str(width)
    )


@pytest.mark.parametrize("width", [at_width(375), at_width(1280)])
def test_every_view_in_english(page: Page, base_url: str, width: int) -> None:
    area_id = "amlwch" if width == 375 else "llangefni"
    site = Site(page, base_url, requests.Session())
    problems: dict[str, list[str]] = {}
    site.open("/")
    check(site, "home", problems)

    site.find_area("nonsense")
    expect(page.locator("#postcode-error")).to_be_visible()
    check(site, "home-postcode-error", problems)

    site.find_area("CF10 1AA")
    expect(page.locator("#not-covered")).to_be_visible()
    check(site, "home-postcode-not-covered", problems)

    site.find_area(postcode_in(area_id))
    site.wait_for_ballot()
    page.evaluate("window.scrollTo(0, 0)")
    check(site, "ballot", problems)

    fill(site, area_id, (6, 4, 3))
    expect(page.locator("#priorities .field-note:not(:empty)")).to_be_visible()
    check(site, "ballot-budget-full", problems)

    page.route("**/api/areas/*/ballots", lambda route: route.abort("failed"))
    site.submit_button().click()
    expect(page.locator("#ballot-error")).to_be_visible()
    check(site, "ballot-network-error", problems)
    page.unroute("**/api/areas/*/ballots")

    site.submit_button().click()
    expect(page.locator("#confirmation")).to_be_visible()
    site.wait_for_results_settled()
    page.evaluate("window.scrollTo(0, 0)")
    check(site, "results-confirmation", problems)

    page.get_by_role("link", name=site.say("results.changeBallot")).click()
    site.wait_for_ballot()
    expect(page.locator("#ballot-existing")).to_be_visible()
    page.evaluate("window.scrollTo(0, 0)")
    check(site, "ballot-returning", problems)

    site.open("/#/area/nowhere")
    expect(page.locator("#view-missing")).to_be_visible()
    check(site, "missing-area", problems)
    assert not problems, json.dumps(problems, indent=1)


@pytest.mark.parametrize("width", [at_width(375, locale=LOCALES["cy"]), at_width(1280, locale=LOCALES["cy"])])
def test_every_view_in_welsh(page: Page, base_url: str, width: int) -> None:
    area_id = "pwllheli" if width == 375 else "dolgellau"
    site = Site(page, base_url, requests.Session())
    problems: dict[str, list[str]] = {}
    leaks: dict[str, list[str]] = {}

    def welsh_check(name: str) -> None:
        check(site, name, problems)
        found = english_left_showing(page)
        if found:
            leaks[name] = found

    site.open("/")  # a browser that prefers Welsh gets Welsh first
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    welsh_check("cy-home")

    site.find_area("BT1 1AA")
    expect(page.locator("#not-covered")).to_be_visible()
    welsh_check("cy-home-postcode-not-covered")

    site.find_area(postcode_in(area_id))
    site.wait_for_ballot()
    fill(site, area_id, (2, 3))
    page.evaluate("window.scrollTo(0, 0)")
    welsh_check("cy-ballot")

    fill(site, area_id, (2, 3, 5))
    site.submit_button().click()
    site.wait_for_results_settled()
    page.evaluate("window.scrollTo(0, 0)")
    welsh_check("cy-results-confirmation")

    site.open("/#/area/nowhere")
    welsh_check("cy-missing-area")
    assert not problems, json.dumps(problems, indent=1)
    assert not leaks, json.dumps(leaks, indent=1, ensure_ascii=False)


@pytest.mark.parametrize(
    "path", ["/", "/#/area/wrexham", "/#/area/wrexham/results"], ids=["home", "ballot", "results"]
)
@pytest.mark.browser_context_args(viewport={"width": 320, "height": 640})
def test_nothing_scrolls_sideways_at_320px(page: Page, base_url: str, path: str) -> None:
    site = Site(page, base_url, requests.Session())
    site.open(path)
    expect(page.locator(".view:not([hidden])")).to_have_count(1)
    page.wait_for_load_state("networkidle")
    site.no_sideways_scroll()
    site.screenshot(f"narrow-{path.strip('/#').replace('/', '-') or 'home'}")


def focus_ring(page: Page) -> Callable[[], str]:
    return lambda: str(page.evaluate("getComputedStyle(document.activeElement).outlineStyle"))


def test_focus_is_visible_on_every_control(site: Site) -> None:
    site.open("/#/area/colwyn-bay")
    site.wait_for_ballot()
    page = site.page
    seen = 0
    for _ in range(40):
        page.keyboard.press("Tab")
        tag = page.evaluate("document.activeElement.tagName")
        if tag == "BODY":
            break
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, s.outlineWidth, s.boxShadow].join(' '); })()"
        )
        assert "none 0px none" not in style, (tag, style)
        seen += 1
    assert seen > 10


def test_targets_are_at_least_44px(site: Site) -> None:
    site.open("/#/area/colwyn-bay")
    site.wait_for_ballot()
    small = site.page.evaluate(
        """() => [...document.querySelectorAll('#view-ballot :is(button, input), header :is(a, button)')]
            .filter(el => el.offsetParent !== null)
            .map(el => [el.id || el.className || el.tagName, el.getBoundingClientRect()])
            .filter(([, r]) => r.height < 44 || r.width < 44)
            .map(([name, r]) => `${name}: ${Math.round(r.width)}x${Math.round(r.height)}`)"""
    )
    assert small == []
