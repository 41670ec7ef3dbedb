"""Receipt codes: what a resident can keep to check later that their ballot counted.

A code is 128 random bits in lower-case base32 (26 letters and digits, no padding), so it cannot
be guessed or enumerated, and it names one ballot version. Only its SHA-256 is stored: a copy of
the table does not hand out working codes. Spaces and hyphens a person adds when copying it are
ignored.
"""

import base64
import hashlib
import re
import secrets

RECEIPT_CODE = re.compile(r"[a-z2-7]{26}")


def new_receipt_code() -> str:
    return base64.b32encode(secrets.token_bytes(16)).decode().rstrip("=").lower()


def receipt_hash(code: str) -> str | None:
    """The stored key for a code, or None when the text cannot be a code at all."""
    normal = re.sub(r"[\s-]", "", code).lower()
    if not RECEIPT_CODE.fullmatch(normal):
        return None
    return hashlib.sha256(normal.encode()).hexdigest()
