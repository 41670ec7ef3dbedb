"""What makes a ballot valid, how a voter is identified, and the receipt a resident gets."""

import hashlib
import hmac
import json
import re
from collections.abc import Iterable, Mapping

from bobbies.domain.errors import InvalidInput

VOTER_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,128}")
# A verified number (domain/phone.py): never taken from a request body, whose voter is a VOTER_TOKEN.
PHONE_IDENTITY = re.compile(r"phone:\+447[0-9]{9}")


def check_voter_token(token: str) -> None:
    if not (VOTER_TOKEN.fullmatch(token) or PHONE_IDENTITY.fullmatch(token)):
        raise InvalidInput("invalid_voter")


def check_allocations(allocations: Mapping[str, int], priority_ids: Iterable[str], budget: int) -> None:
    """Whole bobbies, none negative, only this round's priorities, exactly the area's budget."""
    on_ballot = set(priority_ids)
    for priority_id, bobbies in allocations.items():
        if priority_id not in on_ballot:
            raise InvalidInput("unknown_priority", priority=priority_id)
        if isinstance(bobbies, bool) or not isinstance(bobbies, int):
            raise InvalidInput("not_whole_bobbies", priority=priority_id)
        if bobbies < 0:
            raise InvalidInput("negative_allocation", priority=priority_id)
    given = sum(allocations.values())
    if given != budget:
        raise InvalidInput("budget_mismatch", given=given, budget=budget)


def counted(allocations: Mapping[str, int]) -> dict[str, int]:
    """The allocation as stored and tallied: zero entries carry nothing, so they are dropped."""
    return {priority_id: bobbies for priority_id, bobbies in sorted(allocations.items()) if bobbies}


def voter_hash(key: bytes, token: str) -> str:
    """The keyed hash that stands in for a voter; the token itself is never stored."""
    return hmac.new(key, token.encode(), hashlib.sha256).hexdigest()


def digest(area_id: str, round_id: str, allocations: Mapping[str, int]) -> str:
    """A short fingerprint of exactly what was counted, for the resident's receipt."""
    canonical = json.dumps([area_id, round_id, counted(allocations)], separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]
