"""The resolver every API function uses: edge checks, error mapping and one error shape.

Every error body is {"error": {"code": "<machine code>", "message": "<plain words>"}}, the message
in Welsh when the request asks for it (Accept-Language: cy).
"""

import base64
import binascii
import json
import re
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types
from aws_lambda_powertools.event_handler.exceptions import NotFoundError

from bobbies.domain.errors import (
    Conflict,
    DomainError,
    Forbidden,
    InvalidInput,
    Malformed,
    NotFound,
    TooMany,
    Unauthenticated,
)
from bobbies.messages import error_message
from bobbies.observability import count, count_by, logger

MAX_BODY_BYTES = 8 * 1024


class TransportError(Exception):
    """What is wrong with how a request came, not with what it asks: the HTTP edge's own errors."""

    code = "invalid_request"


class TooLarge(TransportError):
    code = "payload_too_large"


class UnsupportedMediaType(TransportError):
    code = "unsupported_media_type"


Refusal = DomainError | TransportError

# Each class of refusal and its status: the one place a status is chosen.
STATUS: dict[type[Refusal], int] = {
    Malformed: 400,
    InvalidInput: 422,
    Unauthenticated: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    TooMany: 429,
    TooLarge: 413,
    UnsupportedMediaType: 415,
}


# The routes that take a ballot: the residents' own, and the one an officer takes for a resident. A refusal
# there is a refused ballot, counted as BallotsRejected by its code beside BallotsAccepted (the dashboard's
# Ballots widget); the other routes' refusals (a moderation decision, a code asked for) are not ballots.
BALLOT_ROUTE = re.compile(r"/api(/admin)?/areas/[^/]+/ballots")


def count_refused_ballot(method: str | None, path: str | None, code: str) -> None:
    if method == "POST" and BALLOT_ROUTE.fullmatch(path or ""):
        count_by("BallotsRejected", "reason", code)


def language(headers: dict[str, str] | None) -> str:
    accepted = {key.lower(): value for key, value in (headers or {}).items()}.get("accept-language", "")
    return "cy" if accepted.strip().lower().startswith("cy") else "en"


def source_address(event: Any) -> str:
    """The resident's address: CloudFront's CloudFront-Viewer-Address (the origin request policy
    forwards it), else the caller's own (locally, and on the API's own address)."""
    headers = {key.lower(): value for key, value in (event.headers or {}).items()}
    viewer = headers.get("cloudfront-viewer-address", "")
    if viewer:
        return viewer.rsplit(":", 1)[0]  # "ip:port" (IPv6 too: the port follows the last colon)
    return str(event.request_context.identity.source_ip or "")


def error_body(code: str, lang: str) -> str:
    return json.dumps({"error": {"code": code, "message": error_message(code, lang)}}, ensure_ascii=False)


def status_of(error: Refusal) -> int:
    return next(status for kind, status in STATUS.items() if isinstance(error, kind))


def make_resolver() -> APIGatewayRestResolver:
    # No validation middleware: it would import pydantic on every cold start. Bodies and queries are
    # read by bobbies.api_input, by the rules the document (bobbies.api_document) states.
    app = APIGatewayRestResolver()

    def reply(status: int, code: str, headers: dict[str, str] | None = None) -> Response:
        count_refused_ballot(app.current_event.http_method, app.current_event.path, code)
        lang = language(app.current_event.headers)
        return Response(
            status_code=status,
            content_type=content_types.APPLICATION_JSON,
            body=error_body(code, lang),
            headers=headers,
        )

    @app.exception_handler(DomainError)
    def domain_error(error: DomainError) -> Response:
        logger.info("request refused", extra={"code": error.code})
        return reply(status_of(error), error.code)

    @app.not_found
    def not_found(_: NotFoundError) -> Response:
        allowed = methods_for(app, app.current_event.path)
        if allowed:
            return reply(405, "method_not_allowed", {"Allow": ", ".join(allowed)})
        return reply(404, "not_found")

    @app.exception_handler(Exception)
    def unexpected(error: Exception) -> Response:
        # Answered, so Lambda's Errors metric never sees it: counted here, and alarmed in the template.
        logger.exception("request failed")
        count("ApiFaults")
        return reply(500, "internal_error")

    return app


def methods_for(app: APIGatewayRestResolver, path: str) -> list[str]:
    """The methods the resolver has for a path (Powertools keeps its routes in these two lists)."""
    routes = [*app._static_routes, *app._dynamic_routes]
    return sorted({route.method for route in routes if route.rule.match(path)})


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        raise Malformed("duplicate_key")
    return found


def _body_text(event: dict[str, Any]) -> str:
    """The body as UTF-8 text, whether API Gateway passed it as text or base64."""
    raw = event.get("body") or ""
    try:
        data = base64.b64decode(raw, validate=True) if event.get("isBase64Encoded") else raw.encode()
        if len(data) > MAX_BODY_BYTES:
            raise TooLarge()
        return data.decode("utf-8")
    except (binascii.Error, UnicodeError):
        raise Malformed("invalid_encoding") from None


def checked_body(event: dict[str, Any]) -> dict[str, Any]:
    """Checks API Gateway cannot make for us, before Powertools parses the body: encoding, size,
    media type (case-insensitive, as media types are) and JSON that one parser could read one way
    and another another way (a repeated key) or not at all (an integer of thousands of digits).

    Returns the event as Powertools should see it: text body, a lower-case media type.
    """
    if event.get("httpMethod") not in {"POST", "PUT", "PATCH"}:
        return event
    text = _body_text(event)
    headers = {key: value for key, value in (event.get("headers") or {}).items()}
    name = next((key for key in headers if key.lower() == "content-type"), "Content-Type")
    media_type, _, parameters = str(headers.get(name, "")).partition(";")
    if media_type.strip().lower() != "application/json":
        raise UnsupportedMediaType()
    try:
        json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError:
        pass  # Powertools reports it as invalid_json, with where it went wrong
    except RecursionError:  # nested deeper than the parser goes (8 KB is room for 4,000 levels)
        raise Malformed("invalid_json") from None
    except ValueError:  # Python's limit on the digits of an integer
        raise Malformed("number_too_long") from None
    headers[name] = "application/json" + (f";{parameters}" if parameters else "")
    multi = {
        key: value
        for key, value in (event.get("multiValueHeaders") or {}).items()
        if key.lower() != "content-type"
    }
    return {
        **event,
        "body": text,
        "isBase64Encoded": False,
        "headers": headers,
        "multiValueHeaders": {**multi, name: [headers[name]]},
    }


def resolve(app: APIGatewayRestResolver, event: dict[str, Any], context: Any) -> dict[str, Any]:
    if event.get("httpMethod") not in methods_for(app, str(event.get("path") or "")):
        return app.resolve(event, context)  # a 404 or 405, whatever the body
    try:
        event = checked_body(event)
    except (Malformed, TransportError) as problem:
        count_refused_ballot(event.get("httpMethod"), event.get("path"), problem.code)
        return {
            "statusCode": status_of(problem),
            "headers": {"Content-Type": content_types.APPLICATION_JSON},
            "body": error_body(problem.code, language(event.get("headers"))),
            "isBase64Encoded": False,
        }
    return app.resolve(event, context)
