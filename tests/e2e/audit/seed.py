"""Data for `audit.mjs` on a running `make run` stack started with BOBBIES_VERIFICATION=0: two taskings,
a round short of its quorum, suggestions waiting for a moderator and a receipt. Prints the references
the audit opens, as the environment variables it reads.

    BOBBIES_STATE_DIR=/tmp/audit-state PYTHONPATH=layers/common/python:. \\
        .venv/bin/python -m tests.e2e.audit.seed
"""

import json
import os
import secrets
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import requests
from local.testing import RunnerProcess

from tests.e2e.conftest import cast_ballots
from tests.e2e.console import issue_taskings, propose


@dataclass
class RunningStack:
    """The running `make run` stack, as much of a RunnerProcess as issue_taskings and propose use."""

    url: str
    state_dir: Path

    def nightly(self, at: str) -> str:
        env = {**os.environ, "BOBBIES_STATE_DIR": str(self.state_dir)}
        done = subprocess.run(
            [sys.executable, "-m", "local.nightly", "--at", at],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        return done.stdout.strip()


def main() -> None:
    state = Path(os.environ.get("BOBBIES_STATE_DIR", ".local"))
    running = RunningStack(json.loads((state / "runner.json").read_text())["url"], state)
    stack = cast(RunnerProcess, running)
    url = running.url
    cast_ballots(url, "dolgellau", (10,), 1)  # short of its quorum: a round with no tasking
    ballot = requests.get(f"{url}/api/areas/amlwch/ballot", timeout=30).json()
    first, second = (p["id"] for p in ballot["priorities"][1:3])
    body = {"voter": secrets.token_urlsafe(24), "allocations": {first: 6, second: 4}}
    receipt = requests.post(f"{url}/api/areas/amlwch/ballots", json=body, timeout=30).json()["receipt"]
    taskings = issue_taskings(stack)
    propose(
        stack, "amlwch", "en", "Parking on pavements", "Cars park on the pavement by the school every day."
    )
    body = {
        "voter": secrets.token_urlsafe(24),
        "language": "cy",
        "title": "Goryrru ar y ffordd fawr",
        "description": "Mae ceir yn gyrru'n rhy gyflym drwy'r pentref gyda'r nos.",
    }
    answer = requests.post(f"{url}/api/areas/bangor/proposals", json=body, timeout=30).json()
    print(f"TASKING={taskings['en']} RECEIPT={receipt} PROPOSAL={answer['proposal']['reference']}")


if __name__ == "__main__":
    main()
