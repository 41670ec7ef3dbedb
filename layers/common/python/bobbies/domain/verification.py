"""One resident, one ballot: the codes sent by SMS, the voter key and the ballot pass.

The voter key. A ballot is stored under HMAC(round key, area | round | identity), where the
identity is "phone:+447..." for a verified resident (online or at an officer's stall: the same
string, so both count once) or the page's made-up token when verification is off. The round key is
HMAC(the stack's voter secret, the round's own random secret); the round's secret lives in the
RoundKeys table only while the round is open and is deleted by the nightly run that closes it. So
keys of different areas or rounds cannot be linked, and once a round is closed nobody - not even
someone holding the tables and the voter secret - can tell whose key is whose.

The code. Six digits from `secrets`, zero-padded; stored only as HMAC(round key, challenge | code)
and compared in constant time. The challenge counts tries before comparing (store.verifications),
so no more than MOST_TRIES comparisons are ever made against one code.

The ballot pass. After a right code the page gets a pass for that area and round: the voter key
signed with the round key. A revote on that device sends the pass again and needs no new code; the
pass is worthless in another area or round, and after the round's secret is gone.
"""

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from typing import NamedTuple

CODE_DIGITS = 6
CODE_MINUTES = 10
MOST_TRIES = 5
PASS_MOST = 400  # characters: a pass is about 150


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def new_challenge_id() -> str:
    return secrets.token_urlsafe(18)


def round_key(voter_secret: bytes, round_secret: bytes) -> bytes:
    return hmac.new(voter_secret, round_secret, hashlib.sha256).digest()


def _mac(key: bytes, *parts: str) -> str:
    return hmac.new(key, "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()


def voter_key(key: bytes, area_id: str, round_id: str, identity: str) -> str:
    return _mac(key, "voter", area_id, round_id, identity)


def code_hash(key: bytes, challenge_id: str, code: str) -> str:
    return _mac(key, "code", challenge_id, code)


def code_matches(key: bytes, challenge_id: str, code: str, stored_hash: str) -> bool:
    return hmac.compare_digest(code_hash(key, challenge_id, code), stored_hash)


def is_code_shaped(code: object) -> bool:
    return isinstance(code, str) and len(code) == CODE_DIGITS and code.isascii() and code.isdigit()


class BallotPass(NamedTuple):
    area_id: str
    round_id: str
    voter: str  # the voter key the ballot is stored under


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def issue_pass(key: bytes, granted: BallotPass) -> str:
    body = _b64(json.dumps([granted.area_id, granted.round_id, granted.voter]).encode())
    return f"{body}.{_mac(key, 'pass', body)}"


def pass_round(text: str) -> tuple[str, str] | None:
    """The (area, round) a pass names, unchecked: which round key to check it with."""
    found = _read(text)
    return (found[0], found[1]) if found else None


def _read(text: str) -> list[str] | None:
    if not isinstance(text, str) or len(text) > PASS_MOST or text.count(".") != 1:
        return None
    body = text.split(".", 1)[0]
    try:
        parts = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    except (binascii.Error, ValueError):
        return None
    if not isinstance(parts, list) or len(parts) != 3 or not all(isinstance(p, str) for p in parts):
        return None
    return parts


def check_pass(key: bytes, text: str) -> BallotPass | None:
    """The pass's grant if the round key signed it, else None."""
    parts = _read(text)
    if parts is None:
        return None
    body, signature = text.split(".", 1)
    if not hmac.compare_digest(_mac(key, "pass", body), signature):
        return None
    return BallotPass(*parts)
