"""Who a resident is to the ballot box when an officer takes their ballot: their GB mobile number,
or, without one, the reference of the paper ballot the officer filled in with them.

Either becomes an identity string ("phone:+447700900123", "paper:NW-00123") that is only ever
hashed under the voter key (usecases.voting), never stored or logged; the same number gives the same
identity whether the ballot came through an officer or the resident's own verified phone.
"""

from bobbies.domain.ballot import PAPER_REFERENCE
from bobbies.domain.errors import InvalidInput

MOST_WRITTEN = 32  # characters of a number as a person writes it, spaces and all


def gb_mobile(raw: str) -> str:
    """A GB mobile number in E.164 ("07700 900123" -> "+447700900123"); anything else is
    invalid_phone: a landline, a number abroad, and the Crown Dependencies' mobiles (Jersey,
    Guernsey, Isle of Man share +44 7 but are not GB numbers: such a resident votes on paper)."""
    import phonenumbers  # only when a number is read: its metadata is large

    if len(raw) > MOST_WRITTEN:
        raise InvalidInput("invalid_phone")
    try:
        number = phonenumbers.parse(raw, "GB")
    except phonenumbers.NumberParseException:
        raise InvalidInput("invalid_phone") from None
    mobile = (
        phonenumbers.is_valid_number(number)
        and phonenumbers.region_code_for_number(number) == "GB"
        and phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
    )
    if not mobile:
        raise InvalidInput("invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def paper_reference(raw: str) -> str:
    """A paper ballot's reference as printed on it, in capitals without spaces ("nw 00123" -> "NW00123")."""
    tidy = "".join(raw.split()).upper()
    if not PAPER_REFERENCE.fullmatch(tidy):
        raise InvalidInput("invalid_paper_reference")
    return tidy


def identity(phone: str | None, paper: str | None) -> str:
    """The resident's identity for the ballot: their mobile's, or the paper ballot's."""
    if phone is not None:
        return f"phone:{gb_mobile(phone)}"
    assert paper is not None
    return f"paper:{paper_reference(paper)}"
