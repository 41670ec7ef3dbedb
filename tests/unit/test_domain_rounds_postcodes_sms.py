"""Rounds, postcodes and SMS segments."""

import pytest

from bobbies.domain import postcode
from bobbies.domain.errors import Malformed
from bobbies.domain.model import Round
from bobbies.domain.rounds import carried_forward, first_round, next_round
from bobbies.domain.sms import first_that_fits, fits_one_segment, segment_cost, segments, within_budget
from bobbies.domain.times import parse_utc as at


def test_a_first_round_closes_at_midnight_after_its_length() -> None:
    opening = first_round("bangor", at("2026-11-25T15:30:00"), 28, ["speeding"])
    assert opening.closes == at("2026-12-23T00:00:00")
    assert opening.is_open(at("2026-12-22T23:59:59"))
    assert not opening.is_open(at("2026-12-23T00:00:00"))


def test_the_next_round_opens_as_the_last_closes_and_never_opens_already_over() -> None:
    closed = Round("bangor", "r1", at("2026-11-25T00:00:00"), at("2026-12-23T00:00:00"), ("a",))
    on_time = next_round(closed, at("2026-12-23T02:00:00"), 28, ["a", "b"])
    assert (on_time.opens, on_time.closes) == (at("2026-12-23T00:00:00"), at("2027-01-20T00:00:00"))
    late = next_round(closed, at("2027-02-01T02:00:00"), 28, ["a"])
    assert late.closes == at("2027-02-17T00:00:00")
    assert late.priority_ids == ("a",)


def test_newly_approved_priorities_join_the_end_of_the_same_ballot() -> None:
    assert carried_forward(["b", "a"], ["a", "b", "c"]) == ["b", "a", "c"]


@pytest.mark.parametrize(
    ("raw", "tidy"),
    [("ll57 2dg", "LL57 2DG"), (" LL572DG ", "LL57 2DG"), ("ch7  1aa", "CH7 1AA"), ("ll57", "LL57")],
)
def test_postcodes_are_accepted_with_any_spacing_and_case(raw: str, tidy: str) -> None:
    assert postcode.normalise(raw) == tidy


@pytest.mark.parametrize("raw", ["", "hello", "12345", "LL57 2D", "<script>"])
def test_things_that_are_not_postcodes_are_refused(raw: str) -> None:
    with pytest.raises(Malformed):
        postcode.normalise(raw)


def test_a_postcode_is_looked_up_by_sector_then_district() -> None:
    assert postcode.lookup_prefixes("LL57 2DG") == ["LL57 2", "LL57"]


def test_welsh_letters_make_an_sms_ucs2_with_70_characters() -> None:
    assert segment_cost("Tasg Bangor") == (11, 160)
    assert segment_cost("Tasg Llanfairpwllgwyngyll: ŵ") == (28, 70)
    assert fits_one_segment("a" * 160) and not fits_one_segment("ŵ" + "a" * 70)


def test_welsh_letters_may_take_two_segments_but_a_plain_text_only_one() -> None:
    assert segments("ŵ" + "a" * 133) == 2 and within_budget("ŵ" + "a" * 133)
    assert not within_budget("ŵ" + "a" * 134)
    assert segments("a" * 161) == 2 and not within_budget("a" * 161)


def test_the_fullest_wording_that_fits_is_chosen_and_nothing_is_ever_cut() -> None:
    assert first_that_fits(["x" * 200, "Tasg Llŷn " + "x" * 120, "short"]) == "Tasg Llŷn " + "x" * 120
    assert first_that_fits(["ŵ" * 200]) == "ŵ" * 200  # over budget, but whole
