"""Casting a ballot: checked against the open round, stored once per voter per round.

A warm function keeps the area and its current round it read for KEEP_SECONDS (what does not change
within a round: the round's priorities, times and the area's budget). The write must name the voter's
earlier ballot, if any: the client names the one it last cast (`replacing`, None for what it
believes is its first), so a warm ballot costs one write (the transaction in store.ballots) and no
read. A client that names the wrong one (another device voted, its storage was cleared, or it lies)
only costs itself another write: the refused write hands back the ballot there, and the next
attempt replaces that (no read at all). The voter comes from the token or pass, never the hint,
so a hint can only ever name a ballot of the voter's own.

Nothing kept can let a ballot in late: the transaction itself checks that the round is still open,
and refuses a ballot the nightly close overtakes, kept round or not. Nor can it refuse one wrongly:
a ballot a kept round refuses (ended, or not its priorities) is checked once more against the area
and round read afresh, as the nightly run may have moved the area on.
"""

import time
from collections.abc import Mapping
from datetime import datetime
from typing import NamedTuple

from bobbies.domain.ballot import (
    CHANNELS,
    ONLINE,
    BallotVersion,
    check_age_band,
    check_allocations,
    check_voter_token,
    counted,
    digest,
)
from bobbies.domain.errors import Conflict, InvalidInput, NotFound, Unauthenticated
from bobbies.domain.model import Area, Round
from bobbies.domain.rounds import ballots_kept_until
from bobbies.domain.verification import check_pass, voter_key
from bobbies.observability import count, logger
from bobbies.settings import settings
from bobbies.store import ballots, catalogue, round_keys

ATTEMPTS = 3  # a race with the same voter's other device is settled by re-reading, not by overwriting
KEEP_SECONDS = 60.0

# area id -> (monotonic time read, the area, its current round); forget_kept() clears it.
_kept: dict[str, tuple[float, Area, Round]] = {}


class Receipt(NamedTuple):
    ballot: str
    version: int  # with `ballot`, what the voter's next ballot in the round names as `replacing`
    round: str
    digest: str
    allocations: dict[str, int]
    replaced: bool
    receipt: str  # the code a resident keeps to check this ballot version (GET /api/receipts/{code})


def forget_kept() -> None:
    """Read areas and rounds afresh next time (tests; a SnapStart restore)."""
    _kept.clear()
    round_keys.forget_kept()


def ballot_paper(area_id: str, fresh: bool) -> tuple[Area, Round, bool]:
    """The area and its current round, and whether they were kept from an earlier request."""
    kept = _kept.get(area_id)
    if kept and not fresh and time.monotonic() - kept[0] < KEEP_SECONDS:
        return kept[1], kept[2], True
    area = catalogue.get_area(area_id)
    if not area.current_round:
        raise NotFound("round_not_found")
    current = round_keys.round_with_key(area.id, area.current_round)  # one request: a ballot needs both
    _kept[area_id] = (time.monotonic(), area, current)
    return area, current, False


def cast_ballot(
    area_id: str,
    voter: str,
    allocations: Mapping[str, int],
    now: datetime,
    channel: str = ONLINE,
    age_band: str | None = None,
    replacing: BallotVersion | None = None,
) -> Receipt:
    """A ballot for a voter identity: the page's token (verification off), or a resident's identity
    ("phone:<E.164>" a number an officer checked, "paper:<reference>"). One identity is one ballot
    whichever channel (online, assisted) it came through: a verified online ballot of a number has
    the same voter key as an officer's ballot for it."""
    check_voter_token(voter)
    if channel not in CHANNELS:
        raise ValueError(channel)  # the routes name it; never a resident's input
    check_age_band(age_band)
    area, current = _paper(area_id, allocations, now)
    key = round_keys.key_of_round(area.id, current.id, current.closes)
    assert key is not None
    who = voter_key(key, area.id, current.id, voter)
    return _record(area, current, who, allocations, now, channel, age_band, replacing)


def cast_with_pass(
    area_id: str,
    ballot_pass: str,
    allocations: Mapping[str, int],
    now: datetime,
    age_band: str | None = None,
    replacing: BallotVersion | None = None,
) -> Receipt:
    """A ballot with the pass a right code gave (usecases/verification.py), for this area and round."""
    check_age_band(age_band)
    area, current = _paper(area_id, allocations, now)
    key = round_keys.key_of_round(area.id, current.id)
    granted = check_pass(key, ballot_pass) if key else None
    if granted is None or (granted.area_id, granted.round_id) != (area.id, current.id):
        raise Unauthenticated("pass_not_valid")
    return _record(area, current, granted.voter, allocations, now, ONLINE, age_band, replacing)


def _paper(area_id: str, allocations: Mapping[str, int], now: datetime) -> tuple[Area, Round]:
    area, current, kept = ballot_paper(area_id, fresh=False)
    try:
        check_ballot(area, current, allocations, now)
    except (Conflict, InvalidInput):
        if not kept:
            raise
        # Refused by a kept round: it may have ended, and the area moved on to its next round.
        area, current, _ = ballot_paper(area_id, fresh=True)
        check_ballot(area, current, allocations, now)
    return area, current


def check_open(current: Round, now: datetime) -> None:
    if not current.is_open(now):  # the one rule the ballot view's votingOpen shows
        raise Conflict("round_not_open_yet" if now < current.opens else "no_open_round")


def check_ballot(area: Area, current: Round, allocations: Mapping[str, int], now: datetime) -> None:
    check_open(current, now)
    check_allocations(allocations, current.priority_ids, area.budget)


def _record(
    area: Area,
    current: Round,
    who: str,
    allocations: Mapping[str, int],
    now: datetime,
    channel: str,
    age_band: str | None,
    replacing: BallotVersion | None,
) -> Receipt:
    kept_bobbies = counted(allocations)
    fingerprint = digest(area.id, current.id, kept_bobbies)
    expires = ballots_kept_until(current.closes, settings().ballot_retention_days)
    earlier = replacing  # as the client knows it: no read first (None: it believes this is its first)
    for _ in range(ATTEMPTS):
        try:
            stored = ballots.record_ballot(
                area.id, current.id, who, kept_bobbies, fingerprint, now, earlier, expires, channel, age_band
            )
        except ballots.BallotChanged as changed:  # the client knew another ballot, or none
            if changed.known:
                earlier = changed.found
            continue
        count("BallotsAccepted")
        if earlier:
            count("Revotes")
        logger.info(
            "ballot recorded",
            extra={"area": area.id, "round": current.id, "revote": bool(earlier), "channel": channel},
        )
        return Receipt(
            stored.ballot_id,
            stored.version,
            current.id,
            fingerprint,
            kept_bobbies,
            replaced=earlier is not None,
            receipt=stored.receipt,
        )
    raise Conflict("ballot_changed")
