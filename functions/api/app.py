"""The public HTTP API: a thin door from API Gateway into bobbies.usecases."""

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import unquote

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body, Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel, ConfigDict, Field, StrictInt

from bobbies.http import make_resolver, resolve
from bobbies.observability import logger, metrics, traced
from bobbies.usecases import receipts, views, voting

app = make_resolver()


class BallotIn(BaseModel):
    """A resident's ballot: whole bobbies per priority, summing to the area's budget."""

    model_config = ConfigDict(extra="forbid")
    voter: str = Field(description="Opaque token the page keeps; only its keyed hash is stored.")
    allocations: dict[str, StrictInt] = Field(description="Bobbies given to each priority id.")


@app.get("/api/areas")
def list_areas() -> dict[str, Any]:
    return views.list_areas()


@app.get("/api/areas/<areaId>")
def get_area(areaId: str) -> dict[str, Any]:
    return views.area(areaId)


@app.get("/api/postcodes/<postcode>")
def find_postcode(postcode: str) -> dict[str, Any]:
    return views.find_postcode(unquote(postcode))


@app.get("/api/areas/<areaId>/ballot")
def get_ballot(areaId: str) -> dict[str, Any]:
    return views.ballot(areaId, datetime.now(UTC))


@app.get("/api/areas/<areaId>/rounds")
def list_rounds(areaId: str) -> dict[str, Any]:
    return views.rounds(areaId, datetime.now(UTC))


@app.post("/api/areas/<areaId>/ballots")
def cast_ballot(areaId: str, ballot: Annotated[BallotIn, Body()]) -> Response[dict[str, Any]]:
    receipt = voting.cast_ballot(areaId, ballot.voter, ballot.allocations, datetime.now(UTC))
    return Response(
        status_code=200 if receipt.replaced else 201,
        content_type=content_types.APPLICATION_JSON,
        body=asdict(receipt),
    )


@app.get("/api/areas/<areaId>/results")
def get_results(areaId: str, round: Annotated[str | None, Query()] = None) -> dict[str, Any]:
    return views.results(areaId, round)


@app.get("/api/districts/<districtId>/results")
def get_district_results(districtId: str) -> dict[str, Any]:
    return views.district_results(districtId)


@app.get("/api/receipts/<receipt>")
def check_receipt(receipt: str) -> dict[str, Any]:
    return receipts.check_receipt(unquote(receipt))


@app.get("/api/taskings")
def list_taskings(
    area: Annotated[str | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
) -> dict[str, Any]:
    return views.list_taskings(area, limit, cursor)


@app.get("/api/openapi.json")
def openapi() -> Response[str]:
    return Response(
        status_code=200,
        content_type=content_types.APPLICATION_JSON,
        body=app.get_openapi_json_schema(title="Balance Your Bobbies", version="1.0.0"),
    )


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@metrics.log_metrics
@traced
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return resolve(app, event, context)
