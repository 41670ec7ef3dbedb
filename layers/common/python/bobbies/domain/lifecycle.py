"""A tasking's life after the nightly job issued it: the team acknowledges it, reports progress, and
closes it with an outcome the public reads in both languages.

    issued --acknowledge--> acknowledged --complete(outcome)--> completed
                             (progress notes while acknowledged)

Every change names who made it (an opaque officer id, never shown to the public) and when. A change
the state does not allow is a Conflict: acknowledging twice, a note on a closed tasking, closing one
nobody acknowledged. Words the public reads need both languages, or they are refused (InvalidInput).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from bobbies.domain.errors import Conflict, InvalidInput
from bobbies.domain.model import Text
from bobbies.domain.tasking import ISSUED

ACKNOWLEDGED = "acknowledged"
COMPLETED = "completed"
LIVE = (ISSUED, ACKNOWLEDGED)  # the statuses a team still has work in

ACKNOWLEDGE_WITHIN = timedelta(hours=72)
# The Neighbourhood Policing Guarantee: priorities kept current, within three months.
KEEP_CURRENT_FOR = timedelta(days=92)
LONGEST_WORDS = 2000  # characters of a note or outcome, in each language

UNACKNOWLEDGED = "unacknowledged"
PAST_REVIEW = "past_review"


@dataclass(frozen=True)
class Life:
    """What the lifecycle rules read of a tasking."""

    status: str
    issued: datetime
    review: datetime | None


def both_languages(text: Text, code: str) -> Text:
    """Public words in English and Welsh, trimmed; either missing, blank or too long is refused."""
    words = {lang: str(text.get(lang) or "").strip() for lang in ("en", "cy")}
    if not all(words.values()) or any(len(value) > LONGEST_WORDS for value in words.values()):
        raise InvalidInput(code)
    return words


def acknowledged(status: str) -> str:
    if status in (ACKNOWLEDGED, COMPLETED):
        raise Conflict("tasking_already_acknowledged")
    if status != ISSUED:
        raise Conflict("tasking_not_issued")
    return ACKNOWLEDGED


def noted(status: str, text: Text) -> Text:
    """A progress note goes on an acknowledged tasking, not one still unread or already closed."""
    if status == COMPLETED:
        raise Conflict("tasking_completed")
    if status != ACKNOWLEDGED:
        raise Conflict("tasking_not_acknowledged")
    return both_languages(text, "note_needs_both_languages")


def completed(status: str, outcome: Text) -> tuple[str, Text]:
    if status == COMPLETED:
        raise Conflict("tasking_completed")
    if status != ACKNOWLEDGED:
        raise Conflict("tasking_not_acknowledged")
    return COMPLETED, both_languages(outcome, "outcome_needs_both_languages")


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
