"""Which telephone numbers a code may be sent to: UK mobiles, written any way a person writes them.

Numbers are parsed and normalised with `phonenumbers` (Google's libphonenumber) to E.164. Only
numbers whose region is GB and whose type is MOBILE are taken. Jersey, Guernsey and the Isle of Man
share +44 7 but are not the United Kingdom: libphonenumber gives them regions JE, GG and IM, and
they are refused like any other non-UK number (they are priced and regulated as international
destinations, and a North Wales ballot is for UK residents). Pagers (076), personal numbers (070),
landlines and anything with an extension are refused too. Nothing is sent to a refused number.
"""

from bobbies.domain.errors import InvalidInput

MOST_CHARACTERS = 32  # "+44 (0) 7400 123 456" and friends; anything longer is not a number
ALLOWED = set("0123456789+-() .")


def uk_mobile(raw: object) -> str:
    """The number in E.164 (+447...), or InvalidInput("not_a_uk_mobile")."""
    import phonenumbers  # only the verification route pays for its metadata

    if not isinstance(raw, str) or not 0 < len(raw) <= MOST_CHARACTERS or not set(raw) <= ALLOWED:
        raise InvalidInput("not_a_uk_mobile")
    try:
        number = phonenumbers.parse(raw, "GB")
    except phonenumbers.NumberParseException:
        raise InvalidInput("not_a_uk_mobile") from None
    mobile = (
        phonenumbers.is_valid_number(number)
        and not number.extension
        and phonenumbers.region_code_for_number(number) == "GB"
        and phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
    )
    if not mobile:
        raise InvalidInput("not_a_uk_mobile")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_identity(e164: str) -> str:
    """The voter identity of a verified number: the same string an officer's assisted ballot uses."""
    return f"phone:{e164}"
