"""The police console's page object: the console in a browser (/police/), the steps staff take in it,
and its own stack - the nightly run past, so some areas have a tasking to work on."""

import secrets
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import requests
from local.staff import demo_user
from local.testing import RunnerProcess, sign_in
from playwright.sync_api import Locator, Page, expect

from bobbies.domain.times import parse_utc, utc_text
from tests.e2e.accessibility import serious_violations
from tests.e2e.conftest import cast_ballots
from tests.e2e.i18n import t
from tests.e2e.layout import empty_or_dangling, first_heading
from tests.e2e.seed import seed_area
from tests.e2e.site import SCREENSHOTS

# Areas of the West (the demo officer's district) whose rounds close with a tasking on the console's
# stack: one for each language's journey, so neither finds the other's work done.
TASKING_AREAS = {"en": "amlwch", "cy": "benllech"}


def issue_taskings(stack: RunnerProcess) -> dict[str, str]:
    """Closes the first rounds with a quorum of ballots in TASKING_AREAS: {language: tasking reference}."""
    closes = None
    for area in TASKING_AREAS.values():
        ballot = cast_ballots(stack.url, area, (7, 3), seed_area(area)["quorum"])
        closes = parse_utc(ballot["round"]["closes"])
    assert closes is not None
    stack.nightly(utc_text(closes + timedelta(hours=2)))
    found = {}
    for lang, area in TASKING_AREAS.items():
        taskings = requests.get(f"{stack.url}/api/taskings", params={"area": area}, timeout=30).json()[
            "taskings"
        ]
        found[lang] = taskings[0]["reference"]
    return found


def propose(stack: RunnerProcess, area: str, language: str, title: str, description: str) -> None:
    """A resident's suggestion, as the residents' page sends it."""
    body = {
        "voter": secrets.token_urlsafe(24),
        "language": language,
        "title": title,
        "description": description,
    }
    answer = requests.post(f"{stack.url}/api/areas/{area}/proposals", json=body, timeout=30)
    assert answer.status_code == 202, answer.text


def admin_api(stack: RunnerProcess, group: str, path: str) -> Any:
    """An /api/admin read as the demo user of `group` (for before/after figures)."""
    answer = requests.get(
        f"{stack.url}/api/admin{path}", headers={"Authorization": sign_in(stack, group)}, timeout=30
    )
    answer.raise_for_status()
    return answer.json()


@dataclass
class Console:
    page: Page
    stack: RunnerProcess
    shots: Path = SCREENSHOTS

    def open(self, route: str = "") -> None:
        self.page.goto(f"{self.stack.url}/police/{route}")
        expect(self.page.locator("html.ready")).to_have_count(1)

    @property
    def lang(self) -> str:
        return str(self.page.evaluate("document.documentElement.lang"))

    def say(self, key: str, **values: Any) -> str:
        return t(self.lang, key, **values)

    def sign_in(self, group: str, password: str | None = None) -> None:
        user = demo_user(self.stack.paths, group)
        self.page.get_by_label(self.say("police.signIn.username"), exact=True).fill(user.username)
        self.page.get_by_label(self.say("police.signIn.password"), exact=True).fill(password or user.password)
        self.page.get_by_role("button", name=self.say("police.signIn.submit"), exact=True).click()

    def view(self, name: str) -> Locator:
        view = self.page.locator(f"#view-{name}")
        expect(view).to_be_visible()
        return view

    def bilingual(self, scope: Locator, legend_key: str, en: str, cy: str) -> None:
        """Fills a two-language field (its fieldset named by the legend)."""
        group = scope.get_by_role("group", name=self.say(legend_key), exact=True)
        group.get_by_label(self.say("police.field.en"), exact=True).fill(en)
        group.get_by_label(self.say("police.field.cy"), exact=True).fill(cy)

    def switch_language(self) -> None:
        before = self.lang
        self.page.locator("#lang-toggle").click()
        expect(self.page.locator("html")).not_to_have_attribute("lang", before)

    def audit(self, name: str, problems: dict[str, list[str]]) -> None:
        """A screenshot under screenshots/; axe's serious or critical findings, what pa11y's HTML_CodeSniffer
        finds in the whole document (empty headings, buttons and links, hidden ones included; a heading
        before the view's h1), if any."""
        # the picture once every transition (focus rings) has finished
        self.page.evaluate("() => Promise.all(document.getAnimations().map((a) => a.finished))")
        width = self.page.viewport_size["width"] if self.page.viewport_size else 0
        self.page.screenshot(
            path=str(SCREENSHOTS / f"console-{name}-{self.lang}-{width}.png"), full_page=True
        )
        found = serious_violations(self.page) + empty_or_dangling(self.page)
        if not (heading := first_heading(self.page)).startswith("h1"):
            found.append(f"the document's first heading is {heading}, not the view's h1")
        if found:
            problems[f"{name} ({self.lang})"] = found
        overflow = self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name}: the console is {overflow}px wider than the screen"
