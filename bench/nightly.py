"""The nightly job over the seeded force (35 areas) with 1,000, 10,000 and 100,000 ballots spread
over its open rounds: requests and time of the night that closes them all, and of a night when
nothing closes.

Time per closing ballot is the night's time less that of the same night with each area at just its
quorum (every area issues and publishes its tasking in both), per ballot beyond those: so neither
the fixed cost of 35 areas nor the publishing flatters the large runs. Targets: the per-ballot time
at the largest size at most 1.2 x that at the smallest; an idle night costs the same requests
whatever the ballots in the open rounds.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bench.common import COUNTER, MotoAws, Row, median, moto_aws, repeats, row
from bench.seeding import seed_force, write_ballots

BENCH = "nightly"
FLAT = 1.2


@dataclass
class Night:
    seconds: float
    requests: int
    read_units: float
    write_units: float
    sms_segments: int
    published: int
    failures: int  # areas the run could not close (counted and retried next night, as on AWS)
    ballots: int
    calls: dict[str, int] = field(default_factory=dict)


def _night(at: datetime) -> Night:
    from bobbies.domain.sms import segments
    from bobbies.notify.publisher import SnsPublisher
    from bobbies.settings import settings
    from bobbies.usecases.nightly import run_nightly

    publisher = SnsPublisher(settings().tasking_topic_arn)
    with COUNTER.counting() as tally:
        began = datetime.now(UTC)
        report = run_nightly(at, publisher)
        seconds = (datetime.now(UTC) - began).total_seconds()
    sms = sum(segments(_sms_text(message["Message"])) for message in tally.sns_messages)
    return Night(
        seconds,
        tally.total,
        tally.capacity.read_units,
        tally.capacity.write_units,
        sms,
        report.published,
        report.area_failures,
        _ballots_counted(),
        dict(tally.calls),
    )


def _ballots_counted() -> int:
    """Ballots in the taskings made so far (what the closing night decided on)."""
    from bobbies.store.models import TaskingModel, bound

    return sum(int(item.ballots) for item in bound(TaskingModel).scan())


def _sms_text(message: str) -> str:
    import json

    return str(json.loads(message).get("sms", ""))


QUORUM = 0  # the size that stands for "each area at its quorum"


def _closing_and_idle(aws: MotoAws, ballots: int, areas: int | None) -> tuple[Night, Night]:
    """A fresh force with `ballots` in its open rounds: an idle night, then the night closing them."""
    from bobbies.store import catalogue

    aws.reset()
    opened = datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)
    rounds = seed_force(opened, areas)
    if ballots == QUORUM:
        for open_round in rounds:
            write_ballots(aws, [open_round], open_round.quorum)
    else:
        write_ballots(aws, rounds, ballots)
    idle = _night(opened + timedelta(days=1, hours=2))
    closes = max(catalogue.get_round(r.area_id, r.round_id).closes for r in rounds)
    closing = _night(closes + timedelta(hours=2))
    return idle, closing


def sizes(quick: bool) -> tuple[list[int], Callable[[int], int], int | None]:
    """The ballot counts, how many runs each gets (seeding 100,000 takes minutes: one run), and how
    many of the seeded areas take part (all of them, but in a quick run)."""
    if quick:
        return [QUORUM, 10, 20], lambda n: 1, 2
    return [QUORUM, 1_000, 10_000, 100_000], lambda n: 1 if n >= 100_000 else repeats(3), None


def _label(n: int) -> str:
    return "quorum per area" if n == QUORUM else f"{n:,} ballots"


def measure(quick: bool = False) -> list[Row]:
    counts, runs_of, limit = sizes(quick)
    nights: dict[int, list[tuple[Night, Night]]] = {n: [] for n in counts}
    with moto_aws() as aws:
        _closing_and_idle(aws, QUORUM, 1)  # warm: the first night imports what the others reuse
        for repeat in range(max(map(runs_of, counts))):
            for n in counts:  # interleaved: one run of each size per round
                if repeat < runs_of(n):
                    nights[n].append(_closing_and_idle(aws, n, limit))
    areas = nights[QUORUM][0][1].published + nights[QUORUM][0][1].failures
    base = median([closing.seconds for _, closing in nights[QUORUM]])
    beyond = {n: n - nights[QUORUM][0][1].ballots for n in counts}
    per_ballot = {
        n: 1e6 * (median([closing.seconds for _, closing in nights[n]]) - base) / beyond[n]
        for n in counts
        if n != QUORUM
    }
    smallest, largest = counts[1], counts[-1]
    rows: list[Row] = []
    for n in counts:
        closing = [c for _, c in nights[n]]
        label = _label(n)
        rows += [
            row(BENCH, f"closing night, {label}: time", median([c.seconds for c in closing]), "s"),
            row(
                BENCH, f"closing night, {label}: requests", median([c.requests for c in closing]), "requests"
            ),
            row(BENCH, f"closing night, {label}: read units", median([c.read_units for c in closing]), "RRU"),
            row(
                BENCH, f"closing night, {label}: write units", median([c.write_units for c in closing]), "WRU"
            ),
        ]
        if n != QUORUM:
            ratio = per_ballot[n] / per_ballot[smallest] if per_ballot[smallest] > 0 else None
            flat = n != largest or (ratio is not None and ratio <= FLAT)
            rows.append(
                row(
                    BENCH,
                    f"closing night, {n:,} ballots: time per closing ballot",
                    per_ballot[n],
                    "us",
                    target=f"<= {FLAT} x that at {smallest:,}" if n == largest else "",
                    met=flat,
                    baseline=f"{smallest:,} ballots" if n != smallest else None,
                    ratio=ratio if n != smallest else None,
                )
            )
    for n in counts:
        failed = max(closing.failures for _, closing in nights[n])
        rows.append(
            row(
                BENCH,
                f"closing night, {_label(n)}: areas not closed",
                failed,
                "areas",
                target="0",
                met=not failed,
            )
        )
    idle_requests = {n: median([idle.requests for idle, _ in nights[n]]) for n in counts}
    constant = len(set(idle_requests.values())) == 1
    for n in counts:
        rows.append(
            row(
                BENCH,
                f"idle night ({areas} areas, {_label(n)} open): requests",
                idle_requests[n],
                "requests",
                target="the same at every size",
                met=constant,
            )
        )
    idle = [idle for n in counts for idle, _ in nights[n]]
    rows += [
        row(BENCH, "idle night: time", median([i.seconds for i in idle]), "s"),
        row(BENCH, "idle night: read units", median([i.read_units for i in idle]), "RRU"),
        row(
            BENCH,
            "closing night: SMS segments for the force's taskings",
            median([c.sms_segments for _, c in nights[largest]]),
            "segments",
        ),
    ]
    return rows
