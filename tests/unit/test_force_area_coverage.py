"""Every postcode of the North Wales Police force area finds its neighbourhood policing area.

Given the real seed (local/seed/north_wales.json) loaded into moto, a resident asks the API for their
postcode; the postcodes of Chester, Oswestry, Whitchurch, Malpas, Machynlleth and Welshpool, over the
border, are told they are not covered.
"""

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from local.lambdas import LambdaContext
from local.seed import load_seed

from tests.conftest import api_event, load_handler
from tests.unit.conftest import moto_stack

Call = Callable[[str], tuple[int, dict[str, Any]]]

# Every postcode district wholly or mostly in the force area (there is no LL50) ...
FORCE_DISTRICTS = [f"LL{n}" for n in [*range(11, 50), *range(51, 79)]] + ["CH5", "CH6", "CH7", "CH8"]
# ... and the Welsh sectors of districts that cross the border.
WELSH_SECTORS = ["CH4 0", "CH4 8", "CH4 9", "SY13 2", "SY14 7", "SY20 9"]
OVER_THE_BORDER = [
    "CH1 2AB",  # Chester
    "CH2 1AA",
    "CH3 5AA",
    "CH4 7AB",  # Chester, Handbridge side
    "SY10 7AA",  # Oswestry rural
    "SY11 1AA",  # Oswestry
    "SY13 1AA",  # Whitchurch
    "SY14 8AA",  # Malpas
    "SY20 8AA",  # Machynlleth (Powys)
    "SY21 7AA",  # Welshpool (Powys)
]
# Districts split between our areas or across the border: where their sectors go.
SPLITS = {
    "CH7 1AB": "mold",
    "CH7 2AB": "buckley",
    "CH4 0AB": "buckley",
    "CH4 8AB": "connahs-quay",
    "LL13 7AB": "wrexham",
    "LL13 0AB": "maelor",
    "SY13 2AB": "maelor",
    "LL20 8AB": "llangollen",
    "LL20 7AB": "rhos-ruabon-chirk",
    "SY20 9AB": "tywyn",
}


@pytest.fixture(scope="module")
def call() -> Iterator[Call]:
    with moto_stack():
        load_seed()
        handler = load_handler("ApiFunction")

        def get(path: str) -> tuple[int, dict[str, Any]]:
            response = handler(api_event("GET", path), LambdaContext())
            return response["statusCode"], json.loads(response["body"])

        yield get


def area_of(call: Call, postcode: str) -> str | None:
    status, body = call(f"/api/postcodes/{postcode.replace(' ', '%20')}")
    return body["area"]["id"] if status == 200 else None


def test_every_force_area_district_finds_an_area_by_outward_code_and_full_postcode(call: Call) -> None:
    missing = [
        postcode
        for district in FORCE_DISTRICTS
        for postcode in (district, f"{district} 9ZZ")
        if area_of(call, postcode) is None
    ]
    assert missing == []


def test_the_welsh_sectors_of_border_districts_find_an_area(call: Call) -> None:
    missing = [sector for sector in WELSH_SECTORS if area_of(call, f"{sector}AB") is None]
    assert missing == []


@pytest.mark.parametrize("postcode", [*OVER_THE_BORDER, "CH4", "SY13", "SY14", "SY20"])
def test_postcodes_over_the_border_are_not_covered(call: Call, postcode: str) -> None:
    status, body = call(f"/api/postcodes/{postcode.replace(' ', '%20')}")
    assert (status, body["error"]["code"]) == (404, "postcode_not_covered")


@pytest.mark.parametrize(("postcode", "area"), SPLITS.items())
def test_a_split_district_sends_each_sector_to_its_own_area(call: Call, postcode: str, area: str) -> None:
    assert area_of(call, postcode) == area


def test_every_area_is_named_in_both_languages_in_a_district_with_five_to_eight_priorities(
    call: Call,
) -> None:
    _, listing = call("/api/areas")
    problems = []
    for area in listing["areas"]:
        texts = [area["name"], area["nameInText"], area["district"]["name"], area["district"]["nameInText"]]
        _, ballot = call(f"/api/areas/{area['id']}/ballot")
        texts += [p[field] for p in ballot["priorities"] for field in ("title", "description")]
        if any(not (text.get("en") and text.get("cy")) for text in texts):
            problems.append(f"{area['id']}: a text missing in one language")
        if not 5 <= len(ballot["priorities"]) <= 8:
            problems.append(f"{area['id']}: {len(ballot['priorities'])} priorities")
    assert problems == []
    districts = {area["district"]["id"] for area in listing["areas"]}
    assert districts == {"west", "central", "east"}
    assert all(call(f"/api/districts/{district}/results")[0] == 200 for district in districts)


def test_welsh_names_take_a_lower_case_article_inside_a_sentence(call: Call) -> None:
    _, listing = call("/api/areas")
    rhyl = next(area for area in listing["areas"] if area["id"] == "rhyl")
    assert rhyl["nameInText"] == {"en": "Rhyl", "cy": "y Rhyl"}
    assert rhyl["district"]["nameInText"] == {"en": "Central", "cy": "y Canol"}
    places = [*listing["areas"], *(area["district"] for area in listing["areas"])]
    wrong = [
        place["name"]["cy"]
        for place in places
        if place["name"]["cy"].split()[0] in ("Y", "Yr")
        and place["nameInText"]["cy"] != place["name"]["cy"][0].lower() + place["name"]["cy"][1:]
    ]
    assert wrong == []
