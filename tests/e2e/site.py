"""The page object: the residents' page in a browser, the steps a resident takes in it, and plain HTTP
to the same stack for before/after figures."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from local.waiting import eventually
from playwright.sync_api import Locator, Page, expect

from tests.e2e.i18n import t

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@dataclass
class Site:
    """The page in a browser, plus plain HTTP to the same stack for before/after figures."""

    page: Page
    base_url: str
    http: requests.Session

    def open(self, path: str = "/") -> None:
        self.page.goto(path)
        expect(self.page.locator("html.ready")).to_have_count(1)

    def api(self, path: str) -> Any:
        answer = self.http.get(f"{self.base_url}/api{path}", timeout=30)
        answer.raise_for_status()
        return answer.json()

    @property
    def lang(self) -> str:
        return str(self.page.evaluate("document.documentElement.lang"))

    def say(self, key: str, **values: Any) -> str:
        return t(self.lang, key, **values)

    def switch_language(self) -> None:
        before = self.lang
        self.page.locator("#lang-toggle").click()
        expect(self.page.locator("html")).not_to_have_attribute("lang", before)

    def find_area(self, postcode: str) -> None:
        self.page.get_by_label(self.say("home.postcodeLabel"), exact=True).fill(postcode)
        self.page.get_by_role("button", name=self.say("home.find")).click()

    def wait_for_ballot(self) -> None:
        expect(self.page.locator("#view-ballot")).to_be_visible()
        expect(self.page.locator("#ballot-form")).to_be_visible()

    def wait_for_results(self) -> None:
        expect(self.page.locator("#view-results")).to_be_visible()
        expect(self.page.locator("#area-results .stats")).to_be_visible()

    def wait_for_results_settled(self) -> None:
        """Results shown with the ballot just cast counted, and every section loaded."""
        self.wait_for_results()
        updating = self.say("results.updating")
        # the page looks again for about 24 s after a ballot (then shows the results as they are); a
        # loaded machine can take most of that to apply the ballot, so wait as long as the page does
        expect(self.page.locator("#area-results")).not_to_contain_text(updating, timeout=30_000)
        expect(self.page.locator("#taskings")).not_to_contain_text(self.say("loading"))

    def priority(self, title: str) -> Locator:
        return self.page.locator("#priorities > li").filter(
            has=self.page.get_by_role("heading", name=title, exact=True)
        )

    def slider(self, title: str) -> Locator:
        return self.page.get_by_role("slider", name=title, exact=True)

    def count_box(self, title: str) -> Locator:
        return self.page.get_by_label(self.say("ballot.numberLabel", title=title), exact=True)

    def more_button(self, title: str) -> Locator:
        return self.page.get_by_role("button", name=self.say("ballot.more", title=title), exact=True)

    def less_button(self, title: str) -> Locator:
        return self.page.get_by_role("button", name=self.say("ballot.less", title=title), exact=True)

    def submit_button(self) -> Locator:
        return self.page.locator("#submit-ballot")

    def left_text(self) -> Locator:
        return self.page.locator("#budget-left")

    def allocation_shown(self, titles: dict[str, str]) -> dict[str, int]:
        """{priority id: the number in its box}, for the titles given as {id: title}."""
        return {pid: int(self.count_box(title).input_value()) for pid, title in titles.items()}

    def ballot_titles(self, area_id: str) -> dict[str, str]:
        ballot = self.api(f"/areas/{area_id}/ballot")
        return {p["id"]: p["title"][self.lang] for p in ballot["priorities"]}

    def screenshot(self, name: str) -> Path:
        width = self.page.viewport_size["width"] if self.page.viewport_size else 0
        path = SCREENSHOTS / f"{name}-{width}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def no_sideways_scroll(self) -> None:
        overflow = self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page is {overflow}px wider than the screen"


def wait_until(check: Any) -> Any:
    """Polls `check` until it returns something truthy (results follow ballots through a stream)."""
    return eventually(check, timeout=45.0, interval=0.25)  # generous: a loaded machine applies slowly
