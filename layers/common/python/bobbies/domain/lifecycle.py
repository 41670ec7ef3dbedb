"""A tasking's life after the nightly job issued it: the team acknowledges it, reports progress, and
closes it with an outcome the public reads in both languages.

    issued --acknowledge--> acknowledged --complete(outcome)--> completed
                             (progress notes while acknowledged)

Every change names who made it (an opaque officer id, never shown to the public) and when. A change
the state does not allow is a Conflict: a note on a closed tasking, closing one nobody acknowledged,
anything on a completed one. Acknowledging an acknowledged tasking changes nothing and is no error:
two officers of a team both pressing "acknowledge", or one retrying, both see it acknowledged (the
first acknowledgement, who and when, is the one kept). Words the public reads need both languages,
or they are refused (InvalidInput).
"""

import unicodedata
from datetime import datetime, timedelta
from typing import NamedTuple

from bobbies.domain.errors import Conflict, InvalidInput
from bobbies.domain.model import Text
from bobbies.domain.tasking import ISSUED

ACKNOWLEDGED = "acknowledged"
COMPLETED = "completed"
LIVE = (ISSUED, ACKNOWLEDGED)  # the statuses a team still has work in

ACKNOWLEDGE_WITHIN = timedelta(hours=72)
# The Neighbourhood Policing Guarantee: priorities kept current, within three months (90 days).
KEEP_CURRENT_FOR = timedelta(days=90)
LONGEST_WORDS = 500  # characters (after NFC) of a note or outcome, in each language

UNACKNOWLEDGED = "unacknowledged"
PAST_REVIEW = "past_review"


class Life(NamedTuple):
    """What the lifecycle rules read of a tasking."""

    status: str
    issued: datetime
    review: datetime | None


def _readable(value: str) -> bool:
    """No control characters but line breaks and tabs, no lone surrogates (they cannot be stored)."""
    return not any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\n\t" for ch in value)


def _cleaned(value: str) -> str:
    return unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


def both_languages(text: object, kind: str) -> Text:
    """Public words in English and Welsh (a "note" or an "outcome"): NFC, trimmed, lines ending in \\n.
    Refused: a language missing, blank or not text, another key, too long, unreadable characters."""
    if not isinstance(text, dict) or set(text) - {"en", "cy"}:
        raise InvalidInput(f"{kind}_needs_both_languages")
    raw = [text.get("en"), text.get("cy")]
    if not all(isinstance(value, str) for value in raw):
        raise InvalidInput(f"{kind}_needs_both_languages")
    english, welsh = (_cleaned(str(value)) for value in raw)
    if not (_readable(english) and _readable(welsh)):
        raise InvalidInput("unreadable_characters")
    if not (english and welsh):
        raise InvalidInput(f"{kind}_needs_both_languages")
    if max(len(english), len(welsh)) > LONGEST_WORDS:
        raise InvalidInput(f"{kind}_too_long", most=LONGEST_WORDS)
    return {"en": english, "cy": welsh}


def acknowledged(status: str) -> str | None:
    """The status after an acknowledgement; None when it is acknowledged already (nothing to do)."""
    if status == ACKNOWLEDGED:
        return None
    if status == COMPLETED:
        raise Conflict("tasking_completed")
    if status != ISSUED:
        raise Conflict("tasking_not_issued")
    return ACKNOWLEDGED


def noted(status: str, text: object) -> Text:
    """A progress note goes on an acknowledged tasking, not one still unread or already closed."""
    if status == COMPLETED:
        raise Conflict("tasking_completed")
    if status != ACKNOWLEDGED:
        raise Conflict("tasking_not_acknowledged")
    return both_languages(text, "note")


def completed(status: str, outcome: object) -> tuple[str, Text]:
    if status == COMPLETED:
        raise Conflict("tasking_completed")
    if status != ACKNOWLEDGED:
        raise Conflict("tasking_not_acknowledged")
    return COMPLETED, both_languages(outcome, "outcome")


def overdue_reasons(life: Life, now: datetime) -> list[str]:
    """Why a tasking wants a sergeant's attention: unread 72 hours after it was issued, or still open
    after its review date. A completed tasking is never overdue."""
    reasons = []
    if life.status == ISSUED and now - life.issued > ACKNOWLEDGE_WITHIN:
        reasons.append(UNACKNOWLEDGED)
    if life.status in LIVE and life.review is not None and now > life.review:
        reasons.append(PAST_REVIEW)
    return reasons


def current_age(issued: datetime, now: datetime) -> tuple[int, bool]:
    """How many whole days old an area's current tasking is, and whether it is still current."""
    age = now - issued
    return age.days, age <= KEEP_CURRENT_FOR
