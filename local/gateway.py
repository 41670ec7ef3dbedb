"""API Gateway and the static site, on one loopback port (werkzeug's threaded WSGI server).

`/api/...` goes to the function whose template `Api` event matches the path and method, as a REST
API (payload 1.0) proxy event (local/api_events.py); everything else is a file from web/, served by
werkzeug's SharedDataMiddleware. `/_local/...` is the runner's own door for the command-line tools
(`make nightly`, `make invoke`) and for the SNS tap. Answers are gzipped as CloudFront would.
"""

import json
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from werkzeug.datastructures import EnvironHeaders
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.shared_data import SharedDataMiddleware
from werkzeug.routing import Map, Rule
from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.test import run_wsgi_app
from werkzeug.wrappers import Request

from local.api_events import HttpResponse, IncomingRequest, api_gateway_event, proxy_response
from local.authorizer import Authorizers
from local.compression import NO_COMPRESSION, Compression, as_viewer_gets_it
from local.console import Console
from local.console_sign_in import ConsoleSignIn
from local.keep_alive import KeepAlive
from local.lambdas import FunctionRuntime, Invocation
from local.template import FunctionSpec

__all__ = ["ApiRoutes", "Gateway", "GatewayServer", "HttpResponse", "compile_routes"]

StartResponse = Callable[..., Any]

# ---------------------------------------------------------------- routing


@dataclass(frozen=True)
class RouteMatch:
    resource: str  # the template's path, e.g. /api/areas/{areaId}
    function: str | None  # None: the path has a resource, but not for this method
    path_parameters: dict[str, str]
    allowed: tuple[str, ...]  # the resource's methods, for a 405's Allow


@dataclass
class ApiRoutes:
    """The template's Api events as werkzeug rules, matched as API Gateway matches a REST API.

    The path picks a resource first: literal segments before `{variables}` before a greedy
    `{proxy+}` (werkzeug tries static parts, then its converters by weight, `path` last); then the
    method picks the integration on that resource: the method itself, else ANY, else a 405.
    """

    map: Map = field(default_factory=lambda: Map(strict_slashes=False, merge_slashes=False))
    methods: dict[str, dict[str, str]] = field(default_factory=dict)  # resource -> method -> function
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # resource -> its parameters

    def add(self, resource: str, method: str, function: str) -> None:
        if resource not in self.methods:
            rule, names = _werkzeug_rule(resource)
            self.map.add(Rule(rule, endpoint=resource))
            self.methods[resource], self.names[resource] = {}, names
        self.methods[resource].setdefault(method, function)

    def match(self, method: str, raw_path: str) -> RouteMatch | None:
        """Matched on the path as it came, so an encoded slash stays inside its segment."""
        try:
            resource, values = self.map.bind("local").match(raw_path)
        except HTTPException:
            return None
        # API Gateway hands the function decoded path parameters but the path as it came.
        parameters = {name: unquote(values[f"p{i}"]) for i, name in enumerate(self.names[resource])}
        methods = self.methods[resource]
        function = methods.get(method) or methods.get("ANY")
        return RouteMatch(resource, function, parameters, tuple(methods))


def _werkzeug_rule(resource: str) -> tuple[str, tuple[str, ...]]:
    """`/api/files/{path+}` as `/api/files/<path:p0>`; werkzeug's names must be identifiers."""
    parts, names = [], []
    for segment in resource.strip("/").split("/"):
        if segment.startswith("{") and segment.endswith("}"):
            greedy = segment.endswith("+}")
            names.append(segment[1:-2] if greedy else segment[1:-1])
            parts.append(f"<{'path:' if greedy else ''}p{len(names) - 1}>")
        else:
            parts.append(segment)
    return "/" + "/".join(parts), tuple(names)


def compile_routes(specs: list[FunctionSpec]) -> ApiRoutes:
    routes = ApiRoutes()
    for spec in specs:
        for route in spec.routes:
            routes.add(route.path, route.method, spec.logical_id)
    return routes


# ---------------------------------------------------------------- the gateway


def _not_found(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
    return [b"Not found\n"]


@dataclass
class Gateway:
    """The WSGI application: the runner's door, the API, the site."""

    runtime: FunctionRuntime
    routes: ApiRoutes
    web_root: Path
    stage: str
    console: Console
    forward_sns: Callable[[bytes, list[tuple[str, str]]], HttpResponse]
    after_invoke: Callable[[str, Any, Invocation], None]
    compression: Compression = NO_COMPRESSION
    sign_in: ConsoleSignIn | None = None  # /police/config.json and the door to Cognito
    authorizers: Authorizers | None = None  # the routes' Cognito authorizers; None: every route open

    def __post_init__(self) -> None:
        # cache_timeout=0: the browser asks again (with the ETag) each time, so an edit shows at once.
        self._site = SharedDataMiddleware(_not_found, {"/": str(self.web_root)}, cache_timeout=0)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()
        raw_path = _raw_path(environ)
        try:
            answer = self._answer(environ, raw_path)
        except Exception as exc:  # a bug in the runner itself: answer, and say so on the console
            answer = HttpResponse.error(500, "local_runner_error", f"{type(exc).__name__}: {exc}")
        accepts = environ.get("HTTP_ACCEPT_ENCODING", "")
        body, headers = as_viewer_gets_it(answer.body, answer.headers, raw_path, accepts, self.compression)
        start_response(_status_line(answer.status), [*headers, ("Content-Length", str(len(body)))])
        method = environ["REQUEST_METHOD"]
        if not raw_path.startswith("/_local/"):  # the runner's own doors have lines of their own
            elapsed = (time.perf_counter() - started) * 1000
            self.console.line(f"{method} {raw_path} {answer.status} {elapsed:.0f} ms")
        return [] if method == "HEAD" else [body]

    def _answer(self, environ: dict[str, Any], raw_path: str) -> HttpResponse:
        if raw_path.startswith("/_local/"):
            return self._control(_incoming(environ, raw_path))
        if raw_path == "/api" or raw_path.startswith("/api/"):
            return self._api(_incoming(environ, raw_path))
        if self.sign_in is not None and self.sign_in.serves(raw_path):
            return self.sign_in.answer(_incoming(environ, raw_path))
        return self._static(environ)

    def _api(self, request: IncomingRequest) -> HttpResponse:
        found = self.routes.match(request.method, request.raw_path)
        if found is None:
            return HttpResponse.error(404, "not_found", f"No route for {request.method} {request.raw_path}")
        if found.function is None:
            message = f"{request.method} is not allowed on {request.raw_path}"
            return HttpResponse.error(405, "method_not_allowed", message, allow=", ".join(found.allowed))
        event = api_gateway_event(request, found.resource, found.path_parameters, self.stage)
        if self.authorizers and (refused := self.authorizers.refusal(found.resource, request.method, event)):
            return refused
        invocation = self.runtime.invoke(found.function, event, synchronous=True)
        return proxy_response(invocation, found.function)

    def _static(self, environ: dict[str, Any]) -> HttpResponse:
        method = environ["REQUEST_METHOD"]
        if method not in ("GET", "HEAD"):
            message = f"{method} is not allowed here"
            return HttpResponse.error(405, "method_not_allowed", message, allow="GET, HEAD")
        if environ.get("PATH_INFO", "/").endswith("/"):
            environ["PATH_INFO"] = environ.get("PATH_INFO", "/") + "index.html"
        chunks, status, headers = run_wsgi_app(self._site, environ, buffered=True)
        body = b"".join(chunks)
        kept = [(name, value) for name, value in headers.items() if name.lower() != "content-length"]
        return HttpResponse(int(status.split()[0]), body, kept)

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


def _raw_path(environ: dict[str, Any]) -> str:
    """The path as the client sent it (still %-encoded), which API Gateway puts in the event."""
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI") or environ.get("PATH_INFO", "/")
    return str(raw).encode("latin-1").decode("utf-8", "replace").partition("?")[0]


def _incoming(environ: dict[str, Any], raw_path: str) -> IncomingRequest:
    headers = environ.get(_RAW_HEADERS) or list(EnvironHeaders(environ).items())
    return IncomingRequest(
        method=environ["REQUEST_METHOD"],
        raw_path=raw_path,
        query=environ.get("QUERY_STRING", "").encode("latin-1").decode("utf-8", "replace"),
        headers=headers,
        body=Request(environ).get_data(),
        client_ip=environ.get("REMOTE_ADDR", "127.0.0.1"),
    )


def _status_line(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


# ---------------------------------------------------------------- the server

_RAW_HEADERS = "local.raw_headers"


class _RequestHandler(KeepAlive):
    def make_environ(self) -> Any:
        """Keeps the headers as sent (their case, their repeats), as API Gateway passes them on."""
        environ = super().make_environ()
        environ[_RAW_HEADERS] = list(self.headers.items())
        return environ

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """The gateway's console line replaces werkzeug's access log."""


class GatewayServer:
    """werkzeug's threaded server: one thread per connection (kept open between requests, as API
    Gateway keeps it), so invocations overlap."""

    def __init__(self, port: int, gateway: Gateway) -> None:
        self.gateway = gateway
        # Bound here, so a taken port is an OSError for the runner to report (werkzeug would exit).
        with socket.create_server(("127.0.0.1", port)) as listening:
            handler, fd = _RequestHandler, listening.fileno()
            self._server: BaseWSGIServer = make_server(
                "127.0.0.1", port, gateway, threaded=True, request_handler=handler, fd=fd
            )

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        self._server.serve_forever(poll_interval=poll_interval)

    def shutdown(self) -> None:
        self._server.shutdown()

    def server_close(self) -> None:
        self._server.server_close()
