"""The public HTTP API: a thin door from API Gateway into bobbies.usecases.

A cold start imports only the routing and what the first request's route uses: each route imports
its use case when called, and /api/openapi.json (bobbies.api_document, where the routes' parameters,
bodies and answers are declared with pydantic models) is made only when asked for.
"""

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from bobbies.api_input import ballot_parts, page_cursor, page_limit
from bobbies.http import make_resolver, resolve
from bobbies.observability import logger, metrics, traced
from bobbies.snapstart import register

app = make_resolver()
register()  # SnapStart's hooks (template.yaml publishes this function's versions with SnapStart)

# The views build the JSON the page relies on; bobbies.api_models describe it for the document, and
# the tests check the views and the running API against the models.
Json = dict[str, Any]


def query(name: str) -> str | None:
    return app.current_event.get_query_string_value(name)


@app.get("/api/areas")
def list_areas() -> Json:
    from bobbies.usecases import views

    return views.list_areas()


@app.get("/api/areas/<areaId>")
def get_area(areaId: str) -> Json:
    from bobbies.usecases import views

    return views.area(areaId)


@app.get("/api/postcodes/<postcode>")
def find_postcode(postcode: str) -> Json:
    from bobbies.usecases import views

    return views.find_postcode(unquote(postcode))  # the domain checks it decoded


@app.get("/api/areas/<areaId>/ballot")
def get_ballot(areaId: str) -> Json:
    from bobbies.usecases import views

    return views.ballot(areaId, datetime.now(UTC))


@app.get("/api/areas/<areaId>/rounds")
def list_rounds(areaId: str) -> Json:
    from bobbies.usecases import views

    return views.rounds(areaId, datetime.now(UTC))


@app.post("/api/areas/<areaId>/ballots")
def cast_ballot(areaId: str) -> Response[Json]:
    from bobbies.domain.errors import Unauthenticated
    from bobbies.settings import settings
    from bobbies.usecases import voting

    voter, allocations, age_band, ballot_pass, replacing = ballot_parts(app.current_event.body or "")
    now = datetime.now(UTC)
    if not settings().verification:  # anonymous voting, held back by the rate limits alone
        receipt = voting.cast_ballot(areaId, voter, allocations, now, age_band=age_band, replacing=replacing)
    elif ballot_pass is None:
        raise Unauthenticated("verification_needed")
    else:
        receipt = voting.cast_with_pass(areaId, ballot_pass, allocations, now, age_band, replacing)
    return Response(
        status_code=200 if receipt.replaced else 201,
        content_type=content_types.APPLICATION_JSON,
        body=receipt._asdict(),
    )


@app.post("/api/verifications")
def send_code() -> Response[Json]:
    from bobbies.api_input import verification_body
    from bobbies.http import source_address
    from bobbies.notify.sms import SnsSms
    from bobbies.usecases import verification

    phone, area_id, language, device = verification_body(app.current_event.body or "")
    challenge = verification.send_code(
        phone, area_id, language, device, source_address(app.current_event), datetime.now(UTC), SnsSms()
    )
    answer = {"challenge": challenge, "expiresInSeconds": 600}
    return Response(status_code=202, content_type=content_types.APPLICATION_JSON, body=answer)


@app.post("/api/verifications/<challenge>/confirmation")
def confirm_code(challenge: str) -> Response[Json]:
    from bobbies.api_input import confirmation_body
    from bobbies.usecases import verification

    code = confirmation_body(app.current_event.body or "")
    granted = verification.confirm(unquote(challenge), code, datetime.now(UTC))
    return Response(status_code=201, content_type=content_types.APPLICATION_JSON, body=granted)


@app.get("/api/areas/<areaId>/results")
def get_results(areaId: str) -> Json:
    from bobbies.usecases import views

    return views.results(areaId, query("round"))


@app.get("/api/districts/<districtId>/results")
def get_district_results(districtId: str) -> Json:
    from bobbies.usecases import views

    return views.district_results(districtId)


@app.get("/api/receipts/<receipt>")
def check_receipt(receipt: str) -> Json:
    from bobbies.usecases import receipts

    return receipts.check_receipt(unquote(receipt))


@app.get("/api/taskings")
def list_taskings() -> Json:
    from bobbies.usecases import views

    limit, cursor = page_limit(query("limit")), page_cursor(query("cursor"))
    return views.list_taskings(query("area"), limit, cursor)


ATOM = "application/atom+xml; charset=utf-8"
CSV = "text/csv; charset=utf-8"


def download(body: str, media_type: str, name: str) -> Response[str]:
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'} if media_type == CSV else None
    return Response(status_code=200, content_type=media_type, body=body, headers=disposition)


@app.get("/api/taskings.atom")
def taskings_feed() -> Response[str]:
    from bobbies.api_input import area_query
    from bobbies.usecases import feed

    return download(feed.taskings_feed(area_query(query("area"))), ATOM, "taskings.atom")


@app.get("/api/taskings.csv")
def taskings_csv() -> Response[str]:
    from bobbies.api_input import area_query
    from bobbies.usecases import open_data

    area = area_query(query("area"))
    return download(open_data.taskings_csv(area), CSV, f"taskings-{area or 'north-wales'}.csv")


@app.post("/api/taskings/<reference>/verdicts")
def give_verdict(reference: str) -> Response[Json]:
    from bobbies.api_input import verdict_body
    from bobbies.usecases import tasking_life, views

    receipt, made_a_difference = verdict_body(app.current_event.body or "")
    progress = tasking_life.give_verdict(unquote(reference), receipt, made_a_difference, datetime.now(UTC))
    verdicts = views.progress_view(progress)["verdicts"]
    return Response(status_code=201, content_type=content_types.APPLICATION_JSON, body={"verdicts": verdicts})


@app.get("/api/areas/<areaId>/results.json")
def get_results_json(areaId: str) -> Json:
    from bobbies.usecases import views

    return views.results(areaId, query("round"))


@app.get("/api/areas/<areaId>/results.csv")
def get_results_csv(areaId: str) -> Response[str]:
    from bobbies.usecases import open_data

    return download(open_data.results_csv(areaId, query("round")), CSV, f"results-{areaId}.csv")


@app.get("/api/areas/<areaId>/priorities.json")
def get_priorities(areaId: str) -> Response[str]:
    from bobbies.http import language
    from bobbies.usecases import open_data

    rows = open_data.priorities(areaId, language(app.current_event.headers))
    return Response(status_code=200, content_type=content_types.APPLICATION_JSON, body=json.dumps(rows))


@app.post("/api/areas/<areaId>/proposals")
def propose(areaId: str) -> Response[Json]:
    from bobbies.api_input import proposal_body
    from bobbies.usecases import proposals

    proposal = proposal_body(app.current_event.body or "")
    received = proposals.propose(
        areaId, proposal.voter, proposal.title, proposal.description, proposal.language, datetime.now(UTC)
    )
    return Response(status_code=202, content_type=content_types.APPLICATION_JSON, body=received)


@app.get("/api/areas/<areaId>/proposals")
def list_waiting_proposals(areaId: str) -> Json:
    from bobbies.usecases import proposals

    return proposals.waiting(areaId)


@app.get("/api/proposals/<reference>")
def check_proposal(reference: str) -> Json:
    from bobbies.usecases import proposals

    return proposals.check_proposal(unquote(reference))


@app.get("/api/openapi.json")
def openapi() -> Response[str]:
    from bobbies.api_document import document

    return Response(status_code=200, content_type=content_types.APPLICATION_JSON, body=document())


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@metrics.log_metrics
@traced
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return resolve(app, event, context)
