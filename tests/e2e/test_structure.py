"""What assistive technology and checkers find in the document, in every view and both languages:
no empty heading, button or link anywhere in it (hidden parts included: a view not on show is
not in the document at all), no link to an anchor that is not there, and an axe audit with no
serious or critical findings."""

import json

import pytest
import requests
from playwright.sync_api import Page, expect

from tests.e2e.accessibility import serious_violations
from tests.e2e.conftest import in_language
from tests.e2e.layout import empty_or_dangling
from tests.e2e.site import Site

pytestmark = pytest.mark.e2e

# Each view straight from a link (and what shows once it has loaded), then home again after the
# others have been on show.
VISITS = [
    ("home", "/#/", "#area-select optgroup"),
    ("ballot", "/#/area/mold", "#priorities li"),
    ("results", "/#/area/mold/results", "#district-results table"),
    ("receipt", "/#/receipt", "#receipt-code"),
    ("receipt", "/#/receipt/abcdefghijklmnopqrstuvwxyz", "#receipt-answer h2"),
    ("suggest", "/#/area/mold/suggest", "#suggest-waiting p"),
    ("suggestion", "/#/suggestion", "#suggestion-reference"),
    ("suggestion", "/#/suggestion/ABCDE-FGHJK", "#suggestion-answer h2"),
    ("missing", "/#/area/nowhere", "#missing-title"),
    ("home", "/#/", "#area-select optgroup"),
]


@pytest.mark.parametrize("lang", [in_language("en"), in_language("cy")])
def test_no_view_leaves_an_empty_heading_button_or_link(page: Page, base_url: str, lang: str) -> None:
    site = Site(page, base_url, requests.Session())
    problems: dict[str, list[str]] = {}
    for i, (view, path, loaded) in enumerate(VISITS):
        if i == 0:
            site.open(path)
        else:
            page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.locator(f"#view-{view}")).to_be_visible()
        expect(page.locator(loaded).first).to_be_attached()
        found = empty_or_dangling(page) + serious_violations(page)
        if found:
            problems[f"{i} {view}"] = found
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)
