"""The proposals table: each proposal under its reference's keyed hash, and the daily counts that
limit them, written together in one transaction."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import TransactWriteError, UpdateError
from pynamodb.transactions import TransactWrite

from bobbies.domain.errors import Conflict, TooMany
from bobbies.domain.model import Text
from bobbies.domain.proposals import (
    APPROVED,
    DECLINED,
    PENDING,
    PENDING_KEPT,
    REDIRECTED,
    Decision,
    Draft,
    Proposal,
)
from bobbies.domain.times import utc_text
from bobbies.store.catalogue import text_of
from bobbies.store.models import bound, condition_failed, connection
from bobbies.store.residents_models import ProposalCountModel, ProposalModel

COUNT_KEPT = timedelta(days=2)  # a day's count outlives its day, then the table's TTL removes it
DECIDED_KEPT = timedelta(days=90)  # a declined or redirected proposal, for its reason to be read
QUEUED = (PENDING, APPROVED)  # the statuses the queue index lists, each under "<area>#<status>"


@dataclass(frozen=True)
class Limit:
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
        queued_at=f"{utc_text(now)}#{proposal.id}",
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


def queued(area_id: str, status: str, limit: int = 100) -> list[tuple[str, Proposal]]:
    """An area's proposals in one queue (pending, or approved and waiting), oldest first, each with
    its item key (what a moderator's decision is recorded under)."""
    assert status in QUEUED
    items = bound(ProposalModel).by_queue.query(_queue(area_id, status), limit=limit)
    return [(item.pk, _proposal(item)) for item in items]


def record_decision(key: str, area_id: str, decision: Decision) -> None:
    """A moderator's decision on a pending proposal, once (a second decision finds it decided).
    Approved: it joins the area's waiting list and is kept; merged: kept; declined or redirected:
    kept for DECIDED_KEPT so the resident can read the reason, then removed by the TTL."""
    model = ProposalModel
    actions: list[Any] = [
        model.status.set(decision.status),
        model.decided_by.set(decision.by),
        model.decided_at.set(decision.at),
    ]
    if decision.reason is not None:
        actions.append(model.reason.set(decision.reason))
    if decision.merged_into is not None:
        actions.append(model.merged_into.set(decision.merged_into))
    if decision.approved_title is not None:
        actions.append(model.approved_title.set(decision.approved_title))
    if decision.approved_description is not None:
        actions.append(model.approved_description.set(decision.approved_description))
    if decision.status == APPROVED:
        actions += [model.queue.set(_queue(area_id, APPROVED)), model.queued_at.set(utc_text(decision.at))]
    else:
        actions.append(model.queue.remove())
    if decision.status in (DECLINED, REDIRECTED):
        actions.append(model.expires.set(decision.at + DECIDED_KEPT))
    else:
        actions.append(model.expires.remove())
    try:
        bound(model)(key).update(actions=actions, condition=model.status == PENDING)
    except UpdateError as error:
        if condition_failed(error):
            raise Conflict("proposal_decided") from None
        raise
