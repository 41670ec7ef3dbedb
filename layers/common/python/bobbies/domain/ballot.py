"""What makes a ballot valid, who may cast one, and the receipt a resident gets (the key a ballot is
stored under is domain/verification.py's voter_key)."""

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from bobbies.domain.errors import InvalidInput

VOTER_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,128}")
# A resident known by more than a device: "phone:<E.164 GB mobile>" or "paper:<a paper ballot's
# reference>". Never what a device sends (a token has no colon), so only the routes that checked
# the number or took the paper ballot can vote as one; a resident's ballots from an officer's stall
# and from their own verified phone share the identity, so they are one ballot.
RESIDENT = re.compile(r"phone:\+447[0-9]{9}|paper:[A-Z0-9][A-Z0-9-]{2,31}")
PAPER_REFERENCE = re.compile(r"[A-Z0-9][A-Z0-9-]{2,31}")

ONLINE, ASSISTED = "online", "assisted"  # through the page; taken by an officer (a stall, a meeting, a call)
CHANNELS = (ONLINE, ASSISTED)
# Census 2021's broad age bands (ONS table TS007B) joined where they are narrower than these, so
# each band can be set beside its share of a local authority's residents aged 16 and over.
AGE_BANDS = ("16-24", "25-34", "35-49", "50-64", "65+")
BALLOT_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")  # the store makes them 32 hex digits
VERSION_MOST = 1_000_000_000  # far more than any voter's revotes; a number DynamoDB takes whole


class BallotVersion(NamedTuple):
    """A voter's ballot in a round as it was written: what a new ballot replaces. A client names the
    one it last cast (its receipt's `ballot` and `version`) so the write needs no read first."""

    ballot_id: str
    version: int


def check_voter_token(token: str) -> None:
    if not (VOTER_TOKEN.fullmatch(token) or RESIDENT.fullmatch(token)):
        raise InvalidInput("invalid_voter")


def check_age_band(band: object) -> str | None:
    """An age band a resident chose, or None for "prefer not to say"."""
    if band is None:
        return None
    if isinstance(band, str) and band in AGE_BANDS:
        return band
    raise InvalidInput("invalid_age_band")


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


def digest(area_id: str, round_id: str, allocations: Mapping[str, int]) -> str:
    """A short fingerprint of exactly what was counted, for the resident's receipt."""
    canonical = json.dumps([area_id, round_id, counted(allocations)], separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]
