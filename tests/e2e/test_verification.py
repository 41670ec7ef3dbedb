"""A resident confirms a UK mobile by SMS code before a first ballot in a round, in English and in
Welsh, on a stack with VoterVerification on: a bad number and a wrong code are worded from the
catalogue, the right code sends the ballot, and a change of ballot needs no new code."""

import re
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from local.testing import RunnerProcess, runner_process
from local.waiting import eventually
from playwright.sync_api import Page, expect

from tests.e2e.conftest import in_language
from tests.e2e.site import Site

pytestmark = pytest.mark.e2e

AREAS = {"en": ("conwy", "07400 111222", "+447400111222"), "cy": ("bala", "07400 333444", "+447400333444")}


@pytest.fixture(scope="module")
def verifying_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunnerProcess]:
    with runner_process(tmp_path_factory.mktemp("verifying"), env={"BOBBIES_VERIFICATION": "1"}) as stack:
        yield stack


@pytest.fixture
def browser_context_args(
    browser_context_args: dict[str, Any], verifying_stack: RunnerProcess
) -> dict[str, Any]:
    return {**browser_context_args, "base_url": verifying_stack.url}


@pytest.fixture
def site(page: Page, verifying_stack: RunnerProcess) -> Site:
    return Site(page, verifying_stack.url, requests.Session())


def texts_to(stack: RunnerProcess, number: str) -> list[str]:
    return [text["text"] for text in stack.texts() if text["to"] == number]


@pytest.mark.parametrize("lang", [in_language("en"), in_language("cy")])
def test_a_resident_confirms_a_mobile_then_votes_and_changes_the_ballot(
    site: Site, verifying_stack: RunnerProcess, lang: str
) -> None:
    page, (area_id, typed, e164) = site.page, AREAS[lang]
    ballots_before = site.api(f"/areas/{area_id}/results")["ballots"]

    # Given a resident on their area's ballot with every bobby placed
    site.open(f"/#/area/{area_id}")
    site.wait_for_ballot()
    assert site.lang == lang
    first = next(iter(site.ballot_titles(area_id).values()))
    site.count_box(first).fill("10")
    site.submit_button().click()

    # Then they are asked for a UK mobile, and told what is kept and why
    panel = page.locator("#verify-panel")
    expect(panel).to_be_visible()
    expect(page.locator("#verify-title")).to_have_text(site.say("verify.title"))
    expect(page.locator("#verify-privacy")).to_contain_text(site.say("verify.privacy"))

    # When they give a landline: refused in their language, and no text sent
    page.locator("#verify-phone-input").fill("01248 123456")
    page.locator("#verify-phone-submit").click()
    expect(page.locator("#verify-phone-error")).to_have_text(site.say("error.not_a_uk_mobile"))
    assert texts_to(verifying_stack, "+441248123456") == []

    # When they give their mobile: one text, in their language, and a field for the code
    page.locator("#verify-phone-input").fill(typed)
    page.locator("#verify-phone-submit").click()
    expect(page.locator("#verify-code-input")).to_be_visible()
    assert eventually(lambda: texts_to(verifying_stack, e164), timeout=20)
    (text,) = texts_to(verifying_stack, e164)
    assert ("yw eich cod" in text) == (lang == "cy")
    code = re.findall(r"\b[0-9]{6}\b", text)[0]

    # A wrong code is worded from the catalogue; the right one sends the ballot
    page.locator("#verify-code-input").fill(f"{(int(code) + 1) % 1_000_000:06d}")
    page.locator("#verify-code-submit").click()
    expect(page.locator("#verify-code-error")).to_have_text(site.say("error.wrong_code"))
    page.locator("#verify-code-input").fill(code)
    page.locator("#verify-code-submit").click()
    expect(page.locator("#confirmation-title")).to_have_text(site.say("confirm.heading"))
    assert eventually(
        lambda: site.api(f"/areas/{area_id}/results")["ballots"] == ballots_before + 1, timeout=30
    )

    # When they come back on the same device and change their ballot: no new code is asked for
    page.goto(f"/#/area/{area_id}")
    page.reload()
    site.wait_for_ballot()
    second = list(site.ballot_titles(area_id).values())[1]
    site.count_box(first).fill("5")
    site.count_box(second).fill("5")
    site.submit_button().click()
    expect(page.locator("#confirmation-title")).to_have_text(site.say("confirm.headingReplaced"))
    expect(panel).to_be_hidden()
    assert len(texts_to(verifying_stack, e164)) == 1
    assert site.api(f"/areas/{area_id}/results")["ballots"] == ballots_before + 1
