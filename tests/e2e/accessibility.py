"""The axe-core audit every view goes through."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

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
