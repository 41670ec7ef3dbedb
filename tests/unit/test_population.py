"""Census 2021 shares beside the results' age bands: absent (not shipped, not made up) until the
figures file is added, and read from it when it is. The counts below are made up for the test."""

import json
from fractions import Fraction
from pathlib import Path

import pytest

from bobbies.domain import population
from bobbies.domain.ballot import AGE_BANDS
from bobbies.domain.model import Area, District, Tally
from bobbies.usecases import voters

MADE_UP = {"16-24": 10, "25-34": 20, "35-49": 30, "50-64": 20, "65+": 20}
WEST = District("west", {"en": "West", "cy": "Gorllewin"})
GWYNEDD = Area(
    "bangor",
    {"en": "Bangor", "cy": "Bangor"},
    WEST,
    10,
    2,
    28,
    "cy",
    authority={"en": "Gwynedd", "cy": "Gwynedd"},
)


def test_no_figures_are_shipped_so_no_shares_are_shown() -> None:
    assert not population.CENSUS_FILE.exists()
    assert population.shares("Gwynedd") is None
    shown = voters.voters_view(GWYNEDD, Tally(ballots=3, bands={"65+": 2}))
    assert [row["populationShare"] for row in shown["ageBands"]] == [None] * 6
    assert shown["populationSource"] is None
    assert [(row["band"], row["ballots"]) for row in shown["ageBands"]][-2:] == [("65+", 2), (None, 1)]


def test_figures_added_as_a_file_give_each_bands_share(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    figures = tmp_path / "census.json"
    figures.write_text(json.dumps({"authorities": {"W06000002": MADE_UP}}), encoding="utf-8")
    assert population.shares("Gwynedd", figures) == {band: Fraction(MADE_UP[band], 100) for band in AGE_BANDS}
    assert population.shares("Wrexham", figures) is None  # an authority without figures
    monkeypatch.setattr(population, "CENSUS_FILE", figures)
    monkeypatch.setattr(voters, "shares", lambda authority: population.shares(authority, figures))
    shown = voters.voters_view(GWYNEDD, Tally(ballots=1))
    assert [row["populationShare"] for row in shown["ageBands"]] == [0.1, 0.2, 0.3, 0.2, 0.2, None]
    assert shown["populationSource"]["cy"].endswith(": Gwynedd")
