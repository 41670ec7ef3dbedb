"""The text message that carries a resident's confirmation code."""

# The text with a code (one SMS segment in each language: tests/unit/test_verification.py).
SMS_CODE: dict[str, str] = {
    "en": "{code} is your Balance Your Bobbies code. It works for 10 minutes. The police will never "
    "ask you for it.",
    "cy": "{code} yw eich cod Balance Your Bobbies. Mae'n gweithio am 10 munud. Fydd yr heddlu byth "
    "yn gofyn amdano.",
}


def sms_code_text(code: str, language: str) -> str:
    return SMS_CODE["cy" if language == "cy" else "en"].format(code=code)
