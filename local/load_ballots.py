"""Residents voting at once through the local gateway: accepted ballots a second and the median wait.

    .venv/bin/python -m local.load_ballots [CLIENTS=20] [BALLOTS_EACH=10]

Starts a fresh, seeded stack in a temporary folder on free ports (as `make run` runs it); each client
casts its ballots one after another, each as a new resident of an area whose round is open.
"""

import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import requests

from local.testing import runner_process


def _ballot(paper: dict[str, Any]) -> dict[str, Any]:
    first, second = (priority["id"] for priority in paper["priorities"][:2])
    budget = paper["budget"]
    return {"voter": f"load-{uuid.uuid4().hex}", "allocations": {first: budget - 1, second: 1}}


def main(clients: int = 20, each: int = 10) -> str:
    with tempfile.TemporaryDirectory() as folder, runner_process(Path(folder) / "state") as stack:
        areas = [area["id"] for area in requests.get(f"{stack.url}/api/areas", timeout=30).json()["areas"]]
        api = f"{stack.url}/api/areas"
        papers = {area: requests.get(f"{api}/{area}/ballot", timeout=30).json() for area in areas}
        open_papers = [(area, paper) for area, paper in papers.items() if paper["round"]["votingOpen"]]
        start = threading.Barrier(clients)

        def resident(index: int) -> list[tuple[int, float]]:
            area, paper = open_papers[index % len(open_papers)]
            url = f"{api}/{area}/ballots"
            start.wait()
            timings = []
            for _ in range(each):
                began = time.perf_counter()
                answer = requests.post(url, json=_ballot(paper), timeout=120)
                timings.append((answer.status_code, time.perf_counter() - began))
                if answer.status_code != 201:
                    print(f"{answer.status_code}: {answer.text[:300]}", file=sys.stderr)
            return timings

        began = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            results = [timing for timings in pool.map(resident, range(clients)) for timing in timings]
        elapsed = time.perf_counter() - began
    accepted = sum(1 for status, _ in results if status == 201)
    median_ms = statistics.median(seconds for _, seconds in results) * 1000
    statuses = dict(Counter(status for status, _ in results))
    return (
        f"{clients} clients, {len(results)} ballots in {elapsed:.1f} s: {accepted / elapsed:.1f} accepted/s, "
        f"median {median_ms:.0f} ms, statuses {statuses}"
    )


if __name__ == "__main__":
    print(main(*(int(arg) for arg in sys.argv[1:3])))
