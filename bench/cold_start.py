"""Cold start of each function in template.yaml, against a fresh interpreter's `import boto3`.

Every sample is a new Python process (as a new Lambda instance is), and the cases of one repeat run
one after another before the next repeat; each case is the median of its repeats. A sample is the
process's CPU time, not the clock's: on a machine shared with other jobs, the clock also counts the
time the process waited for a core, which swung the ratios by 0.3 x from one run to the next.

- `<Function> import`: importing the handler module, against `import boto3` (the issue's measure).
- `ApiFunction cold GET` / `cold POST`: importing the handler and everything its first request (a
  ballot paper; a ballot) imports and sets up, as far as its first DynamoDB call, against
  `import boto3` with a DynamoDB client and its first GetItem. The endpoint is one nothing listens
  on, so both stop at the same refused connection after one attempt (pynamodb's retries are off
  too) and no server's speed is in the figure. Tracing is off, as off AWS; on AWS the template
  turns it on and the X-Ray SDK comes with the first request.

`python -m bench.cold_start [repeats]` prints the rows as JSON lines.
"""

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.3
NOWHERE = "http://127.0.0.1:9"  # the discard port: the connection is refused at once
BASELINE = {"import": "import boto3", "cold": "boto3 cold GetItem"}

# Run in the fresh process: time `setup`, then `then`; print both, in CPU seconds from the start.
PROBE = """
import json, sys, time
sys.path[:0] = {paths!r}
started = time.process_time()
{setup}
imported = time.process_time()
try:
{then}
except Exception:
    pass
print(json.dumps([imported - started, time.process_time() - started]))
"""
CONTEXT = """
    class Context:
        function_name = "bench"; function_version = "$LATEST"; memory_limit_in_mb = 512
        invoked_function_arn = "arn:aws:lambda:eu-west-2:123456789012:function:bench"
        aws_request_id = "bench"
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


def _environment() -> dict[str, str]:
    """The API function's environment, its tables named, and an endpoint nothing listens on."""
    from local.aws import offline_aws
    from local.template import TABLE, function_environment, of_type

    return {
        "PATH": os.environ.get("PATH", ""),
        **function_environment("ApiFunction", {logical_id: logical_id for logical_id in of_type(TABLE)}),
        **offline_aws({}),
        "AWS_ENDPOINT_URL": NOWHERE,
        "AWS_MAX_ATTEMPTS": "1",
        "PYNAMODB_CONFIG": str(ROOT / "bench" / "pynamodb_cold.py"),  # pynamodb's own retries: none either
        "POWERTOOLS_TRACE_DISABLED": "true",
        "VOTER_VERIFICATION": "off",  # the cold POST is a ballot with a made-up token, as measured before
    }


def _cases() -> dict[str, tuple[list[str], str, str]]:
    """Each case: (what goes on sys.path, what is imported, what is done next)."""
    from local.template import functions

    cases: dict[str, tuple[list[str], str, str]] = {
        "import boto3": ([], "import boto3", "    pass"),
        "boto3 cold GetItem": (
            [],
            "import boto3",
            "    boto3.client('dynamodb').get_item(TableName='AreasTable', Key={'area_id': {'S': 'bangor'}})",
        ),
    }
    specs = {spec.logical_id: spec for spec in functions()}
    for logical_id, spec in specs.items():
        paths = [str(spec.code_dir), *map(str, spec.layer_paths)]
        cases[f"{logical_id} import"] = (paths, f"import {spec.module_file.stem}", "    pass")
    api = specs["ApiFunction"]
    ballot = {"voter": "bench-voter-0123456789", "allocations": {"speeding": 10}}
    for name, event in (
        ("ApiFunction cold GET", _event("GET", "/api/areas/bangor/ballot")),
        ("ApiFunction cold POST", _event("POST", "/api/areas/bangor/ballots", ballot)),
    ):
        call = f"{CONTEXT}    app.lambda_handler({event!r}, Context())"
        cases[name] = ([str(api.code_dir), *map(str, api.layer_paths)], "import app", call)
    return cases


def measure(repeats: int = 15) -> list[dict[str, Any]]:
    env, cases = _environment(), _cases()
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repeats):
        for name, (paths, setup, then) in cases.items():
            imported, answered = _sample(paths, setup, then, env)
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
