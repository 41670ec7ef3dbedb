"""'You said, we did': after the nightly job, the area's tasking shows with its figures and status.

The nightly run closes every area's round, so this test always starts a stack of its own
(even when E2E_BASE_URL points the other tests at a running one).
"""

import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import requests
from local.testing import Stack, running_stack
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import new_context
from tests.e2e.i18n import t
from tests.e2e.seed import seed_area
from tests.e2e.site import Site

pytestmark = pytest.mark.e2e

AREA = "amlwch"  # a quorum of 3 in the seed data
QUIET_AREA = "bangor"


@pytest.fixture(scope="module")
def stack_after_nightly(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with running_stack(tmp_path_factory.mktemp("nightly")) as stack:
        ballot = requests.get(f"{stack.url}/api/areas/{AREA}/ballot", timeout=30).json()
        first, second = (p["id"] for p in ballot["priorities"][:2])
        for _ in range(seed_area(AREA)["quorum"]):
            answer = requests.post(
                f"{stack.url}/api/areas/{AREA}/ballots",
                json={"voter": secrets.token_urlsafe(24), "allocations": {first: 7, second: 3}},
                timeout=30,
            )
            assert answer.status_code == 201, answer.text
        closes = datetime.fromisoformat(ballot["round"]["closes"].replace("Z", "+00:00"))
        stack.nightly((closes + timedelta(hours=2)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
        yield stack


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
        expect(taskings).to_contain_text(t(lang, "tasking.figures", average="7", ballots="3", margin="4"))
        site.screenshot(f"{lang}-results-with-tasking")

        site.open(f"/#/area/{QUIET_AREA}/results")
        expect(page.locator("#taskings")).to_contain_text(t(lang, "status.quorum_not_met"))
        expect(page.locator("#taskings")).to_contain_text(t(lang, "tasking.quorumNotMet", ballots="0"))
    finally:
        context.close()
