"""Each open round's secret (RoundKeysTable): made on first use, deleted when the round closes.

The round key the ballots' voter keys, the codes' hashes and the passes depend on is made from it
and the stack's voter secret (domain/verification.py). Once the nightly run deletes it, nothing
stored can be tied to a phone number any more. A warm function keeps a round's key KEEP_SECONDS.
"""

import secrets as random
import time
from datetime import datetime, timedelta

from pynamodb.exceptions import PutError

from bobbies.domain.verification import round_key
from bobbies.store.models import bound
from bobbies.store.secrets import voter_key
from bobbies.store.verification_models import RoundKeyModel

KEEP_SECONDS = 60.0
BACKSTOP = timedelta(days=1)  # TTL, should a nightly run fail to delete it

_kept: dict[str, tuple[float, bytes]] = {}


def forget_kept() -> None:
    _kept.clear()


def _name(area_id: str, round_id: str) -> str:
    return f"{area_id}#{round_id}"


def key_of_round(area_id: str, round_id: str, closes: datetime | None = None) -> bytes | None:
    """The round's key; made now if `closes` is given (an open round) and it has none yet. None for
    a round without one (closed, or never voted in)."""
    name = _name(area_id, round_id)
    kept = _kept.get(name)
    if kept and time.monotonic() - kept[0] < KEEP_SECONDS:
        return kept[1]
    model = bound(RoundKeyModel)
    try:
        secret = bytes.fromhex(model.get(name, consistent_read=True).secret)
    except RoundKeyModel.DoesNotExist:
        if closes is None:
            return None
        secret = _make(name, closes)
    key = round_key(voter_key(), secret)
    _kept[name] = (time.monotonic(), key)
    return key


def _make(name: str, closes: datetime) -> bytes:
    """A new secret, unless another request made one first (then theirs)."""
    model = bound(RoundKeyModel)
    made = random.token_bytes(32)
    try:
        model(name, secret=made.hex(), expires=closes + BACKSTOP).save(
            condition=RoundKeyModel.round_key.does_not_exist()
        )
        return made
    except PutError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
        return bytes.fromhex(model.get(name, consistent_read=True).secret)


def destroy(area_id: str, round_id: str) -> None:
    """The nightly run, once the round is closed: its keys can never be made again."""
    bound(RoundKeyModel)(_name(area_id, round_id)).delete()
    _kept.pop(_name(area_id, round_id), None)
