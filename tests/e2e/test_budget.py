"""The budget holds: no way of clicking or typing puts a ballot over, and a ballot is sent once."""

import pytest
from playwright.sync_api import Request, expect

from tests.e2e.site import Site, wait_until

pytestmark = pytest.mark.e2e


def placed(site: Site) -> int:
    return int(
        site.page.evaluate(
            "[...document.querySelectorAll('#priorities .count')].reduce((s, el) => s + Number(el.value), 0)"
        )
    )


def open_ballot(site: Site, area_id: str) -> list[str]:
    site.open(f"/#/area/{area_id}")
    site.wait_for_ballot()
    return list(site.ballot_titles(area_id).values())


def test_keyboard_cannot_exceed_the_budget(site: Site) -> None:
    page = site.page
    first, second, third, *_ = open_ballot(site, "rhyl")

    # Given every bobby on the first priority, by keyboard
    site.slider(first).focus()
    page.keyboard.press("End")
    expect(site.left_text()).to_have_text(site.say("ballot.left", left=0, budget=10))

    # When they try to give more elsewhere: End, arrows and Page Up on a slider, typing a big number
    site.slider(second).focus()
    page.keyboard.press("End")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("PageUp")
    site.count_box(third).fill("15")
    site.count_box(third).press("Tab")

    # Then nothing moves, and they are told why
    expect(site.slider(second)).to_have_value("0")
    expect(site.count_box(third)).to_have_value("0")
    assert placed(site) == 10
    note = site.priority(third).locator(".field-note")
    expect(note).to_have_text(site.say("ballot.cappedNone", asked=15, title=third))

    # When they free three and then ask for everything on another priority
    site.slider(first).focus()
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
    site.count_box(second).fill("99")

    # Then it gets only the three that were free
    expect(site.count_box(second)).to_have_value("3")
    expect(site.slider(second)).to_have_value("3")
    assert placed(site) == 10
    expect(site.submit_button()).to_be_enabled()

    # And nothing below zero either
    site.count_box(third).fill("-4")
    site.count_box(third).press("Tab")
    expect(site.count_box(third)).to_have_value("0")
    assert placed(site) == 10


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_a_number_cut_to_the_bobbies_left_says_why(site: Site, lang: str) -> None:
    page = site.page
    site.open(f"/?lang={lang}#/area/flint")
    site.wait_for_ballot()
    first, second, third, *_ = site.ballot_titles("flint").values()

    # Given two bobbies left to give
    site.count_box(first).fill("8")
    expect(site.left_text()).to_have_text(site.say("ballot.left", left=2, budget=10))

    # When they type 9 for another priority
    site.count_box(second).fill("9")

    # Then it gets the 2, and the reason shows beside its box and is read out politely
    why = site.say("ballot.capped", count=2, asked=9, title=second)
    expect(site.count_box(second)).to_have_value("2")
    note = site.priority(second).locator(".field-note")
    expect(note).to_have_text(why)
    expect(page.locator("#announcer[aria-live=polite]")).to_have_text(why)
    described_by = site.count_box(second).get_attribute("aria-describedby") or ""
    assert note.get_attribute("id") in described_by.split()

    # And it stays while they move on, until that priority changes
    site.count_box(second).press("Tab")
    expect(note).to_have_text(why)
    site.less_button(second).click()
    expect(note).to_be_empty()

    # When four are asked for with one left, the one-bobby form reads right
    site.count_box(third).fill("4")
    expect(site.count_box(third)).to_have_value("1")
    expect(site.priority(third).locator(".field-note")).to_have_text(
        site.say("ballot.capped", count=1, asked=4, title=third)
    )


def test_clicking_cannot_exceed_the_budget(site: Site) -> None:
    page = site.page
    titles = open_ballot(site, "prestatyn")

    # When they click "one more" on the first priority fifteen times, as fast as the mouse goes
    site.more_button(titles[0]).click(click_count=15, delay=0)

    # Then it stops at the budget and the button can no longer be pressed
    expect(site.count_box(titles[0])).to_have_value("10")
    expect(site.more_button(titles[0])).to_be_disabled()
    assert placed(site) == 10

    # When they click the far end of another slider's track
    box = site.slider(titles[1]).bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2)

    # Then it stays at nothing
    expect(site.slider(titles[1])).to_have_value("0")
    assert placed(site) == 10

    # When the controls get a burst of clicks in one go (every button, many times, no waiting)
    site.less_button(titles[0]).click(click_count=4, delay=0)
    expect(site.count_box(titles[0])).to_have_value("6")
    page.evaluate(
        """() => {
            for (let i = 0; i < 20; i++) {
                for (const b of document.querySelectorAll('#priorities .step[data-delta="1"]')) b.click();
            }
        }"""
    )

    # Then the total is still the budget, exactly
    assert placed(site) == 10
    expect(site.left_text()).to_have_text(site.say("ballot.left", left=0, budget=10))


def test_a_ballot_is_sent_once_however_often_submit_is_pressed(site: Site) -> None:
    page = site.page
    titles = open_ballot(site, "ruthin")
    posts: list[Request] = []
    page.on("request", lambda r: posts.append(r) if r.method == "POST" else None)

    # Given an incomplete ballot, Enter in a box does not send it
    site.count_box(titles[0]).fill("4")
    site.count_box(titles[0]).press("Enter")
    expect(site.submit_button()).to_be_disabled()

    # When the ballot is complete and submit is pressed twice quickly, and the form submitted again
    site.count_box(titles[1]).fill("6")
    page.evaluate(
        """() => {
            const form = document.getElementById('ballot-form');
            const button = document.getElementById('submit-ballot');
            button.click(); button.click(); form.requestSubmit();
        }"""
    )

    # Then exactly one ballot goes to the server
    expect(page.locator("#confirmation")).to_be_visible()
    # A second send would start from the same clicks, before the first answer; its request event
    # comes before the confirmation's, and the results are read after both.
    assert wait_until(lambda: site.api("/areas/ruthin/results")["ballots"] >= 1)
    assert len(posts) == 1, [r.url for r in posts]
    sent = posts[0].post_data_json
    assert sent is not None
    assert sent["allocations"][next(iter(site.ballot_titles("ruthin")))] == 4


def test_double_click_on_submit_sends_once(site: Site) -> None:
    page = site.page
    titles = open_ballot(site, "denbigh")
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    site.count_box(titles[2]).fill("10")
    site.submit_button().dblclick()
    expect(page.locator("#confirmation")).to_be_visible()
    assert wait_until(lambda: site.api("/areas/denbigh/results")["ballots"] >= 1)  # as above
    assert len(posts) == 1, posts
