"""The money: the AWS bill for 10,000 ballots and for a month of nights, for the seeded force (35
areas) and for every force in England and Wales (about 4,000 neighbourhoods), priced from the
requests, capacity and milliseconds the benches counted.

`measure` counts one resident's visit in this process against moto (the API calls of a ballot and
the stream function's batch of one, as at ordinary traffic); `bill` prices it and the nightly
bench's rows. Lambda time is the time measured here - this machine and moto, not Lambda and
DynamoDB - so read the Lambda lines as an order of magnitude.

Prices (USD, eu-west-2 unless said). Verified: read from the AWS Price List bulk API offer files
(https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/<service>/current/eu-west-2/index.json),
as quoted with their publication dates by public documents found with the search tool on
2026-11-26 (this machine cannot browse). Unverified figures say so and must be checked.
"""

from datetime import UTC, datetime, timedelta
from statistics import median
from typing import Any

from bench.common import COUNTER, REPO, Row, api_call, api_handler, moto_aws, row
from bench.seeding import seed_force

BENCH = "cost"
PRICES_AS_OF = "2026-11-26"
PRICE_LIST = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/{}/current/eu-west-2/index.json"

# AWSLambda eu-west-2 offer, published 2026-10-01 (EUW2-Request, EUW2-Lambda-GB-Second[-ARM]).
LAMBDA_PER_REQUEST = 0.20 / 1e6
LAMBDA_PER_GB_SECOND_X86 = 0.0000166667
LAMBDA_PER_GB_SECOND_ARM = 0.0000133334
LAMBDA_SOURCE = PRICE_LIST.format("AWSLambda")
# AmazonDynamoDB eu-west-2 offer, published 2026-06-08: on-demand request units (Standard class).
DYNAMODB_PER_WRITE_UNIT = 0.7423 / 1e6
DYNAMODB_PER_READ_UNIT = 0.1487 / 1e6
DYNAMODB_SOURCE = PRICE_LIST.format("AmazonDynamoDB")
# AmazonCloudFront (global offer, published 2026-10-03), Europe edge: HTTPS requests and data out.
CLOUDFRONT_PER_HTTPS_REQUEST = 0.012 / 10_000
CLOUDFRONT_PER_GB = 0.085
CLOUDFRONT_SOURCE = (
    "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonCloudFront/current/index.json"
)
# UNVERIFIED: API Gateway REST, first 333 million requests a month. $3.50 is the published
# us-east-1 figure (https://aws.amazon.com/api-gateway/pricing/); London's was not found. Check it.
API_GATEWAY_REST_PER_REQUEST = 3.50 / 1e6
API_GATEWAY_SOURCE = "https://aws.amazon.com/api-gateway/pricing/"
# UNVERIFIED: SNS publishes ($0.50 a million) and email deliveries ($2.00 per 100,000) as commonly
# published; SMS to a UK number per segment is set by carriers and changes. Check all three at
# https://aws.amazon.com/sns/pricing/ and https://aws.amazon.com/end-user-messaging/pricing/.
SNS_PER_PUBLISH = 0.50 / 1e6
SNS_PER_EMAIL = 2.00 / 100_000
SNS_SMS_PER_SEGMENT_GB = 0.04
SNS_SOURCE = "https://aws.amazon.com/sns/pricing/"

FORCE_AREAS = 35
ENGLAND_AND_WALES_AREAS = 4_000
BALLOTS = 10_000
NIGHTS = 30
LAMBDA_TIMEOUT_S = 300  # the nightly function's, in template.yaml


def _lambda_gb(logical_id: str) -> tuple[float, float]:
    """(GB of memory, price per GB-s) of a function, as template.yaml configures it."""
    from local.template import function, load_template

    arch = load_template().get("Globals", {}).get("Function", {}).get("Architectures", ["x86_64"])
    price = LAMBDA_PER_GB_SECOND_ARM if arch == ["arm64"] else LAMBDA_PER_GB_SECOND_X86
    return function(logical_id).memory_mb / 1024, price


def _static_page() -> tuple[int, int]:
    """(files, bytes) of the residents' page: what CloudFront serves a first visit, at most."""
    files = [path for path in (REPO / "web").rglob("*") if path.is_file()]
    return len(files), sum(path.stat().st_size for path in files)


def measure(quick: bool = False) -> list[Row]:
    """One resident's visit: find the area, read the ballot, cast it, see the results; and the
    stream function's batch of one for it."""
    from local.lambdas import LambdaContext, load_handler
    from local.template import function

    from bench.aggregator import StreamTail

    visits = 3 if quick else 25
    with moto_aws() as aws:
        rounds = seed_force(datetime.now(UTC) - timedelta(hours=1), 3 if quick else None)
        tail = StreamTail(aws)
        tail.take()
        api, aggregate = api_handler(), load_handler(function("AggregateBallotsFunction"))
        visit: list[dict[str, float]] = []
        for number in range(visits):
            chosen = rounds[number % len(rounds)]
            ballot = {
                "voter": f"bench-cost-{number:04d}-0123456789",
                "allocations": {chosen.priority_ids[0]: chosen.budget},
            }
            steps: list[tuple[str, str, Any]] = [
                ("GET", "/api/areas", None),
                ("GET", f"/api/areas/{chosen.area_id}/ballot", None),
                ("POST", f"/api/areas/{chosen.area_id}/ballots", ballot),
                ("GET", f"/api/areas/{chosen.area_id}/results", None),
            ]
            with COUNTER.counting() as tally:
                began = datetime.now(UTC)
                for method, path, body in steps:
                    status, answer = api_call(api, method, path, body=body)
                    assert status < 300, (path, answer)
                api_ms = (datetime.now(UTC) - began).total_seconds() * 1000
            api_units = tally.capacity
            with COUNTER.counting() as folded:
                began = datetime.now(UTC)
                aggregate({"Records": tail.take()}, LambdaContext("AggregateBallotsFunction"))
                stream_ms = (datetime.now(UTC) - began).total_seconds() * 1000
            visit.append(
                {
                    "api_calls": len(steps),
                    "api_ms": api_ms,
                    "api_wru": api_units.write_units,
                    "api_rru": api_units.read_units,
                    "stream_ms": stream_ms,
                    "stream_wru": folded.capacity.write_units,
                    "stream_rru": folded.capacity.read_units,
                }
            )
    units = {"api_calls": "requests", "api_ms": "ms", "stream_ms": "ms"}
    return [
        row(
            BENCH,
            f"per ballot: {name}",
            median([v[name] for v in visit[1:] or visit]),
            units.get(name, name[-3:].upper()),
        )
        for name in visit[0]
    ]


def _found(rows: list[Row], bench: str, case: str) -> float | None:
    return next((r["value"] for r in rows if r["bench"] == bench and r["case"] == case), None)


def _areas_measured(rows: list[Row]) -> int:
    """How many areas the nightly bench ran over (all 35, but in a quick run)."""
    case = next(r["case"] for r in rows if r["bench"] == "nightly" and r["case"].startswith("idle night ("))
    return int(case.removeprefix("idle night (").split(" ")[0])


def _closing_night(rows: list[Row]) -> dict[str, float]:
    """The night closing the force's 35 rounds with 10,000 ballots in them: the nightly bench's own
    row when it ran that size, else built from its quorum night and its time per closing ballot."""
    prefix = f"closing night, {BALLOTS:,} ballots: "
    names = ("time", "requests", "read units", "write units")
    if _found(rows, "nightly", prefix + "time") is not None and _areas_measured(rows) == FORCE_AREAS:
        return {name: _found(rows, "nightly", prefix + name) or 0.0 for name in names}
    per_area = FORCE_AREAS / _areas_measured(rows)
    quorum = {
        name: (_found(rows, "nightly", f"closing night, quorum per area: {name}") or 0.0) * per_area
        for name in names
    }
    per_ballot_us = max(
        [
            r["value"]
            for r in rows
            if r["bench"] == "nightly" and r["case"].endswith("time per closing ballot")
        ]
        or [0.0]
    )
    quorum["time"] += per_ballot_us / 1e6 * BALLOTS
    quorum["read units"] += BALLOTS * 0.25 / 4  # a ballot is about 250 bytes: 4 KB consistent reads
    return quorum


def bill(rows: list[Row]) -> list[Row]:
    """Prices the visit (cost.measure's rows) and the nights (the nightly bench's rows)."""
    per = {r["case"].removeprefix("per ballot: "): r["value"] for r in rows if r["bench"] == BENCH}
    if not per or not any(r["bench"] == "nightly" for r in rows):
        return [row(BENCH, "bill: skipped (needs the nightly and cost benches in this run)", 0, "")]
    api_gb, api_price = _lambda_gb("ApiFunction")
    stream_gb, stream_price = _lambda_gb("AggregateBallotsFunction")
    night_gb, night_price = _lambda_gb("NightlyTaskingsFunction")
    files, size = _static_page()
    one_visit = {
        "API Gateway": per["api_calls"] * API_GATEWAY_REST_PER_REQUEST,
        "Lambda": (per["api_calls"] + 1) * LAMBDA_PER_REQUEST
        + per["api_ms"] / 1000 * api_gb * api_price
        + per["stream_ms"] / 1000 * stream_gb * stream_price,
        "DynamoDB": (per["api_wru"] + per["stream_wru"]) * DYNAMODB_PER_WRITE_UNIT
        + (per["api_rru"] + per["stream_rru"]) * DYNAMODB_PER_READ_UNIT,
        "CloudFront (the page)": files * CLOUDFRONT_PER_HTTPS_REQUEST + size / 1024**3 * CLOUDFRONT_PER_GB,
    }
    ballots_cost = {service: usd * BALLOTS for service, usd in one_visit.items()}
    closing = _closing_night(rows)
    per_area = FORCE_AREAS / _areas_measured(rows)
    idle_s = (_found(rows, "nightly", "idle night: time") or 0.0) * per_area
    idle_rru = (_found(rows, "nightly", "idle night: read units") or 0.0) * per_area
    segments = (
        _found(rows, "nightly", "closing night: SMS segments for the force's taskings") or 0.0
    ) * per_area
    nights_cost = {
        "Lambda": NIGHTS * LAMBDA_PER_REQUEST
        + ((NIGHTS - 1) * idle_s + closing["time"]) * night_gb * night_price,
        "DynamoDB": ((NIGHTS - 1) * idle_rru + closing["read units"]) * DYNAMODB_PER_READ_UNIT
        + closing["write units"] * DYNAMODB_PER_WRITE_UNIT,
        "SNS (each tasking by SMS and email)": FORCE_AREAS * (SNS_PER_PUBLISH + SNS_PER_EMAIL)
        + segments * SNS_SMS_PER_SEGMENT_GB,
    }
    national = ENGLAND_AND_WALES_AREAS / FORCE_AREAS
    out: list[Row] = []
    places = (
        (f"seeded force ({FORCE_AREAS} areas)", f"{BALLOTS:,} ballots", 1.0),
        (
            f"England and Wales ({ENGLAND_AND_WALES_AREAS:,} areas)",
            f"{BALLOTS * national:,.0f} ballots",
            national,
        ),
    )
    for place, ballots, factor in places:
        for title, costs in ((ballots, ballots_cost), ("a month of nights", nights_cost)):
            for service, usd in costs.items():
                out.append(row(BENCH, f"{place}: {title}: {service}", usd * factor, "USD"))
            out.append(row(BENCH, f"{place}: {title}: total", sum(costs.values()) * factor, "USD"))
    one_night = closing["time"] * national
    out.append(
        row(
            BENCH,
            "England and Wales: one night closing every area at once (Lambda time)",
            one_night,
            "s",
            target=f"< the nightly function's {LAMBDA_TIMEOUT_S} s timeout",
            met=one_night < LAMBDA_TIMEOUT_S,
        )
    )
    return out
