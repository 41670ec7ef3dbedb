"""Every error a client can see, in English and Welsh, keyed by its machine code: one module per
audience (a new code goes at the end of its audience's dict), looked up here."""

from bobbies.messages.requests import REQUEST_ERRORS
from bobbies.messages.residents import RESIDENT_ERRORS
from bobbies.messages.sms import sms_code_text
from bobbies.messages.staff import STAFF_ERRORS

ERRORS: dict[str, dict[str, str]] = REQUEST_ERRORS | RESIDENT_ERRORS | STAFF_ERRORS

__all__ = ["ERRORS", "error_message", "sms_code_text"]


def error_message(code: str, language: str) -> str:
    texts = ERRORS.get(code) or ERRORS["internal_error"]
    return texts["cy" if language == "cy" else "en"]
