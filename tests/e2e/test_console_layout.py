"""The police console's layout and security headers: at 320 CSS px with text at 200% no console view
scrolls sideways or spills out of its box, in either language (WCAG 1.4.4, 1.4.10); and a visit keeps
to the Content-Security-Policy CloudFront sends (template.yaml's WebResponseHeadersPolicy)."""

import json
from collections.abc import Callable

import pytest
from local.testing import RunnerProcess
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import in_language
from tests.e2e.console import Console
from tests.e2e.layout import enlarge_text, overflows, split_words
from tests.e2e.test_security_headers import as_cloudfront_sends, security_headers, violations

pytestmark = pytest.mark.e2e

SMALL_PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}


def views(references: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Each view an admin may open, and what shows once it has loaded."""
    return {
        "home": ("#/", "#me-username"),
        "proposals": ("#/proposals", "#proposals-count"),
        "taskings": ("#/taskings", "#taskings-count"),
        "tasking": (f"#/taskings/{references['en']}", "#tasking-body .facts"),
        "currency": ("#/currency", "#currency table"),
        "ballots": ("#/ballots", "#stall-shares input"),
        "areas": ("#/areas", "#areas table"),
        "area": ("#/areas/conwy", "#area-form"),
        "subscriptions": ("#/subscriptions", "#subs-list :is(table, p)"),
        "missing": ("#/nowhere", "#missing-title"),
    }


@pytest.mark.parametrize("lang", [in_language(lang, viewport=SMALL_PHONE) for lang in ("en", "cy")])
def test_every_console_view_reflows_at_320px_with_text_at_200_percent(
    page: Page, console_stack: tuple[RunnerProcess, dict[str, str]], lang: str
) -> None:
    runner, references = console_stack
    console = Console(page, runner)
    problems: dict[str, list[str]] = {}
    console.open()
    enlarge_text(page)
    console.view("sign-in")
    if found := overflows(page):
        problems["sign-in"] = found
    console.sign_in("admin")
    console.view("home")
    for name, (route, loaded) in views(references).items():
        page.goto(f"{runner.url}/police/{route}")
        expect(page.locator(f"#view-{name}")).to_be_visible()
        expect(page.locator(loaded).first).to_be_visible()
        if found := overflows(page):
            problems[name] = found
        page.screenshot(path=str(console.shots / f"console-large-text-{name}-{lang}-320.png"), full_page=True)
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)


@pytest.mark.parametrize("lang", [in_language(lang, viewport=DESKTOP) for lang in ("en", "cy")])
def test_the_console_tables_cut_no_word_in_two_on_a_desktop(
    page: Page, console_stack: tuple[RunnerProcess, dict[str, str]], lang: str
) -> None:
    # Given an admin at a desktop's width (the tables as tables, not as blocks)
    runner, references = console_stack
    console = Console(page, runner)
    console.open("#/areas")
    console.sign_in("admin")
    cut: dict[str, list[str]] = {}
    for name in ("areas", "currency"):
        # When the view's table is on show
        route, loaded = views(references)[name]
        page.goto(f"{runner.url}/police/{route}")
        expect(page.locator(loaded).first).to_be_visible()
        # Then every word in it is whole on its line ('West' and 'Gorllewin', not 'Gorll' + 'ewin')
        if found := split_words(page):
            cut[name] = found
    assert not cut, json.dumps(cut, ensure_ascii=False)


def test_the_console_says_what_it_is_and_keeps_out_of_search_engines(
    page: Page, console_stack: tuple[RunnerProcess, dict[str, str]]
) -> None:
    runner, _ = console_stack
    Console(page, runner).open()
    # a link to it (a tasking's email, pasted in a chat) is previewed with what it is, in both languages
    description = page.locator('meta[name="description"]').get_attribute("content") or ""
    assert " | " in description and all(len(half.strip()) > 40 for half in description.split(" | "))
    expect(page.locator('meta[name="robots"]')).to_have_attribute("content", "noindex, nofollow")


def test_a_console_visit_keeps_to_the_content_security_policy(
    new_context: Callable[..., BrowserContext], console_stack: tuple[RunnerProcess, dict[str, str]]
) -> None:
    runner, references = console_stack
    context = new_context()
    as_cloudfront_sends(context, security_headers())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    console = Console(page, runner)
    try:
        console.open()
        console.sign_in("admin")  # the sign-in call is under connect-src too
        for route, loaded in views(references).values():
            page.goto(f"{runner.url}/police/{route}")
            expect(page.locator(loaded).first).to_be_visible()
        console.switch_language()
        expect(page.locator("#missing-title")).to_have_text(console.say("police.missing.title"))
        assert violations(page) == []
    finally:
        context.unroute_all(behavior="ignoreErrors")  # a late answer may still be on its way
    assert not errors, f"JavaScript errors on the console: {errors}"
