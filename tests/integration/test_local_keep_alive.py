"""HTTP/1.1 keep-alive on the runner's werkzeug servers (the gateway, the moto server): a client's
next request goes over the connection it already has, and each request gets its own answer."""

import http.client
import threading
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from local.keep_alive import KeepAlive
from local.runner_info import live_runner_info
from local.testing import RunnerProcess
from werkzeug.serving import make_server


def _answer_with_port(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
    """Says which client port it saw and what it read: only the body of a POST to /read."""
    read = (
        environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        if environ["PATH_INFO"] == "/read"
        else b""
    )
    body = f"{environ['REMOTE_PORT']} {environ['PATH_INFO']} {read.decode()}".encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]


@pytest.fixture
def server() -> Iterator[int]:
    serving = make_server("127.0.0.1", 0, _answer_with_port, threaded=True, request_handler=KeepAlive)
    thread = threading.Thread(target=serving.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield serving.server_port
    serving.shutdown()
    serving.server_close()


def _ask(connection: http.client.HTTPConnection, path: str, body: bytes | None = None, **headers: str) -> str:
    connection.request("POST" if body is not None else "GET", path, body=body, headers=headers)
    answer = connection.getresponse()
    return answer.read().decode()


def test_one_connection_carries_requests_whose_bodies_were_read_or_not(server: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server, timeout=10)
    first = _ask(connection, "/ignore", b"a body the application never reads")
    kept = connection.sock
    second = _ask(connection, "/read", b"read me")
    third = _ask(connection, "/plain")

    port = first.split()[0]
    assert first == f"{port} /ignore "
    assert second == f"{port} /read read me"  # the unread body was not taken for this request's start
    assert third == f"{port} /plain "
    assert kept is not None and connection.sock is kept  # never closed in between


def test_a_client_that_asks_to_close_or_sends_a_chunked_body_is_closed_after_its_answer(server: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server, timeout=10)
    connection.request("GET", "/plain", headers={"Connection": "close"})
    answer = connection.getresponse()
    assert answer.getheader("Connection") == "close" and answer.will_close
    answer.read()

    connection = http.client.HTTPConnection("127.0.0.1", server, timeout=10)
    connection.request("POST", "/ignore", body=iter([b"chunk"]), encode_chunked=True)
    answer = connection.getresponse()
    assert answer.getheader("Connection") == "close" and answer.will_close


_LIST_TABLES = {
    "X-Amz-Target": "DynamoDB_20120810.ListTables",
    "Content-Type": "application/x-amz-json-1.0",
    "Authorization": "AWS4-HMAC-SHA256 Credential=x/20260101/eu-west-2/dynamodb/aws4_request, "
    "SignedHeaders=host, Signature=x",
}


def test_the_gateway_and_the_moto_server_keep_a_connection_open(fixture_stack: RunnerProcess) -> None:
    info = live_runner_info(fixture_stack.paths)
    assert info is not None
    moto_host = info.moto_endpoint.removeprefix("http://")
    gateway: tuple[str, str, str, dict[str, str]] = (
        f"127.0.0.1:{fixture_stack.port}",
        "GET",
        "/api/echo",
        {},
    )
    moto = (moto_host, "POST", "/", _LIST_TABLES)
    for host, method, path, headers in (gateway, moto):
        connection = http.client.HTTPConnection(host, timeout=10)
        for _ in range(2):
            connection.request(method, path, body=b"{}" if method == "POST" else None, headers=headers)
            answer = connection.getresponse()
            answer.read()
            assert answer.status == 200 and not answer.will_close, (host, answer.getheaders())
        connection.close()
