"""Loads the North Wales seed data: areas, their postcodes and priorities, and each area's first round.

`make seed` (and the first `make run`) call it with the table names of the local stack; pointed at
a deployed stack's tables (the same environment variables), it seeds that instead. Loading twice
is harmless: the items are the same and an area's open round is kept.
"""

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bobbies.domain.model import Area, District, Priority
from bobbies.domain.rounds import first_round
from bobbies.store import catalogue

SEED_FILE = Path(__file__).parent / "seed" / "north_wales.json"


def _area(row: dict[str, Any], districts: dict[str, District]) -> Area:
    return Area(
        id=row["id"],
        name=row["name"],
        district=districts[row["district"]],
        budget=row.get("budget", 10),
        quorum=row["quorum"],
        round_days=row.get("round_days", 28),
        team_language=row.get("team_language", "en"),
    )


def load_seed(path: Path = SEED_FILE, now: datetime | None = None) -> int:
    """Writes the seed; returns the number of areas."""
    now = now or datetime.now(UTC)
    data = json.loads(path.read_text(encoding="utf-8"))
    districts = {row["id"]: District(row["id"], row["name"]) for row in data["districts"]}
    existing = {area.id: area for area in catalogue.all_areas()}
    for row in data["areas"]:
        area = _area(row, districts)
        for prefix in row["postcodes"]:
            catalogue.save_postcode(prefix, area.id)
        for priority in row["priorities"]:
            catalogue.save_priority(area.id, Priority(**priority), decided_at=now)
        current = existing[area.id].current_round if area.id in existing else None
        if current is None:
            opening = first_round(area.id, now, area.round_days, [p["id"] for p in row["priorities"]])
            catalogue.add_round_once(opening)
            current = opening.id
        catalogue.save_area(replace(area, current_round=current), row.get("authority"))
    return len(data["areas"])


if __name__ == "__main__":
    from local.template import function_environment_for_cli  # the running stack's table names

    function_environment_for_cli()
    print(f"seeded {load_seed()} areas")
