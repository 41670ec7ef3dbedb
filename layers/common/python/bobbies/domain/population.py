"""The population a round's voters are set beside: Census 2021 residents aged 16 and over in each
age band, for the local authority an area lies in.

The figures come from ONS's Census 2021 table TS007B (age by broad age bands: 16 to 19, 20 to 24,
25 to 34, 35 to 49, 50 to 64, 65 to 74, 75 to 84, 85 and over), summed into domain.ballot.AGE_BANDS,
for the six North Wales authorities below. They are not shipped yet: no package on the registries
this project can reach carries them, and they are not made up. Until the file CENSUS_FILE exists,
shares() is None and the results show each band's ballots without a comparison. The file, when
added, holds the usual residents per band for each authority's code, e.g.
  {"source": "Census 2021, ONS, TS007B", "authorities": {"W06000002": {"16-24": ..., "65+": ...}}}
"""

import json
from fractions import Fraction
from functools import cache
from pathlib import Path

from bobbies.domain.ballot import AGE_BANDS

CENSUS_FILE = Path(__file__).resolve().parent.parent / "census2021_ts007b.json"

# ONS's codes for the local authorities the seeded areas lie in (by their English names).
AUTHORITY_CODES = {
    "Isle of Anglesey": "W06000001",
    "Gwynedd": "W06000002",
    "Conwy": "W06000003",
    "Denbighshire": "W06000004",
    "Flintshire": "W06000005",
    "Wrexham": "W06000006",
}


@cache
def _census(path: Path) -> dict[str, dict[str, int]]:
    if not path.exists():
        return {}
    authorities: dict[str, dict[str, int]] = json.loads(path.read_text(encoding="utf-8"))["authorities"]
    return authorities


def shares(authority: str | None, path: Path = CENSUS_FILE) -> dict[str, Fraction] | None:
    """Each band's share of the authority's residents aged 16 and over; None without the figures."""
    counts = _census(path).get(AUTHORITY_CODES.get(authority or "", ""))
    if not counts or set(counts) != set(AGE_BANDS):
        return None
    total = sum(counts.values())
    return {band: Fraction(counts[band], total) for band in AGE_BANDS} if total else None
