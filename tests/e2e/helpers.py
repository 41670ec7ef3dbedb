"""What the browser tests share: the catalogues, the seed data, and a few steps a resident takes."""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import requests
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
SEED = ROOT / "local" / "seed" / "north_wales.json"
SCREENSHOTS = ROOT / "screenshots"
LANGS = ("en", "cy")


@cache
def catalogue(lang: str) -> dict[str, Any]:
    return dict(json.loads((WEB / "i18n" / f"{lang}.json").read_text(encoding="utf-8")))


def t(lang: str, key: str, **values: Any) -> str:
    """A message as the page renders it (English plurals: one/other; Welsh keeps the noun singular)."""
    text = catalogue(lang)[key]
    if isinstance(text, dict):
        count = values.get("count")
        text = text["one"] if count == 1 and "one" in text else text["other"]
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), str(text))


@cache
def seed() -> dict[str, Any]:
    return dict(json.loads(SEED.read_text(encoding="utf-8")))


def seed_area(area_id: str) -> dict[str, Any]:
    return next(area for area in seed()["areas"] if area["id"] == area_id)


def postcode_in(area_id: str, inward: str = "2DG") -> str:
    """A full postcode inside the area: its first postcode district plus an inward code."""
    outward = seed_area(area_id)["postcodes"][0].split()[0]
    return f"{outward} {inward}"


def messages_for_leak_check(lang: str = "cy", other: str = "en") -> list[tuple[str, re.Pattern[str]]]:
    """Patterns for every `other`-language message that differs from its `lang` version.

    A message with placeholders becomes a pattern with a wildcard in each; messages with too little
    fixed text to be telling on their own (under 4 letters) are left out.
    """
    mine, theirs = catalogue(lang), catalogue(other)
    found: list[tuple[str, re.Pattern[str]]] = []

    def texts(value: Any) -> list[str]:
        if isinstance(value, dict):
            return [str(v) for v in value.values()]
        if isinstance(value, list):
            return [str(v) for v in value]
        return [str(value)]

    for key, value in theirs.items():
        own = set(texts(mine.get(key)))
        for text in texts(value):
            if text in own:
                continue
            parts = re.split(r"\{\w+\}", text)
            if sum(len(p.strip()) for p in parts) < 4:
                continue
            pattern = r".+?".join(re.escape(p) for p in parts)
            found.append((key, re.compile(pattern)))
    return found


def words_shown(page: Page) -> str:
    """What a person sees or hears: visible text plus accessible names and other attribute text."""
    return str(
        page.evaluate(
            """() => {
                const bits = [document.body.innerText, document.title];
                const named = '[aria-label],[title],[placeholder],[alt],optgroup[label]';
                for (const el of document.querySelectorAll(named)) {
                    if (el.closest('[hidden]')) continue;
                    for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'label']) {
                        if (el.hasAttribute(a)) bits.push(el.getAttribute(a));
                    }
                }
                for (const el of document.querySelectorAll('[aria-valuetext]')) {
                    bits.push(el.getAttribute('aria-valuetext'));
                }
                return bits.join('\\n');
            }"""
        )
    )


def english_left_showing(page: Page) -> list[str]:
    """English catalogue messages still visible while the page is in Welsh."""
    shown = words_shown(page)
    return [
        f"{key}: {pattern.pattern}" for key, pattern in messages_for_leak_check() if pattern.search(shown)
    ]


# Every WCAG 2.0-2.2 A/AA rule plus axe's best practices; naming the tags also turns on rules axe
# leaves off by default, such as WCAG 2.2's target size.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def serious_violations(page: Page) -> list[str]:
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} - {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


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
        expect(self.page.locator("#area-results")).not_to_contain_text(updating, timeout=20_000)
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


def wait_until(check: Any, timeout: float = 20.0, interval: float = 0.25) -> Any:
    """Polls `check` until it returns something truthy (results follow ballots through a stream)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)
