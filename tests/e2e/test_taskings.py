"""'You said, we did': after the nightly job, the area's tasking shows with its figures and status.

The nightly run closes every area's round, so this test runs on a stack of its own (conftest's
`stack_after_nightly`, even when E2E_BASE_URL points the other tests at a running one).
"""

import pytest
import requests
from local.testing import Stack
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import NIGHTLY_AREA as AREA
from tests.e2e.conftest import new_context
from tests.e2e.i18n import t
from tests.e2e.site import Site

pytestmark = pytest.mark.e2e

QUIET_AREA = "bangor"


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_tasking_and_its_figures_are_shown(
    browser: Browser, stack_after_nightly: Stack, lang: str
) -> None:
    context = new_context(browser, stack_after_nightly.url, locale="cy-GB" if lang == "cy" else "en-GB")
    page = context.new_page()
    site = Site(page, stack_after_nightly.url, requests.Session())
    try:
        tasking = site.api(f"/taskings?area={AREA}")["taskings"][0]
        site.open(f"/#/area/{AREA}/results")
        taskings = page.locator("#taskings")
        expect(taskings.get_by_role("heading", name=tasking["priority"]["title"][lang])).to_be_visible()
        expect(taskings).to_contain_text(t(lang, "status.issued"))
        figures = t(lang, "tasking.figures", average="7", ballots=tasking["ballotsText"][lang])
        lead = t(lang, "tasking.lead", lead=tasking["leadText"][lang])
        expect(taskings).to_contain_text(f"{figures} {lead}")  # "3 ballots", never "3 pleidlais" by rote
        site.screenshot(f"{lang}-results-with-tasking")

        site.open(f"/#/area/{QUIET_AREA}/results")
        expect(page.locator("#taskings")).to_contain_text(t(lang, "status.quorum_not_met"))
        expect(page.locator("#taskings")).to_contain_text(t(lang, "tasking.quorumNotMet", count=0))
    finally:
        context.close()
