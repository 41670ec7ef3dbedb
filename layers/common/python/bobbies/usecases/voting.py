"""Casting a ballot: checked against the open round, stored once per voter per round."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from bobbies.domain.ballot import check_allocations, check_voter_token, counted, digest, voter_hash
from bobbies.domain.errors import Conflict
from bobbies.domain.rounds import ballots_kept_until
from bobbies.observability import count, logger
from bobbies.settings import settings
from bobbies.store import ballots, catalogue, secrets

ATTEMPTS = 3  # a race with the same voter's other device is settled by re-reading, not by overwriting


@dataclass(frozen=True)
class Receipt:
    ballot: str
    round: str
    digest: str
    allocations: dict[str, int]
    replaced: bool
    receipt: str  # the code a resident keeps to check this ballot version (GET /api/receipts/{code})


def cast_ballot(area_id: str, voter: str, allocations: Mapping[str, int], now: datetime) -> Receipt:
    check_voter_token(voter)
    area = catalogue.get_area(area_id)
    current = catalogue.current_round(area)
    if not current.is_open(now):  # the one rule the ballot view's votingOpen shows
        raise Conflict("round_not_open_yet" if now < current.opens else "no_open_round")
    check_allocations(allocations, current.priority_ids, area.budget)
    kept = counted(allocations)
    who = voter_hash(secrets.voter_key(), voter)
    fingerprint = digest(area.id, current.id, kept)
    expires = ballots_kept_until(current.closes, settings().ballot_retention_days)
    for _ in range(ATTEMPTS):
        earlier = ballots.find_ballot(area.id, current.id, who)
        try:
            stored = ballots.record_ballot(area.id, current.id, who, kept, fingerprint, now, earlier, expires)
        except Conflict as refused:
            if refused.code != "ballot_changed":
                raise  # the round closed under the ballot: not worth another attempt
            continue
        count("BallotsAccepted")
        if earlier:
            count("Revotes")
        logger.info("ballot recorded", extra={"area": area.id, "round": current.id, "revote": bool(earlier)})
        return Receipt(
            stored.ballot_id,
            current.id,
            fingerprint,
            kept,
            replaced=earlier is not None,
            receipt=stored.receipt,
        )
    raise Conflict("ballot_changed")
