"""The police console in a real Chromium against the whole local stack (Cognito in moto, the gateway's
JWT checks, the admin API): staff sign in, a moderator decides on residents' suggestions, an officer
acknowledges a tasking, reports progress and closes it with an outcome - in English and in Welsh, each
view audited by axe (no serious or critical findings) and pictured under screenshots/."""

import re

import pytest
import requests
from local.testing import RunnerProcess
from playwright.sync_api import Page, expect

from tests.e2e.conftest import in_language
from tests.e2e.console import TASKING_AREAS, Console, admin_api, propose
from tests.e2e.i18n import english_left_showing

pytestmark = pytest.mark.e2e

TOKEN_KEY = "bobbies.police.idToken"
OTHER = {"en": "cy", "cy": "en"}
SUGGESTION_AREA = "bangor"


@pytest.fixture
def console(page: Page, console_stack: tuple[RunnerProcess, dict[str, str]]) -> Console:
    return Console(page, console_stack[0])


# Words both catalogues share by design: the language button reads "English" on a Welsh page, and
# "Cymraeg" names the Welsh language in Welsh as the English button does.
SAME_IN_BOTH = {"police.lang.en: English", "langToggle: Cymraeg"}


def no_english_left(console: Console) -> None:
    """On a Welsh page, no English message shows."""
    if console.lang == "cy":
        found = english_left_showing(console.page, console=True)
        assert [leak for leak in found if leak not in SAME_IN_BOTH] == []


@pytest.mark.parametrize("lang", [in_language("en"), in_language("cy")])
def test_staff_sign_in_see_who_they_are_and_sign_out(console: Console, lang: str) -> None:
    page = console.page
    problems: dict[str, list[str]] = {}
    # Given the console, signed out: it asks to sign in, in the browser's language
    console.open()
    view = console.view("sign-in")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    console.audit("sign-in", problems)

    # When a moderator gets the password wrong, the console says so plainly and keeps them there
    console.sign_in("moderator", password="not-the-password-1A!")
    expect(view.get_by_role("alert")).to_have_text(console.say("police.signIn.error.wrongPassword"))
    console.audit("sign-in-wrong-password", problems)

    # When they sign in, they see who the API says they are, and only the views of their group
    console.sign_in("moderator")
    home = console.view("home")
    expect(home.locator("#me-username")).to_have_text("moderator-demo")
    expect(home.locator("#me-groups")).to_have_text(console.say("police.group.moderator"))
    nav = page.get_by_role("navigation", name=console.say("police.nav.title"))
    expect(nav.get_by_role("link", name=console.say("police.nav.proposals"))).to_be_visible()
    expect(nav.get_by_role("link", name=console.say("police.nav.taskings"))).to_have_count(0)
    assert page.evaluate(f"sessionStorage.getItem('{TOKEN_KEY}')"), "the ID token is kept for the tab"
    assert page.evaluate("Object.keys(localStorage).filter((k) => k.includes('idToken'))") == []
    console.audit("home", problems)
    no_english_left(console)

    # A view of another group says why it is not shown
    console.open("#/areas")
    expect(console.view("forbidden")).to_contain_text(console.say("error.wrong_group"))

    # When they sign out, the token is gone and the console says they signed out
    page.get_by_role("button", name=console.say("police.signOut"), exact=True).click()
    expect(console.view("sign-in").locator("#session-ended")).to_have_text(
        console.say("police.signIn.ended.signedOut")
    )
    assert page.evaluate(f"sessionStorage.getItem('{TOKEN_KEY}')") is None
    assert problems == {}


@pytest.mark.parametrize("lang", [in_language("en")])
def test_a_session_the_api_refuses_asks_to_sign_in_again_and_comes_back(console: Console, lang: str) -> None:
    page = console.page
    console.open()
    console.sign_in("officer")
    console.view("home")
    # Given a token the gateway no longer accepts (its signature is not the pool's)
    page.evaluate(
        f"""() => {{
            const [head, body] = sessionStorage.getItem('{TOKEN_KEY}').split('.');
            sessionStorage.setItem('{TOKEN_KEY}', `${{head}}.${{body}}.${{'A'.repeat(86)}}`);
        }}"""
    )
    # When the officer opens the currency view, the console says the session ended and asks to sign in
    page.get_by_role("link", name=console.say("police.nav.currency")).first.click()
    expect(console.view("sign-in").locator("#session-ended")).to_have_text(
        console.say("police.signIn.ended.expired")
    )
    # And after signing in again, the view asked for is there
    console.sign_in("officer")
    expect(console.view("currency").locator("table")).to_be_visible()


@pytest.mark.parametrize("lang", [in_language("en"), in_language("cy")])
def test_a_moderator_approves_and_declines_suggestions_in_both_languages(
    console: Console, console_stack: tuple[RunnerProcess, dict[str, str]], lang: str
) -> None:
    runner, _ = console_stack
    page, other = console.page, OTHER[lang]
    problems: dict[str, list[str]] = {}
    # Given two suggestions, written in the other language than the moderator's
    approve_title, decline_title = f"Parking by the school ({lang})", f"Noise from the pub ({lang})"
    propose(runner, SUGGESTION_AREA, other, approve_title, "Cars park on the pavement at 3pm.")
    propose(runner, SUGGESTION_AREA, other, decline_title, "Loud music late at night.")

    # When the moderator follows a link to the queue, signs in and lands on it
    console.open("#/proposals")
    console.sign_in("moderator")
    queue = console.view("proposals")
    card = queue.locator("article").filter(has=page.get_by_role("heading", name=approve_title, exact=True))
    expect(card).to_be_visible()
    expect(card).not_to_contain_text(re.compile(r"[0-9a-f]{64}"))  # the stored hash means nothing to anyone
    console.audit("proposals", problems)

    # Approving it without the moderator's own language is refused, the field to fill focused
    card.get_by_label(console.say("police.decision.approve"), exact=True).check()
    card.get_by_role("button", name=console.say("police.decision.submit")).click()
    expect(card.get_by_text(console.say(f"police.field.missing.{lang}"))).to_have_count(2)
    expect(card.locator(f"input[id$='-title-{lang}']")).to_be_focused()
    console.audit("proposal-incomplete", problems)

    # With both languages, it is approved for the area's next round
    title = {"en": "Parking on the pavement by the school", "cy": "Parcio ar y palmant ger yr ysgol"}
    description = {
        "en": "Cars park on the pavement at home time.",
        "cy": "Ceir yn parcio ar y palmant amser mynd adref.",
    }
    console.bilingual(card, "police.approve.title", title["en"], title["cy"])
    console.bilingual(card, "police.approve.description", description["en"], description["cy"])
    card.get_by_role("button", name=console.say("police.decision.submit")).click()
    expect(card.get_by_role("status")).to_have_text(console.say("police.decided.approve"))
    expect(card).to_contain_text(console.say("police.status.approved"))

    # And the other is declined with a reason in both languages
    card = queue.locator("article").filter(has=page.get_by_role("heading", name=decline_title, exact=True))
    card.get_by_label(console.say("police.decision.decline"), exact=True).check()
    reason = {
        "en": "Noise is for the council's team: call them.",
        "cy": "Tîm y cyngor sy'n delio â sŵn: ffoniwch nhw.",
    }
    console.bilingual(card, "police.decline.reason", reason["en"], reason["cy"])
    card.get_by_role("button", name=console.say("police.decision.submit")).click()
    expect(card.get_by_role("status")).to_have_text(console.say("police.decided.decline"))
    console.audit("proposals-decided", problems)
    no_english_left(console)

    # Then the API holds both decisions, both languages in each
    approved = admin_api(runner, "moderator", f"/proposals?area={SUGGESTION_AREA}&status=approved")[
        "proposals"
    ]
    assert [
        (p["approvedTitle"], p["approvedDescription"]) for p in approved if p["title"] == approve_title
    ] == [(title, description)]
    declined = admin_api(runner, "moderator", f"/proposals?area={SUGGESTION_AREA}&status=declined")[
        "proposals"
    ]
    assert [p["reason"] for p in declined if p["title"] == decline_title] == [reason]
    assert problems == {}


@pytest.mark.parametrize("lang", [in_language("en"), in_language("cy")])
def test_an_officer_acknowledges_a_tasking_reports_progress_and_closes_it(
    console: Console, console_stack: tuple[RunnerProcess, dict[str, str]], lang: str
) -> None:
    runner, references = console_stack
    area = TASKING_AREAS[lang]
    problems: dict[str, list[str]] = {}
    public = requests.get(f"{runner.url}/api/taskings", params={"area": area}, timeout=30).json()["taskings"][
        0
    ]
    # Given the link in the tasking's email, opened signed out: the officer signs in and lands on it
    console.open(f"#/taskings/{references[lang]}")
    console.sign_in("officer")
    view = console.view("tasking")
    expect(view.get_by_role("heading", level=1)).to_have_text(public["priority"]["title"][lang])
    expect(view).to_contain_text(console.say("police.taskingStatus.issued"))
    console.audit("tasking", problems)

    # When they acknowledge it
    view.get_by_role("button", name=console.say("police.acknowledge.button")).click()
    expect(view.locator("#tasking-done")).to_have_text(console.say("police.done.acknowledge"))
    expect(view.locator(".facts")).to_contain_text(console.say("police.taskingStatus.acknowledged"))

    # And report progress in both languages
    note = {"en": "Speed checks held on Tuesday.", "cy": "Gwiriadau cyflymder ddydd Mawrth."}
    console.bilingual(view, "police.progress.note", note["en"], note["cy"])
    view.get_by_role("button", name=console.say("police.progress.button")).click()
    expect(view.locator("#tasking-done")).to_have_text(console.say("police.done.progress"))
    expect(view.locator("#progress-list")).to_contain_text(note[lang])

    # And close it: an outcome in one language only is refused, in both it completes the tasking
    outcome = {
        "en": "Average speeds fell after six weeks.",
        "cy": "Gostyngodd cyflymder cyfartalog ar ôl chwe wythnos.",
    }
    console.bilingual(
        view,
        "police.outcome.label",
        outcome["en"] if lang == "en" else "",
        outcome["cy"] if lang == "cy" else "",
    )
    view.get_by_role("button", name=console.say("police.outcome.button")).click()
    expect(view.locator("#outcome-error")).to_have_text(console.say(f"police.field.missing.{OTHER[lang]}"))
    console.bilingual(view, "police.outcome.label", outcome["en"], outcome["cy"])
    view.get_by_role("button", name=console.say("police.outcome.button")).click()
    expect(view.locator("#tasking-done")).to_have_text(console.say("police.done.outcome"))
    expect(view.locator("#outcome-shown")).to_have_text(outcome[lang])
    console.audit("tasking-closed", problems)
    no_english_left(console)

    # Then residents see it completed with the outcome in both languages
    shown = requests.get(f"{runner.url}/api/taskings", params={"area": area}, timeout=30).json()["taskings"][
        0
    ]
    assert (shown["status"], shown["outcome"]) == ("completed", outcome)

    # And the officer's other views show it: the list (with all taskings) and the area's currency
    console.open("#/taskings")
    console.view("taskings").get_by_label(console.say("police.taskings.statusLabel")).select_option("all")
    console.view("taskings").get_by_role("button", name=console.say("police.show")).click()
    expect(
        console.view("taskings").get_by_role("link", name=public["priority"]["title"][lang])
    ).to_be_visible()
    console.audit("taskings", problems)
    console.open("#/currency")
    expect(console.view("currency").locator("table")).to_contain_text(references[lang])
    # (an area with no tasking is flagged in its age cell, the words of the flag and not a stray object)
    stale_age = console.view("currency").locator("tr.stale td").last
    expect(stale_age.locator(".tag-alert")).to_have_text(console.say("police.currency.stale"))
    expect(stale_age).not_to_contain_text("object")
    console.audit("currency", problems)
    assert problems == {}


ADMIN_AREAS = {"en": "bala", "cy": "ruthin"}


@pytest.mark.parametrize("lang", [in_language("en"), in_language("cy")])
def test_an_admin_edits_an_area_and_who_hears_of_its_taskings(
    console: Console, console_stack: tuple[RunnerProcess, dict[str, str]], lang: str
) -> None:
    runner, _ = console_stack
    page, area_id = console.page, ADMIN_AREAS[lang]
    problems: dict[str, list[str]] = {}
    before = next(a for a in admin_api(runner, "admin", "/areas")["areas"] if a["id"] == area_id)
    # Given an admin on the areas list
    console.open("#/areas")
    console.sign_in("admin")
    console.view("areas").get_by_role("link", name=before["name"][lang], exact=True).click()
    edit = console.view("area")
    console.audit("areas-edit", problems)

    # When they rename the area in both languages and give it two more bobbies a ballot
    name = {"en": f"{before['name']['en']} and district", "cy": f"{before['name']['cy']} a'r cylch"}
    console.bilingual(edit, "police.areas.name", name["en"], name["cy"])
    edit.get_by_label(console.say("police.areas.budget"), exact=True).fill(str(before["budget"] + 2))
    edit.get_by_role("button", name=console.say("police.area.save")).click()

    # Then the name changes now and the budget waits for the next round, as the console says
    expect(edit.locator("#area-saved")).to_have_text(console.say("police.area.saved"))
    after = next(a for a in admin_api(runner, "admin", "/areas")["areas"] if a["id"] == area_id)
    assert (after["name"], after["budget"], after["next"]["budget"]) == (
        name,
        before["budget"],
        before["budget"] + 2,
    )
    changing = console.say("police.areas.changing", now=before["budget"], next=before["budget"] + 2)
    expect(edit.locator("#area-budget-hint")).to_have_text(console.say("police.area.now", value=changing))

    # When they add the team's email address, in Welsh, for the area (a wrong one first)
    console.open("#/subscriptions")
    view = console.view("subscriptions")
    view.get_by_label(console.say("police.subs.area"), exact=True).select_option(area_id)
    endpoint = f"team-{area_id}@example.police.uk"
    field = view.get_by_label(console.say("police.subs.emailAddress"), exact=True)
    field.fill("not an address")
    view.get_by_role("button", name=console.say("police.subs.add"), exact=True).click()
    expect(view.locator("#subs-endpoint-error")).to_have_text(console.say("police.subs.emailBad"))
    expect(field).to_be_focused()
    field.fill(endpoint)
    view.get_by_label(console.say("police.lang.cy"), exact=True).check()
    view.get_by_role("button", name=console.say("police.subs.add"), exact=True).click()
    expect(view.locator("#subs-done")).to_have_text(console.say("police.subs.added", endpoint=endpoint))
    expect(view.get_by_role("row").filter(has_text=endpoint)).to_be_visible()
    console.audit("subscriptions", problems)
    no_english_left(console)
    subscribed = admin_api(runner, "admin", f"/subscriptions?area={area_id}")["subscriptions"]
    assert [(s["endpoint"], s["language"]) for s in subscribed if s["endpoint"] == endpoint] == [
        (endpoint, "cy")
    ]

    # And remove it again
    remove = console.say("police.subs.removeLabel", endpoint=endpoint)
    view.get_by_role("button", name=remove, exact=True).click()
    expect(view.locator("#subs-done")).to_have_text(console.say("police.subs.removed", endpoint=endpoint))
    expect(view.get_by_role("row").filter(has_text=endpoint)).to_have_count(0)
    subscribed = admin_api(runner, "admin", f"/subscriptions?area={area_id}")["subscriptions"]
    assert endpoint not in [s["endpoint"] for s in subscribed]
    assert page.url.endswith("#/subscriptions")
    assert problems == {}


@pytest.mark.parametrize("lang", [in_language("cy")])
def test_a_token_whose_hour_is_up_is_forgotten_and_said_to_have_expired(console: Console, lang: str) -> None:
    page = console.page
    console.open()
    console.sign_in("moderator")
    console.view("home")
    # Given the kept token's expiry passed while the tab was open (its payload says it ended an hour ago)
    page.evaluate(
        f"""() => {{
            const [head, body, sig] = sessionStorage.getItem('{TOKEN_KEY}').split('.');
            const claims = JSON.parse(atob(body.replace(/-/g, '+').replace(/_/g, '/')));
            claims.exp = Math.floor(Date.now() / 1000) - 3600;
            const stale = btoa(JSON.stringify(claims)).replace(/=+$/, '')
              .replace(/\\+/g, '-').replace(/\\//g, '_');
            sessionStorage.setItem('{TOKEN_KEY}', `${{head}}.${{stale}}.${{sig}}`);
        }}"""
    )
    # When the moderator comes back to the console, it says the session ended and forgets the token
    console.open("#/proposals")
    notice = console.view("sign-in").locator("#session-ended")
    expect(notice).to_have_text(console.say("police.signIn.ended.expired"))
    assert page.evaluate(f"sessionStorage.getItem('{TOKEN_KEY}')") is None
