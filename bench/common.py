"""What every bench shares: the row shape, medians over interleaved repeats, a moto server with the
template's resources, and a count of AWS requests taken at the client (botocore events).

Each bench module has `measure(quick: bool) -> list[Row]`; `python -m bench` runs them all.
"""

import os
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict

REPO = Path(__file__).resolve().parent.parent
LAYER = REPO / "layers" / "common" / "python"
if str(LAYER) not in sys.path:  # `python -m bench` runs the layer's code in this process
    sys.path.insert(0, str(LAYER))

# moto answers a query over 100,000 items slowly on a busy machine: pynamodb's 30 s read timeout
# would count it as a failed area. The file only raises the timeouts (pynamodb reads it on import).
os.environ.setdefault("PYNAMODB_CONFIG", str(Path(__file__).parent / "pynamodb_settings.py"))

import botocore.session  # noqa: E402
import requests  # noqa: E402
from local.aws import offline_aws  # noqa: E402
from local.moto_server import MotoServer, free_port  # noqa: E402
from local.template import LocalResources, create_resources, functions, region  # noqa: E402

from bench.capacity import Capacity, capacity_of  # noqa: E402


class Row(TypedDict):
    bench: str
    case: str
    value: float
    unit: str
    baseline: str | None
    ratio: float | None
    target: str
    met: bool


def row(
    bench: str,
    case: str,
    value: float,
    unit: str,
    target: str = "",
    met: bool = True,
    baseline: str | None = None,
    ratio: float | None = None,
) -> Row:
    return Row(
        bench=bench,
        case=case,
        value=round(value, 4),
        unit=unit,
        baseline=baseline,
        ratio=None if ratio is None else round(ratio, 3),
        target=target,
        met=met,
    )


def repeats(full: int) -> int:
    """How many runs each case gets: `full`, or BENCH_REPEATS when set (1 on a crowded machine)."""
    return int(os.environ.get("BENCH_REPEATS") or full)


def median(values: list[float]) -> float:
    return float(statistics.median(values)) if values else 0.0


def interleaved[T](cases: Mapping[str, Callable[[], T]], repeats: int) -> dict[str, list[T]]:
    """Each case once per round, round after round, so a machine that slows down part-way (six other
    processes share it) slows every case alike instead of the one that happened to run then."""
    results: dict[str, list[T]] = {name: [] for name in cases}
    for _ in range(repeats):
        for name, case in cases.items():
            results[name].append(case())
    return results


def timed[T](action: Callable[[], T]) -> tuple[T, float]:
    began = time.perf_counter()
    result = action()
    return result, time.perf_counter() - began


# ---------------------------------------------------------------- counting requests at the client


@dataclass
class Tally:
    """AWS requests made in this process while counting, by "service.Operation", with the DynamoDB
    capacity they would consume on AWS (estimated from the items: moto reports a constant)."""

    calls: Counter[str] = field(default_factory=Counter)
    capacity: Capacity = field(default_factory=Capacity)
    items_written: Counter[str] = field(default_factory=Counter)  # by table
    sns_messages: list[dict[str, Any]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.calls.values())

    def of(self, *operations: str) -> int:
        return sum(self.calls[name] for name in operations)


class RequestCounter:
    """Hooks every botocore client made after `install()` (boto3's and pynamodb's alike)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.tally = Tally()
        self.installed = False

    def install(self) -> None:
        if self.installed:
            return
        original = botocore.session.Session.create_client
        counter = self

        def create_client(session: Any, *args: Any, **kwargs: Any) -> Any:
            client = original(session, *args, **kwargs)
            client.meta.events.register("before-parameter-build", counter._before)
            client.meta.events.register("after-call", counter._after)
            return client

        botocore.session.Session.create_client = create_client  # type: ignore[method-assign,assignment]
        self.installed = True

    def _before(self, params: dict[str, Any], model: Any, context: dict[str, Any], **_: Any) -> None:
        context["bench_params"] = dict(params)

    def _after(self, parsed: dict[str, Any], model: Any, context: dict[str, Any], **_: Any) -> None:
        service = model.service_model.service_name
        params = context.get("bench_params", {})
        with self.lock:
            self.tally.calls[f"{service}.{model.name}"] += 1
            if service == "dynamodb":
                used, written = capacity_of(model.name, params, parsed)
                self.tally.capacity.add(used)
                self.tally.items_written.update(written)
            if service == "sns" and model.name == "Publish":
                self.tally.sns_messages.append(params)

    @contextmanager
    def counting(self) -> Iterator[Tally]:
        """The requests made inside the block (and only those: the tally is let go on leaving it)."""
        inside = Tally()
        with self.lock:
            self.tally = inside
        try:
            yield inside
        finally:
            with self.lock:
                self.tally = Tally()


COUNTER = RequestCounter()


# ---------------------------------------------------------------- a moto server like `make run`'s


@dataclass
class MotoAws:
    server: MotoServer
    resources: LocalResources

    @property
    def endpoint(self) -> str:
        return self.server.endpoint

    def client(self, service: str) -> Any:
        import boto3

        return boto3.client(service, endpoint_url=self.endpoint, region_name=region())  # type: ignore[call-overload]

    def reset(self) -> None:
        """Forgets every table and item (moto's own reset), then creates the template's resources again."""
        requests.post(f"{self.endpoint}/moto-api/reset", timeout=30).raise_for_status()
        self.resources = _point_at(self.endpoint)


def _point_at(endpoint: str) -> LocalResources:
    """Creates the template's resources and points this process's functions at them, as the runner does."""
    from bobbies.settings import settings
    from bobbies.store.models import forget_connections

    resources = create_resources(endpoint)
    from local.run import shared_environment

    os.environ.update(shared_environment(functions(), resources))
    os.environ.update(
        {
            "AWS_ENDPOINT_URL": endpoint,
            **offline_aws(os.environ),
            "AWS_REGION": region(),
            "AWS_DEFAULT_REGION": region(),
            "POWERTOOLS_TRACE_DISABLED": "true",
            "POWERTOOLS_METRICS_NAMESPACE": "BalanceYourBobbies",
            "POWERTOOLS_SERVICE_NAME": "balance-your-bobbies",
            "POWERTOOLS_LOG_LEVEL": "ERROR",
            "VOTER_VERIFICATION": "off",  # the benches cast ballots with made-up tokens
            "POWERTOOLS_METRICS_DISABLED": "true",  # no metric lines in the bench's table
        }
    )
    os.environ.pop("AWS_ENDPOINT_URL_SNS", None)  # SNS straight to moto: no runner tap here
    settings.cache_clear()
    forget_connections()
    return resources


_ACTIVE: list[MotoAws] = []


@contextmanager
def moto_aws() -> Iterator[MotoAws]:
    """A moto server on a free port (the one `make run` starts), holding everything template.yaml
    declares; this process's environment points at it while the block runs. Inside another such
    block (the harness holds one for all benches) it is that server, emptied: a server takes
    seconds to start on a busy machine."""
    if _ACTIVE:
        _ACTIVE[-1].reset()
        yield _ACTIVE[-1]
        return
    COUNTER.install()  # before any client is made, so every client counts
    saved = dict(os.environ)
    os.environ.update(offline_aws(os.environ))
    with tempfile.TemporaryDirectory(prefix="bench-moto-") as folder:
        here = Path(folder)
        server = MotoServer.launch(
            free_port(), here / "recording.jsonl", here / "snapshot.bin", here / "moto.log"
        )
        try:
            server.wait_until_ready()
            _ACTIVE.append(MotoAws(server, _point_at(server.endpoint)))
            yield _ACTIVE[-1]
        finally:
            _ACTIVE.clear()
            server.stop()
            os.environ.clear()
            os.environ.update(saved)


# ---------------------------------------------------------------- the API function, in this process


def api_handler() -> Callable[[dict[str, Any], Any], Any]:
    from local.lambdas import load_handler
    from local.template import function

    return load_handler(function("ApiFunction"))


def api_event(
    method: str, path: str, query: dict[str, str] | None = None, body: Any = None
) -> dict[str, Any]:
    """An API Gateway REST proxy event, on the sample in events/."""
    import json
    import uuid

    event: dict[str, Any] = json.loads((REPO / "events" / "api_list_areas.json").read_text(encoding="utf-8"))
    headers = {**event["headers"], **({"Content-Type": "application/json"} if body is not None else {})}
    event.update(
        httpMethod=method,
        path=path,
        body=None if body is None else json.dumps(body),
        headers=headers,
        multiValueHeaders={key: [value] for key, value in headers.items()},
        queryStringParameters=query,
        multiValueQueryStringParameters={key: [value] for key, value in (query or {}).items()} or None,
    )
    event["requestContext"].update(httpMethod=method, path=path, requestId=str(uuid.uuid4()))
    return event


def api_call(
    handler: Callable[[dict[str, Any], Any], Any],
    method: str,
    path: str,
    query: dict[str, str] | None = None,
    body: Any = None,
) -> tuple[int, Any]:
    import json

    from local.lambdas import LambdaContext

    answer = handler(api_event(method, path, query, body), LambdaContext("ApiFunction"))
    return int(answer["statusCode"]), json.loads(answer["body"] or "null")
