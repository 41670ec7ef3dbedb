"""The shapes of the tasking loop's public half: the team's progress on each tasking, residents'
verdicts, and the open-data exports (Atom, CSV, police.uk's neighbourhood priorities)."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, RootModel, StrictBool, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from bobbies.api_input import RECEIPT_MOST
from bobbies.api_models import Shape, TaskingOut, Text


class NoteOut(Shape):
    text: Text
    at: datetime


class VerdictsOut(Shape):
    madeADifference: int = Field(description="Residents who voted in the round and say it did.")
    noDifference: int = Field(description="Residents who voted in the round and say it did not.")


class TaskingLifeOut(TaskingOut):
    acknowledged: datetime | None = Field(description="When the team acknowledged it.")
    completed: datetime | None = Field(description="When the team closed it with its outcome.")
    notes: list[NoteOut] = Field(description="The team's progress notes, oldest first.")
    verdicts: VerdictsOut = Field(description="Residents' verdicts, once it is completed; one per ballot.")


class TaskingsLifeOut(Shape):
    taskings: list[TaskingLifeOut] = Field(description="Newest first.")
    next: str | None = Field(description="The cursor for the next page, if there is one.")


class VerdictIn(Shape):
    """Whether a completed tasking made a difference, from a resident who voted in its round."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"receipt": "abcdefghijklmnopqrstuvwxyz", "madeADifference": True}]}
    )

    receipt: str = Field(
        max_length=RECEIPT_MOST, description="The receipt code of the resident's ballot in that round."
    )
    madeADifference: StrictBool

    @model_validator(mode="wrap")
    @classmethod
    def _one_code(cls, value: Any, handler: Any) -> Any:
        """Whatever is wrong with the body, a client is told the one thing a verdict needs."""
        try:
            return handler(value)
        except ValidationError:
            raise PydanticCustomError("invalid_verdict", "A receipt code and true or false.") from None


class VerdictOut(Shape):
    verdicts: VerdictsOut = Field(description="The tasking's verdicts, this one included.")


class PoliceUkPriority(BaseModel):
    """One priority as police.uk publishes them (data.police.uk/docs/method/neighbourhood-priorities)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    issue: str = Field(description="HTML: the priority residents chose.")
    issue_date: str = Field(alias="issue-date", description="When it was given to the team (UTC).")
    action: str | None = Field(description="HTML: the outcome, or the latest progress until then.")
    action_date: str | None = Field(alias="action-date", description="When the action was written (UTC).")


class PoliceUkPriorities(RootModel[list[PoliceUkPriority]]):
    """An area's priorities, newest first, as police.uk lists a neighbourhood's."""


def text_response(media_type: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {media_type: {"schema": {"type": "string"}}}}
