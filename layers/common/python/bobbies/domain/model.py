"""The nouns of PRODUCT.md as plain values."""

from dataclasses import dataclass, field
from datetime import datetime

# Words in both languages: {"en": ..., "cy": ...}.
type Text = dict[str, str]


@dataclass(frozen=True)
class District:
    id: str
    name: Text


@dataclass(frozen=True)
class Area:
    id: str
    name: Text
    district: District
    budget: int
    quorum: int
    round_days: int
    team_language: str
    current_round: str | None = None


@dataclass(frozen=True)
class Priority:
    id: str
    title: Text
    description: Text
    approved: bool = True


@dataclass(frozen=True)
class Round:
    area_id: str
    id: str
    opens: datetime
    closes: datetime
    priority_ids: tuple[str, ...]
    closed: bool = False

    def is_open(self, now: datetime) -> bool:
        """The one rule for "is voting open": the page shows it and the API enforces it."""
        return not self.closed and self.opens <= now < self.closes


@dataclass
class Tally:
    """Support per priority, the number of priorities' backers, and the ballot count of one round."""

    ballots: int = 0
    support: dict[str, int] = field(default_factory=dict)
    backers: dict[str, int] = field(default_factory=dict)
