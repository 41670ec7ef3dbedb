"""UK postcodes: recognising one, tidying it, and the prefixes an area can be keyed by."""

import re

from bobbies.domain.errors import InvalidInput

# Outward code (area, district) and an optional inward code (sector digit, unit letters).
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})?$")


def normalise(raw: str) -> str:
    """'ll572dg' -> 'LL57 2DG'; an outward code alone ('ll57') is accepted too."""
    compact = re.sub(r"\s+", "", raw).upper()
    match = _POSTCODE.fullmatch(compact)
    if not match:
        raise InvalidInput("invalid_postcode")
    outward, inward = match.groups()
    return f"{outward} {inward}" if inward else outward


def lookup_prefixes(postcode: str) -> list[str]:
    """Most specific first: the sector ('LL57 2'), then the district ('LL57')."""
    outward, _, inward = postcode.partition(" ")
    return [f"{outward} {inward[0]}", outward] if inward else [outward]
