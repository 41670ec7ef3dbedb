"""The proposals table: each proposal under its reference's keyed hash, and the daily counts that
limit them, written together in one transaction."""

import base64
import json
import re
from collections.abc import Collection
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import Any, NamedTuple

from pynamodb.exceptions import TransactWriteError, UpdateError
from pynamodb.transactions import TransactWrite

from bobbies.domain.errors import Conflict, Malformed, TooMany
from bobbies.domain.model import Priority, Text
from bobbies.domain.proposals import (
    APPROVED,
    DECLINED,
    PENDING,
    PENDING_KEPT,
    REDIRECTED,
    STATUSES,
    Decision,
    Draft,
    Proposal,
    priority_id_for,
)
from bobbies.store import catalogue
from bobbies.store.catalogue import text_of
from bobbies.store.models import PriorityModel, bound, condition_failed, connection
from bobbies.store.residents_models import ProposalCountModel, ProposalModel

COUNT_KEPT = timedelta(days=2)  # a day's count outlives its day, then the table's TTL removes it
ATTEMPTS = 3  # an approval meeting another write to the proposal at the same moment, tried again
DECIDED_KEPT = timedelta(days=90)  # a declined or redirected proposal, for its reason to be read


class Limit(NamedTuple):
    """At most `most` proposals counted under `key` (e.g. one resident's today); `code` when full."""

    key: str
    most: int
    code: str


class ReferenceTaken(Exception):
    """The new reference's hash is already a proposal's: draw another (1 in 2^50 per proposal)."""


def proposal_key(reference_hash: str) -> str:
    return f"proposal#{reference_hash}"


def count_key(kind: str, who: str, day: str) -> str:
    return f"count#{kind}#{who}#{day}"


def _queue(area_id: str, status: str) -> str:
    return f"{area_id}#{status}"


def _queued_at(moment: datetime, tie_break: str) -> str:
    """Where a proposal sorts in its queue: by the microsecond (fixed width, so text order is time
    order), then by an id, so two in the same moment keep one order."""
    return f"{moment.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%S.%fZ')}#{tie_break}"


def _counter_update(limit: Limit, expires: datetime) -> dict[str, Any]:
    counter = ProposalCountModel
    return {
        "model": bound(counter)(limit.key),
        "actions": [counter.proposals.add(1), counter.expires.set(expires)],
        "condition": counter.proposals.does_not_exist() | (counter.proposals < limit.most),
    }


def record_proposal(reference_hash: str, proposal: Proposal, proposer_hash: str, limits: list[Limit]) -> None:
    """Stores a new pending proposal and counts it against each limit, all or nothing: a full
    limit refuses it (TooMany with the limit's code) and nothing is written."""
    now = proposal.submitted_at
    item = bound(ProposalModel)(
        proposal_key(reference_hash),
        proposal_id=proposal.id,
        area_id=proposal.area_id,
        status=PENDING,
        language=proposal.draft.language,
        title=proposal.draft.title,
        description=proposal.draft.description,
        proposer_hash=proposer_hash,
        submitted_at=now,
        queue=_queue(proposal.area_id, PENDING),
        queued_at=_queued_at(now, proposal.id),
        expires=now + PENDING_KEPT,
    )
    try:
        with TransactWrite(connection=connection()) as transaction:
            for limit in limits:
                transaction.update(**_counter_update(limit, now + COUNT_KEPT))
            transaction.save(item, condition=ProposalModel.pk.does_not_exist())
    except TransactWriteError as error:
        # One reason per action, in the order pynamodb sends them: the put, then the updates.
        reasons = [reason.code if reason else "None" for reason in error.cancellation_reasons or []]
        put, *counts = reasons or ["None"]
        for limit, reason in zip(limits, counts, strict=False):
            if reason == "ConditionalCheckFailed":
                raise TooMany(limit.code) from None
        if put == "ConditionalCheckFailed":
            raise ReferenceTaken() from None
        if "TransactionConflict" in reasons:
            raise Conflict("proposals_busy") from None  # another proposal's count, at the same moment
        raise


def _text_or_none(value: Any) -> Text | None:
    return text_of(value) if value is not None else None


def _proposal(item: ProposalModel) -> Proposal:
    decision = None
    if item.decided_at is not None:
        decision = Decision(
            status=item.status,
            by=item.decided_by or "",
            at=item.decided_at,
            reason=_text_or_none(item.reason),
            merged_into=item.merged_into,
            approved_title=_text_or_none(item.approved_title),
            approved_description=_text_or_none(item.approved_description),
        )
    return Proposal(
        id=item.proposal_id,
        area_id=item.area_id,
        draft=Draft(item.title, item.description, item.language),
        submitted_at=item.submitted_at,
        status=item.status,
        decision=decision,
        round_id=item.round_id,
    )


def find_proposal(reference_hash: str) -> Proposal | None:
    try:
        item = bound(ProposalModel).get(proposal_key(reference_hash), consistent_read=True)
    except ProposalModel.DoesNotExist:
        return None
    return _proposal(item)


def queued(area_id: str, status: str, limit: int = 100, waiting: bool = False) -> list[tuple[str, Proposal]]:
    """An area's proposals of one status, oldest first, each with its item key (what a moderator's
    decision is recorded under); `waiting`: only the approved ones no ballot has yet."""
    assert status in STATUSES
    waits = ProposalModel.round_id.does_not_exist() if waiting else None
    items = bound(ProposalModel).by_queue.query(_queue(area_id, status), filter_condition=waits, limit=limit)
    return [(item.pk, _proposal(item)) for item in items]


def find_by_key(key: str) -> Proposal | None:
    """A proposal by its item key (the console names proposals so; residents by their reference)."""
    try:
        return _proposal(bound(ProposalModel).get(key, consistent_read=True))
    except ProposalModel.DoesNotExist:
        return None


class Page(NamedTuple):
    proposals: list[tuple[str, Proposal]]
    next: str | None  # the cursor for the page after this one


def listing(area_id: str | None, status: str, limit: int, cursor: str | None) -> Page:
    """Proposals of one status, oldest first, a page at a time: one area's from the queue index,
    every area's from the status index. A cursor is a position in the queue (the last proposal
    shown), so a proposal decided meanwhile, the cursor's own too, does not break the next page."""
    model = bound(ProposalModel)
    start = None
    if cursor:
        queued_at, key = _position(cursor)
        start = {"pk": {"S": key}, "queued_at": {"S": queued_at}}
        start |= {"queue": {"S": _queue(area_id, status)}} if area_id else {"status": {"S": status}}
    if area_id:
        items = model.by_queue.query(_queue(area_id, status), last_evaluated_key=start, page_size=limit + 1)
    else:
        items = model.by_status.query(status, last_evaluated_key=start, page_size=limit + 1)
    found = list(islice(items, limit + 1))
    more = len(found) > limit
    shown = [(item.pk, _proposal(item)) for item in found[:limit]]
    return Page(shown, _cursor(found[limit - 1]) if more else None)


_POSITION = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z#[\w#-]{1,200}", re.ASCII)


def _cursor(item: ProposalModel) -> str:
    return base64.urlsafe_b64encode(json.dumps([item.queued_at, item.pk]).encode()).decode()


def _position(cursor: str) -> tuple[str, str]:
    """The (queued_at, key) a cursor names, or invalid_cursor: only the shape is read, since any
    position in the request's own queue is a harmless place to start."""
    try:
        queued_at, key = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
    except (ValueError, TypeError, UnicodeError):
        raise Malformed("invalid_cursor") from None
    well_formed = (
        isinstance(queued_at, str)
        and isinstance(key, str)
        and _POSITION.fullmatch(queued_at) is not None
        and re.fullmatch("proposal#[0-9a-f]{64}", key) is not None
    )
    if not well_formed:
        raise Malformed("invalid_cursor")
    return queued_at, key


def _decision_update(key: str, area_id: str, decision: Decision) -> list[Any]:
    """Approved: it joins the area's waiting list and is kept; merged: kept; declined or
    redirected: kept for DECIDED_KEPT so the resident can read the reason, then removed by the TTL.
    Every decision stays listed under its status, for the moderators."""
    model = ProposalModel
    actions: list[Any] = [
        model.status.set(decision.status),
        model.decided_by.set(decision.by),
        model.decided_at.set(decision.at),
        model.queue.set(_queue(area_id, decision.status)),
        model.queued_at.set(_queued_at(decision.at, key)),
    ]
    if decision.reason is not None:
        actions.append(model.reason.set(decision.reason))
    if decision.merged_into is not None:
        actions.append(model.merged_into.set(decision.merged_into))
    if decision.approved_title is not None:
        actions.append(model.approved_title.set(decision.approved_title))
    if decision.approved_description is not None:
        actions.append(model.approved_description.set(decision.approved_description))
    if decision.status in (DECLINED, REDIRECTED):
        actions.append(model.expires.set(decision.at + DECIDED_KEPT))
    else:
        actions.append(model.expires.remove())
    return actions


def record_decision(key: str, area_id: str, decision: Decision, becomes: Priority | None = None) -> None:
    """A moderator's decision on a pending proposal, once: the write is conditional on the proposal
    still pending, so of two moderators deciding at once one gets Conflict("already_decided").
    `becomes`: the priority an approval adds to the area, written in the same transaction."""
    model = ProposalModel
    actions, pending = _decision_update(key, area_id, decision), model.status == PENDING
    try:
        if becomes is None:
            bound(model)(key).update(actions=actions, condition=pending)
            return
        for attempt in range(ATTEMPTS):
            try:
                with TransactWrite(connection=connection()) as transaction:
                    transaction.update(bound(model)(key), actions=actions, condition=pending)
                    transaction.save(
                        catalogue.priority_item(area_id, becomes, decision.at),
                        condition=PriorityModel.priority_id.does_not_exist(),
                    )
                return
            except TransactWriteError as error:
                reasons = [reason.code if reason else "None" for reason in error.cancellation_reasons or []]
                # The priority is the proposal's own, so either condition failing means it is decided.
                if "ConditionalCheckFailed" in reasons:
                    raise Conflict("already_decided") from None
                # Another moderator's write at the same moment: try again, which finds it decided.
                if "TransactionConflict" not in reasons or attempt == ATTEMPTS - 1:
                    raise
    except UpdateError as error:
        if condition_failed(error):
            raise Conflict("already_decided") from None
        raise


def mark_on_ballot(area_id: str, round_id: str, priority_ids: Collection[str]) -> int:
    """Approved proposals whose priority the round's ballot has leave the waiting list (they name
    the round from now on). Safe to repeat: a marked proposal is no longer waiting."""
    marked = 0
    for key, proposal in queued(area_id, APPROVED, limit=1000, waiting=True):
        if priority_id_for(proposal.id) in priority_ids:
            bound(ProposalModel)(key).update(actions=[ProposalModel.round_id.set(round_id)])
            marked += 1
    return marked
