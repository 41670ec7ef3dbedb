"""The API's error texts, one module per audience (bobbies/messages/): each code in one of them, and
worded by the page that audience reads."""

import json
from pathlib import Path

import pytest

from bobbies.messages import ERRORS, error_message
from bobbies.messages.requests import REQUEST_ERRORS
from bobbies.messages.residents import RESIDENT_ERRORS
from bobbies.messages.staff import STAFF_ERRORS

WEB_I18N = Path(__file__).resolve().parents[2] / "web" / "i18n"


def _codes(*files: str) -> set[str]:
    words: dict[str, object] = {}
    for name in files:
        words |= json.loads((WEB_I18N / name).read_text(encoding="utf-8"))
    return {key.removeprefix("error.") for key in words if key.startswith("error.")}


def test_every_code_is_in_one_audience_only() -> None:
    audiences = [REQUEST_ERRORS, RESIDENT_ERRORS, STAFF_ERRORS]
    assert sum(len(a) for a in audiences) == len(ERRORS)


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_residents_page_words_their_errors_and_the_console_the_staff_errors(lang: str) -> None:
    residents_page = _codes(f"{lang}.json", f"{lang}.receipt.json", f"{lang}.proposals.json")
    assert set(REQUEST_ERRORS) | set(RESIDENT_ERRORS) <= residents_page
    assert set(STAFF_ERRORS) <= _codes(f"{lang}.police.json")


def test_an_unknown_code_reads_as_our_own_failure() -> None:
    assert error_message("no_such_code", "cy") == ERRORS["internal_error"]["cy"]
    assert error_message("wrong_group", "fr") == STAFF_ERRORS["wrong_group"]["en"]
