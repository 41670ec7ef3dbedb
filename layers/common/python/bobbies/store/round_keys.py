"""Each open round's secret (RoundKeysTable): made with the round, deleted when the round closes.

The round key the ballots' voter keys, the codes' hashes and the passes depend on is made from it
and the stack's voter secret (domain/verification.py). Once the nightly run deletes it, nothing
stored can be tied to a phone number any more. A warm function keeps a round's key KEEP_SECONDS.

Whatever writes a round writes its secret (the nightly run the next round, the seed and the admins'
new areas the first), so a ballot only reads it, in the same request as the round
(`round_with_key`). A ballot still makes one for an open round that has none: a round opened before
secrets were made with their rounds (an upgraded stack's rounds open at the time, until they close).
"""

import secrets as random
import time
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import GetError, PutError

from bobbies.domain.model import Round
from bobbies.domain.verification import round_key
from bobbies.store import catalogue
from bobbies.store.models import RoundModel, bound, connection, storable_key
from bobbies.store.secrets import voter_key
from bobbies.store.verification_models import RoundKeyModel

KEEP_SECONDS = 60.0
BACKSTOP = timedelta(days=1)  # TTL, should a nightly run fail to delete it
BATCH_TRIES = 5  # BatchGetItem hands back what it had no capacity for; asked again that many times

_kept: dict[str, tuple[float, bytes]] = {}


def forget_kept() -> None:
    _kept.clear()


def _name(area_id: str, round_id: str) -> str:
    return f"{area_id}#{round_id}"


def _keep(name: str, secret: bytes) -> bytes:
    key = round_key(voter_key(), secret)
    _kept[name] = (time.monotonic(), key)
    return key


def _kept_key(name: str) -> bytes | None:
    kept = _kept.get(name)
    return kept[1] if kept and time.monotonic() - kept[0] < KEEP_SECONDS else None


def new_secret(new: Round) -> RoundKeyModel:
    """A new round's secret, to write with the round (in its transaction or its batch)."""
    return bound(RoundKeyModel)(
        _name(new.area_id, new.id), secret=random.token_bytes(32).hex(), expires=new.closes + BACKSTOP
    )


def add_secret_once(new: Round) -> None:
    """The round's secret, unless it has one (a rerun of the nightly run made it already)."""
    try:
        new_secret(new).save(condition=RoundKeyModel.round_key.does_not_exist())
    except PutError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise


def add_first_secrets(rounds: Iterable[Round]) -> None:
    """The seed's opening rounds' secrets, in batches (as catalogue.add_first_rounds writes them)."""
    with bound(RoundKeyModel).batch_write() as batch:
        for new in rounds:
            batch.save(new_secret(new))


def _save_once(item: RoundKeyModel) -> bytes:
    """Saves the secret unless the round has one already; the one it has, either way."""
    try:
        item.save(condition=RoundKeyModel.round_key.does_not_exist())
        return bytes.fromhex(item.secret)
    except PutError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
        return bytes.fromhex(bound(RoundKeyModel).get(item.round_key, consistent_read=True).secret)


def round_with_key(area_id: str, round_id: str) -> Round:
    """The round, read with its secret in one BatchGetItem (the secret read consistently); the
    round's key is kept for key_of_round."""
    rounds, keys = bound(RoundModel), bound(RoundKeyModel)
    name = _name(area_id, round_id)
    if not (storable_key(area_id) and storable_key(round_id)):
        return catalogue.get_round(area_id, round_id)  # its "not found", as for any round
    wanted: dict[str, Any] = {
        rounds.Meta.table_name: {"Keys": [{"area_id": {"S": area_id}, "round_id": {"S": round_id}}]},
        keys.Meta.table_name: {"Keys": [{"round_key": {"S": name}}], "ConsistentRead": True},
    }
    found: dict[str, list[dict[str, Any]]] = {}
    for _ in range(BATCH_TRIES):
        answer = connection().dispatch("BatchGetItem", {"RequestItems": wanted})
        for table, items in answer.get("Responses", {}).items():
            found.setdefault(table, []).extend(items)
        wanted = answer.get("UnprocessedKeys") or {}
        if not wanted:
            break
    else:
        raise GetError("BatchGetItem left keys unprocessed")
    round_items = found.get(rounds.Meta.table_name)
    if not round_items:
        return catalogue.get_round(area_id, round_id)  # its "not found"
    current = catalogue.round_of_item(rounds.from_raw_data(round_items[0]))
    if secrets := found.get(keys.Meta.table_name):
        _keep(name, bytes.fromhex(keys.from_raw_data(secrets[0]).secret))
    return current


def key_of_round(area_id: str, round_id: str, closes: datetime | None = None) -> bytes | None:
    """The round's key; made now if `closes` is given (an open round) and it has none yet (a round
    opened before secrets came with rounds). None for a round without one (closed)."""
    name = _name(area_id, round_id)
    if kept := _kept_key(name):
        return kept
    model = bound(RoundKeyModel)
    try:
        secret = bytes.fromhex(model.get(name, consistent_read=True).secret)
    except RoundKeyModel.DoesNotExist:
        if closes is None:
            return None
        secret = _save_once(model(name, secret=random.token_bytes(32).hex(), expires=closes + BACKSTOP))
    return _keep(name, secret)


def destroy(area_id: str, round_id: str) -> None:
    """The nightly run, once the round is closed: its keys can never be made again."""
    bound(RoundKeyModel)(_name(area_id, round_id)).delete()
    _kept.pop(_name(area_id, round_id), None)
