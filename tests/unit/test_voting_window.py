"""One rule for "is voting open", rounds that close at midnight in London, and when voting next opens."""

from datetime import date

from bobbies.domain.model import Round
from bobbies.domain.rounds import first_round, last_day, next_opening, next_round
from bobbies.domain.times import parse_utc as at


def test_a_summer_round_closes_at_midnight_in_london_not_in_utc() -> None:
    # Given a round opened in June (London is on BST, UTC+1)
    opening = first_round("bangor", at("2027-06-01T10:00:00+00:00"), 28, ["speeding"])
    # Then it closes as the 28th of June ends in London, and that is its last day
    assert opening.closes == at("2027-06-29T00:00:00+01:00")
    assert last_day(opening) == date(2027, 6, 28)
    # and the 02:00 nightly run (London) finds it closed, while 23:30 London on its last day is open
    assert opening.is_open(at("2027-06-28T23:30:00+01:00"))
    assert not opening.is_open(at("2027-06-29T02:00:00+01:00"))


def test_a_round_across_the_clock_change_still_ends_at_london_midnight() -> None:
    winter = Round("bangor", "r1", at("2027-02-10T00:00:00+00:00"), at("2027-03-10T00:00:00+00:00"), ("a",))
    spring = next_round(winter, at("2027-03-10T02:00:00+00:00"), 28, ["a"])
    assert spring.closes == at("2027-04-07T00:00:00+01:00")
    assert last_day(spring) == date(2027, 4, 6)


def test_a_round_takes_no_ballots_before_it_opens_and_says_when_it_will() -> None:
    ahead = Round("bangor", "r2", at("2027-01-20T00:00:00+00:00"), at("2027-02-17T00:00:00+00:00"), ("a",))
    early = at("2027-01-19T12:00:00+00:00")
    assert not ahead.is_open(early)
    assert next_opening(ahead, early) == ahead.opens
    assert ahead.is_open(ahead.opens)
    assert next_opening(ahead, ahead.opens) is None


def test_after_the_close_voting_next_opens_with_the_nightly_run_at_two_in_london() -> None:
    summer = Round("bangor", "r3", at("2027-06-01T00:00:00+01:00"), at("2027-06-29T00:00:00+01:00"), ("a",))
    assert next_opening(summer, at("2027-06-29T00:30:00+01:00")) == at("2027-06-29T02:00:00+01:00")
    # a nightly run that has not happened by 02:00 is expected at the next one
    assert next_opening(summer, at("2027-06-29T09:00:00+01:00")) == at("2027-06-30T02:00:00+01:00")
    closed = Round("bangor", "r3", summer.opens, summer.closes, ("a",), closed=True)
    assert not closed.is_open(at("2027-06-10T12:00:00+01:00"))
