"""The nouns of PRODUCT.md as plain values.

One rule for all deployed code (the layer and functions/): a value that never changes is a NamedTuple;
what changes is a dataclass (Tally) or a plain class. Why: a dataclass compiles its methods each time
its module is imported, ~0.7 ms a class of a cold start, a NamedTuple about a fifth of that.
A NamedTuple is a tuple, so read one by its fields only: nothing iterates or unpacks one, or compares
it with a plain tuple; json.dumps writes it as a list, so a body is made with `_asdict()` (which, unlike
dataclasses.asdict, leaves the fields' values as they are). A value that needs a default_factory,
__post_init__ checks or another record to extend would stay a dataclass; none does now.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

# Words in both languages: {"en": ..., "cy": ...}.
type Text = dict[str, str]


# A place has two name forms. `name` stands alone (a heading, a list); `name_in_text` goes inside a
# sentence, where Welsh lowers the article ("Y Rhyl" -> "Canlyniadau'r Rhyl", "y Rhyl") and English
# may want one ("West" -> "the West"). Items stored before the second form existed fall back to `name`.


class District(NamedTuple):
    id: str
    name: Text
    name_in_text: Text | None = None

    @property
    def in_text(self) -> Text:
        return self.name_in_text or self.name


class RoundSettings(NamedTuple):
    """What a round is run by. Changed by an admin, they wait for the area's next round."""

    budget: int
    quorum: int
    round_days: int


class Area(NamedTuple):
    id: str
    name: Text
    district: District
    budget: int
    quorum: int
    round_days: int
    team_language: str
    current_round: str | None = None
    name_in_text: Text | None = None
    pending: RoundSettings | None = None  # from the next round on (the nightly job applies them)
    authority: Text | None = None  # the local authority it lies in (its Census figures)

    @property
    def in_text(self) -> Text:
        return self.name_in_text or self.name


class Priority(NamedTuple):
    id: str
    title: Text
    description: Text
    approved: bool = True


class Round(NamedTuple):
    area_id: str
    id: str
    opens: datetime
    closes: datetime
    priority_ids: tuple[str, ...]
    closed: bool = False
    # What the round runs by, kept with it since an admin may change the area's for later rounds;
    # None on rounds made before (their area's own then).
    budget: int | None = None
    quorum: int | None = None

    def budget_in(self, area: "Area") -> int:
        return self.budget if self.budget is not None else area.budget

    def quorum_in(self, area: "Area") -> int:
        return self.quorum if self.quorum is not None else area.quorum

    def is_open(self, now: datetime) -> bool:
        """The one rule for "is voting open": the page shows it and the API enforces it."""
        return not self.closed and self.opens <= now < self.closes


@dataclass
class Tally:
    """Support per priority, the number of priorities' backers, and the ballot count of one round;
    and how many ballots came through each channel other than online and gave each age band (the
    rest came online and gave none: a ballot cast before channels and bands existed is one of them)."""

    ballots: int = 0
    support: dict[str, int] = field(default_factory=dict)
    backers: dict[str, int] = field(default_factory=dict)
    channels: dict[str, int] = field(default_factory=dict)
    bands: dict[str, int] = field(default_factory=dict)
