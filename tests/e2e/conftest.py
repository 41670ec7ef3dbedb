"""Browser tests: the residents' page in a real Chromium against the whole local stack.

The stack (moto server, API, stream poller, the page) starts once per session in a temporary state
folder. Each test gets a fresh browser context, so a fresh voter token and no remembered ballots.
Set E2E_BASE_URL (or pass --base-url) to drive an already running `make run` instead (nothing is
started then). Browsers, contexts and pages are pytest-playwright's (its --headed, --slowmo, --video
and --tracing work), launched from Debian's Chromium.
"""

import os
import secrets
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from local.testing import RunnerProcess, runner_process
from playwright.sync_api import BrowserContext, Page, expect

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
def base_url(base_url: str | None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The stack the pages open (pytest-playwright's `base_url`): --base-url or E2E_BASE_URL, else our own."""
    given = base_url or os.environ.get("E2E_BASE_URL")
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


# Per test: `@pytest.mark.browser_context_args(locale=..., viewport=...)` (pytest-playwright's own mark;
# a test takes the nearest one only, so one mark carries all of a test's settings).
CONTEXT: dict[str, Any] = {
    "viewport": {"width": 375, "height": 812},
    "locale": "en-GB",
    "timezone_id": "Europe/London",
}
LOCALES = {"en": "en-GB", "cy": "cy-GB"}


def in_language(lang: str, **context: Any) -> Any:
    """A `lang` parameter whose browser prefers that language (Accept-Language, navigator.language)."""
    return pytest.param(
        lang, marks=pytest.mark.browser_context_args(locale=LOCALES[lang], **context), id=lang
    )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any], browser_name: str) -> dict[str, Any]:
    """pytest-playwright launches Debian's Chromium: Playwright's own browser download cannot work offline."""
    if browser_name != "chromium":
        pytest.fail(f"only chromium is installed here (`make browser`), not {browser_name}")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make browser` installs Debian's chromium")
    headless = browser_type_launch_args.get("headless", True)  # --headed turns it off
    args = [arg for arg in CHROMIUM_ARGS if headless or arg != "--headless"]
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": args}


@pytest.fixture
def browser_context_args(
    browser_context_args: dict[str, Any], request: pytest.FixtureRequest
) -> dict[str, Any]:
    """A phone's screen, British English, London time, on the session's stack; a test that asks for
    `stack_after_nightly` has its pages on that stack instead. Options given on the command line
    (--device, --video) win over these."""
    args = {**CONTEXT, **browser_context_args}
    if "stack_after_nightly" in request.fixturenames:
        args["base_url"] = request.getfixturevalue("stack_after_nightly").url
    return args


# What a user would see may come seconds late on a loaded machine (another build beside this one, a
# function's first, cold call): assertions and actions wait up to 20 s for it, not Playwright's 5 s.
PATIENCE_MS = 20_000
expect.set_options(timeout=PATIENCE_MS)


@pytest.fixture(scope="session", autouse=True)
def screenshots_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def new_context(new_context: Callable[..., BrowserContext]) -> Callable[..., BrowserContext]:
    """pytest-playwright's contexts (closed after the test), each waiting up to PATIENCE_MS on an action."""

    def make(**options: Any) -> BrowserContext:
        context = new_context(**options)
        context.set_default_timeout(PATIENCE_MS)
        return context

    return make


@pytest.fixture
def page(page: Page) -> Iterator[Page]:
    """pytest-playwright's page, failing the test on any JavaScript error it shows."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def site(page: Page, base_url: str) -> Site:
    return Site(page, base_url, requests.Session())


@pytest.fixture(scope="session")
def console_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunnerProcess, dict[str, str]]]:
    """The police console's own stack (its taskings get acknowledged and closed, its areas renamed),
    with a tasking issued in each of tests.e2e.console's TASKING_AREAS: (runner, {language: reference})."""
    from tests.e2e.console import issue_taskings  # it builds on this module's cast_ballots

    with runner_process(tmp_path_factory.mktemp("console")) as runner:
        yield runner, issue_taskings(runner)
