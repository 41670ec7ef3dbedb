"""End to end through the local gateway (`make run`'s stack) with 20 concurrent clients: accepted
ballots per second and p50/p95 latency, against moto's own PutItem rate on the same ballots table
in the same run, from 20 threads too. Target: the gateway at least 0.5 x moto's rate. A third load
sends a warm ballot's own DynamoDB request (one three-item transaction) straight to moto: the most
the gateway could reach here, whatever the runner does.

The clients behave as the page does: a new resident's ballot names no earlier one, and a revote
(REVOTES of them) names the ballot its receipt gave (`replacing`), so no ballot needs a read.

The loads take turns (gateway, moto, ballot requests, gateway, ...) so a busy machine weighs on
all alike. First, uncounted ballots warm the function's environments (one per client, as Lambda
would start them): the steady rate is what is compared; cold starts are bench.cold_start's.

All three loads go to one stack, `python -m local.run` as `make run` starts it, so the baseline is
moto's PutItem under the server's own settings: its snapshots (every 500 recorded calls, more as
the state grows: local.moto_main) hold requests during the PutItem load as during the gateway's,
and a row says for how much of each load's time. How it differs from `make run`: its state starts
fresh from the seed in a temporary folder (the PutItem load runs on the state the gateway load
left, so on a larger table), and BOBBIES_VERIFICATION=0 (the clients send made-up tokens, not SMS
codes). BOBBIES_SNAPSHOT_EVERY, if set, reaches the server as in `make run`, for all loads alike.
"""

import random
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from local.moto_main import requests_held
from local.runner_info import live_runner_info
from local.testing import RunnerProcess, runner_process

from bench import process_cpu
from bench.common import Row, median, repeats, row
from bench.moto_loads import ballot_requests_worker, moto_worker
from bench.seeding import OpenRound, allocation

BENCH = "gateway"
CLIENTS = 20
TARGET = 0.5
REVOTES = 0.25  # the share of a client's ballots that change its last one in that area


@dataclass
class Load:
    seconds: float
    latencies: list[float] = field(default_factory=list)
    refused: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds


def _load(seconds: float, make_worker: Callable[[], Callable[[], bool]]) -> Load:
    """CLIENTS threads, each calling its worker until the time is up; a worker says if it was accepted."""
    load = Load(seconds)
    start = threading.Barrier(CLIENTS + 1)
    deadline = [0.0]

    def client() -> None:
        work = make_worker()
        start.wait()
        while time.perf_counter() < deadline[0]:
            began = time.perf_counter()
            accepted = work()
            took = time.perf_counter() - began
            with load.lock:
                if accepted:
                    load.latencies.append(took)
                else:
                    load.refused += 1

    threads = [threading.Thread(target=client, daemon=True) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    deadline[0] = began + seconds
    start.wait()
    for thread in threads:
        thread.join()
    load.seconds = time.perf_counter() - began  # to the last answer, not just the deadline
    return load


def _rounds(stack: RunnerProcess) -> list[OpenRound]:
    areas = requests.get(f"{stack.url}/api/areas", timeout=30).json()["areas"]
    rounds = []
    for area in areas:
        paper = requests.get(f"{stack.url}/api/areas/{area['id']}/ballot", timeout=30).json()
        ids = tuple(priority["id"] for priority in paper["priorities"])
        rounds.append(OpenRound(area["id"], paper["round"]["id"], ids, int(paper["budget"]), 0))
    return rounds


def _gateway_worker(
    stack: RunnerProcess, rounds: list[OpenRound], timeout: float | None = 60
) -> Callable[[], Callable[[], bool]]:
    def make() -> Callable[[], bool]:
        session = requests.Session()
        chance = random.Random()
        last: dict[str, tuple[str, dict[str, Any]]] = {}  # area -> this client's voter and last receipt

        def cast() -> bool:
            chosen = chance.choice(rounds)
            body: dict[str, Any] = {"allocations": allocation(chance, chosen.priority_ids, chosen.budget)}
            if chosen.area_id in last and chance.random() < REVOTES:  # the page's revote: names its receipt
                voter, receipt = last[chosen.area_id]
                body |= {
                    "voter": voter,
                    "replacing": {"ballot": receipt["ballot"], "version": receipt["version"]},
                }
            else:
                body["voter"] = f"bench-{uuid.uuid4().hex}"
            try:
                answer = session.post(
                    f"{stack.url}/api/areas/{chosen.area_id}/ballots", json=body, timeout=timeout
                )
            except requests.RequestException:
                return False
            if answer.status_code not in (200, 201):
                return False
            last[chosen.area_id] = (body["voter"], answer.json())
            return True

        return cast

    return make


def _warm_up(stack: RunnerProcess, rounds: list[OpenRound]) -> None:
    """CLIENTS ballots at once, not counted and waited for however long they take, until all are
    accepted: each environment they start has finished its cold start (on a loaded machine a
    worker's imports can outlast a request's timeout and would then fall in the measured load)."""
    cast = _gateway_worker(stack, rounds, timeout=None)
    together = threading.Barrier(CLIENTS)
    accepted: list[bool] = []

    def client() -> None:
        work = cast()
        together.wait()
        accepted.append(work())

    while len(accepted) < CLIENTS or not all(accepted):
        accepted.clear()
        threads = [threading.Thread(target=client, daemon=True) for _ in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


def _held(stack: RunnerProcess, load: Callable[[], Load]) -> tuple[Load, float]:
    """The load, and the share of its time moto's snapshots held requests (from moto's log)."""
    taken = len(requests_held(stack.paths.moto_log.read_text(errors="replace")))
    done = load()
    return done, sum(requests_held(stack.paths.moto_log.read_text(errors="replace"))[taken:]) / done.seconds


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def measure(quick: bool = False) -> list[Row]:
    seconds, runs = (1.5, 1) if quick else (10.0, repeats(3))
    gateway: list[Load] = []
    moto: list[Load] = []
    requests_only: list[Load] = []
    spent: list[dict[str, float]] = []  # CPU ms per accepted ballot, by part, of each gateway load
    held: dict[str, list[float]] = {"gateway": [], "moto": []}  # the share of each load's time
    with (
        tempfile.TemporaryDirectory(prefix="bench-stack-") as folder,
        runner_process(Path(folder) / "state") as stack,
    ):
        rounds = _rounds(stack)
        info = live_runner_info(stack.paths)
        assert info is not None
        _warm_up(stack, rounds)
        for _ in range(runs):
            before = process_cpu.by_part(info.pid, info.moto_pid)
            measured, share = _held(stack, lambda: _load(seconds, _gateway_worker(stack, rounds)))
            gateway.append(measured)
            held["gateway"].append(share)
            after = process_cpu.by_part(info.pid, info.moto_pid)
            accepted = max(1, len(gateway[-1].latencies))
            spent.append({part: 1000 * (after[part] - before[part]) / accepted for part in after})
            measured, share = _held(stack, lambda: _load(seconds, moto_worker(stack, rounds)))
            moto.append(measured)
            held["moto"].append(share)
            requests_only.append(_load(seconds, ballot_requests_worker(stack, rounds)))
    through = median([load.rate for load in gateway])
    direct = median([load.rate for load in moto])
    ceiling = median([load.rate for load in requests_only])
    ratio = through / direct if direct else 0.0
    return [
        row(
            BENCH,
            f"ballots accepted through the gateway, {CLIENTS} clients",
            through,
            "ballots/s",
            target=f">= {TARGET} x moto's PutItem",
            met=ratio >= TARGET,
            baseline="moto PutItem",
            ratio=ratio,
        ),
        row(
            BENCH,
            "latency p50",
            1000 * median([statistics.median(g.latencies) for g in gateway if g.latencies]),
            "ms",
        ),
        row(BENCH, "latency p95", 1000 * median([_percentile(g.latencies, 0.95) for g in gateway]), "ms"),
        row(BENCH, "ballots refused or failed", median([g.refused for g in gateway]), "ballots"),
        row(BENCH, f"moto PutItem on the ballots table, {CLIENTS} threads", direct, "items/s"),
        *(
            row(
                BENCH,
                f"time moto's snapshots held requests, {load} loads (mean)",
                100 * statistics.fmean(shares),
                "%",
            )
            for load, shares in (("gateway", held["gateway"]), ("PutItem", held["moto"]))
        ),
        row(
            BENCH,
            f"a ballot's own DynamoDB requests straight to moto, {CLIENTS} threads",
            ceiling,
            "ballots/s",
            baseline="moto PutItem",
            ratio=ceiling / direct if direct else 0.0,
        ),
        *(
            row(
                BENCH,
                f"CPU per accepted ballot through the gateway: {part}",
                median([s[part] for s in spent]),
                "ms",
            )
            for part in ("moto", "workers", "runner")
        ),
    ]
