"""How long the local stack takes to start again after N ballots, at each N given:

    .venv/bin/python -m tests.integration.restart_time 200 2000

For each N: a fresh stack, N ballots over the areas, then a clean restart (Ctrl-C) and a kill -9
restart, each timed from launch to the first answer. Prints one line per N.
"""

import re
import sys
import tempfile
import time
from pathlib import Path

import local.testing
import requests
from local.testing import RunnerProcess, runner_process

from .test_local_crash import kill_minus_nine
from .voting import get, voter


def cast_ballots(stack: RunnerProcess, count: int) -> int:
    """Casts count ballots of new residents; returns how many came back as replacing one (a write
    the SDK sent again after a timeout on a loaded machine finds its own first try)."""
    areas = [area["id"] for area in get(stack, "/api/areas")["areas"]]
    papers = {area: get(stack, f"/api/areas/{area}/ballot") for area in areas}
    replaced = 0
    for n in range(count):
        area = areas[n % len(areas)]
        paper = papers[area]
        answer = requests.post(
            f"{stack.url}/api/areas/{area}/ballots",
            json={"voter": voter(), "allocations": {paper["priorities"][0]["id"]: paper["budget"]}},
            timeout=120,  # a loaded machine is slow, not wrong
        )
        assert answer.status_code in (200, 201), answer.text
        replaced += answer.status_code == 200
    return replaced


def replay_line(stack: RunnerProcess) -> str:
    found = re.findall(r"state: .*", stack.console_log.read_text(errors="replace"))
    return found[-1] if found else "state: -"


def measure(ballots: int, state: Path) -> str:
    with runner_process(state) as stack:
        began = time.perf_counter()
        replaced = cast_ballots(stack, ballots)
        load = time.perf_counter() - began
        stack.restart()
        clean = stack.started_in, replay_line(stack)
        kill_minus_nine(stack)
        stack.start()
        crashed = stack.started_in, replay_line(stack)
    sizes = {path.name: path.stat().st_size // 1024 for path in stack.paths.saved_state() if path.exists()}
    return (
        f"{ballots} ballots ({load:.0f} s to cast, {replaced} as replacing): "
        f"restart {clean[0]:.1f} s [{clean[1]}], "
        f"after kill -9 {crashed[0]:.1f} s [{crashed[1]}], KiB {sizes}"
    )


def main(counts: list[int]) -> None:
    local.testing.START_TIMEOUT = 1800  # what is measured here is how long a start takes
    for count in counts:
        with tempfile.TemporaryDirectory() as folder:
            print(measure(count, Path(folder) / "state"), flush=True)


if __name__ == "__main__":
    main([int(count) for count in sys.argv[1:]] or [200, 2000])
