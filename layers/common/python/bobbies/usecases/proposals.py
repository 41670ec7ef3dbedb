"""Residents propose priorities; each can look up what became of theirs; everyone sees the approved
proposals waiting for the area's next round.

A proposal is checked (domain.proposals), its area found, then stored pending in one transaction
with its counts against the limits: one resident's per day (by a keyed hash of their voter token)
and the area's per day. Nothing is stored unless all of it is. The per-address limit is the WAF's,
in front of the API. Lookups by an unknown or malformed reference are one 404, as for receipts.
"""

import uuid
from datetime import datetime
from typing import Any

from bobbies.domain.ballot import check_voter_token
from bobbies.domain.errors import Conflict, NotFound
from bobbies.domain.proposals import (
    APPROVED,
    PER_AREA_PER_DAY,
    PER_VOTER_PER_DAY,
    Proposal,
    check_draft,
    day_of,
    new_reference,
    normal_reference,
    proposer_hash,
    reference_hash,
    shown_reference,
    waiting_for_next_round,
)
from bobbies.domain.times import utc_text
from bobbies.observability import count, logger
from bobbies.store import catalogue, proposals, secrets

Json = dict[str, Any]
ATTEMPTS = 3  # a reference already taken is drawn again; a count taken at the same moment, counted again


def propose(area_id: str, voter: str, title: str, description: str, language: str, now: datetime) -> Json:
    check_voter_token(voter)
    draft = check_draft(title, description, language)
    area = catalogue.get_area(area_id)
    key = secrets.voter_key()
    proposer, day = proposer_hash(key, voter), day_of(now)
    limits = [
        proposals.Limit(proposals.count_key("voter", proposer, day), PER_VOTER_PER_DAY, "too_many_proposals"),
        proposals.Limit(proposals.count_key("area", area.id, day), PER_AREA_PER_DAY, "area_proposals_full"),
    ]
    proposal = Proposal(uuid.uuid4().hex, area.id, draft, now)
    busy = False
    for _ in range(ATTEMPTS):
        code = new_reference()
        try:
            proposals.record_proposal(reference_hash(key, code), proposal, proposer, limits)
        except proposals.ReferenceTaken:
            continue
        except Conflict:  # another proposal took the same count at that moment: count again
            busy = True
            continue
        count("ProposalsReceived")
        logger.info("proposal received", extra={"area": area.id, "language": draft.language})
        return {"proposal": proposal_view(code, proposal, area.name)}
    if busy:
        raise Conflict("proposals_busy")
    raise RuntimeError("no free reference after several draws")  # 2^50 references: never in practice


def check_proposal(typed: str) -> Json:
    code = normal_reference(typed)
    found = proposals.find_proposal(reference_hash(secrets.voter_key(), code)) if code else None
    if code is None or found is None:
        raise NotFound("proposal_not_found")
    area = catalogue.get_area(found.area_id)
    return {"proposal": proposal_view(code, found, area.name)}


def waiting(area_id: str) -> Json:
    """The area's approved proposals waiting for its next round, in the words approved for the
    ballot (both languages); nothing about who proposed them."""
    area = catalogue.get_area(area_id)
    shown = []
    for _, proposal in proposals.queued(area.id, APPROVED, waiting=True):
        decision = proposal.decision
        if not (waiting_for_next_round(proposal) and decision and decision.approved_title):
            continue
        shown.append(
            {
                "id": proposal.id,
                "title": decision.approved_title,
                "description": decision.approved_description or decision.approved_title,
                "approved": utc_text(decision.at),
            }
        )
    return {"area": area.id, "proposals": shown}


def proposal_view(code: str, proposal: Proposal, area_name: dict[str, str]) -> Json:
    """What the holder of the reference is told: their words, the status and, once decided, why."""
    decision = proposal.decision
    merged = None
    if decision and decision.merged_into:
        found = catalogue.priorities(proposal.area_id, [decision.merged_into])
        merged = {"id": decision.merged_into, "title": found[0].title if found else None}
    approved = None
    if decision and decision.approved_title:
        approved = {
            "title": decision.approved_title,
            "description": decision.approved_description or decision.approved_title,
        }
    return {
        "reference": shown_reference(code),
        "area": {"id": proposal.area_id, "name": area_name},
        "status": proposal.status,
        "language": proposal.draft.language,
        "title": proposal.draft.title,
        "description": proposal.draft.description,
        "submitted": utc_text(proposal.submitted_at),
        "decided": utc_text(decision.at) if decision else None,
        "reason": decision.reason if decision else None,
        "mergedInto": merged,
        "approved": approved,
        "round": proposal.round_id,
    }
