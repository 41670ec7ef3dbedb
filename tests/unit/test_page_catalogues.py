"""The page's two catalogues (web/i18n) against the API's error list and the plural rules of each language."""

from pathlib import Path

import pytest

from bobbies.messages import ERRORS
from tests.e2e.i18n import catalogue

WEB_I18N = Path(__file__).resolve().parents[2] / "web" / "i18n"
# CLDR's categories for whole numbers: English has one/other; Welsh has all six.
PLURAL_FORMS = {"en": {"one", "other"}, "cy": {"zero", "one", "two", "few", "many", "other"}}


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_every_api_error_reads_on_the_page_as_the_api_words_it(lang: str) -> None:
    """The page words an error by its code from its catalogue; those words are the API's own."""
    texts = catalogue(lang)
    missing = sorted(code for code in ERRORS if f"error.{code}" not in texts)
    assert not missing, f"no {lang} message for API error codes {missing}"
    different = {
        code: (texts[f"error.{code}"], words[lang])
        for code, words in ERRORS.items()
        if texts[f"error.{code}"] != words[lang]
    }
    assert not different, f"{lang} page words these errors unlike the API (page, API): {different}"


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_counted_phrases_have_every_plural_form_of_the_language(lang: str) -> None:
    counted = {key: set(v) for key, v in catalogue(lang).items() if isinstance(v, dict)}
    other = "cy" if lang == "en" else "en"
    assert counted.keys() == {k for k, v in catalogue(other).items() if isinstance(v, dict)}
    wanted = PLURAL_FORMS[lang]
    wrong = {key: sorted(forms ^ wanted) for key, forms in counted.items() if forms != wanted}
    assert counted and not wrong, wrong


def test_the_home_page_says_a_job_comes_when_a_round_closes() -> None:
    """Taskings are made when a round closes (the nightly run only finds the rounds that have)."""
    assert "When a round of voting closes" in catalogue("en")["home.intro"]
    assert "Each night" not in catalogue("en")["home.intro"]
    assert "Pan fydd rownd bleidleisio'n cau" in catalogue("cy")["home.intro"]
    assert "Bob nos" not in catalogue("cy")["home.intro"]
