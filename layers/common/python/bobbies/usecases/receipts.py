"""Checking a receipt: which round a ballot was for, whether it still counts, whether the live
results hold it - told only to whoever holds the code.

Every code that is malformed, unknown or never issued gets the same 404, so the endpoint cannot be
used to find codes; a code is 128 random bits, so it cannot be guessed either. The answer always
has the same fields, and says nothing about the ballot's bobbies or about other ballots.

`inLiveResults` is exact: the version's change is applied to the aggregate (its guard written, or
its id pending on the aggregate item: usecases.aggregation) and the change that superseded it (the
next version, or its removal) is not; or the round's aggregate was rebuilt from the ballots of
record and the version still counts.
"""

from typing import Any

from bobbies.domain.changes import CAST, REMOVED, change_id
from bobbies.domain.errors import NotFound
from bobbies.domain.receipts import receipt_hash
from bobbies.store import aggregates, ballots, catalogue, counting, receipts
from bobbies.usecases.views import iso

COUNTED, REPLACED = "counted", "replaced"


def check_receipt(code: str) -> dict[str, Any]:
    key = receipt_hash(code)
    stored = receipts.find_receipt(key) if key else None
    if stored is None:
        raise NotFound("receipt_not_found")
    area = catalogue.get_area(stored.area_id)
    shown = catalogue.get_round(stored.area_id, stored.round_id)
    current = ballots.find_ballot(stored.area_id, stored.round_id, stored.voter_hash)
    counted = current is not None and (current.ballot_id, current.version) == (
        stored.ballot_id,
        stored.version,
    )
    return {
        "receipt": {
            "area": {"id": area.id, "name": area.name},
            "round": {"id": shown.id, "closes": iso(shown.closes), "closed": shown.closed},
            "status": COUNTED if counted else REPLACED,
            "inLiveResults": _in_live_results(stored, counted),
        }
    }


def _in_live_results(stored: receipts.StoredReceipt, counted: bool) -> bool:
    _, sealed = aggregates.read_tally(stored.area_id, stored.round_id)
    if sealed:
        return counted
    round_key = counting.round_key(stored.area_id, stored.round_id)

    def name(version: int, kind: str) -> str:
        return change_id(round_key, stored.voter_hash, stored.ballot_id, version, kind)

    this = name(stored.version, CAST)
    superseded_by = [name(stored.version + 1, CAST), name(stored.version, REMOVED)]
    found = aggregates.applied(stored.area_id, stored.round_id, [this, *superseded_by])
    return this in found and not found & set(superseded_by)
