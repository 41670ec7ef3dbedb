"""UK postcodes: recognising one, tidying it, and the prefixes an area can be keyed by."""

import re

from bobbies.domain.errors import InvalidInput, Malformed

# Outward code (area, district) and an optional inward code (sector digit, unit letters).
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})?$")

# A postcode as a person may write it: either case, whitespace anywhere (Python's \s spelt out, as
# JavaScript's differs), ASCII letters only ("ß".upper() is "SS"). The API's document publishes this
# very pattern, so what the document calls a postcode and what is accepted are the same strings.
_GAP = r"[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_L, _D, _A = (f"{_GAP}*{kind}" for kind in ("[A-Za-z]", "[0-9]", "[A-Za-z0-9]"))
PATTERN = f"^{_L}(?:{_L})?{_D}(?:{_A})?(?:{_D}{_L}{_L})?{_GAP}*$"
_WRITTEN = re.compile(PATTERN)


def normalise(raw: str) -> str:
    """'ll572dg' -> 'LL57 2DG'; an outward code alone ('ll57') is accepted too."""
    if not _WRITTEN.fullmatch(raw):
        raise Malformed("invalid_postcode")
    match = _POSTCODE.fullmatch(re.sub(_GAP, "", raw).upper())
    assert match  # the written form is the compact form with gaps
    outward, inward = match.groups()
    return f"{outward} {inward}" if inward else outward


def lookup_prefixes(postcode: str) -> list[str]:
    """Most specific first: the sector ('LL57 2'), then the district ('LL57')."""
    outward, _, inward = postcode.partition(" ")
    return [f"{outward} {inward[0]}", outward] if inward else [outward]


# What an area covers: a postcode district ('LL57') or a sector ('LL57 2', written with its gap, as
# 'LL572' could be read either way). lookup_prefixes finds a postcode by these, sector first.
_COVERAGE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)(?: ([0-9]))?$")


def coverage_prefix(raw: str) -> str:
    """' ll57  2 ' -> 'LL57 2'; 'll57' -> 'LL57'; anything else is not a district or a sector."""
    match = _COVERAGE.fullmatch(" ".join(raw.upper().split())) if raw.isascii() else None
    if not match:
        raise InvalidInput("invalid_coverage")
    outward, sector = match.groups()
    return f"{outward} {sector}" if sector else outward


def district_of(prefix: str) -> str:
    """The postcode district of a district or a sector: 'LL57 2' -> 'LL57'."""
    return prefix.partition(" ")[0]
