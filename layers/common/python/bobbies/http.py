"""The resolver every API function uses: edge checks, error mapping and one error shape.

Every error body is {"error": {"code": "<machine code>", "message": "<plain words>"}}, the message
in Welsh when the request asks for it (Accept-Language: cy).
"""

import json
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError

from bobbies.domain.errors import (
    Conflict,
    DomainError,
    InvalidInput,
    NotFound,
    TooLarge,
    UnsupportedMediaType,
)
from bobbies.messages import error_message
from bobbies.observability import count_by, logger

MAX_BODY_BYTES = 8 * 1024

STATUS: dict[type[DomainError], int] = {
    InvalidInput: 422,
    NotFound: 404,
    Conflict: 409,
    TooLarge: 413,
    UnsupportedMediaType: 415,
}
# Malformed requests (as opposed to well-formed ones that break a rule) are 400s.
BAD_REQUEST_CODES = {"invalid_json", "unknown_field", "invalid_body", "invalid_postcode"}


def language(headers: dict[str, str] | None) -> str:
    accepted = {key.lower(): value for key, value in (headers or {}).items()}.get("accept-language", "")
    return "cy" if accepted.strip().lower().startswith("cy") else "en"


def error_body(code: str, lang: str) -> str:
    return json.dumps({"error": {"code": code, "message": error_message(code, lang)}}, ensure_ascii=False)


def status_of(error: DomainError) -> int:
    if error.code in BAD_REQUEST_CODES:
        return 400
    return next(status for kind, status in STATUS.items() if isinstance(error, kind))


def _code_of_validation(error: RequestValidationError) -> str:
    """The first thing wrong with the body, as the machine code a client can act on."""
    for problem in error.errors():
        kind, place = problem.get("type", ""), [str(part) for part in problem.get("loc", ())]
        if kind == "json_invalid":
            return "invalid_json"
        if kind == "extra_forbidden":
            return "unknown_field"
        if "allocations" in place and len(place) > place.index("allocations") + 1:
            return "not_whole_bobbies"
    return "invalid_body"


def make_resolver() -> APIGatewayRestResolver:
    app = APIGatewayRestResolver(enable_validation=True)

    def reply(status: int, code: str) -> Response:
        if app.current_event.http_method == "POST":
            count_by("BallotsRejected", "reason", code)
        lang = language(app.current_event.headers)
        return Response(
            status_code=status, content_type=content_types.APPLICATION_JSON, body=error_body(code, lang)
        )

    @app.exception_handler(DomainError)
    def domain_error(error: DomainError) -> Response:
        logger.info("request refused", extra={"code": error.code})
        return reply(status_of(error), error.code)

    @app.exception_handler(RequestValidationError)
    def invalid_request(error: RequestValidationError) -> Response:
        code = _code_of_validation(error)
        logger.info("request refused", extra={"code": code})
        return reply(status_of(InvalidInput(code)), code)

    @app.not_found
    def not_found(_: NotFoundError) -> Response:
        return reply(404, "not_found")

    @app.exception_handler(Exception)
    def unexpected(error: Exception) -> Response:
        logger.exception("request failed")
        return reply(500, "internal_error")

    return app


def body_problem(event: dict[str, Any]) -> str | None:
    """Checks API Gateway cannot make for us, before the body is parsed: size and content type."""
    if event.get("httpMethod") not in {"POST", "PUT", "PATCH"}:
        return None
    body = event.get("body") or ""
    if len(body.encode()) > MAX_BODY_BYTES:
        return "payload_too_large"
    headers = {key.lower(): value for key, value in (event.get("headers") or {}).items()}
    if headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        return "unsupported_media_type"
    return None


def resolve(app: APIGatewayRestResolver, event: dict[str, Any], context: Any) -> dict[str, Any]:
    problem = body_problem(event)
    if problem:
        count_by("BallotsRejected", "reason", problem)
        status = 413 if problem == "payload_too_large" else 415
        return {
            "statusCode": status,
            "headers": {"Content-Type": content_types.APPLICATION_JSON},
            "body": error_body(problem, language(event.get("headers"))),
            "isBase64Encoded": False,
        }
    return app.resolve(event, context)
