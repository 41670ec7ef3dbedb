"""Moderators decide on residents' proposals: approve (the moderator writes the language the
resident did not, and the proposal becomes a priority of the area, on its NEXT round's ballot),
merge into a priority the area has, decline with a reason in both languages, or redirect a crime
report to 101 (999 in an emergency).

A decision is one conditional write on the proposal still being pending (an approval writes its
priority in the same transaction), so two moderators deciding at once cannot both succeed: the
second is told it is already decided. Who decided is stored with the decision and never logged.

The console names a proposal by its item key's hash (the resident's reference is stored only as
that keyed hash, so nobody but the resident can show it).
"""

import re
from datetime import datetime
from typing import Any

from bobbies.domain.errors import Conflict, InvalidInput, Malformed, NotFound
from bobbies.domain.model import Priority, Text
from bobbies.domain.proposals import (
    APPROVE,
    DECISION_OF,
    MERGE,
    PENDING,
    STATUSES,
    Proposal,
    check_decision,
    decided,
    priority_id_for,
)
from bobbies.domain.times import utc_text
from bobbies.observability import count_by, logger
from bobbies.store import catalogue, proposals

Json = dict[str, Any]
_CONSOLE_REFERENCE = re.compile("[0-9a-f]{64}")


def queue(area_id: str | None, status: str, limit: int, cursor: str | None) -> Json:
    """One status's proposals, of an area or of every area, oldest first, a page at a time."""
    if status not in STATUSES:
        raise Malformed("invalid_query")
    if area_id:
        catalogue.get_area(area_id)  # an unknown area is an error, not an empty queue
    page = proposals.listing(area_id, status, limit, cursor)
    names: dict[str, Text] = {}
    shown = []
    for key, proposal in page.proposals:
        if proposal.area_id not in names:
            names[proposal.area_id] = catalogue.get_area(proposal.area_id).name
        shown.append(moderation_view(key, proposal, names[proposal.area_id]))
    return {"proposals": shown, "next": page.next}


def decide(reference: str, body: Any, by: str, now: datetime) -> Json:
    """The decision asked for, recorded once with who and when; nothing changes if it is refused."""
    asked = check_decision(body)
    key = proposals.proposal_key(reference) if _CONSOLE_REFERENCE.fullmatch(reference) else None
    found = proposals.find_by_key(key) if key else None
    if key is None or found is None:
        raise NotFound("not_found")
    if found.status != PENDING:
        raise Conflict("already_decided")
    becomes = None
    if asked.decision == MERGE:
        into = catalogue.priorities(found.area_id, [asked.priority_id or ""])
        if not (into and into[0].approved):
            raise InvalidInput("merge_priority_not_found")
    if asked.decision == APPROVE and asked.title and asked.description:
        becomes = Priority(priority_id_for(found.id), asked.title, asked.description, approved=True)
    decision = decided(asked, by, now)
    proposals.record_decision(key, found.area_id, decision, becomes)
    count_by("ProposalsDecided", "decision", asked.decision)
    logger.info("proposal decided", extra={"area": found.area_id, "decision": asked.decision})
    stored = proposals.find_by_key(key) or found
    return {"proposal": moderation_view(key, stored, catalogue.get_area(found.area_id).name)}


def moderation_view(key: str, proposal: Proposal, area_name: Text) -> Json:
    """What a moderator sees: the resident's words and every decision (who and when), never who
    proposed it."""
    shown: Json = {
        "reference": key.removeprefix("proposal#"),
        "areaId": proposal.area_id,
        "areaName": area_name,
        "status": proposal.status,
        "language": proposal.draft.language,
        "title": proposal.draft.title,
        "description": proposal.draft.description,
        "submittedAt": utc_text(proposal.submitted_at),
        "decisions": [],
    }
    decision = proposal.decision
    if decision is None:
        return shown
    shown["decisions"] = [
        {
            "decision": DECISION_OF.get(decision.status, decision.status),
            "by": decision.by,
            "at": utc_text(decision.at),
        }
    ]
    if decision.approved_title:
        shown["approvedTitle"] = decision.approved_title
        shown["approvedDescription"] = decision.approved_description or decision.approved_title
        shown["priorityId"] = priority_id_for(proposal.id)
        shown["round"] = proposal.round_id  # the round whose ballot has it; None while waiting
    if decision.merged_into:
        shown["mergedInto"] = decision.merged_into
    if decision.reason:
        shown["reason"] = decision.reason
    return shown
