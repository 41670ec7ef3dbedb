"""The runner plays Lambda's concurrency: a function's invocations overlap up to its reserved
concurrency, each in an execution environment of its own."""

import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import requests
from local.testing import RunnerProcess
from local.waiting import eventually

from tests.integration.test_local_gateway import echoed


def log_lines(stack: RunnerProcess) -> list[dict[str, Any]]:
    lines = stack.paths.functions_log.read_text().splitlines()
    return [json.loads(line) for line in lines if line.startswith("{")]


def test_two_invocations_of_a_function_run_at_once_each_in_its_own_environment(
    fixture_stack: RunnerProcess,
) -> None:
    # When two calls of one function each wait until the other has come
    with ThreadPoolExecutor(2) as pool:
        calls = {
            who: pool.submit(requests.get, f"{fixture_stack.url}/api/meet/pair/{who}", timeout=30)
            for who in ("ann", "ben")
        }
        answers = {who: call.result() for who, call in calls.items()}

    # Then both are answered: they ran at the same time
    request_ids = {who: echoed(answer)["requestId"] for who, answer in answers.items()}
    # each in an environment of its own, as on Lambda: what one kept at module level, the other
    # did not overwrite (Powertools' resolver keeps the current event so)
    assert {who: echoed(answer)["who"] for who, answer in answers.items()} == {"ann": "ann", "ben": "ben"}
    # and each flushed its own metric, not the other's, as two Lambda environments would
    flushed = [
        sorted(name for name in line if name.startswith("Met_"))
        for line in log_lines(fixture_stack)
        if "_aws" in line
    ]
    assert ["Met_ann"] in flushed and ["Met_ben"] in flushed
    assert ["Met_ann", "Met_ben"] not in flushed
    # and each logged under its own request id
    met = {line["who"]: line["function_request_id"] for line in log_lines(fixture_stack) if line.get("who")}
    assert met == request_ids


def test_two_functions_running_at_once_in_the_runner_process_flush_their_own_metrics_and_log_keys(
    fixture_stack: RunnerProcess,
) -> None:
    # When two functions (each in its first environment, the runner's process) wait for each other
    with ThreadPoolExecutor(2) as pool:
        calls = {
            who: pool.submit(requests.get, f"{fixture_stack.url}{path}/twins/{who}", timeout=30)
            for who, path in (("cat", "/api/meet"), ("dan", "/api/meet-again"))
        }
        request_ids = {who: echoed(call.result())["requestId"] for who, call in calls.items()}

    # Then each flushed its own metric, and logged under its own request id
    emf = [line for line in log_lines(fixture_stack) if "_aws" in line]
    flushed = [sorted(name for name in line if name.startswith("Met_")) for line in emf]
    assert ["Met_cat"] in flushed and ["Met_dan"] in flushed
    met = {line["who"]: line["function_request_id"] for line in log_lines(fixture_stack) if line.get("who")}
    assert {who: met[who] for who in request_ids} == request_ids


def test_a_function_with_reserved_concurrency_1_never_runs_twice_at_once(
    fixture_stack: RunnerProcess,
) -> None:
    url = fixture_stack.url

    def gate() -> dict[str, Any]:
        return echoed(requests.get(f"{url}/api/gates/solo", timeout=10))

    with ThreadPoolExecutor(2) as pool:
        # Given a call of SingleFunction (ReservedConcurrentExecutions: 1) inside it, held
        held = pool.submit(requests.get, f"{url}/api/single/solo", timeout=30)
        assert eventually(gate, lambda counts: counts["running"] == 1)["running"] == 1

        # When another comes through API Gateway, it is throttled at once, as Lambda throttles it
        throttled = requests.get(f"{url}/api/single/solo", timeout=30)
        assert throttled.status_code == 500
        assert throttled.json()["error"]["code"] == "function_throttled"

        # and one the runner makes itself (the scheduler, `make nightly`) waits for its turn
        event = {"httpMethod": "GET", "pathParameters": {"name": "solo"}}
        queued = pool.submit(requests.post, f"{url}/_local/invoke/SingleFunction", json=event, timeout=30)
        waiting = "SingleFunction: 1 at once, its most; more invocations wait their turn"
        assert waiting in eventually(fixture_stack.console_log.read_text, lambda log: waiting in log)

        # Then, released, both run in turn, and never were two inside at once
        requests.post(f"{url}/api/gates/solo", timeout=10)
        assert held.result().status_code == 200
        assert queued.result().json()["result"]["statusCode"] == 200
    assert gate()["most"] == 1
