"""Large text (WCAG 2.2 1.4.4 and 1.4.10): at 320 CSS px with text at 200%, no view in either
language scrolls sideways or loses anything off the screen or out of its box."""

import json

import pytest
import requests
from playwright.sync_api import Page, expect

from tests.e2e.conftest import in_language
from tests.e2e.layout import enlarge_text, overflows
from tests.e2e.site import Site

pytestmark = pytest.mark.e2e

# Each view, and what shows once it has loaded.
VIEWS = {
    "home": ("/#/", "#area-select optgroup"),
    "ballot": ("/#/area/holywell", "#priorities li"),
    "results": ("/#/area/holywell/results", "#district-results table"),
    "receipt": ("/#/receipt/abcdefghijklmnopqrstuvwxyz", "#receipt-answer h2"),
    "suggest": ("/#/area/holywell/suggest", "#suggest-waiting p"),
    "suggestion": ("/#/suggestion/ABCDE-FGHJK", "#suggestion-answer h2"),
    "missing": ("/#/area/nowhere", "#missing-title"),
}


SMALL_PHONE = {"width": 320, "height": 640}


@pytest.mark.parametrize("lang", [in_language(lang, viewport=SMALL_PHONE) for lang in ("en", "cy")])
def test_every_view_reflows_at_320px_with_text_at_200_percent(page: Page, base_url: str, lang: str) -> None:
    site = Site(page, base_url, requests.Session())
    problems: dict[str, list[str]] = {}
    site.open("/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    enlarge_text(page)
    for name, (path, loaded) in VIEWS.items():
        page.goto(path)
        expect(page.locator(f"#view-{name}")).to_be_visible()
        expect(page.locator(loaded).first).to_be_attached()
        found = overflows(page)
        if found:
            problems[name] = found
        site.screenshot(f"large-text-{lang}-{name}")
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)
