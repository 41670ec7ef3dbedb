"""One way of writing figures and counts, and a decision that says how it was reached."""

import re
from fractions import Fraction

import pytest

from bobbies.domain.figures import counted, figure, plural_category
from bobbies.domain.tally import (
    BY_BACKERS,
    BY_BALLOT_ORDER,
    BY_SUPPORT,
    as_number,
    decision,
    standings,
    tally_of,
)
from bobbies.notify.wording import quorum_text


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (Fraction(1, 8), "0.13"),
        (Fraction(11, 2), "5.5"),
        (Fraction(3), "3"),
        (Fraction(2, 3), "0.67"),
        (Fraction(0), "0"),
        (Fraction(2499, 20000), "0.12"),
        (Fraction(-1, 8), "-0.13"),
    ],
)
def test_a_figure_is_rounded_half_up_from_the_exact_value_and_trailing_zeros_dropped(
    value: Fraction, written: str
) -> None:
    assert figure(value) == written


def test_the_number_in_json_agrees_with_the_text() -> None:
    assert as_number(Fraction(1, 8)) == 0.13 == float(figure(Fraction(1, 8)))


@pytest.mark.parametrize(
    ("number", "english", "welsh"),
    [
        ("0", "other", "zero"),
        ("1", "one", "one"),
        ("2", "other", "two"),
        ("3", "other", "few"),
        ("4", "other", "other"),
        ("6", "other", "many"),
        ("11", "other", "other"),
        ("1.5", "other", "other"),
    ],
)
def test_plural_categories_follow_cldr(number: str, english: str, welsh: str) -> None:
    assert (plural_category(number, "en"), plural_category(number, "cy")) == (english, welsh)


def test_counts_read_naturally_in_both_languages() -> None:
    assert [counted(n, "ballot", "en") for n in (0, 1, 2)] == ["0 ballots", "1 ballot", "2 ballots"]
    assert [counted(n, "ballot", "cy") for n in (1, 2, 3, 4, 6, 20)] == [
        "1 bleidlais",
        "2 bleidlais",
        "3 pleidlais",
        "4 o bleidleisiau",
        "6 phleidlais",
        "20 o bleidleisiau",
    ]
    assert counted(Fraction(3, 2), "bobby", "en") == "1.5 bobbies" and counted(1, "bobby", "en") == "1 bobby"
    assert counted(Fraction(3, 2), "bobby", "cy") == "1.5 bobi"
    assert quorum_text(3, 5) == {"en": "3 of the 5 ballots needed", "cy": "3 pleidlais o'r 5 sydd eu hangen"}
    assert quorum_text(1, 1)["en"] == "1 of the 1 ballot needed"


def test_one_ballot_is_never_written_as_ballots() -> None:
    everything = [counted(n, "ballot", "en") for n in range(200)] + [
        quorum_text(n, q)["en"] for n in range(12) for q in range(1, 12)
    ]
    assert not [text for text in everything if re.search(r"\b1 ballots", text)]


def test_a_dead_heat_is_decided_by_ballot_order_and_names_the_runner_up() -> None:
    # Given a 5/5 split between two priorities with one backer each
    tally = tally_of([{"speeding": 5, "drugs": 5}])
    chosen = decision(standings(tally, ["drugs", "speeding"]), tally)
    assert chosen is not None and chosen.runner_up is not None
    assert (chosen.leader.priority_id, chosen.runner_up.priority_id) == ("drugs", "speeding")
    assert (chosen.margin, chosen.decided_by) == (0, BY_BALLOT_ORDER)


def test_a_tie_on_support_is_decided_by_more_backers() -> None:
    # Given drugs and speeding both on 10 bobbies, speeding from two residents, drugs from one
    tally = tally_of([{"drugs": 10}, {"speeding": 5, "asb": 5}, {"speeding": 5, "asb": 5}])
    chosen = decision(standings(tally, ["drugs", "speeding"]), tally)
    assert chosen is not None and chosen.runner_up is not None
    assert (chosen.leader.priority_id, chosen.runner_up.priority_id, chosen.decided_by) == (
        "speeding",
        "drugs",
        BY_BACKERS,
    )


def test_a_clear_lead_is_decided_by_support() -> None:
    tally = tally_of([{"drugs": 6, "speeding": 4}, {"drugs": 5, "speeding": 5}])
    chosen = decision(standings(tally, ["speeding", "drugs"]), tally)
    assert chosen is not None and chosen.runner_up is not None
    assert (chosen.leader.priority_id, chosen.margin, chosen.decided_by) == ("drugs", Fraction(1), BY_SUPPORT)
