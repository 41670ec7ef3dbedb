"""API Gateway and the static site, on one loopback port.

`/api/...` goes to the function whose template `Api` event matches the path and method, as a REST
API (payload 1.0) proxy event; everything else is a file from web/. `/_local/...` is the runner's
own door for the command-line tools (`make nightly`, `make invoke`) and for the SNS tap.
"""

import base64
import json
import mimetypes
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote

from local.compression import NO_COMPRESSION, Compression, as_viewer_gets_it
from local.console import Console
from local.lambdas import FunctionRuntime, Invocation
from local.template import ACCOUNT, ApiRoute, FunctionSpec

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


# ---------------------------------------------------------------- routing


@dataclass(frozen=True)
class CompiledRoute:
    function: str
    route: ApiRoute
    pattern: re.Pattern[str]
    names: tuple[str, ...]
    rank: tuple[int, ...]  # literal segments before variables before greedy ones, as API Gateway does


def compile_routes(specs: list[FunctionSpec]) -> list[CompiledRoute]:
    compiled = [_compile(spec.logical_id, route) for spec in specs for route in spec.routes]
    return sorted(compiled, key=lambda route: route.rank)


def _compile(function: str, route: ApiRoute) -> CompiledRoute:
    parts, names, rank = [], [], []
    for segment in route.path.strip("/").split("/"):
        if segment.startswith("{") and segment.endswith("+}"):
            parts.append("(.+)")
            names.append(segment[1:-2])
            rank.append(2)
        elif segment.startswith("{") and segment.endswith("}"):
            parts.append("([^/]+)")
            names.append(segment[1:-1])
            rank.append(1)
        else:
            parts.append(re.escape(segment))
            rank.append(0)
    pattern = re.compile("/" + "/".join(parts) + "/?")
    return CompiledRoute(function, route, pattern, tuple(names), tuple(rank))


@dataclass(frozen=True)
class RouteMatch:
    route: CompiledRoute | None
    path_parameters: dict[str, str]
    allowed: tuple[str, ...]  # when the path matched but the method did not


def match_route(routes: list[CompiledRoute], method: str, raw_path: str) -> RouteMatch:
    allowed: list[str] = []
    for route in routes:
        found = route.pattern.fullmatch(raw_path)
        if not found:
            continue
        if route.route.method in (method, "ANY"):
            # API Gateway hands the function decoded path parameters but the path as it came.
            parameters = {
                name: unquote(value) for name, value in zip(route.names, found.groups(), strict=True)
            }
            return RouteMatch(route, parameters, ())
        allowed.append(route.route.method)
    return RouteMatch(None, {}, tuple(dict.fromkeys(allowed)))


# ---------------------------------------------------------------- the proxy event and its answer


@dataclass(frozen=True)
class IncomingRequest:
    method: str
    raw_path: str
    query: str
    headers: list[tuple[str, str]]
    body: bytes
    client_ip: str


def api_gateway_event(
    request: IncomingRequest, route: CompiledRoute, parameters: dict[str, str], stage: str
) -> dict[str, Any]:
    """The REST API (payload 1.0) proxy event."""
    pairs = parse_qsl(request.query, keep_blank_values=True)
    headers, multi_headers = _single_and_multi(request.headers)
    query, multi_query = _single_and_multi(pairs)
    body, encoded = _event_body(request.body)
    now = time.time()
    return {
        "resource": route.route.path,
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
            "resourcePath": route.route.path,
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


# ---------------------------------------------------------------- static files


def static_file(web_root: Path, method: str, raw_path: str) -> HttpResponse:
    if method not in ("GET", "HEAD"):
        return HttpResponse.error(
            405, "method_not_allowed", f"{method} is not allowed here", allow="GET, HEAD"
        )
    relative = unquote(raw_path).lstrip("/") or "index.html"
    target = (web_root / relative).resolve()
    if target.is_dir():
        target = target / "index.html"
    if not target.is_relative_to(web_root.resolve()) or not target.is_file():
        return HttpResponse(404, b"Not found\n", [("Content-Type", "text/plain; charset=utf-8")])
    kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
        kind += "; charset=utf-8"
    return HttpResponse(200, target.read_bytes(), [("Content-Type", kind), ("Cache-Control", "no-cache")])


# ---------------------------------------------------------------- the server


@dataclass
class Gateway:
    runtime: FunctionRuntime
    routes: list[CompiledRoute]
    web_root: Path
    stage: str
    console: Console
    forward_sns: Callable[[bytes, list[tuple[str, str]]], HttpResponse]
    after_invoke: Callable[[str, Any, Invocation], None]
    compression: Compression = NO_COMPRESSION

    def respond(self, request: IncomingRequest) -> HttpResponse:
        answer = self._answer(request)
        accepts = next((v for k, v in request.headers if k.lower() == "accept-encoding"), "")
        path = request.raw_path.split("?")[0]
        body, headers = as_viewer_gets_it(answer.body, answer.headers, path, accepts, self.compression)
        return HttpResponse(answer.status, body, headers)

    def _answer(self, request: IncomingRequest) -> HttpResponse:
        if request.raw_path.startswith("/_local/"):
            return self._control(request)
        if request.raw_path == "/api" or request.raw_path.startswith("/api/"):
            return self._api(request)
        return static_file(self.web_root, request.method, request.raw_path)

    def _api(self, request: IncomingRequest) -> HttpResponse:
        found = match_route(self.routes, request.method, request.raw_path)
        if found.route is None and found.allowed:
            return HttpResponse.error(
                405,
                "method_not_allowed",
                f"{request.method} is not allowed on {request.raw_path}",
                allow=", ".join(found.allowed),
            )
        if found.route is None:
            return HttpResponse.error(404, "not_found", f"No route for {request.method} {request.raw_path}")
        function = found.route.function
        event = api_gateway_event(request, found.route, found.path_parameters, self.stage)
        return proxy_response(self.runtime.invoke(function, event), function)

    def _control(self, request: IncomingRequest) -> HttpResponse:
        if request.raw_path.rstrip("/") == "/_local/sns" and request.method == "POST":
            return self.forward_sns(request.body, request.headers)
        if request.raw_path.startswith("/_local/invoke/") and request.method == "POST":
            function = request.raw_path.removeprefix("/_local/invoke/")
            if not self.runtime.exists(function):
                return HttpResponse.error(404, "not_found", f"No function {function}")
            event = json.loads(request.body or b"{}")
            invocation = self.runtime.invoke(function, event)
            self.after_invoke(function, event, invocation)
            return HttpResponse.json(
                200,
                {
                    "result": invocation.result,
                    "error": invocation.error,
                    "durationMs": round(invocation.duration_ms, 1),
                    "requestId": invocation.request_id,
                },
            )
        if request.raw_path == "/_local/health":
            return HttpResponse.json(200, {"ok": True})
        return HttpResponse.error(404, "not_found", f"No local endpoint {request.raw_path}")


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive; every answer carries a Content-Length
    server: "GatewayServer"

    def _handle(self) -> None:
        started = time.perf_counter()
        raw_path, _, query = self.path.partition("?")
        length = int(self.headers.get("Content-Length") or 0)
        request = IncomingRequest(
            method=self.command,
            raw_path=raw_path,
            query=query,
            headers=list(self.headers.items()),
            body=self.rfile.read(length) if length else b"",
            client_ip=self.client_address[0],
        )
        try:
            response = self.server.gateway.respond(request)
        except Exception as exc:  # a bug in the runner itself: answer, and say so on the console
            response = HttpResponse.error(500, "local_runner_error", f"{type(exc).__name__}: {exc}")
        self._send(response)
        if not raw_path.startswith("/_local/"):  # the runner's own doors have lines of their own
            elapsed = (time.perf_counter() - started) * 1000
            self.server.gateway.console.line(f"{self.command} {raw_path} {response.status} {elapsed:.0f} ms")

    def _send(self, response: HttpResponse) -> None:
        self.send_response(response.status)
        for name, value in response.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    def __getattr__(self, name: str) -> Any:
        """http.server looks up `do_<METHOD>`: every method (TRACE, QUERY, ...) goes to the gateway, so an
        unknown one gets the API's 405 with Allow rather than an HTML 501."""
        if name.startswith("do_"):
            return self._handle
        raise AttributeError(name)

    def log_message(self, format: str, *args: Any) -> None:
        """The console line in _handle replaces the standard access log."""


class GatewayServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, gateway: Gateway) -> None:
        super().__init__(("127.0.0.1", port), _RequestHandler)
        self.gateway = gateway
