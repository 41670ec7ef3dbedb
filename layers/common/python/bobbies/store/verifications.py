"""The verifications table: challenges, the current challenge per voter and round, send counts.

Every rule is a conditional write: a count refuses past its most; a try is counted before its code
is compared, and only while fewer than MOST_TRIES were made (so 50 guesses at once make at most
MOST_TRIES comparisons); a code is used once; only a voter's current challenge can be answered.
"""

from datetime import datetime, timedelta
from typing import NamedTuple

from pynamodb.exceptions import TransactWriteError, UpdateError
from pynamodb.expressions.condition import Condition
from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite

from bobbies.domain.errors import Conflict, TooMany
from bobbies.domain.verification import MOST_TRIES
from bobbies.store.models import bound, connection
from bobbies.store.verification_models import ChallengeModel, CurrentModel, SendCountModel

KEPT = timedelta(hours=23)  # challenges and counts: DynamoDB's TTL deletes them within the day


class Limit(NamedTuple):
    key: str  # "count#<keyed hash of what is counted and its window>"
    most: int
    code: str  # the error when it is full
    until: datetime  # when the window ends


class Challenge(NamedTuple):
    challenge_id: str
    voter: str
    area_id: str
    round_id: str
    code_hash: str


def _count_update(limit: Limit) -> tuple[SendCountModel, list[Action], Condition]:
    counter = SendCountModel
    return (
        bound(counter)(limit.key),
        [counter.sent.add(1), counter.expires.set(limit.until)],
        counter.sent.does_not_exist() | (counter.sent < limit.most),
    )


def count_send(limit: Limit) -> None:
    """One more against a limit of many senders (an address, a device, the whole service)."""
    item, actions, condition = _count_update(limit)
    try:
        item.update(actions=actions, condition=condition)
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            raise TooMany(limit.code) from None
        raise


def current(voter: str) -> tuple[str, bool] | None:
    """The voter's current challenge in the round and whether they verified: (id, verified)."""
    try:
        item = bound(CurrentModel).get(f"current#{voter}", consistent_read=True)
    except CurrentModel.DoesNotExist:
        return None
    return item.challenge_id, bool(item.verified)


def record_challenge(
    challenge: Challenge, now: datetime, round_closes: datetime, limits: list[Limit], cancel_old: bool
) -> None:
    """Stores a challenge and counts it against the number's limits, all or nothing; with
    cancel_old it becomes the voter's current challenge (the one before can no longer be answered)."""
    item = bound(ChallengeModel)(
        f"challenge#{challenge.challenge_id}",
        voter=challenge.voter,
        area_id=challenge.area_id,
        round_id=challenge.round_id,
        code_hash=challenge.code_hash,
        tries=0,
        used=False,
        valid_until=now + timedelta(minutes=10),
        expires=now + KEPT,
    )
    try:
        with TransactWrite(connection=connection()) as transaction:
            for limit in limits:
                counter, actions, condition = _count_update(limit)
                transaction.update(counter, actions=actions, condition=condition)
            transaction.save(item, condition=ChallengeModel.pk.does_not_exist())
            if cancel_old:
                pointer = bound(CurrentModel)(
                    f"current#{challenge.voter}", challenge_id=challenge.challenge_id, expires=round_closes
                )
                not_verified = CurrentModel.verified.does_not_exist() | (CurrentModel.verified == False)  # noqa: E712
                transaction.save(pointer, condition=not_verified)
    except TransactWriteError as error:
        # One reason per action, in the order pynamodb sends them: the puts, then the updates.
        reasons = [reason.code if reason else "None" for reason in error.cancellation_reasons or []]
        counted = reasons[2 if cancel_old else 1 :]
        for limit, reason in zip(limits, counted, strict=False):
            if reason == "ConditionalCheckFailed":
                raise TooMany(limit.code) from None
        if "TransactionConflict" in reasons or "ConditionalCheckFailed" in reasons:
            raise Conflict("verification_busy") from None  # the same number, at the same moment
        raise


def take_try(challenge_id: str, now: datetime) -> Challenge:
    """Counts one try at a challenge that can still be answered, before its code is compared;
    code_expired or too_many_wrong_codes when it cannot."""
    model = bound(ChallengeModel)
    answerable = (
        ChallengeModel.pk.exists()
        & (ChallengeModel.used == False)  # noqa: E712
        & (ChallengeModel.tries < MOST_TRIES)
        & (ChallengeModel.valid_until > now)
    )
    try:
        item = model(f"challenge#{challenge_id}")
        item.update(actions=[ChallengeModel.tries.add(1)], condition=answerable)
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
        raise Conflict(_why_not(challenge_id)) from None
    return Challenge(challenge_id, item.voter, item.area_id, item.round_id, item.code_hash)


def _why_not(challenge_id: str) -> str:
    try:
        item = bound(ChallengeModel).get(f"challenge#{challenge_id}", consistent_read=True)
    except ChallengeModel.DoesNotExist:
        return "code_expired"
    spent = int(item.tries) >= MOST_TRIES and not item.used
    return "too_many_wrong_codes" if spent else "code_expired"


def use(challenge: Challenge) -> None:
    """The right code: the challenge is used (once: a second right answer at the same moment is
    refused) and the voter is verified for the round."""
    try:
        with TransactWrite(connection=connection()) as transaction:
            transaction.update(
                bound(ChallengeModel)(f"challenge#{challenge.challenge_id}"),
                actions=[ChallengeModel.used.set(True)],
                condition=ChallengeModel.used == False,  # noqa: E712
            )
            transaction.update(
                bound(CurrentModel)(f"current#{challenge.voter}"),
                actions=[CurrentModel.verified.set(True)],
                condition=CurrentModel.challenge_id == challenge.challenge_id,
            )
    except TransactWriteError as error:
        reasons = [reason.code if reason else "None" for reason in error.cancellation_reasons or []]
        if any(code in ("ConditionalCheckFailed", "TransactionConflict") for code in reasons):
            raise Conflict("code_expired") from None
        raise
