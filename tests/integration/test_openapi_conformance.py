"""The API does what its OpenAPI document says: schemathesis, with every check, against the local stack.

It sends what the document allows and what it does not (bad types, missing fields, other methods,
other media types) and fails on any answer the document does not describe: an undocumented status or
field, a 5xx, a valid request refused, an invalid one accepted, a 405 without Allow. Bounded: a few
examples per operation, so it takes about a minute. By hand, for longer:

    .venv/bin/schemathesis --config-file tests/integration/schemathesis.toml run \\
        http://127.0.0.1:3000/api/openapi.json --url http://127.0.0.1:3000 --checks all -n 200
"""

import re
import subprocess
import sys
from pathlib import Path

from local.testing import RunnerProcess

CONFIG = Path(__file__).parent / "schemathesis.toml"
EXAMPLES_PER_OPERATION = 12


def test_every_answer_of_the_api_is_one_its_document_describes(stack: RunnerProcess, tmp_path: Path) -> None:
    run = subprocess.run(
        [
            str(Path(sys.executable).with_name("schemathesis")),
            "--config-file",
            str(CONFIG),
            "run",
            f"{stack.url}/api/openapi.json",
            "--url",
            stack.url,  # the document's paths start with /api
            "--checks",
            "all",
            "--max-examples",
            str(EXAMPLES_PER_OPERATION),
            "--workers",
            "1",  # the local stack runs one invocation of a function at a time
            "--seed",
            "20261126",  # the same cases every run; change it, or run by hand, to look further
            "--request-timeout",
            "20",
            "--report-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout[-8000:] + run.stderr[-2000:]
    selected = re.search(r"Selected: (\d+)/(\d+)\s+Tested: (\d+)", run.stdout)
    assert selected and int(selected[2]) >= 8 and len(set(selected.groups())) == 1, run.stdout[-4000:]
