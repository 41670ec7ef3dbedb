"""What is about API Gateway itself: the REST API (payload 1.0) proxy event a function gets, and
the HTTP answer API Gateway makes of the function's proxy response (or of its failure)."""

import base64
import json
import time
import uuid
from dataclasses import dataclass, field
from email.utils import formatdate
from typing import Any
from urllib.parse import parse_qsl

from local.lambdas import Invocation
from local.template import ACCOUNT

_HOP_BY_HOP = {"content-length", "transfer-encoding", "connection", "keep-alive"}


@dataclass
class HttpResponse:
    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def json(cls, status: int, payload: Any, headers: list[tuple[str, str]] | None = None) -> "HttpResponse":
        body = json.dumps(payload, ensure_ascii=False).encode()
        return cls(status, body, [("Content-Type", "application/json"), *(headers or [])])

    @classmethod
    def error(cls, status: int, code: str, message: str, **extra: Any) -> "HttpResponse":
        headers = [("Allow", extra["allow"])] if "allow" in extra else []
        return cls.json(status, {"error": {"code": code, "message": message}}, headers)


@dataclass(frozen=True)
class IncomingRequest:
    method: str
    raw_path: str
    query: str
    headers: list[tuple[str, str]]
    body: bytes
    client_ip: str


def api_gateway_event(
    request: IncomingRequest, resource: str, parameters: dict[str, str], stage: str
) -> dict[str, Any]:
    """The REST API (payload 1.0) proxy event."""
    pairs = parse_qsl(request.query, keep_blank_values=True)
    headers, multi_headers = _single_and_multi(request.headers)
    query, multi_query = _single_and_multi(pairs)
    body, encoded = _event_body(request.body)
    now = time.time()
    return {
        "resource": resource,
        "path": request.raw_path,
        "httpMethod": request.method,
        "headers": headers,
        "multiValueHeaders": multi_headers,
        "queryStringParameters": query or None,
        "multiValueQueryStringParameters": multi_query or None,
        "pathParameters": parameters or None,
        "stageVariables": None,
        "requestContext": {
            "accountId": ACCOUNT,
            "apiId": "local",
            "resourceId": "local",
            "stage": stage,
            "requestId": str(uuid.uuid4()),
            "resourcePath": resource,
            "httpMethod": request.method,
            "path": f"/{stage}{request.raw_path}",
            "protocol": "HTTP/1.1",
            "requestTime": formatdate(now, usegmt=True),
            "requestTimeEpoch": int(now * 1000),
            "domainName": headers.get("Host", "127.0.0.1"),
            "identity": {"sourceIp": request.client_ip, "userAgent": headers.get("User-Agent")},
        },
        "body": body,
        "isBase64Encoded": encoded,
    }


def _single_and_multi(pairs: list[tuple[str, str]]) -> tuple[dict[str, str], dict[str, list[str]]]:
    multi: dict[str, list[str]] = {}
    for name, value in pairs:
        multi.setdefault(name, []).append(value)
    return {name: values[-1] for name, values in multi.items()}, multi


def _event_body(raw: bytes) -> tuple[str | None, bool]:
    if not raw:
        return None, False
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        return base64.b64encode(raw).decode(), True


def proxy_response(invocation: Invocation, function: str) -> HttpResponse:
    """As API Gateway answers: a throttled invoke is a 500, a failed or malformed one a 502."""
    if invocation.throttled:
        message = f"{function} is at its reserved concurrency; try again"
        return HttpResponse.error(500, "function_throttled", message)
    result = invocation.result
    if invocation.failed or not isinstance(result, dict) or "statusCode" not in result:
        why = "failed" if invocation.failed else "gave a malformed proxy response"
        return HttpResponse.error(502, "function_error", f"{function} {why}; see the functions log")
    multi = {name: list(values) for name, values in (result.get("multiValueHeaders") or {}).items()}
    lowered = {name.lower() for name in multi}
    for name, value in (result.get("headers") or {}).items():
        if name.lower() not in lowered:
            multi[name] = [value]
    headers = [
        (name, str(value))
        for name, values in multi.items()
        if name.lower() not in _HOP_BY_HOP
        for value in values
    ]
    body = result.get("body") or ""
    raw = base64.b64decode(body) if result.get("isBase64Encoded") else str(body).encode()
    return HttpResponse(int(result["statusCode"]), raw, headers)
