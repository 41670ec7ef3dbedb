"""The public HTTP API: a thin door from API Gateway into bobbies.usecases."""

import json
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import unquote

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body, Path, Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from bobbies.api_models import (
    AreaOneOut,
    AreasOut,
    BallotIn,
    BallotPaperOut,
    DistrictResultsOut,
    PostcodeOut,
    ReceiptCheckOut,
    ReceiptOut,
    ResultsOut,
    RoundsOut,
    responses,
)
from bobbies.api_open_data import (
    PoliceUkPriorities,
    PoliceUkPriority,
    TaskingsLifeOut,
    VerdictIn,
    VerdictOut,
    text_response,
)
from bobbies.domain.postcode import PATTERN as POSTCODE_PATTERN
from bobbies.http import language, make_resolver, openapi_document, resolve
from bobbies.observability import logger, metrics, traced
from bobbies.usecases import feed, open_data, receipts, tasking_life, views, voting

app = make_resolver()

# The views build the JSON the page relies on; the models in `responses` describe it for the
# document. Handlers return the views' dicts (annotated `Json`), so no answer pays for a second
# validation at run time: the tests check the views and the running API against the models.
Json = dict[str, Any]
# Identifiers from the seed data, as examples for the document's readers (and its tests).
AreaId = Annotated[str, Path(openapi_examples={"bangor": {"value": "bangor"}})]


@app.get("/api/areas", responses=responses({200: (AreasOut, "Every area, by id.")}))
def list_areas() -> Json:
    return views.list_areas()


@app.get(
    "/api/areas/<areaId>",
    responses=responses({200: (AreaOneOut, "The area, with its names and district.")}, 404),
)
def get_area(areaId: str) -> Json:
    return views.area(areaId)


@app.get(
    "/api/postcodes/<postcode>",
    responses=responses({200: (PostcodeOut, "The area the postcode is in.")}, 400, 404),
)
def find_postcode(
    # Documented, not checked here: the path arrives percent-encoded; the domain checks it decoded.
    postcode: Annotated[
        str,
        Path(
            json_schema_extra={"pattern": POSTCODE_PATTERN},
            openapi_examples={"Bangor": {"value": "LL57 2DG"}, "outside": {"value": "SW1A 1AA"}},
        ),
    ],
) -> Json:
    return views.find_postcode(unquote(postcode))


@app.get(
    "/api/areas/<areaId>/ballot",
    responses=responses({200: (BallotPaperOut, "The current round and its priorities.")}, 404),
)
def get_ballot(areaId: AreaId) -> Json:
    return views.ballot(areaId, datetime.now(UTC))


@app.get(
    "/api/areas/<areaId>/rounds",
    responses=responses({200: (RoundsOut, "The area's rounds, newest first.")}, 404),
)
def list_rounds(areaId: AreaId) -> Json:
    return views.rounds(areaId, datetime.now(UTC))


@app.post(
    "/api/areas/<areaId>/ballots",
    responses=responses(
        {201: (ReceiptOut, "A first ballot, counted."), 200: (ReceiptOut, "The voter's ballot, replaced.")},
        *(400, 404, 409, 413, 415, 422),
    ),
)
def cast_ballot(areaId: AreaId, ballot: Annotated[BallotIn, Body()]) -> Response[Json]:
    receipt = voting.cast_ballot(areaId, ballot.voter, ballot.allocations, datetime.now(UTC))
    return Response(
        status_code=200 if receipt.replaced else 201,
        content_type=content_types.APPLICATION_JSON,
        body=asdict(receipt),
    )


@app.get(
    "/api/areas/<areaId>/results",
    responses=responses({200: (ResultsOut, "The round's standings.")}, 400, 404),
)
def get_results(areaId: AreaId, round: Annotated[str | None, Query()] = None) -> Json:
    return views.results(areaId, round)


@app.get(
    "/api/districts/<districtId>/results",
    responses=responses({200: (DistrictResultsOut, "Each area's current round.")}, 404),
)
def get_district_results(
    districtId: Annotated[str, Path(openapi_examples={"west": {"value": "west"}})],
) -> Json:
    return views.district_results(districtId)


@app.get(
    "/api/receipts/<receipt>",
    responses=responses(
        {200: (ReceiptCheckOut, "What became of the ballot this receipt was given for.")}, 404
    ),
)
def check_receipt(receipt: str) -> Json:
    return receipts.check_receipt(unquote(receipt))


@app.get(
    "/api/taskings",
    responses=responses({200: (TaskingsLifeOut, "Published taskings, newest first.")}, 400, 404),
)
def list_taskings(
    area: Annotated[str | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
) -> Json:
    return views.list_taskings(area, limit, cursor)


AreaQuery = Annotated[str | None, Query(max_length=200)]
ATOM = "application/atom+xml; charset=utf-8"
CSV = "text/csv; charset=utf-8"


def download(body: str, media_type: str, name: str) -> Response[str]:
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'} if media_type == CSV else None
    return Response(status_code=200, content_type=media_type, body=body, headers=disposition)


@app.get(
    "/api/taskings.atom",
    responses={200: text_response("application/atom+xml", "The newest taskings as an Atom 1.0 feed.")}
    | responses({}, 400, 404),
)
def taskings_feed(area: AreaQuery = None) -> Response[str]:
    return download(feed.taskings_feed(area), ATOM, "taskings.atom")


@app.get(
    "/api/taskings.csv",
    responses={200: text_response("text/csv", "Every published tasking, newest first.")}
    | responses({}, 400, 404),
)
def taskings_csv(area: AreaQuery = None) -> Response[str]:
    return download(open_data.taskings_csv(area), CSV, f"taskings-{area or 'north-wales'}.csv")


@app.post(
    "/api/taskings/<reference>/verdicts",
    responses=responses({201: (VerdictOut, "Counted: once per ballot.")}, *(400, 404, 409, 413, 415, 422)),
)
def give_verdict(
    reference: Annotated[str, Path(openapi_examples={"tasking": {"value": "K7QX-4MP2"}})],
    verdict: Annotated[VerdictIn, Body()],
) -> Response[Json]:
    progress = tasking_life.give_verdict(
        unquote(reference), verdict.receipt, verdict.madeADifference, datetime.now(UTC)
    )
    return Response(
        status_code=201,
        content_type=content_types.APPLICATION_JSON,
        body={"verdicts": views.progress_view(progress)["verdicts"]},
    )


@app.get(
    "/api/areas/<areaId>/results.json",
    responses=responses(
        {200: (ResultsOut, "The round's standings (the current round unless ?round=).")}, 400, 404
    ),
)
def get_results_json(areaId: AreaId, round: Annotated[str | None, Query()] = None) -> Json:
    return views.results(areaId, round)


@app.get(
    "/api/areas/<areaId>/results.csv",
    responses={200: text_response("text/csv", "The round's standings, one priority a row.")}
    | responses({}, 400, 404),
)
def get_results_csv(areaId: AreaId, round: Annotated[str | None, Query()] = None) -> Response[str]:
    return download(open_data.results_csv(areaId, round), CSV, f"results-{areaId}.csv")


@app.get(
    "/api/areas/<areaId>/priorities.json",
    responses=responses(
        {200: (PoliceUkPriorities, "The area's taskings as police.uk's neighbourhood priorities.")}, 404
    ),
)
def get_priorities(areaId: AreaId) -> Response[str]:
    rows = open_data.priorities(areaId, language(app.current_event.headers))
    return Response(
        status_code=200,
        content_type=content_types.APPLICATION_JSON,
        body=json.dumps([PoliceUkPriority.model_validate(row).model_dump(by_alias=True) for row in rows]),
    )


@app.get(
    "/api/openapi.json",
    responses={200: {"description": "This document.", "content": {"application/json": {"schema": {}}}}},
)
def openapi() -> Response[str]:
    return Response(
        status_code=200,
        content_type=content_types.APPLICATION_JSON,
        body=openapi_document(app, title="Balance Your Bobbies", version="1.0.0"),
    )


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@metrics.log_metrics
@traced
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return resolve(app, event, context)
