"""The team's part of a tasking and the residents' verdict on it, each a short story: read, decide in
domain/lifecycle.py, write once on the revision read (a second officer at the same moment is told
the tasking changed, and nothing of either is lost).

The police console's routes (usecases/console_taskings.py) call `acknowledge`, `add_progress` and
`complete_with_outcome` with the officer's username from their sign-in; the nightly job counts
`overdue` taskings, and the console shows each area's `currency`.
"""

from datetime import datetime
from typing import NamedTuple

from bobbies.domain import lifecycle
from bobbies.domain.errors import Conflict, InvalidInput, NotFound
from bobbies.domain.tasking import Note, Progress
from bobbies.store import tasking_life, taskings
from bobbies.store.models import storable_key


def _officer(officer_id: str) -> str:
    if not officer_id.strip() or not storable_key(officer_id):
        raise InvalidInput("invalid_officer")
    return officer_id


def acknowledge(area_id: str, round_id: str, officer_id: str, now: datetime) -> None:
    """Once: acknowledging an acknowledged tasking keeps the first acknowledgement and writes nothing."""
    seen = tasking_life.read(area_id, round_id)
    status = lifecycle.acknowledged(seen.life.status)
    if status is not None:
        tasking_life.acknowledge(area_id, round_id, seen, status, _officer(officer_id), now)


def add_progress(area_id: str, round_id: str, officer_id: str, text: object, now: datetime) -> None:
    seen = tasking_life.read(area_id, round_id)
    words = lifecycle.noted(seen.life.status, text)
    tasking_life.add_note(area_id, round_id, seen, Note(words, now, _officer(officer_id)))


def complete_with_outcome(
    area_id: str, round_id: str, officer_id: str, outcome: object, now: datetime
) -> None:
    seen = tasking_life.read(area_id, round_id)
    status, words = lifecycle.completed(seen.life.status, outcome)
    tasking_life.complete(area_id, round_id, seen, status, words, _officer(officer_id), now)


class Overdue(NamedTuple):
    area_id: str
    round_id: str
    reference: str
    reasons: list[str]  # lifecycle.UNACKNOWLEDGED and/or lifecycle.PAST_REVIEW


def overdue(now: datetime) -> list[Overdue]:
    """Every tasking a sergeant should look at now, newest first."""
    found = []
    for listed in tasking_life.listed_lives():
        reasons = lifecycle.overdue_reasons(listed.life, now)
        if reasons:
            found.append(Overdue(listed.area_id, listed.round_id, listed.reference, reasons))
    return found


class Currency(NamedTuple):
    area_id: str
    round_id: str
    reference: str
    age_days: int
    current: bool  # within the Neighbourhood Policing Guarantee's three months


def currency(now: datetime) -> list[Currency]:
    """Per area, how old its newest tasking is (areas that never had one are not listed)."""
    newest: dict[str, tasking_life.Open] = {}
    for listed in tasking_life.listed_lives():  # newest first: the first seen of an area is its current
        newest.setdefault(listed.area_id, listed)
    return [
        Currency(area_id, listed.round_id, listed.reference, *lifecycle.current_age(listed.life.issued, now))
        for area_id, listed in sorted(newest.items())
    ]


def give_verdict(reference: str, code: str, made_a_difference: bool, now: datetime) -> Progress:
    """A resident who voted in the tasking's round says whether it made a difference: once per ballot
    (a second verdict, from any receipt of the same ballot, is refused), and only once it is completed.
    A receipt replaced by a later ballot still names the voter's ballot of record in that round."""
    # Only a resident's verdict reads receipts and verdicts: the console and the nightly run do not.
    from bobbies.domain.receipts import receipt_hash
    from bobbies.store import receipts, verdicts

    key = receipt_hash(code)
    stored = receipts.find_receipt(key) if key else None
    if stored is None:
        raise NotFound("receipt_not_found")
    try:
        seen = tasking_life.read(stored.area_id, stored.round_id)
    except NotFound:
        raise InvalidInput("receipt_not_for_tasking") from None
    if seen.reference != reference or seen.life.status not in (*lifecycle.LIVE, lifecycle.COMPLETED):
        raise InvalidInput("receipt_not_for_tasking")
    if seen.life.status != lifecycle.COMPLETED:
        raise Conflict("tasking_not_completed")
    verdicts.give(stored.area_id, stored.round_id, stored.voter_hash, made_a_difference, now)
    return taskings.get_tasking(stored.area_id, stored.round_id).progress
