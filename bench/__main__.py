"""`make bench` (`python -m bench [--quick] [name ...]`): runs every bench, prints one table and
writes bench/results.json. BENCH_QUICK=1 (or --quick) runs small sizes, for the unit test.
"""

import argparse
import importlib
import json
import os
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import REPO, Row, moto_aws, repeats

RESULTS = REPO / "bench" / "results.json"

# name -> how to call its measure() in quick or full mode
BENCHES: dict[str, Callable[[Any, bool], list[Row]]] = {
    "cold_start": lambda module, quick: module.measure(repeats=2 if quick else repeats(10)),
    "ballot_requests": lambda module, quick: module.measure(),
    "aggregator": lambda module, quick: module.measure(quick),
    "nightly": lambda module, quick: module.measure(quick),
    "taskings": lambda module, quick: module.measure(quick),
    "gateway": lambda module, quick: module.measure(quick),
    "cost": lambda module, quick: module.measure(quick),
}


def table(rows: list[Row]) -> str:
    header = ("bench", "case", "value", "unit", "x baseline", "target", "met")
    lines = [
        (
            r["bench"],
            r["case"],
            f"{r['value']:,.4g}" if abs(r["value"]) < 1e6 else f"{r['value']:,.0f}",
            r["unit"],
            f"{r['ratio']:.2f} x {r['baseline']}" if r["ratio"] is not None else "",
            r["target"],
            ("yes" if r["met"] else "NO") if r["target"] else "",
        )
        for r in rows
    ]
    widths = [max(len(str(cells[i])) for cells in [header, *lines]) for i in range(len(header))]
    return "\n".join(
        "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) for cells in [header, *lines]
    )


def run(
    names: list[str], quick: bool, out: Path | None = None, say: Callable[[str], None] = print
) -> list[Row]:
    with moto_aws():  # one moto server for the benches that run in this process
        return _run(names, quick, out, say)


def _save(out: Path | None, quick: bool, rows: list[Row]) -> None:
    if out is not None:
        out.write_text(json.dumps({"quick": quick, "rows": rows}, indent=1), encoding="utf-8")


def _run(names: list[str], quick: bool, out: Path | None, say: Callable[[str], None]) -> list[Row]:
    rows: list[Row] = []
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        began = time.perf_counter()
        found = BENCHES[name](module, quick)
        say(f"{name}: {len(found)} rows in {time.perf_counter() - began:.1f} s")
        rows += found
        _save(out, quick, rows)  # as it goes: a long run interrupted keeps what it measured
    if "cost" in names:
        from bench import cost  # the bill is priced from the rows measured before it

        rows += cost.bill(rows)
        _save(out, quick, rows)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes (also BENCH_QUICK=1)")
    parser.add_argument("names", nargs="*", default=[], help=f"some of: {', '.join(BENCHES)}")
    parser.add_argument("--out", default=str(RESULTS), help="where to write the rows as JSON")
    args = parser.parse_args(argv)
    # Read-only routes publish no metrics; that is expected, not a fault (as in the tests).
    warnings.filterwarnings("ignore", message="No application metrics to publish")
    quick = args.quick or os.environ.get("BENCH_QUICK") == "1"
    rows = run(args.names or list(BENCHES), quick, Path(args.out))
    print(table(rows))
    print(f"\nwrote {args.out}")
    missed = [r for r in rows if r["target"] and not r["met"]]
    if missed:
        print(f"{len(missed)} targets not met: " + "; ".join(f"{r['bench']}: {r['case']}" for r in missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
