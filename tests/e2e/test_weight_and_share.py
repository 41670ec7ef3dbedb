"""The first load stays under 100 KB, and a shared link previews properly and opens the ballot."""

import json
from collections.abc import Callable
from typing import Any

import pytest
import requests
from local.waiting import eventually
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import in_language
from tests.e2e.i18n import meta_tags
from tests.e2e.seed import seed_area
from tests.e2e.site import SCREENSHOTS, Site

pytestmark = pytest.mark.e2e

BUDGET_BYTES = 100 * 1000


def first_load_bytes(context: BrowserContext, page: Page, path: str, lang: str) -> dict[str, Any]:
    """Bytes on the wire (headers and bodies, as Chromium counts them, compressed where CloudFront
    compresses) for every request of a first visit."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on(
        "Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"]))
    )
    cdp.on("Network.loadingFailed", lambda e: sizes.__setitem__(e["requestId"], 0))
    page.goto(path)
    expect(page.locator("html.ready")).to_have_count(1)
    page.wait_for_load_state("networkidle")
    # every request seen has finished (the browser's events arrive while Playwright talks to it)
    eventually(lambda: page.evaluate("0") == 0 and urls.keys() <= sizes.keys(), timeout=10)
    requests_seen = {urls.get(rid, rid): size for rid, size in sizes.items()}
    return {"path": path, "lang": lang, "total": sum(requests_seen.values()), "requests": requests_seen}


@pytest.mark.parametrize(
    "path", ["/", "/#/area/wrexham", "/#/area/wrexham/results"], ids=["home", "shared-ballot-link", "results"]
)
@pytest.mark.parametrize("lang", [in_language("en"), in_language("cy")])
def test_first_load_is_under_100kb(context: BrowserContext, page: Page, path: str, lang: str) -> None:
    load = first_load_bytes(context, page, path, lang)
    name = (path.strip("/#").replace("/", "-") or "home") + f"-{lang}"
    (SCREENSHOTS / f"first-load-{name}.json").write_text(json.dumps(load, indent=1))
    assert load["total"] < BUDGET_BYTES, json.dumps(load, indent=1)
    assert len(load["requests"]) >= 5  # the page, its style, script, icon, messages, and the data


def test_the_page_carries_open_graph_and_twitter_card_tags(base_url: str) -> None:
    html = requests.get(f"{base_url}/", timeout=30).text
    tags = meta_tags(html)
    for key in (
        "og:title",
        "og:description",
        "og:image",
        "og:type",
        "og:image:alt",
        "twitter:card",
        "twitter:title",
        "twitter:description",
        "twitter:image",
    ):
        assert tags.get(key), f"{key} is missing"
    assert tags["twitter:card"] == "summary_large_image"
    image = requests.get(f"{base_url}/{tags['og:image']}", timeout=30)
    assert image.status_code == 200
    assert image.headers["Content-Type"].startswith("image/png")
    assert image.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_share_link_opens_that_area_s_ballot(
    site: Site, new_context: Callable[..., BrowserContext], base_url: str
) -> None:
    site.open("/#/area/abergele/results")
    link = site.page.get_by_label(site.say("share.label", area=seed_area("abergele")["name"]["en"]))
    expect(link).to_have_value(f"{base_url}/#/area/abergele")

    # When someone else opens the shared link
    page = new_context().new_page()
    page.goto(link.input_value())
    expect(page.get_by_role("heading", level=1)).to_have_text(seed_area("abergele")["name"]["en"])
    expect(page.locator("#ballot-form")).to_be_visible()
