"""How figures and counted nouns are written, the same on the page, in the email and in the SMS.

Figures: two decimal places at most, rounded half up from the exact fraction (never through a
float, so 1/8 is "0.13" everywhere), trailing zeros dropped ("5.5", "3", "0.13").

Plurals follow the CLDR plural rules (https://cldr.unicode.org/, plurals.xml):
  en: one  if i = 1 and v = 0;  other otherwise ("1 ballot", "1.5 bobbies", "0 ballots")
  cy: zero if n = 0; one if n = 1; two if n = 2; few if n = 3; many if n = 6; other otherwise
The rules are read from the figure as written, so "1" is one and "1.5" is other.

Welsh counts a noun in the singular after a numeral, with the mutation the numeral brings
(1 bleidlais, 2 bleidlais, 3 pleidlais, 6 phleidlais), and "o" + the plural for the rest
("4 o bleidleisiau"). "Bobi" keeps its singular after every numeral ("5.5 bobi"); its plural,
used without a number, is "bobis".
"""

from fractions import Fraction
from math import floor

PLACES = 2
LANGUAGES = ("en", "cy")


def rounded(value: Fraction, places: int = PLACES) -> Fraction:
    """Half up (away from zero for negatives), exactly."""
    scale = 10**places
    magnitude = Fraction(floor(abs(value) * scale + Fraction(1, 2)), scale)
    return magnitude if value >= 0 else -magnitude


def figure(value: Fraction | int, places: int = PLACES) -> str:
    """A figure as every message writes it: '5.5', '3', '0.13'."""
    exact = rounded(Fraction(value), places)
    sign = "-" if exact < 0 else ""
    scaled = int(abs(exact) * 10**places)
    whole, part = divmod(scaled, 10**places)
    decimals = f"{part:0{places}d}".rstrip("0") if places else ""
    return f"{sign}{whole}.{decimals}" if decimals else f"{sign}{whole}"


def plural_category(written: str, language: str) -> str:
    """The CLDR plural category of a number as written (see the module docstring)."""
    digits = written.lstrip("-")
    whole, _, decimals = digits.partition(".")
    if language == "cy":
        value = Fraction(digits)
        return {0: "zero", 1: "one", 2: "two", 3: "few", 6: "many"}.get(
            int(value) if value.denominator == 1 else -1, "other"
        )
    return "one" if whole == "1" and not decimals else "other"


# A counted noun in every plural form each language uses; "other" is the fallback.
NOUNS: dict[str, dict[str, dict[str, str]]] = {
    "ballot": {
        "en": {"one": "{n} ballot", "other": "{n} ballots"},
        "cy": {
            "zero": "{n} o bleidleisiau",
            "one": "{n} bleidlais",
            "two": "{n} bleidlais",
            "few": "{n} pleidlais",
            "many": "{n} phleidlais",
            "other": "{n} o bleidleisiau",
        },
    },
    "bobby": {
        "en": {"one": "{n} bobby", "other": "{n} bobbies"},
        "cy": {"other": "{n} bobi"},
    },
}


def counted(value: Fraction | int, noun: str, language: str) -> str:
    """'1 ballot', '3 ballots', '2 bleidlais', '4 o bleidleisiau', '5.5 bobbies'."""
    written = figure(value)
    forms = NOUNS[noun][language]
    return forms.get(plural_category(written, language), forms["other"]).format(n=written)


def both(noun: str, value: Fraction | int) -> dict[str, str]:
    return {language: counted(value, noun, language) for language in LANGUAGES}
