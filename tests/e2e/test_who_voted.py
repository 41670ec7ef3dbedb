"""Who voted, beside the ballots count: the residents' page shows how many ballots came online and
through an officer, and how many gave each age band (plural forms right in both languages), after
a resident chooses an age band on the ballot and an officer takes a ballot at a street stall."""

import secrets
from typing import Any

import pytest
import requests
from playwright.sync_api import Page, expect

from tests.conftest import admin_event
from tests.e2e.conftest import in_language
from tests.e2e.seed import postcode_in, seed_area
from tests.e2e.site import Site, wait_until

pytestmark = pytest.mark.e2e

AREA = {"en": "porthmadog", "cy": "buckley"}  # areas no other browser test votes in
# What the resident reads: each line in the language's own plural forms.
SHOWN = {
    "en": {
        "online": "Online: 2 ballots",
        "assisted": "Through a police officer (a street stall, a meeting or a phone call): 1 ballot",
        "16-24": "16 to 24: 0 ballots",
        "25-34": "25 to 34: 1 ballot",
        "65+": "65 and over: 1 ballot",
        "none": "Prefer not to say: 1 ballot",
    },
    "cy": {
        "online": "Ar-lein: 2 bleidlais",
        "assisted": "Drwy swyddog heddlu (stondin ar y stryd, cyfarfod neu alwad ffôn): 1 bleidlais",
        "16-24": "16 i 24: 0 o bleidleisiau",
        "25-34": "25 i 34: 1 bleidlais",
        "65+": "65 a hŷn: 1 bleidlais",
        "none": "Gwell gen i beidio â dweud: 1 bleidlais",
    },
}


def officer_takes_a_ballot(base_url: str, area_id: str, allocations: dict[str, int]) -> dict[str, Any]:
    """An officer of the area's district records a stall ballot (the function run inside the stack
    with the claims API Gateway's Cognito authorizer would pass)."""
    body = {
        "postcode": postcode_in(area_id),
        "phone": "07400 654321",
        "allocations": allocations,
        "ageBand": "65+",
    }
    event = admin_event(
        "POST",
        f"/api/admin/areas/{area_id}/ballots",
        body,
        groups=("officer",),
        district=seed_area(area_id)["district"],
    )
    answer = requests.post(f"{base_url}/_local/invoke/AdminFunction", json=event, timeout=60).json()
    assert answer["result"]["statusCode"] == 201, answer
    return dict(answer["result"])


@pytest.mark.parametrize("lang", [in_language("en"), in_language("cy")])
def test_the_results_show_how_ballots_came_and_the_ages_given(page: Page, base_url: str, lang: str) -> None:
    area_id = AREA[lang]
    site = Site(page, base_url, requests.Session())
    first = site.api(f"/areas/{area_id}/ballot")["priorities"][0]["id"]
    everything = {first: seed_area(area_id)["budget"]}
    # Given a resident who voted online without an age band, and one who voted at a police stall
    plain = {"voter": secrets.token_urlsafe(24), "allocations": everything}
    assert requests.post(f"{base_url}/api/areas/{area_id}/ballots", json=plain, timeout=30).status_code == 201
    officer_takes_a_ballot(base_url, area_id, everything)
    wait_until(lambda: site.api(f"/areas/{area_id}/results")["ballots"] == 2)

    # When a resident votes on the page and gives their age band (25 to 34)
    site.open(f"/?lang={lang}#/area/{area_id}")
    site.wait_for_ballot()
    titles = site.ballot_titles(area_id)
    band = page.get_by_label(site.say("ageBand.label"), exact=True)
    expect(band).to_have_value("")  # "prefer not to say" unless chosen
    band.select_option(label=site.say("ageBand.25-34"))
    site.count_box(titles[first]).fill(str(seed_area(area_id)["budget"]))
    site.submit_button().click()
    site.wait_for_results_settled()

    # Then beside the ballots count the page says how the ballots came and the ages given
    voters = page.locator("#area-results [data-stat='voters']")
    expect(page.locator("#area-results [data-stat='ballots']")).to_have_text("3")
    for channel in ("online", "assisted"):
        expect(voters.locator(f"li[data-channel='{channel}']")).to_have_text(SHOWN[lang][channel])
    for key in ("16-24", "25-34", "65+", "none"):
        expect(voters.locator(f"li[data-band='{key}']")).to_have_text(SHOWN[lang][key])
    expect(voters).to_contain_text(site.say("results.noPopulation"))
    site.screenshot(f"results-who-voted-{lang}")
