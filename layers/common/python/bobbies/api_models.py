"""The public API's response shapes, so /api/openapi.json is made from the code (bobbies.api_document).

The views in usecases/views.py build the JSON; these models describe it field for field (extra
fields are forbidden, so a field added to a view without its model fails the tests that check the
views and the running API against the document). The page relies on the views' JSON as it is.
"""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Text(Shape):
    """Words in both languages."""

    en: str
    cy: str


# Errors


class ErrorDetail(Shape):
    code: str = Field(description="Machine code a client can act on, e.g. area_not_found.")
    message: str = Field(description="Plain words, in Welsh when the request asks (Accept-Language: cy).")


class ErrorOut(Shape):
    error: ErrorDetail


# Places


class DistrictOut(Shape):
    id: str
    name: Text = Field(description="Standing alone (a heading, a list).")
    nameInText: Text = Field(description="Inside a sentence ('the West', 'y Gorllewin').")


class AreaOut(Shape):
    id: str
    name: Text
    nameInText: Text
    district: DistrictOut
    budget: int = Field(description="Bobbies each ballot shares out.")
    quorum: int = Field(description="The fewest ballots for a tasking.")


class AreasOut(Shape):
    areas: list[AreaOut]


class AreaOneOut(Shape):
    area: AreaOut


class PostcodeOut(Shape):
    area: AreaOut


# Ballots and rounds


class RoundOut(Shape):
    id: str
    opens: datetime
    closes: datetime
    lastDay: date = Field(description="The last whole day of voting, in London.")
    closed: bool
    votingOpen: bool = Field(description="Whether a ballot cast now counts.")
    nextOpens: datetime | None = Field(description="When voting next opens, while it is not open.")


class PriorityOut(Shape):
    id: str
    title: Text
    description: Text


class BallotPaperOut(Shape):
    area: AreaOut
    round: RoundOut
    budget: int
    priorities: list[PriorityOut]
    verification: bool = Field(
        description="Whether a ballot needs a pass: a UK mobile confirmed by SMS code "
        "(POST /api/verifications)."
    )


class VerificationIn(Shape):
    """Where to send a code: a UK mobile, the area and the language of the text."""

    phone: str = Field(
        min_length=1, max_length=32, description="A UK mobile number, as a person writes it; never stored."
    )
    areaId: str = Field(min_length=1, max_length=200)
    language: str = Field(pattern="^(en|cy)$")
    device: str = Field(
        pattern="^[A-Za-z0-9_-]{16,128}$", description="The page's token for this device (limits per device)."
    )


class VerificationOut(Shape):
    challenge: str = Field(
        description="Answer it with the code: POST /api/verifications/{challenge}/confirmation."
    )
    expiresInSeconds: int


class ConfirmationIn(Shape):
    code: str = Field(pattern="^[0-9]{6}$", description="The 6 digits the text gave.")


class BallotPassOut(Shape):
    model_config = ConfigDict(populate_by_name=True)

    pass_: str = Field(alias="pass", description="Send it with each ballot in this area and round.")
    area: str
    round: str


class ReceiptOut(Shape):
    ballot: str
    version: int = Field(
        description="This ballot's version: with `ballot`, what the next one in the round replaces."
    )
    round: str
    digest: str = Field(description="A short fingerprint of exactly what was counted.")
    allocations: dict[str, int] = Field(description="As counted: priorities given no bobbies are left out.")
    replaced: bool = Field(description="Whether it replaced this voter's earlier ballot in the round.")
    receipt: str = Field(description="The code to check this ballot with (GET /api/receipts/{receipt}).")


class ReceiptArea(Shape):
    id: str
    name: Text


class ReceiptRound(Shape):
    id: str
    closes: str
    closed: bool


class ReceiptCheck(Shape):
    area: ReceiptArea
    round: ReceiptRound
    status: Literal["counted", "replaced"] = Field(
        description="counted: the voter's ballot of record; replaced: a later ballot took its place."
    )
    inLiveResults: bool = Field(description="Whether the live results include this ballot now.")


class ReceiptCheckOut(Shape):
    receipt: ReceiptCheck


class PriorityName(Shape):
    id: str
    title: Text | None


class TaskingSummary(Shape):
    status: str
    priority: PriorityName | None


class RoundRowOut(RoundOut):
    ballots: int
    quorum: int
    ballotsText: Text
    quorumText: Text
    tasking: TaskingSummary | None = Field(description="What the round made, once decided.")


class RoundsOut(Shape):
    area: str
    quorum: int
    rounds: list[RoundRowOut] = Field(description="Newest first.")


# Results


class RunnerUpOut(Shape):
    id: str
    title: Text | None
    average: float
    averageText: str


class StandingOut(Shape):
    id: str
    title: Text | None
    support: int = Field(description="Bobbies summed over the round's ballots.")
    average: float
    averageText: str
    rank: int


class Decision(Shape):
    """Filled in once there is a leader."""

    leader: str | None
    runnerUp: RunnerUpOut | None
    margin: float | None
    marginText: str | None
    leadText: Text | None
    decidedBy: Literal["support", "backers", "ballot_order"] | None
    decidedByText: Text | None


class ChannelCount(Shape):
    channel: Literal["online", "assisted"] = Field(
        description="online: on the page; assisted: by an officer."
    )
    ballots: int
    ballotsText: Text


class AgeBandCount(Shape):
    band: Literal["16-24", "25-34", "35-49", "50-64", "65+"] | None = Field(
        description="Census 2021's bands; null: the residents who preferred not to say."
    )
    ballots: int
    ballotsText: Text
    populationShare: float | None = Field(
        description="The band's share (0-1) of the local authority's residents aged 16 and over "
        "(Census 2021), when the figures are in; null otherwise."
    )


class ResultsOut(Decision):
    area: str
    round: str
    opens: datetime
    closes: datetime
    ballots: int
    ballotsText: Text
    quorum: int
    quorumMet: bool
    quorumText: Text
    priorities: list[StandingOut] = Field(description="Ranked.")
    channels: list[ChannelCount] = Field(description="The round's ballots by how they came.")
    ageBands: list[AgeBandCount] = Field(description="The round's ballots by the age band given.")
    populationSource: Text | None = Field(description="Where the population shares come from, when shown.")


class LeaderOut(Shape):
    id: str
    title: Text | None
    average: float


class DistrictAreaOut(Shape):
    id: str
    name: Text
    nameInText: Text
    round: str
    closes: datetime
    ballots: int
    quorumMet: bool
    leader: LeaderOut | None


class DistrictResultsOut(Shape):
    district: DistrictOut
    ballots: int
    areas: list[DistrictAreaOut]


# Taskings


class TaskingPriority(Shape):
    id: str
    title: Text | None
    description: Text | None


class TaskingOut(Shape):
    area: str
    district: str
    round: str
    reference: str = Field(description="A short reference a team can quote, e.g. K7QX-4MP2.")
    status: str
    priority: TaskingPriority | None
    average: float
    averageText: str | None
    ballots: int
    ballotsText: Text
    quorum: int | None
    quorumText: Text | None
    margin: float
    marginText: str | None
    leadText: Text | None
    runnerUp: RunnerUpOut | None
    decidedBy: Literal["support", "backers", "ballot_order"] | None
    decidedByText: Text | None
    issued: datetime
    review: datetime | None
    outcome: Text | None


class TaskingsOut(Shape):
    taskings: list[TaskingOut] = Field(description="Newest first.")
    next: str | None = Field(description="The cursor for the next page, if there is one.")
