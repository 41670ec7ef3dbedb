"""The local API Gateway: routing by the template's Api events, the proxy event, the answer."""

import http.client
from typing import Any

import pytest
import requests
from local.paths import REPO
from local.testing import RunnerProcess


def echoed(answer: requests.Response) -> dict[str, Any]:
    assert answer.status_code in (200, 201), answer.text
    return dict(answer.json())


def test_a_request_reaches_its_function_with_path_parameters_and_query_intact(
    fixture_stack: RunnerProcess,
) -> None:
    # When a templated path is called with an encoded segment and a repeated query parameter
    answer = requests.get(
        f"{fixture_stack.url}/api/things/LL57%201AA/parts/p-2?size=large&tag=a&tag=b%20c&empty=",
        headers={"X-Trace": "one"},
        timeout=10,
    )

    # Then the function gets API Gateway's REST proxy event
    event = echoed(answer)["event"]
    assert event["resource"] == "/api/things/{thingId}/parts/{partId}"
    assert event["path"] == "/api/things/LL57%201AA/parts/p-2"
    assert event["httpMethod"] == "GET"
    assert event["pathParameters"] == {"thingId": "LL57 1AA", "partId": "p-2"}
    assert event["queryStringParameters"] == {"size": "large", "tag": "b c", "empty": ""}
    assert event["multiValueQueryStringParameters"] == {"size": ["large"], "tag": ["a", "b c"], "empty": [""]}
    assert event["headers"]["X-Trace"] == "one"
    assert event["multiValueHeaders"]["X-Trace"] == ["one"]
    assert event["body"] is None and event["isBase64Encoded"] is False
    context = event["requestContext"]
    assert context["resourcePath"] == event["resource"]
    assert context["httpMethod"] == "GET"
    assert context["stage"] == "test"
    assert context["identity"]["sourceIp"] == "127.0.0.1"
    assert context["requestId"]
    # and the answer's status, headers and repeated headers come back as HTTP
    assert answer.status_code == 200
    assert answer.headers["X-Echo"] == "yes"
    assert answer.raw.headers.getlist("Set-Cookie") == ["a=1", "b=2"]


def test_the_function_gets_a_lambda_context_and_its_template_environment(
    fixture_stack: RunnerProcess,
) -> None:
    echo = echoed(requests.get(f"{fixture_stack.url}/api/echo", timeout=10))
    assert echo["context"]["function_name"] == "EchoFunction"
    assert echo["context"]["memory_limit_in_mb"] == 128
    assert echo["context"]["invoked_function_arn"].endswith(":function:EchoFunction")
    assert 0 < echo["context"]["remaining_ms"] <= 5000
    assert echo["environment"] == {"SEEN_TABLE": "SeenTable", "GREETING": "hello from eu-west-2"}


def test_a_literal_path_wins_over_a_templated_one(fixture_stack: RunnerProcess) -> None:
    event = echoed(requests.get(f"{fixture_stack.url}/api/things/special/parts/7", timeout=10))["event"]
    assert event["resource"] == "/api/things/special/parts/{partId}"
    assert event["pathParameters"] == {"partId": "7"}


def test_a_greedy_path_takes_the_rest_of_the_path(fixture_stack: RunnerProcess) -> None:
    event = echoed(requests.get(f"{fixture_stack.url}/api/files/a/b/c.txt", timeout=10))["event"]
    assert event["pathParameters"] == {"path": "a/b/c.txt"}


def test_a_posted_body_arrives_as_text_and_any_method_matches_any(fixture_stack: RunnerProcess) -> None:
    answer = requests.post(f"{fixture_stack.url}/api/things", json={"name": "Bangor"}, timeout=10)
    assert answer.status_code == 201
    assert echoed(answer)["event"]["body"] == '{"name": "Bangor"}'
    deleted = echoed(requests.delete(f"{fixture_stack.url}/api/echo", timeout=10))["event"]
    assert deleted["httpMethod"] == "DELETE"


def test_an_unknown_route_gets_the_404_error_body(fixture_stack: RunnerProcess) -> None:
    answer = requests.get(f"{fixture_stack.url}/api/nowhere?x=1", timeout=10)
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"
    assert answer.json()["error"]["message"]


def test_a_known_path_with_the_wrong_method_gets_405(fixture_stack: RunnerProcess) -> None:
    answer = requests.delete(f"{fixture_stack.url}/api/things/1/parts/2", timeout=10)
    assert answer.status_code == 405
    assert answer.json()["error"]["code"] == "method_not_allowed"
    assert answer.headers["Allow"] == "GET"


@pytest.mark.parametrize("method", ["TRACE", "QUERY"])
def test_any_other_method_gets_the_405_error_body_too(fixture_stack: RunnerProcess, method: str) -> None:
    answer = requests.request(method, f"{fixture_stack.url}/api/things/1/parts/2", timeout=10)
    assert (answer.status_code, answer.json()["error"]["code"]) == (405, "method_not_allowed")
    assert answer.headers["Allow"] == "GET"


def test_the_page_is_served_from_web(fixture_stack: RunnerProcess) -> None:
    answer = requests.get(f"{fixture_stack.url}/", timeout=10)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/html")
    assert requests.get(f"{fixture_stack.url}/no-such-file.js", timeout=10).status_code == 404


def test_no_file_outside_web_is_served(fixture_stack: RunnerProcess) -> None:
    for path in ("/../template.yaml", "/%2e%2e/template.yaml", "/..%2fMakefile"):
        connection = http.client.HTTPConnection("127.0.0.1", fixture_stack.port, timeout=10)
        connection.request("GET", path)  # sent as written: requests would tidy the dots away
        assert connection.getresponse().status == 404, path
        connection.close()


def test_make_invoke_runs_a_function_with_a_sample_event(fixture_stack: RunnerProcess, tmp_path: Any) -> None:
    event = tmp_path / "event.json"
    event.write_text('{"path": "/api/echo", "httpMethod": "GET"}')
    answer = fixture_stack.invoke("EchoFunction", event)
    assert answer["statusCode"] == 200
    assert '"function_name": "EchoFunction"' in answer["body"]


def test_the_functions_logs_go_to_the_log_file_not_the_console(fixture_stack: RunnerProcess) -> None:
    requests.get(f"{fixture_stack.url}/api/echo", timeout=10)
    assert '"message": "echoed"' in fixture_stack.paths.functions_log.read_text()
    console = fixture_stack.console_log.read_text()
    assert "echoed" not in console
    assert "GET /api/echo 200" in console


# ---------------------------------------------------------------- routing as API Gateway routes


def function_of(answer: requests.Response) -> str:
    body = echoed(answer)
    return str(body.get("function") or body["context"]["function_name"])


def test_a_literal_path_wins_over_a_variable_one_and_a_variable_over_a_greedy_one(
    fixture_stack: RunnerProcess,
) -> None:
    def resource(path: str) -> str:
        return str(echoed(requests.get(fixture_stack.url + path, timeout=10))["event"]["resource"])

    assert resource("/api/files/readme") == "/api/files/readme"
    assert resource("/api/files/notes.txt") == "/api/files/{name}"
    assert resource("/api/files/notes/2027.txt") == "/api/files/{path+}"
    # an encoded slash stays inside its segment, and reaches the function decoded
    event = echoed(requests.get(f"{fixture_stack.url}/api/files/a%2Fb", timeout=10))["event"]
    assert (event["resource"], event["pathParameters"]) == ("/api/files/{name}", {"name": "a/b"})


def test_a_method_of_its_own_wins_over_any_on_the_same_path(fixture_stack: RunnerProcess) -> None:
    # Given /api/which has ANY (EchoFunction, listed first) and GET (GatesFunction)
    assert function_of(requests.get(f"{fixture_stack.url}/api/which", timeout=10)) == "GatesFunction"
    assert function_of(requests.put(f"{fixture_stack.url}/api/which", timeout=10)) == "EchoFunction"


def test_the_405_allows_the_methods_of_the_resource_the_path_picked(fixture_stack: RunnerProcess) -> None:
    # Given /api/notes/{noteId} takes GET and DELETE, and the literal /api/notes/pinned only PATCH
    answer = requests.post(f"{fixture_stack.url}/api/notes/7", timeout=10)
    assert (answer.status_code, answer.json()["error"]["code"]) == (405, "method_not_allowed")
    assert answer.headers["Allow"] == "GET, DELETE"
    # When the literal resource is picked, its methods are the ones allowed; GET does not fall
    # through to the variable resource
    answer = requests.get(f"{fixture_stack.url}/api/notes/pinned", timeout=10)
    assert (answer.status_code, answer.headers["Allow"]) == (405, "PATCH")
    assert answer.json()["error"]["message"]


# ---------------------------------------------------------------- the page's files


def raw_get(
    stack: RunnerProcess, path: str, headers: dict[str, str] | None = None
) -> http.client.HTTPResponse:
    """The path sent exactly as written (requests would tidy dots and encodings away)."""
    connection = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    answer = connection.getresponse()
    answer.read()
    connection.close()
    return answer


@pytest.mark.parametrize(
    "path",
    [
        "/../template.yaml",
        "/%2e%2e/template.yaml",
        "/%2E%2E%2Ftemplate.yaml",
        "/js/../../template.yaml",
        "/..%5ctemplate.yaml",
        "/..\\template.yaml",
        "/%2e%2e%5c%2e%2e%5cMakefile",
        "/%00",
        "/index.html%00.png",
        "/%ff%fe",
    ],
)
def test_no_path_reaches_a_file_outside_web_nor_faults(fixture_stack: RunnerProcess, path: str) -> None:
    answer = raw_get(fixture_stack, path)
    assert answer.status == 404, path


def test_the_page_files_come_with_their_types(fixture_stack: RunnerProcess) -> None:
    web = REPO / "web"
    module = next(web.glob("js/*.mjs")).relative_to(web)
    catalogue = next(web.glob("**/*.json")).relative_to(web)
    for path, kind in [
        ("/", "text/html"),
        ("/index.html", "text/html"),
        ("/styles.css", "text/css"),
        (f"/{module}", "text/javascript"),
        (f"/{catalogue}", "application/json"),
        ("/icon.svg", "image/svg+xml"),
    ]:
        answer = requests.get(fixture_stack.url + path, timeout=10)
        assert answer.status_code == 200, path
        assert answer.headers["Content-Type"].split(";")[0] == kind, path


def test_a_file_the_browser_already_has_is_not_sent_again(fixture_stack: RunnerProcess) -> None:
    first = requests.get(f"{fixture_stack.url}/styles.css", timeout=10)
    again = requests.get(
        f"{fixture_stack.url}/styles.css", headers={"If-None-Match": first.headers["ETag"]}, timeout=10
    )
    assert (again.status_code, again.content) == (304, b"")


def test_only_get_and_head_reach_the_page_files(fixture_stack: RunnerProcess) -> None:
    answer = requests.post(f"{fixture_stack.url}/index.html", timeout=10)
    assert (answer.status_code, answer.json()["error"]["code"]) == (405, "method_not_allowed")
    assert answer.headers["Allow"] == "GET, HEAD"
    head = requests.head(f"{fixture_stack.url}/index.html", timeout=10)
    assert (head.status_code, head.content) == (200, b"")
    assert int(head.headers["Content-Length"]) == (REPO / "web" / "index.html").stat().st_size


# ---------------------------------------------------------------- invocations at once, as Lambda runs them
