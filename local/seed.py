"""Loads the North Wales seed data: areas, their postcodes and priorities, and each area's first round.

`make seed` (and the first `make run`) call it with the table names of the local stack; pointed at
a deployed stack's tables (the same environment variables), it seeds that instead. Loading twice
is harmless: the items are the same and an area's open round is kept.

Postcodes, priorities and areas go in batches of 25: the seed runs in every integration test's
stack, and every call is also recorded and replayed on each restart (local/README.md).
"""

import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bobbies.domain.model import Area, District, Priority, Text
from bobbies.domain.rounds import first_round
from bobbies.store import catalogue, round_keys

SEED_FILE = Path(__file__).parent / "seed" / "north_wales.json"


def _district(row: dict[str, Any]) -> District:
    return District(row["id"], row["name"], row["name_in_text"])


def _area(row: dict[str, Any], districts: dict[str, District]) -> Area:
    return Area(
        id=row["id"],
        name=row["name"],
        name_in_text=row["name_in_text"],
        district=districts[row["district"]],
        budget=row.get("budget", 10),
        quorum=row["quorum"],
        round_days=row.get("round_days", 28),
        team_language=row.get("team_language", "en"),
    )


def _postcodes(rows: list[dict[str, Any]]) -> dict[str, str]:
    """Postcode district or sector -> area; a prefix given to two areas is a mistake in the seed."""
    twice = [prefix for prefix, n in Counter(p for row in rows for p in row["postcodes"]).items() if n > 1]
    if twice:
        raise ValueError(f"postcodes given to more than one area: {', '.join(sorted(twice))}")
    return {prefix: row["id"] for row in rows for prefix in row["postcodes"]}


def load_seed(path: Path = SEED_FILE, now: datetime | None = None) -> int:
    """Writes the seed; returns the number of areas."""
    now = now or datetime.now(UTC)
    data = json.loads(path.read_text(encoding="utf-8"))
    districts = {row["id"]: _district(row) for row in data["districts"]}
    rows: list[dict[str, Any]] = data["areas"]
    catalogue.save_postcodes(_postcodes(rows))
    catalogue.save_priorities(
        ((row["id"], Priority(**priority)) for row in rows for priority in row["priorities"]), decided_at=now
    )
    existing = {area.id: area.current_round for area in catalogue.all_areas()}
    ready: list[tuple[Area, Text | None]] = []
    openings = []
    for row in rows:
        area = _area(row, districts)
        current = existing.get(area.id)
        if current is None:  # a new area; an area already seeded keeps the round it is in
            ballot = [p["id"] for p in row["priorities"]]
            opening = first_round(area.id, now, area.round_days, ballot)._replace(
                budget=area.budget, quorum=area.quorum
            )
            openings.append(opening)
            current = opening.id
        ready.append((area._replace(current_round=current), row.get("authority")))
    catalogue.add_first_rounds(openings)
    round_keys.add_first_secrets(openings)
    catalogue.save_areas(ready)  # last: an area points only at a round that exists
    return len(rows)


if __name__ == "__main__":
    from local.runner_info import use_runner_environment  # the running runner's table names

    use_runner_environment()
    print(f"seeded {load_seed()} areas")
