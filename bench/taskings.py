"""GET /api/taskings: requests and read units per call as the taskings table grows.

It used to read the whole table on every call; it now reads a page of the sparse "listed" index
(everyone's taskings) or one query of the area's own (`?area=`). The bench fills the table with
issued taskings and reads the first page, the next one and one area's, at two table sizes.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

from bench.common import COUNTER, MotoAws, Row, api_call, api_handler, moto_aws, row
from bench.seeding import OpenRound, seed_force

BENCH = "taskings"


def _tasking(open_round: OpenRound, number: int, issued: datetime) -> dict[str, Any]:
    """An issued, published tasking of a past round, in the low-level shape of TaskingModel."""
    stamp = issued.strftime("%Y-%m-%dT%H:%M:%S.%f+0000")
    title = {"M": {"en": {"S": "Speeding"}, "cy": {"S": "Goryrru"}}}
    return {
        "area_id": {"S": open_round.area_id},
        "round_id": {"S": f"past-{number:05d}"},
        "district_id": {"S": "west"},
        "status": {"S": "issued"},
        "priority_id": {"S": open_round.priority_ids[0]},
        "priority_title": title,
        "priority_description": title,
        "ballots": {"N": "12"},
        "average": {"N": "4.5"},
        "margin": {"N": "1.25"},
        "support": {"N": "54"},
        "quorum": {"N": str(open_round.quorum)},
        "issued": {"S": stamp},
        "review": {"S": stamp},
        "reference": {"S": f"T-{number:05d}"},
        "published_at": {"S": stamp},
        "listing": {"S": "public"},
        "listed_at": {"S": f"{issued.strftime('%Y-%m-%dT%H:%M:%S.%fZ')}#{open_round.area_id}"},
    }


def _fill(aws: MotoAws, rounds: list[OpenRound], start: int, count: int) -> None:
    dynamodb, table = aws.client("dynamodb"), aws.resources.tables["TaskingsTable"]
    now = datetime.now(UTC)
    items = [
        {"PutRequest": {"Item": _tasking(rounds[n % len(rounds)], n, now - timedelta(hours=n))}}
        for n in range(start, start + count)
    ]
    for first in range(0, len(items), 25):
        dynamodb.batch_write_item(RequestItems={table: items[first : first + 25]})


def _calls(handler: Any, area: str) -> dict[str, tuple[int, float, int]]:
    """(requests, read units, scans) of each call."""
    found: dict[str, tuple[int, float, int]] = {}
    status, first = api_call(handler, "GET", "/api/taskings")
    assert status == 200 and first["next"], first
    calls = {
        "first page": ({}, None),
        "next page": ({"cursor": first["next"]}, None),
        "one area": ({"area": area}, None),
    }
    for name, (query, _) in calls.items():
        with COUNTER.counting() as tally:
            status, _body = api_call(handler, "GET", "/api/taskings", query or None)
        assert status == 200, _body
        found[name] = (tally.total, tally.capacity.read_units, tally.calls["dynamodb.Scan"])
    return found


def measure(quick: bool = False) -> list[Row]:
    small, large = (25, 60) if quick else (100, 2_000)
    with moto_aws() as aws:
        rounds = seed_force(datetime.now(UTC) - timedelta(hours=1), 3 if quick else None)
        handler = api_handler()
        _fill(aws, rounds, 0, small)
        before = _calls(handler, rounds[0].area_id)
        _fill(aws, rounds, small, large - small)
        after = _calls(handler, rounds[0].area_id)
    rows: list[Row] = []
    for name in before:
        same = before[name][0] == after[name][0] and not after[name][2]
        rows += [
            row(BENCH, f"{name}, {small:,} taskings: requests per call", before[name][0], "requests"),
            row(
                BENCH,
                f"{name}, {large:,} taskings: requests per call",
                after[name][0],
                "requests",
                target=f"no scan; as at {small:,}",
                met=same,
            ),
            row(BENCH, f"{name}, {large:,} taskings: read units per call", after[name][1], "RRU"),
        ]
    return rows
