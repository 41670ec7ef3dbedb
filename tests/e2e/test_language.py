"""Cymraeg or English: every word from the two catalogues, the choice remembered, `lang` following."""

import re

import pytest
import requests
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import LOCALES
from tests.e2e.i18n import WEB, catalogue, english_left_showing
from tests.e2e.site import Site

pytestmark = pytest.mark.e2e

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def texts(value: object) -> list[str]:
    if isinstance(value, dict):
        return [str(v) for v in value.values()]
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def test_the_catalogues_match_key_for_key() -> None:
    en, cy = catalogue("en"), catalogue("cy")
    assert set(en) == set(cy), set(en) ^ set(cy)
    for key in en:
        assert all(s.strip() for s in texts(en[key]) + texts(cy[key])), f"{key} is empty"
        wanted = {p for s in texts(en[key]) for p in PLACEHOLDER.findall(s)}
        given = {p for s in texts(cy[key]) for p in PLACEHOLDER.findall(s)}
        assert wanted == given, f"{key}: placeholders differ ({wanted} / {given})"
    assert len(en["date.months"]) == len(cy["date.months"]) == 12
    assert len(en["date.weekdays"]) == len(cy["date.weekdays"]) == 7


def test_every_message_key_the_script_uses_is_in_the_catalogues() -> None:
    sources = [*sorted((WEB / "js").rglob("*.mjs")), WEB / "index.html"]
    script = "".join(path.read_text(encoding="utf-8") for path in sources)
    used = set(re.findall(r"""(?:\bt|list)\(\s*['"]([a-zA-Z]+\.[a-zA-Z_.]+)['"]""", script))
    used |= set(re.findall(r'data-i18n="([^"]+)"', script))
    used |= {f"status.{s}" for s in ("issued", "acknowledged", "completed", "quorum_not_met")}
    missing = sorted(key for key in used if key not in catalogue("en"))
    assert not missing, missing


def test_no_words_are_written_into_the_page_itself() -> None:
    """Apart from the crawler tags and the no-script note, index.html has no words of its own."""
    html = (WEB / "index.html").read_text(encoding="utf-8")
    body = html.split("<body>", 1)[1].split("<noscript>", 1)[0]
    visible = re.sub(r"<!--.*?-->", "", re.sub(r"<[^>]+>", " ", body), flags=re.S)
    assert visible.split() == [], visible.split()


def test_the_choice_is_remembered_and_lang_follows(
    context: BrowserContext, page: Page, base_url: str
) -> None:
    site = Site(page, base_url, requests.Session())
    site.open("/#/area/colwyn-bay")
    site.wait_for_ballot()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # When they choose Cymraeg mid-ballot, having placed some bobbies
    title = next(iter(site.ballot_titles("colwyn-bay").values()))
    site.count_box(title).fill("4")
    site.switch_language()

    # Then the page is Welsh throughout, their bobbies still placed, focus still on the switch
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    welsh_title = next(iter(site.ballot_titles("colwyn-bay").values()))
    expect(site.count_box(welsh_title)).to_have_value("4")
    expect(page.locator("#lang-toggle")).to_be_focused()
    expect(page.locator("#lang-toggle")).to_have_attribute("lang", "en")
    assert english_left_showing(page) == []
    assert page.title().startswith(page.get_by_role("heading", level=1).inner_text())

    # And it stays Welsh on their next visit
    again = context.new_page()
    with again.expect_request("**/api/areas") as asked:
        again.goto("/")
    expect(again.locator("html.ready")).to_have_count(1)
    expect(again.locator("html")).to_have_attribute("lang", "cy")
    assert asked.value.headers["accept-language"] == "cy"  # so the API's own messages are Welsh too
    again.locator("#lang-toggle").click()
    expect(again.locator("html")).to_have_attribute("lang", "en")


@pytest.mark.parametrize(
    ("path", "lang"),
    [
        pytest.param(
            "/", "cy", marks=pytest.mark.browser_context_args(locale=LOCALES["cy"]), id="cy-browser"
        ),
        pytest.param(
            "/?lang=en",
            "en",
            marks=pytest.mark.browser_context_args(locale=LOCALES["cy"]),
            id="cy-browser-en-link",
        ),
        pytest.param(
            "/?lang=cy",
            "cy",
            marks=pytest.mark.browser_context_args(locale=LOCALES["en"]),
            id="en-browser-cy-link",
        ),
    ],
)
def test_a_welsh_browser_starts_in_welsh_and_a_link_can_ask_for_either(
    page: Page, path: str, lang: str
) -> None:
    page.goto(path)
    expect(page.locator("html.ready")).to_have_count(1)
    expect(page.locator("html")).to_have_attribute("lang", lang)


@pytest.mark.browser_context_args(locale=LOCALES["cy"])
def test_welsh_names_a_place_as_a_sentence_does(page: Page) -> None:
    """'Canlyniadau ar gyfer y Rhyl', 'rhanbarth y Canol': the API's nameInText, not 'Canlyniadau Y Rhyl'."""
    page.goto("/?lang=cy#/area/rhyl/results")
    expect(page.get_by_role("heading", level=1)).to_have_text("Canlyniadau ar gyfer y Rhyl")
    expect(page.locator("#district-title")).to_have_text("Ar draws rhanbarth y Canol")
    page.locator("#lang-toggle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Results for Rhyl")
    expect(page.locator("#district-title")).to_have_text("Across Central district")
