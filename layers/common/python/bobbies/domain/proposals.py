"""Residents propose priorities for their area (the page calls a proposal a "suggestion").

A proposal is written in one language, a title of at most 80 characters and a description of at
most 500. A character is a Unicode code point after NFC normalisation, so a Welsh "ŵ" counts one
whether the keyboard sent it composed or as "w" plus a combining circumflex, and an emoji counts as
its code points (the page counts the same way). The title is one line: runs of white space become
one space. Surrounding white space is not counted.

Each proposal gets a reference the resident can look up: 10 characters of Crockford's base 32
(50 random bits), shown as "K7QX4-MP29T". Only a keyed hash of it is stored, as with receipts.

Moderators decide later (a console outside this module's callers): a proposal is pending until it is
approved for the next round (with an approved title and description in both languages), merged into
an existing priority, declined with a reason, or redirected (a crime report: 101, or 999).
"""

import hashlib
import hmac
import re
import secrets
import unicodedata
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from bobbies.domain.errors import InvalidInput, Malformed
from bobbies.domain.model import Text
from bobbies.domain.rounds import LONDON
from bobbies.domain.tasking import QUOTABLE

TITLE_MOST, DESCRIPTION_MOST = 80, 500
PER_VOTER_PER_DAY = 3  # one resident (voter token), every area together
PER_AREA_PER_DAY = 50  # every resident together, in one area
PENDING_KEPT = timedelta(days=180)  # a proposal nobody decided on is deleted then (table TTL)

PENDING, APPROVED, MERGED, DECLINED, REDIRECTED = "pending", "approved", "merged", "declined", "redirected"
STATUSES = (PENDING, APPROVED, MERGED, DECLINED, REDIRECTED)
LANGUAGES = ("en", "cy")

REFERENCE_LENGTH = 10
_REFERENCE = re.compile(f"[{QUOTABLE}]{{{REFERENCE_LENGTH}}}")
# What people type for the letters Crockford's alphabet leaves out.
_MISREAD = str.maketrans({"I": "1", "L": "1", "O": "0"})


class Draft(NamedTuple):
    """A proposal as the resident sent it, cleaned and checked."""

    title: str
    description: str
    language: str


class Decision(NamedTuple):
    """A moderator's decision: who and when, the reason in both languages (declined, redirected),
    the priority it joined (merged), or the wording approved for the ballot (approved)."""

    status: str
    by: str
    at: datetime
    reason: Text | None = None
    merged_into: str | None = None
    approved_title: Text | None = None
    approved_description: Text | None = None


class Proposal(NamedTuple):
    id: str
    area_id: str
    draft: Draft
    submitted_at: datetime
    status: str = PENDING
    decision: Decision | None = None
    round_id: str | None = None  # the round whose ballot it went on, once it has


def characters(text: str) -> int:
    return len(unicodedata.normalize("NFC", text))


def clean_title(raw: str) -> str:
    return " ".join(unicodedata.normalize("NFC", raw).split())


def clean_description(raw: str) -> str:
    return unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n").strip()


def _storable(text: str) -> bool:
    try:
        text.encode("utf-8")  # a lone surrogate ("\udcff" in JSON) cannot be stored
    except UnicodeEncodeError:
        return False
    return True


def check_draft(title: str, description: str, language: str) -> Draft:
    """The draft cleaned, or the first rule it breaks (the title's before the description's)."""
    if not (_storable(title) and _storable(description)):
        raise Malformed("invalid_encoding")
    if language not in LANGUAGES:
        raise Malformed("invalid_proposal")
    title, description = clean_title(title), clean_description(description)
    if not title:
        raise InvalidInput("title_missing")
    if characters(title) > TITLE_MOST:
        raise InvalidInput("title_too_long", most=TITLE_MOST)
    if not description:
        raise InvalidInput("description_missing")
    if characters(description) > DESCRIPTION_MOST:
        raise InvalidInput("description_too_long", most=DESCRIPTION_MOST)
    return Draft(title, description, language)


def new_reference() -> str:
    return "".join(secrets.choice(QUOTABLE) for _ in range(REFERENCE_LENGTH))


def normal_reference(text: str) -> str | None:
    """The reference a person typed, as issued: any case, spaces and hyphens ignored, I/L read as 1
    and O as 0; None when it cannot be one."""
    normal = re.sub(r"[\s-]", "", text).upper().translate(_MISREAD)
    return normal if _REFERENCE.fullmatch(normal) else None


def shown_reference(code: str) -> str:
    half = REFERENCE_LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


def reference_hash(key: bytes, code: str) -> str:
    """The stored key for a reference: a copy of the table does not give working references."""
    return hmac.new(key, f"proposal-reference:{code}".encode(), hashlib.sha256).hexdigest()


def proposer_hash(key: bytes, voter: str) -> str:
    """Stands in for the resident on their proposals and daily count. Not the ballots' voter hash
    (voter tokens never hold a colon, so no token hashes to this): a proposal, which may name its
    author in its text, cannot be joined to a ballot."""
    return hmac.new(key, f"proposals:{voter}".encode(), hashlib.sha256).hexdigest()


def day_of(moment: datetime) -> str:
    """The London day a proposal counts against (the limits are per day as residents live it)."""
    return moment.astimezone(LONDON).date().isoformat()


def waiting_for_next_round(proposal: Proposal) -> bool:
    return proposal.status == APPROVED and proposal.round_id is None


# ---------------------------------------------------------------- moderators' decisions

# What a moderator asks for, and the status it gives the proposal.
APPROVE, MERGE, DECLINE, REDIRECT = "approve", "merge", "decline", "redirect"
STATUS_OF = {APPROVE: APPROVED, MERGE: MERGED, DECLINE: DECLINED, REDIRECT: REDIRECTED}
DECISION_OF = {status: decision for decision, status in STATUS_OF.items()}
REASON_MOST = 500
# The fields each decision takes besides "decision"; any other field makes the body unreadable.
DECISION_FIELDS = {
    APPROVE: {"title", "description"},
    MERGE: {"priorityId"},
    DECLINE: {"reason"},
    REDIRECT: set(),
}
PRIORITY_ID_MOST = 200


class Asked(NamedTuple):
    """A moderator's decision as asked for, checked: the texts in both languages, cleaned."""

    decision: str
    title: Text | None = None
    description: Text | None = None
    reason: Text | None = None
    priority_id: str | None = None


def both_languages(field: str, raw: Any, most: int, clean: Callable[[str], str]) -> Text:
    """A text in English and Welsh, each cleaned as a resident's would be and within `most`
    characters: {"en": ..., "cy": ...}, nothing else. A language absent or blank is the
    field's `<field>_language_missing` (the moderator writes the one the resident did not)."""
    if not isinstance(raw, dict) or not set(raw) <= set(LANGUAGES):
        raise Malformed("invalid_decision")
    if not all(isinstance(value, str) for value in raw.values()):
        raise Malformed("invalid_decision")
    if not all(_storable(value) for value in raw.values()):
        raise Malformed("invalid_encoding")
    text = {language: clean(raw.get(language, "")) for language in LANGUAGES}
    if not all(text.values()):
        raise InvalidInput(f"{field}_language_missing")
    if any(characters(value) > most for value in text.values()):
        raise InvalidInput(f"{field}_too_long", most=most)
    return text


def check_decision(body: Any) -> Asked:
    """The decision a moderator sent, or the first thing wrong with it: an unreadable shape (an
    unknown decision or field) is 400 invalid_decision; a text short of a language or too long, 422."""
    if not isinstance(body, dict) or body.get("decision") not in DECISION_FIELDS:
        raise Malformed("invalid_decision")
    decision = body["decision"]
    if set(body) - {"decision"} != DECISION_FIELDS[decision]:
        raise Malformed("invalid_decision")
    if decision == APPROVE:
        title = both_languages("title", body["title"], TITLE_MOST, clean_title)
        description = both_languages("description", body["description"], DESCRIPTION_MOST, clean_description)
        return Asked(decision, title=title, description=description)
    if decision == MERGE:
        priority = body["priorityId"]
        if not isinstance(priority, str) or not 0 < len(priority) <= PRIORITY_ID_MOST:
            raise Malformed("invalid_decision")
        if not _storable(priority):
            raise Malformed("invalid_encoding")
        return Asked(decision, priority_id=priority)
    if decision == DECLINE:
        reason = both_languages("reason", body["reason"], REASON_MOST, clean_description)
        return Asked(decision, reason=reason)
    return Asked(decision)


def decided(asked: Asked, by: str, at: datetime) -> Decision:
    return Decision(
        status=STATUS_OF[asked.decision],
        by=by,
        at=at,
        reason=asked.reason,
        merged_into=asked.priority_id,
        approved_title=asked.title,
        approved_description=asked.description,
    )


def priority_id_for(proposal_id: str) -> str:
    """The id of the priority an approved proposal becomes: one per proposal, so an approval
    repeated (or raced) names the same priority."""
    return f"suggestion-{proposal_id[:16]}"
