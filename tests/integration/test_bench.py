"""`make bench` in its quick mode, so the benches cannot rot: every bench runs end to end on small
sizes and each writes rows of the one shape to the results file."""

import json
import os
import subprocess
import sys
from pathlib import Path

from local.paths import REPO

ROW_KEYS = {"bench", "case", "value", "unit", "baseline", "ratio", "target", "met"}
OURS = {"cold_start", "ballot_requests", "aggregator", "nightly", "taskings", "gateway", "cost"}


def test_the_quick_bench_prints_its_table_and_writes_a_row_of_each_bench(tmp_path: Path) -> None:
    # Given the benches in quick mode
    results = tmp_path / "results.json"
    env = {**os.environ, "BENCH_QUICK": "1", "PYTHONPATH": str(REPO / "layers" / "common" / "python")}

    # When `make bench` runs them
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--out", str(results)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )

    # Then it prints one table, and the file holds rows of every bench, each of the one shape
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert any(line.split()[:3] == ["bench", "case", "value"] for line in done.stdout.splitlines())
    written = json.loads(results.read_text(encoding="utf-8"))
    assert written["quick"] is True
    rows = written["rows"]
    assert all(set(row) == ROW_KEYS for row in rows)
    benches = {row["bench"] for row in rows}
    assert benches >= OURS
    assert any(row["case"].endswith("a month of nights: total") and row["value"] > 0 for row in rows)
    # and the gateway is set against moto's PutItem, as is a ballot's own requests sent straight to moto
    gateway = {row["case"]: row for row in rows if row["bench"] == "gateway"}
    through = next(row for case, row in gateway.items() if case.startswith("ballots accepted through"))
    ceiling = next(
        row for case, row in gateway.items() if case.startswith("a ballot's own DynamoDB requests")
    )
    assert through["baseline"] == ceiling["baseline"] == "moto PutItem"
    assert through["ratio"] > 0 and ceiling["ratio"] > 0
