"""Who a resident is to the ballot box when an officer takes their ballot: their GB mobile number,
or, without one, the reference of the paper ballot the officer filled in with them.

Either becomes an identity string ("phone:+447700900123", "paper:NW-00123") that is only ever
hashed under the voter key (usecases.voting), never stored or logged; the same number gives the same
identity whether the ballot came through an officer or the resident's own verified phone.
"""

from bobbies.domain.ballot import PAPER_REFERENCE
from bobbies.domain.errors import InvalidInput
from bobbies.domain.phone import phone_identity, uk_mobile


def paper_reference(raw: str) -> str:
    """A paper ballot's reference as printed on it, in capitals without spaces ("nw 00123" -> "NW00123")."""
    tidy = "".join(raw.split()).upper()
    if not PAPER_REFERENCE.fullmatch(tidy):
        raise InvalidInput("invalid_paper_reference")
    return tidy


def identity(phone: str | None, paper: str | None) -> str:
    """The resident's identity for the ballot: their mobile's, or the paper ballot's."""
    if phone is not None:
        return phone_identity(uk_mobile(phone))
    assert paper is not None
    return f"paper:{paper_reference(paper)}"
