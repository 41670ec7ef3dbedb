"""/api/openapi.json: each route of functions/api/app.py with its parameters, body and answers.

Written only when the document is asked for, so no other request imports pydantic. The running
API checks its input by hand (bobbies.api_input) by the rules stated here; the tests hold the two
together: the same routes (test_api_document), the same verdict on a ballot's body
(test_api_input), and every answer of the running API against this document (schemathesis).
"""

import json
from functools import cache
from typing import Annotated, Any, Literal

from aws_lambda_powertools.event_handler import APIGatewayRestResolver
from aws_lambda_powertools.event_handler.openapi.params import Body, Path, Query
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
)
from pydantic_core import PydanticCustomError

from bobbies.api_input import AREA_MOST, LIMITS, MAX_CURSOR, PASS_MOST
from bobbies.api_models import (
    AreaOneOut,
    AreasOut,
    BallotPaperOut,
    BallotPassOut,
    ConfirmationIn,
    DistrictResultsOut,
    ErrorOut,
    PostcodeOut,
    ReceiptCheckOut,
    ReceiptOut,
    ResultsOut,
    RoundsOut,
    Shape,
    VerificationIn,
    VerificationOut,
)
from bobbies.api_models_proposals import ProposalIn, ProposalOut, WaitingProposalsOut
from bobbies.api_open_data import PoliceUkPriorities, TaskingsLifeOut, VerdictIn, VerdictOut, text_response
from bobbies.domain.ballot import BALLOT_ID, VERSION_MOST, VOTER_TOKEN
from bobbies.domain.postcode import PATTERN as POSTCODE_PATTERN

TITLE, VERSION = "Balance Your Bobbies", "1.0.0"


def _whole(value: Any) -> Any:
    """JSON has one kind of number: 10.0 is the whole number 10 (as the schema's "integer" says)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _named_whole(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """A whole number below 0 is the domain's negative_allocation, anything else but a whole number
    its not_whole_bobbies (the error type is the code), as the running API reads them."""
    try:
        return handler(value)
    except ValidationError as error:
        if any(problem["type"] == "greater_than_equal" for problem in error.errors()):
            raise PydanticCustomError("negative_allocation", "Bobbies are never negative.") from None
        raise PydanticCustomError("not_whole_bobbies", "Bobbies come whole.") from None


# Whole and not negative; "10" and true are not numbers of bobbies.
# The bound before the validators, so the document states it as JSON Schema's `minimum` (after
# them it came out as a bare `ge`, which no schema tool reads).
Bobbies = Annotated[StrictInt, Field(ge=0), BeforeValidator(_whole), WrapValidator(_named_whole)]


AgeBand = Literal[
    "16-24", "25-34", "35-49", "50-64", "65+"
]  # domain.ballot.AGE_BANDS (a test keeps them one)


def _named_replacing(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """Any hint but a ballot id and a version is invalid_replacing (the error type is the code)."""
    try:
        return handler(value)
    except ValidationError:
        raise PydanticCustomError("invalid_replacing", "Not a ballot id and version.") from None


class Replacing(Shape):
    """The voter's own last ballot in this round, as its receipt named it."""

    ballot: str = Field(pattern=f"^{BALLOT_ID.pattern}$", description="The receipt's `ballot`.")
    version: Annotated[StrictInt, BeforeValidator(_whole)] = Field(
        ge=1, le=VERSION_MOST, description="The receipt's `version`."
    )


class BallotIn(Shape):
    """A resident's ballot: whole bobbies per priority, summing to the area's budget."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"voter": "Zq3vV0d8sK2mW7xYb1", "allocations": {"speeding": 6, "drugs": 4}}]
        }
    )

    voter: str = Field(
        pattern=f"^{VOTER_TOKEN.pattern}$",
        description="Opaque token the page keeps; only its keyed hash is stored.",
    )
    allocations: dict[str, Bobbies] = Field(
        description="Bobbies given to each priority id: whole, none negative, summing to the area's budget."
    )
    ageBand: AgeBand | None = Field(
        default=None,
        description="Optional: the resident's age band (Census 2021's); absent or null: prefer not to say.",
    )
    pass_: str | None = Field(
        default=None,
        alias="pass",
        max_length=PASS_MOST,
        description="The ballot pass a right SMS code gave (POST /api/verifications/{challenge}/"
        "confirmation); needed when verification is on (the ballot paper's `verification`).",
    )
    replacing: Annotated[Replacing | None, WrapValidator(_named_replacing)] = Field(
        default=None,
        description="Optional: the ballot this one replaces, as the voter's last receipt in this round "
        "named it; absent or null: the client knows of none. Only saves the API a read: a wrong one "
        "costs a retry, and the answer (`replaced` too) is the same.",
    )


def json_response(model: type[BaseModel], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"model": model}}}


ERRORS: dict[int, str] = {
    400: "Malformed request (e.g. invalid_postcode, invalid_json, invalid_cursor).",
    404: "Not found (e.g. area_not_found, round_not_found).",
    409: "Not possible now (e.g. no_open_round).",
    413: "Body larger than 8 KB.",
    415: "Body not application/json.",
    401: "A ballot without a valid pass while verification is on (verification_needed, pass_not_valid).",
    422: "Well formed but breaks a rule (e.g. budget_mismatch, invalid_voter, not_a_uk_mobile, wrong_code).",
    429: "Too many for now (too_many_proposals: this resident today; area_proposals_full: this area today;"
    " too_many_codes: this number; too_many_codes_here: this device or address; sms_paused: the service).",
}


def responses(ok: dict[int, tuple[type[BaseModel], str]], *errors: int) -> dict[int, Any]:
    """An operation's documented answers: its successes and its errors, all errors in one shape."""
    answers = {status: json_response(model, words) for status, (model, words) in ok.items()}
    return answers | {status: json_response(ErrorOut, ERRORS[status]) for status in errors}


# Identifiers from the seed data, as examples for the document's readers (and its tests).
AreaId = Annotated[str, Path(openapi_examples={"bangor": {"value": "bangor"}})]
Postcode = Annotated[
    str,
    Path(
        # Documented, not checked here: the path arrives percent-encoded; the domain checks it decoded.
        json_schema_extra={"pattern": POSTCODE_PATTERN},
        openapi_examples={"Bangor": {"value": "LL57 2DG"}, "outside": {"value": "SW1A 1AA"}},
    ),
]
DistrictId = Annotated[str, Path(openapi_examples={"west": {"value": "west"}})]
AreaQuery = Annotated[str | None, Query(max_length=AREA_MOST)]


def documented_routes() -> APIGatewayRestResolver:
    """The API's routes as the document states them (the handlers are app.py's; these never run)."""
    doc = APIGatewayRestResolver(enable_validation=True)

    @doc.get("/api/areas", responses=responses({200: (AreasOut, "Every area, by id.")}))
    def list_areas() -> None: ...

    @doc.get(
        "/api/areas/<areaId>",
        responses=responses({200: (AreaOneOut, "The area, with its names and district.")}, 404),
    )
    def get_area(areaId: str) -> None: ...

    @doc.get(
        "/api/postcodes/<postcode>",
        responses=responses({200: (PostcodeOut, "The area the postcode is in.")}, 400, 404),
    )
    def find_postcode(postcode: Postcode) -> None: ...

    @doc.get(
        "/api/areas/<areaId>/ballot",
        responses=responses({200: (BallotPaperOut, "The current round and its priorities.")}, 404),
    )
    def get_ballot(areaId: AreaId) -> None: ...

    @doc.get(
        "/api/areas/<areaId>/rounds",
        responses=responses({200: (RoundsOut, "The area's rounds, newest first.")}, 404),
    )
    def list_rounds(areaId: AreaId) -> None: ...

    @doc.post(
        "/api/areas/<areaId>/ballots",
        responses=responses(
            {
                201: (ReceiptOut, "A first ballot, counted."),
                200: (ReceiptOut, "The voter's ballot, replaced."),
            },
            *(400, 401, 404, 409, 413, 415, 422),
        ),
    )
    def cast_ballot(areaId: AreaId, ballot: Annotated[BallotIn, Body()]) -> None: ...

    @doc.post(
        "/api/verifications",
        responses=responses(
            {202: (VerificationOut, "A code is on its way (the same answer for every UK mobile).")},
            *(400, 404, 409, 413, 415, 422, 429),
        ),
    )
    def send_code(verification: Annotated[VerificationIn, Body()]) -> None: ...

    @doc.post(
        "/api/verifications/<challenge>/confirmation",
        responses=responses(
            {201: (BallotPassOut, "The right code: a ballot pass for the area and round.")},
            *(400, 409, 413, 415, 422),
        ),
    )
    def confirm_code(challenge: str, confirmation: Annotated[ConfirmationIn, Body()]) -> None: ...

    @doc.get(
        "/api/areas/<areaId>/results",
        responses=responses({200: (ResultsOut, "The round's standings.")}, 400, 404),
    )
    def get_results(areaId: AreaId, round: Annotated[str | None, Query()] = None) -> None: ...

    @doc.get(
        "/api/districts/<districtId>/results",
        responses=responses({200: (DistrictResultsOut, "Each area's current round.")}, 404),
    )
    def get_district_results(districtId: DistrictId) -> None: ...

    @doc.get(
        "/api/receipts/<receipt>",
        responses=responses(
            {200: (ReceiptCheckOut, "What became of the ballot this receipt was given for.")}, 404
        ),
    )
    def check_receipt(receipt: str) -> None: ...

    @doc.get(
        "/api/taskings",
        responses=responses({200: (TaskingsLifeOut, "Published taskings, newest first.")}, 400, 404),
    )
    def list_taskings(
        area: Annotated[str | None, Query()] = None,
        limit: Annotated[int, Query(ge=LIMITS[0], le=LIMITS[1])] = 20,
        cursor: Annotated[str | None, Query(max_length=MAX_CURSOR)] = None,
    ) -> None: ...

    @doc.get(
        "/api/taskings.atom",
        responses={200: text_response("application/atom+xml", "The newest taskings as an Atom 1.0 feed.")}
        | responses({}, 400, 404),
    )
    def taskings_feed(area: AreaQuery = None) -> None: ...

    @doc.get(
        "/api/taskings.csv",
        responses={200: text_response("text/csv", "Every published tasking, newest first.")}
        | responses({}, 400, 404),
    )
    def taskings_csv(area: AreaQuery = None) -> None: ...

    @doc.post(
        "/api/taskings/<reference>/verdicts",
        responses=responses(
            {201: (VerdictOut, "Counted: once per ballot.")}, *(400, 404, 409, 413, 415, 422)
        ),
    )
    def give_verdict(
        reference: Annotated[str, Path(openapi_examples={"tasking": {"value": "K7QX-4MP2"}})],
        verdict: Annotated[VerdictIn, Body()],
    ) -> None: ...

    @doc.get(
        "/api/areas/<areaId>/results.json",
        responses=responses(
            {200: (ResultsOut, "The round's standings (the current round unless ?round=).")}, 400, 404
        ),
    )
    def get_results_json(areaId: AreaId, round: Annotated[str | None, Query()] = None) -> None: ...

    @doc.get(
        "/api/areas/<areaId>/results.csv",
        responses={200: text_response("text/csv", "The round's standings, one priority a row.")}
        | responses({}, 400, 404),
    )
    def get_results_csv(areaId: AreaId, round: Annotated[str | None, Query()] = None) -> None: ...

    @doc.get(
        "/api/areas/<areaId>/priorities.json",
        responses=responses(
            {200: (PoliceUkPriorities, "The area's taskings as police.uk's neighbourhood priorities.")}, 404
        ),
    )
    def get_priorities(areaId: AreaId) -> None: ...

    @doc.post(
        "/api/areas/<areaId>/proposals",
        responses=responses(
            {
                202: (
                    ProposalOut,
                    "Received, pending; GET /api/proposals/{reference} looks it up",
                )
            },
            *(400, 404, 409, 413, 415, 422, 429),
        ),
    )
    def propose(areaId: AreaId, proposal: Annotated[ProposalIn, Body()]) -> None: ...

    @doc.get(
        "/api/areas/<areaId>/proposals",
        responses=responses({200: (WaitingProposalsOut, "Approved, waiting for the next round.")}, 404),
    )
    def list_waiting_proposals(areaId: AreaId) -> None: ...

    @doc.get(
        "/api/proposals/<reference>",
        responses=responses({200: (ProposalOut, "What became of the proposal with this reference.")}, 404),
    )
    def check_proposal(reference: str) -> None: ...

    @doc.get(
        "/api/openapi.json",
        responses={200: {"description": "This document.", "content": {"application/json": {"schema": {}}}}},
    )
    def openapi() -> None: ...

    return doc


@cache
def document() -> str:
    """The OpenAPI document, once per process. Powertools adds a 422 in FastAPI's validation shape to
    every operation; ours are in the one error shape, so where a route declares no 422 it has none."""
    spec = json.loads(documented_routes().get_openapi_json_schema(title=TITLE, version=VERSION))
    for operation in (op for path in spec["paths"].values() for op in path.values()):
        refused = operation["responses"].get("422", {})
        if "HTTPValidationError" in json.dumps(refused):
            del operation["responses"]["422"]
    for name in ("HTTPValidationError", "ValidationError"):
        spec.get("components", {}).get("schemas", {}).pop(name, None)
    return json.dumps(spec)
