"""Cold start of each function in template.yaml, against a fresh interpreter's `import boto3`.

Every sample is a new Python process (as a new Lambda instance is), and the cases of one repeat run
one after another before the next repeat, so a busy machine slows them alike; each case is the
median of its repeats.

- `<Function> import`: importing the handler module, against `import boto3` (the issue's measure).
- `ApiFunction cold GET` / `cold POST`: importing the handler and answering its first request (a
  ballot paper; a ballot) from a moto server, against the smallest boto3 function there is:
  `import boto3`, a DynamoDB client, one GetItem from the same server. Tracing is off, as off AWS;
  on AWS the X-Ray SDK is imported at the first request because the template turns tracing on.

`python -m bench.cold_start [repeats]` prints the rows as JSON lines.
"""

import json
import os
import statistics
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.3
AREA = "bangor"

# Run in the fresh process: time `setup` then `then`; print both in seconds.
PROBE = """
import json, sys, time
sys.path[:0] = {paths!r}
started = time.perf_counter()
{setup}
imported = time.perf_counter()
{then}
print(json.dumps([imported - started, time.perf_counter() - started]))
"""
CONTEXT = """
class Context:
    function_name = "bench"; function_version = "$LATEST"; memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:eu-west-2:123456789012:function:bench"
    aws_request_id = "bench"
    def get_remaining_time_in_millis(self): return 10000
"""


def _event(method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    event = json.loads((ROOT / "events" / "api_list_areas.json").read_text(encoding="utf-8"))
    headers = {**event["headers"], "Content-Type": "application/json"}
    event.update(
        httpMethod=method,
        path=path,
        body=json.dumps(body) if body is not None else None,
        headers=headers,
        multiValueHeaders={key: [value] for key, value in headers.items()},
    )
    event["requestContext"].update(httpMethod=method, path=path)
    return event


def _sample(paths: list[str], setup: str, then: str, env: dict[str, str]) -> tuple[float, float]:
    code = PROBE.format(paths=paths, setup=setup, then=then)
    done = subprocess.run(
        [sys.executable, "-I", "-c", code], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    imported, answered = json.loads(done.stdout.strip().splitlines()[-1])
    return float(imported), float(answered)


@contextmanager
def _moto_stack() -> Iterator[dict[str, str]]:
    """A moto server holding template.yaml's resources and the seed; yields the API's environment."""
    from local.aws import offline_aws
    from moto.server import ThreadedMotoServer

    saved = dict(os.environ)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        os.environ.update({**offline_aws(os.environ), "AWS_ENDPOINT_URL": endpoint})
        from local.seed import load_seed
        from local.template import create_resources, function_environment

        from bobbies.settings import settings

        resources = create_resources()
        environment = {**function_environment("ApiFunction", resources), "AWS_ENDPOINT_URL": endpoint}
        os.environ.update(environment)
        settings.cache_clear()
        load_seed(now=datetime.now(UTC) - timedelta(hours=1))
        yield {**environment, **offline_aws(os.environ), "POWERTOOLS_TRACE_DISABLED": "true"}
    finally:
        server.stop()
        os.environ.clear()
        os.environ.update(saved)


def _cases(env: dict[str, str]) -> dict[str, tuple[list[str], str, str]]:
    """Each case: (sys.path, what is imported, what is done next)."""
    from local.template import functions

    from bobbies.settings import settings

    specs = {spec.logical_id: spec for spec in functions()}
    cases: dict[str, tuple[list[str], str, str]] = {
        "import boto3": ([], "import boto3", "pass"),
        "boto3 cold GetItem": (
            [],
            "import boto3",
            f"boto3.client('dynamodb').get_item(TableName={settings().areas_table!r},"
            f" Key={{'area_id': {{'S': {AREA!r}}}}})",
        ),
    }
    for logical_id, spec in specs.items():
        paths = [str(spec.code_dir), *map(str, spec.layer_paths)]
        cases[f"{logical_id} import"] = (paths, f"import {spec.module_file.stem}", "pass")
    api = specs["ApiFunction"]
    api_paths = [str(api.code_dir), *map(str, api.layer_paths)]
    get = _event("GET", f"/api/areas/{AREA}/ballot")
    with _first_priority() as priority:
        post = _event("POST", f"/api/areas/{AREA}/ballots", {"voter": VOTER, "allocations": {priority: 10}})
    for name, event in (("ApiFunction cold GET", get), ("ApiFunction cold POST", post)):
        call = f"{CONTEXT}\nanswer = app.lambda_handler({event!r}, Context())\n"
        call += "assert answer['statusCode'] < 300, answer"
        cases[name] = (api_paths, "import app", call)
    return cases


@contextmanager
def _first_priority() -> Iterator[str]:
    from bobbies.store import catalogue

    yield catalogue.current_round(catalogue.get_area(AREA)).priority_ids[0]


VOTER = "benchvoterxxxxxxxxxx"  # replaced in each sample, so every POST is a first ballot
BASELINE = {"import": "import boto3", "cold": "boto3 cold GetItem"}


def measure(repeats: int = 15) -> list[dict[str, Any]]:
    with _moto_stack() as env:
        cases = _cases(env)
        samples: dict[str, list[float]] = {name: [] for name in cases}
        for repeat in range(repeats):
            for name, (paths, setup, then) in cases.items():
                voter = f"benchvoter{repeat:010d}"
                imported, answered = _sample(paths, setup, then.replace(VOTER, voter), env)
                samples[name].append(answered if " cold " in name else imported)
    medians = {name: statistics.median(values) * 1000 for name, values in samples.items()}
    rows = []
    for name, value in medians.items():
        if name in BASELINE.values():
            continue
        baseline = BASELINE["cold" if " cold " in name else "import"]
        ratio = value / medians[baseline]
        rows.append(
            {
                "bench": "cold_start",
                "case": name,
                "value": round(value, 1),
                "unit": "ms",
                "baseline": f"{baseline} ({medians[baseline]:.0f} ms)",
                "ratio": round(ratio, 2),
                "target": f"<= {TARGET} x",
                "met": ratio <= TARGET,
            }
        )
    return rows


if __name__ == "__main__":
    for row in measure(int(sys.argv[1]) if len(sys.argv) > 1 else 15):
        print(json.dumps(row))
