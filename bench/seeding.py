"""The seeded force, and ballots in bulk: BatchWriteItem straight to the ballots table, not through
the API (100,000 ballots through the API would take the bench an hour on moto)."""

import json
import random
import tempfile
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.common import MotoAws

BATCH = 25  # BatchWriteItem's most


@dataclass(frozen=True)
class OpenRound:
    area_id: str
    round_id: str
    priority_ids: tuple[str, ...]
    budget: int
    quorum: int


def seed_force(at: datetime, areas: int | None = None) -> list[OpenRound]:
    """The North Wales seed (35 areas; the first `areas` of them in quick runs), each with a round
    opening at `at`."""
    from local.seed import SEED_FILE, load_seed

    from bobbies.store import catalogue

    with tempfile.TemporaryDirectory(prefix="bench-seed-") as folder:
        seed = json.loads(SEED_FILE.read_text(encoding="utf-8"))
        seed["areas"] = seed["areas"][:areas]
        path = Path(folder) / "seed.json"
        path.write_text(json.dumps(seed), encoding="utf-8")
        load_seed(path, now=at)
    rounds = []
    for area in catalogue.all_areas():
        current = catalogue.current_round(area)
        rounds.append(OpenRound(area.id, current.id, current.priority_ids, area.budget, area.quorum))
    return rounds


def allocation(chance: random.Random, priority_ids: tuple[str, ...], budget: int) -> dict[str, int]:
    shares = dict.fromkeys(priority_ids, 0)
    for _ in range(budget):
        shares[chance.choice(priority_ids)] += 1
    return {pid: bobbies for pid, bobbies in shares.items() if bobbies}


def ballot_item(open_round: OpenRound, allocations: dict[str, int], cast_at: datetime) -> dict[str, Any]:
    """A first ballot, in the low-level shape of store.models.BallotModel."""
    return {
        "round_key": {"S": f"{open_round.area_id}#{open_round.round_id}"},
        "voter_hash": {"S": uuid.uuid4().hex + uuid.uuid4().hex},
        "area_id": {"S": open_round.area_id},
        "round_id": {"S": open_round.round_id},
        "ballot_id": {"S": uuid.uuid4().hex},
        "allocations": {"M": {pid: {"N": str(n)} for pid, n in allocations.items()}},
        "version": {"N": "1"},
        "digest": {"S": uuid.uuid4().hex},
        "cast_at": {"S": cast_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+0000")},
    }


def write_ballots(aws: MotoAws, rounds: list[OpenRound], count: int, seed: int = 12) -> None:
    """`count` ballots spread evenly over the rounds, in batches of 25."""
    chance = random.Random(seed)
    dynamodb = aws.client("dynamodb")
    table = aws.resources.tables["BallotsTable"]
    now = datetime.now(UTC)
    pending: list[dict[str, Any]] = []
    for index in range(count):
        open_round = rounds[index % len(rounds)]
        item = ballot_item(open_round, allocation(chance, open_round.priority_ids, open_round.budget), now)
        pending.append({"PutRequest": {"Item": item}})
        if len(pending) == BATCH or index == count - 1:
            _write_all(dynamodb, table, pending)
            pending = []


def _write_all(dynamodb: Any, table: str, pending: list[dict[str, Any]]) -> None:
    while pending:
        answer = dynamodb.batch_write_item(RequestItems={table: pending})
        pending = answer.get("UnprocessedItems", {}).get(table, [])
