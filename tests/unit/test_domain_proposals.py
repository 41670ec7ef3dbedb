"""The rules of a proposal: lengths in characters as a person counts them, references a person can type."""

from datetime import UTC, datetime

import pytest

from bobbies.domain.errors import DomainError
from bobbies.domain.proposals import (
    DESCRIPTION_MOST,
    TITLE_MOST,
    check_draft,
    day_of,
    new_reference,
    normal_reference,
    proposer_hash,
    shown_reference,
)
from bobbies.domain.verification import round_key, voter_key

W_HAT = "w\u0302"  # "ŵ" as some keyboards send it: w and a combining circumflex


def refusal(title: str, description: str = "Cars park on the pavement.", language: str = "en") -> str:
    with pytest.raises(DomainError) as refused:
        check_draft(title, description, language)
    return refused.value.code


@pytest.mark.parametrize(
    "letter",
    ["a", "ŵ", "ŷ", W_HAT, "y\u0302", "🚗", "😀"],
    ids=["ascii", "w-circumflex", "y-circumflex", "w-combining", "y-combining", "car", "smile"],
)
def test_a_title_is_80_characters_whatever_the_letters(letter: str) -> None:
    draft = check_draft(letter * TITLE_MOST, "Disgrifiad.", "cy")
    assert len(draft.title) == TITLE_MOST  # stored composed (NFC): one code point each
    assert refusal(letter * (TITLE_MOST + 1)) == "title_too_long"


@pytest.mark.parametrize("letter", ["e", "ŵ", W_HAT, "🚓"])
def test_a_description_is_500_characters_whatever_the_letters(letter: str) -> None:
    assert len(check_draft("Parcio", letter * DESCRIPTION_MOST, "cy").description) == DESCRIPTION_MOST
    with pytest.raises(DomainError) as refused:
        check_draft("Parcio", letter * (DESCRIPTION_MOST + 1), "cy")
    assert refused.value.code == "description_too_long"


def test_white_space_around_is_not_counted_and_a_title_is_one_line() -> None:
    draft = check_draft("  Speeding \n on\tthe   A5  ", "\r\n Line one\r\nLine two \n", "en")
    assert draft.title == "Speeding on the A5"
    assert draft.description == "Line one\nLine two"
    assert check_draft(" " * 50 + "x" * TITLE_MOST + " " * 50, "d", "en").title == "x" * TITLE_MOST


@pytest.mark.parametrize(
    ("title", "description", "code"),
    [
        ("", "Something", "title_missing"),
        (" \n\t ", "Something", "title_missing"),
        ("Speeding", "", "description_missing"),
        ("Speeding", "  \n ", "description_missing"),
        ("x" * 81, "", "title_too_long"),  # the title's rule first
        ("Speeding \udcff", "Something", "invalid_encoding"),
        ("Speeding", "Something \ud83d", "invalid_encoding"),
    ],
)
def test_what_a_draft_is_refused_for(title: str, description: str, code: str) -> None:
    assert refusal(title, description) == code


def test_only_english_or_welsh() -> None:
    assert refusal("Speeding", language="fr") == "invalid_proposal"


def test_references_are_ten_quotable_characters_and_read_back_however_typed() -> None:
    codes = {new_reference() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 10 and not set(code) & set("ILOU")
        shown = shown_reference(code)
        assert shown == f"{code[:5]}-{code[5:]}"
        assert normal_reference(shown) == code
        assert normal_reference(f" {shown.lower()} ") == code
        assert normal_reference(f"{code[:3]} {code[3:7]} {code[7:]}") == code
    # I and L are read as 1, O as 0, as people copy them
    assert normal_reference("abcde-fghio") == "ABCDEFGH10"
    assert normal_reference("LLLLL-OOOOO") == "1111100000"


@pytest.mark.parametrize(
    "typed", ["", "ABCDE-FGHJ", "ABCDE-FGHJKM", "ABCDE-FGHJU", "ABCDE_FGHJK", "ÀBCDEFGHJK"]
)
def test_what_cannot_be_a_reference_is_none(typed: str) -> None:
    assert normal_reference(typed) is None


def test_the_proposer_s_hash_is_not_their_ballot_s() -> None:
    # proposals hash with the stack's voter secret; ballots with the round's key made from it
    key, token = b"k" * 32, "resident-token-0123456789abcdef"
    for ballot_key in (round_key(key, b"round-secret"), key):
        assert proposer_hash(key, token) != voter_key(ballot_key, "bangor", "r1", token)
    assert proposer_hash(key, token) == proposer_hash(key, token)
    assert token not in proposer_hash(key, token)


def test_the_day_a_proposal_counts_against_is_the_london_day() -> None:
    assert day_of(datetime(2026, 7, 1, 23, 30, tzinfo=UTC)) == "2026-07-02"  # BST: 00:30 on the 2nd
    assert day_of(datetime(2026, 12, 1, 23, 30, tzinfo=UTC)) == "2026-12-01"  # GMT
