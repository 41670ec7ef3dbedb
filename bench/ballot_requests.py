"""DynamoDB requests and capacity units per accepted ballot, counted at the client.

Every botocore client made while counting carries a handler on its `after-call.dynamodb` event (as
moto's own hook is installed, through botocore's built-in handlers), so whatever library makes the
call - pynamodb here - each request is seen once, with the capacity it reports (every request asks
for it through `provide-client-params`; the units are as moto computes them).

Ballots through the API function, on moto in-process with template.yaml's tables and the seed:
a first ballot and a revote in a cold function (nothing kept), then in a warm one. The revote names
the ballot it replaces, as the page does (`replacing`, from its receipt). Target: one write, at
most three reads cold and one warm. Then, reported: a warm revote naming no ballot (cast from
another device, or storage cleared), which costs a refused write and no read.

`python -m bench.ballot_requests` prints the rows as JSON lines.
"""

import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import botocore.handlers

WRITES = {"PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem"}
READS = {"GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems"}
AREA = "bangor"
QUIET = {"POWERTOOLS_TRACE_DISABLED": "true"}  # as the local runner runs functions
ROOT = Path(__file__).resolve().parent.parent
LAYER = str(ROOT / "layers" / "common" / "python")  # what Lambda puts on the path from the layer
if LAYER not in sys.path:
    sys.path.append(LAYER)


@dataclass
class Calls:
    operations: Counter[str] = field(default_factory=Counter)
    capacity: float = 0.0

    @property
    def reads(self) -> int:
        return sum(n for name, n in self.operations.items() if name in READS)

    @property
    def writes(self) -> int:
        return sum(n for name, n in self.operations.items() if name in WRITES)


@contextmanager
def dynamodb_calls() -> Iterator[Calls]:
    """Counts the DynamoDB requests of every botocore client made inside the block."""
    calls = Calls()

    def ask_capacity(params: dict[str, Any], **_: Any) -> None:
        params.setdefault("ReturnConsumedCapacity", "TOTAL")

    def count(model: Any, parsed: dict[str, Any], **_: Any) -> None:
        calls.operations[model.name] += 1
        used = parsed.get("ConsumedCapacity") or []
        for item in used if isinstance(used, list) else [used]:
            calls.capacity += float(item.get("CapacityUnits") or 0)

    hooks = [("provide-client-params.dynamodb", ask_capacity), ("after-call.dynamodb", count)]
    botocore.handlers.BUILTIN_HANDLERS.extend(hooks)
    from bobbies.store.models import forget_connections

    forget_connections()  # new clients, so they carry the hooks
    try:
        yield calls
    finally:
        for hook in hooks:
            botocore.handlers.BUILTIN_HANDLERS.remove(hook)
        forget_connections()


@contextmanager
def _api() -> Iterator[Any]:
    """The API function's handler on moto in-process, with every resource of template.yaml, seeded."""
    from moto import mock_aws

    saved = dict(os.environ)
    try:
        with mock_aws():
            from local.aws import offline_aws
            from local.lambdas import load_handler
            from local.seed import load_seed
            from local.template import create_resources, function, function_environment

            from bobbies.settings import settings

            os.environ.update({**offline_aws({}), **QUIET})
            os.environ.update(function_environment("ApiFunction", create_resources()))
            os.environ["VOTER_VERIFICATION"] = "off"  # ballots with made-up tokens, as measured before
            settings.cache_clear()
            load_seed(now=datetime.now(UTC) - timedelta(hours=1))
            yield load_handler(function("ApiFunction"))
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _ballot(handler: Any, voter: str, priority: str, replacing: Any = None) -> tuple[int, dict[str, Any]]:
    from local.lambdas import LambdaContext

    event = json.loads((ROOT / "events" / "api_cast_ballot.json").read_text(encoding="utf-8"))
    body = {"voter": voter, "allocations": {priority: 10}, "replacing": replacing}
    event.update(path=f"/api/areas/{AREA}/ballots", body=json.dumps(body))
    event["pathParameters"] = {"areaId": AREA}
    answer = handler(event, LambdaContext())
    return int(answer["statusCode"]), json.loads(answer["body"])


def _named(receipt: dict[str, Any]) -> dict[str, Any]:
    return {"ballot": receipt["ballot"], "version": receipt["version"]}


def _row(case: str, what: str, value: float, unit: str, target: str, met: bool) -> dict[str, Any]:
    return {
        "bench": "ballot_requests",
        "case": f"{case}: {what}",
        "value": value,
        "unit": unit,
        "baseline": None,
        "ratio": None,
        "target": target,
        "met": met,
    }


def measure() -> list[dict[str, Any]]:
    rows = []
    with _api() as handler:
        from bobbies.store import catalogue  # imported as the function imports it, in its environment
        from bobbies.usecases.voting import forget_kept

        priorities = catalogue.current_round(catalogue.get_area(AREA)).priority_ids
        for warmth in ("cold", "warm"):
            voter = f"bench-{warmth}-voter-0123456789"
            receipt = None
            for case, priority, status in (
                ("first ballot", priorities[0], 201),
                ("revote", priorities[1], 200),
            ):
                if warmth == "cold":
                    forget_kept()
                with dynamodb_calls() as calls:
                    answered, receipt = _ballot(handler, voter, priority, receipt and _named(receipt))
                assert answered == status, (case, warmth, answered)
                name = f"{case}, {warmth}"
                read_target = 1 if warmth == "warm" else 3
                rows += [
                    _row(name, "writes", calls.writes, "requests", "1", calls.writes == 1),
                    _row(
                        name,
                        "reads",
                        calls.reads,
                        "requests",
                        f"<= {read_target}",
                        calls.reads <= read_target,
                    ),
                    _row(
                        name,
                        "capacity",
                        calls.capacity,
                        "units",
                        "reported: moto counts 0.5 per GetItem and none for TransactWriteItems",
                        True,
                    ),
                ]
        with dynamodb_calls() as calls:  # the warm voter again, from a device that knows no ballot
            answered, _ = _ballot(handler, "bench-warm-voter-0123456789", priorities[2])
        assert answered == 200, answered
        name = "revote naming no ballot (another device), warm"
        rows += [
            _row(name, "writes", calls.writes, "requests", "reported: the first is refused", True),
            _row(name, "reads", calls.reads, "requests", "reported: the refusal hands back the ballot", True),
        ]
    return rows


if __name__ == "__main__":
    for row in measure():
        print(json.dumps(row))
