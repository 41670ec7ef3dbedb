"""Residents' verdicts on completed taskings: one per ballot, counted on the tasking in the same
transaction, so a count is exactly the verdicts stored."""

from datetime import datetime
from typing import Any

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from bobbies.domain.errors import Conflict
from bobbies.domain.lifecycle import COMPLETED
from bobbies.store.models import TaskingModel, bound, connection
from bobbies.store.residents_models import VerdictModel

ATTEMPTS = 5


def ballot_key(area_id: str, round_id: str, voter_hash: str) -> str:
    """A voter has one ballot per round: every receipt of theirs in the round names the same key."""
    return f"{area_id}#{round_id}#{voter_hash}"


def give(area_id: str, round_id: str, voter_hash: str, made_a_difference: bool, now: datetime) -> None:
    """Stores the verdict and counts it, or neither: refused if this ballot already gave one
    (verdict_already_given) or the tasking is not completed (tasking_not_completed)."""
    verdict = bound(VerdictModel)(
        ballot_key(area_id, round_id, voter_hash), made_a_difference=made_a_difference, given_at=now
    )
    tasking = bound(TaskingModel)
    counter = tasking.verdicts_yes if made_a_difference else tasking.verdicts_no
    for _ in range(ATTEMPTS):
        try:
            _write(verdict, tasking(area_id, round_id), counter)
            return
        except _Contended:
            continue  # another ballot's verdict on the same tasking: this one's own check decides
    raise Conflict("tasking_changed")


class _Contended(Exception):
    pass


def _write(verdict: VerdictModel, tasking: TaskingModel, counter: Any) -> None:
    try:
        with TransactWrite(connection=connection()) as transaction:
            transaction.save(verdict, condition=VerdictModel.ballot_key.does_not_exist())
            transaction.update(
                tasking,
                actions=[counter.add(1)],
                condition=TaskingModel.round_id.exists() & (TaskingModel.status == COMPLETED),
            )
    except TransactWriteError as error:
        reasons = [reason.code if reason else "None" for reason in error.cancellation_reasons or []]
        if reasons[:1] == ["ConditionalCheckFailed"]:
            raise Conflict("verdict_already_given") from None
        if reasons[1:2] == ["ConditionalCheckFailed"]:
            raise Conflict("tasking_not_completed") from None
        if "TransactionConflict" in reasons:
            raise _Contended() from None
        raise
