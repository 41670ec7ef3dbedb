"""Browser tests: the residents' page in a real Chromium against the whole local stack.

The stack (moto server, API, stream poller, the page) starts once per session in a temporary state
folder. Each test gets a fresh browser context, so a fresh voter token and no remembered ballots.
Set E2E_BASE_URL to drive an already running `make run` instead (nothing is started then).
"""

import os
import secrets
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from local.testing import RunnerProcess, runner_process
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from bobbies.domain.times import parse_utc, utc_text
from tests.e2e.seed import seed_area
from tests.e2e.site import SCREENSHOTS, Site

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    given = os.environ.get("E2E_BASE_URL")
    if given:
        yield given.rstrip("/")
        return
    with runner_process(tmp_path_factory.mktemp("stack")) as stack:
        yield stack.url.rstrip("/")


NIGHTLY_AREA = "amlwch"  # a quorum of 3 in the seed data
SHORT_AREA = "dolgellau"  # a quorum of 3: one ballot, so no tasking
TIE_AREA = "benllech"  # a quorum of 3: a dead heat, decided by the order on the ballot


def cast_ballots(url: str, area: str, split: tuple[int, ...], times: int) -> dict[str, Any]:
    """`times` ballots in the area's open round, each giving `split` to its first priorities."""
    ballot = requests.get(f"{url}/api/areas/{area}/ballot", timeout=30).json()
    allocations = dict(zip((p["id"] for p in ballot["priorities"]), split, strict=False))
    for _ in range(times):
        answer = requests.post(
            f"{url}/api/areas/{area}/ballots",
            json={"voter": secrets.token_urlsafe(24), "allocations": allocations},
            timeout=30,
        )
        assert answer.status_code == 201, answer.text
    return dict(ballot)


@pytest.fixture(scope="session")
def stack_after_nightly(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunnerProcess]:
    """A stack of its own, after the nightly run two hours past the first rounds' close: a tasking
    for NIGHTLY_AREA (a quorum of ballots, 7 and 3), one for TIE_AREA (a quorum of ballots, 5 and 5),
    a round short of its quorum in SHORT_AREA (1 ballot), and in every area a next round whose
    opening (that close) is still to come by the real clock."""
    with runner_process(tmp_path_factory.mktemp("nightly")) as stack:
        ballot = cast_ballots(stack.url, NIGHTLY_AREA, (7, 3), seed_area(NIGHTLY_AREA)["quorum"])
        cast_ballots(stack.url, TIE_AREA, (5, 5), seed_area(TIE_AREA)["quorum"])
        cast_ballots(stack.url, SHORT_AREA, (10,), 1)
        closes = parse_utc(ballot["round"]["closes"])
        stack.nightly(utc_text(closes + timedelta(hours=2)))
        yield stack


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make browser` installs Debian's chromium")
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="session", autouse=True)
def screenshots_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def new_context(browser: Browser, base_url: str, **options: Any) -> BrowserContext:
    settings: dict[str, Any] = {
        "base_url": base_url,
        "viewport": {"width": 375, "height": 812},
        "locale": "en-GB",
        "timezone_id": "Europe/London",
    }
    settings.update(options)
    context = browser.new_context(**settings)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def context(browser: Browser, base_url: str) -> Iterator[BrowserContext]:
    context = new_context(browser, base_url)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def site(page: Page, base_url: str) -> Site:
    return Site(page, base_url, requests.Session())
