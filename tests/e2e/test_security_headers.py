"""The page works under the security headers CloudFront adds to every answer (template.yaml's
WebResponseHeadersPolicy): its Content-Security-Policy, nosniff and no framing, read from the
template and put on each response here, as CloudFront would. A resident's whole visit - find
the area, vote, see the results, check the receipt, switch language - breaks no rule of it."""

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests
from local.template import load_template
from local.template.loading import pseudo_parameters
from playwright.sync_api import BrowserContext, Page, Route, expect

from tests.e2e.site import Site

pytestmark = pytest.mark.e2e

AREA, POSTCODE = "ruthin", "LL15 1AA"  # an area no other browser test votes in
REPORT_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`));
"""


def security_headers() -> dict[str, str]:
    """The headers the template's response-headers policy puts on every answer."""
    policy = load_template()["Resources"]["WebResponseHeadersPolicy"]["Properties"]
    config = policy["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    hsts = config["StrictTransportSecurity"]
    csp = config["ContentSecurityPolicy"]["ContentSecurityPolicy"]
    if isinstance(csp, dict):  # !Sub: the console's sign-in goes to Cognito in the stack's region
        csp = csp["Fn::Sub"].replace("${AWS::Region}", pseudo_parameters()["AWS::Region"])
    return {
        "content-security-policy": " ".join(csp.split()),
        "x-content-type-options": "nosniff",
        "x-frame-options": config["FrameOptions"]["FrameOption"],
        "referrer-policy": config["ReferrerPolicy"]["ReferrerPolicy"],
        "strict-transport-security": f"max-age={hsts['AccessControlMaxAgeSec']}; includeSubDomains",
    }


def as_cloudfront_sends(context: BrowserContext, headers: dict[str, str]) -> None:
    def add_headers(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, **headers})

    context.route("**/*", add_headers)
    context.add_init_script(REPORT_VIOLATIONS)


def violations(page: Page) -> list[str]:
    return list(page.evaluate("window.cspViolations"))


@pytest.fixture
def guarded(new_context: Callable[..., BrowserContext], base_url: str) -> Iterator[Site]:
    context = new_context()
    as_cloudfront_sends(context, security_headers())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield Site(page, base_url, requests.Session())
    context.unroute_all(behavior="ignoreErrors")  # a late answer may still be on its way
    assert not errors, f"JavaScript errors on the page: {errors}"


def test_a_whole_visit_keeps_to_the_content_security_policy(guarded: Site) -> None:
    site, page = guarded, guarded.page
    site.open("/")
    headers: dict[str, Any] = page.evaluate("async () => Object.fromEntries((await fetch('/')).headers)")
    assert "default-src 'none'" in headers["content-security-policy"]  # the page is under it

    site.find_area(POSTCODE)
    site.wait_for_ballot()
    for title, n in zip(site.ballot_titles(AREA).values(), (7, 3), strict=False):
        site.count_box(title).fill(str(n))
    site.submit_button().click()
    expect(page.locator("#confirmation")).to_be_visible(timeout=30_000)  # a loaded machine is slow
    site.wait_for_results_settled()
    page.get_by_role("link", name=site.say("confirm.check")).click()
    expect(page.locator("#receipt-answer h2")).to_be_visible()
    page.goto(f"/#/area/{AREA}/results")
    site.wait_for_results()
    site.switch_language()
    expect(page.locator("#area-results .stats")).to_be_visible()

    assert violations(page) == []


def test_a_policy_the_page_breaks_is_caught(new_context: Callable[..., BrowserContext]) -> None:
    # The same check under a policy without connect-src: the page's API calls are reported.
    context = new_context()
    headers = security_headers()
    policy = headers["content-security-policy"]
    headers["content-security-policy"] = re.sub(r"connect-src [^;]*; ", "", policy)
    as_cloudfront_sends(context, headers)
    page = context.new_page()
    try:
        page.goto("/")
        expect(page.locator("#area-select")).to_be_attached()
        page.wait_for_function("window.cspViolations.length > 0")
        assert any(found.startswith("connect-src") for found in violations(page))
    finally:
        context.unroute_all(behavior="ignoreErrors")
