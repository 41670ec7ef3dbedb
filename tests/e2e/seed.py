"""The local stack's seed data: areas, their names and postcodes."""

import json
from functools import cache
from pathlib import Path
from typing import Any

SEED = Path(__file__).resolve().parents[2] / "local" / "seed" / "north_wales.json"


@cache
def seed() -> dict[str, Any]:
    return dict(json.loads(SEED.read_text(encoding="utf-8")))


def seed_area(area_id: str) -> dict[str, Any]:
    return next(area for area in seed()["areas"] if area["id"] == area_id)


def postcode_in(area_id: str, inward: str = "2DG") -> str:
    """A full postcode inside the area: its first postcode district plus an inward code."""
    outward = seed_area(area_id)["postcodes"][0].split()[0]
    return f"{outward} {inward}"
