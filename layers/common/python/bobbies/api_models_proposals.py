"""The shapes of the proposals routes, for /api/openapi.json (declared on the routes in api_document.py).

Only the shape of a proposal is checked here; its rules (lengths counted in characters after NFC,
a title that is not blank) are the domain's (domain/proposals.py), so a client gets the domain's own
codes for them. Anything that is not this shape - a field missing, of the wrong type, or one more -
is one 400 invalid_proposal; a voter token that is not one is 422 invalid_voter.
"""

from typing import Any, Literal

from pydantic import ConfigDict, Field, ModelWrapValidatorHandler, ValidationError, model_validator

from bobbies.api_models import Shape, Text
from bobbies.domain.ballot import VOTER_TOKEN
from bobbies.domain.errors import InvalidInput, Malformed
from bobbies.domain.proposals import DESCRIPTION_MOST, TITLE_MOST


class ProposalIn(Shape):
    """A resident's proposal for their area's ballot, in one language."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "voter": "Zq3vV0d8sK2mW7xYb1",
                    "language": "cy",
                    "title": "Parcio ar y palmant ger yr ysgol",
                    "description": "Mae ceir ar y palmant bob bore, a phlant yn cerdded ar y ffordd.",
                }
            ]
        }
    )

    voter: str = Field(
        pattern=f"^{VOTER_TOKEN.pattern}$",
        description="The page's opaque token (as for ballots); only a keyed hash of it is stored.",
    )
    language: Literal["en", "cy"] = Field(description="The language the title and description are in.")
    title: str = Field(
        json_schema_extra={"maxLength": TITLE_MOST},
        description=f"Up to {TITLE_MOST} characters (code points after NFC), not blank.",
    )
    description: str = Field(
        json_schema_extra={"maxLength": DESCRIPTION_MOST},
        description=f"Up to {DESCRIPTION_MOST} characters (code points after NFC), not blank.",
    )

    @model_validator(mode="wrap")
    @classmethod
    def _one_refusal(cls, value: Any, handler: ModelWrapValidatorHandler["ProposalIn"]) -> "ProposalIn":
        try:
            return handler(value)
        except ValidationError as error:
            about = {str(problem["loc"][0]) for problem in error.errors() if problem["loc"]}
            kinds = {problem["type"] for problem in error.errors()}
            if about == {"voter"} and kinds == {"string_pattern_mismatch"}:
                raise InvalidInput("invalid_voter") from None
            raise Malformed("invalid_proposal") from None


class ProposalArea(Shape):
    id: str
    name: Text


class MergedInto(Shape):
    id: str = Field(description="The priority it was merged into.")
    title: Text | None


class ApprovedWords(Shape):
    title: Text
    description: Text


class ProposalStatus(Shape):
    reference: str = Field(description="What the resident keeps to look it up, e.g. K7QX4-MP29T.")
    area: ProposalArea
    status: Literal["pending", "approved", "merged", "declined", "redirected"] = Field(
        description="pending; approved (for the next round); merged (into an existing priority); "
        "declined (see reason); redirected (a crime: report it on 101, or 999 in an emergency)."
    )
    language: Literal["en", "cy"]
    title: str = Field(description="As the resident wrote it.")
    description: str
    submitted: str
    decided: str | None
    reason: Text | None = Field(description="Why, when declined or redirected.")
    mergedInto: MergedInto | None
    approved: ApprovedWords | None = Field(description="The words approved for the ballot.")
    round: str | None = Field(description="The round whose ballot it went on, once it has.")


class ProposalOut(Shape):
    proposal: ProposalStatus


class WaitingProposal(Shape):
    id: str
    title: Text
    description: Text
    approved: str


class WaitingProposalsOut(Shape):
    area: str
    proposals: list[WaitingProposal] = Field(description="Approved, waiting for the next round; oldest first")
