"""The voting window as the API shows and enforces it, an area's rounds, and taskings a page at a time."""

import json
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from local.lambdas import LambdaContext
from local.seed import load_seed

from bobbies.domain.model import Priority
from bobbies.domain.rounds import LONDON
from bobbies.domain.tasking import ISSUED, QUORUM_NOT_MET, Tasking
from bobbies.store import taskings
from bobbies.usecases.nightly import run_nightly
from tests.conftest import load_handler
from tests.unit.conftest import SMALL_SEED, LocalAws
from tests.unit.test_api import Call, api_caller, ballot
from tests.unit.test_nightly import Inbox


@pytest.fixture
def call(seeded: LocalAws) -> Call:
    return api_caller()


def close_tonight(call: Call) -> datetime:
    """02:00 London after Bangor's current round closes."""
    closes = datetime.fromisoformat(call("GET", "/api/areas/bangor/ballot")[1]["round"]["closes"])
    return closes.astimezone(LONDON).replace(hour=2).astimezone(UTC)


def test_the_ballot_says_voting_is_open_and_its_last_day_in_london(call: Call) -> None:
    status, body = call("GET", "/api/areas/bangor/ballot")
    shown = body["round"]
    assert status == 200 and shown["votingOpen"] is True and shown["nextOpens"] is None
    closes = datetime.fromisoformat(shown["closes"]).astimezone(LONDON)
    assert (closes.hour, closes.minute) == (0, 0)  # midnight as residents read it
    assert date.fromisoformat(shown["lastDay"]) == closes.date() - timedelta(days=1)


def test_a_round_not_yet_open_refuses_ballots_and_says_when_it_opens(call: Call, seeded: LocalAws) -> None:
    # Given the nightly run was told it is already the night the round closes (a run ahead of time)
    run_nightly(close_tonight(call), Inbox())
    # Then the next round is current but not open yet: the page and the API say the same
    shown = call("GET", "/api/areas/bangor/ballot")[1]["round"]
    assert shown["votingOpen"] is False
    assert shown["nextOpens"] == shown["opens"]
    before = seeded.snapshot()
    status, body = call("POST", "/api/areas/bangor/ballots", ballot(speeding=10))
    assert (status, body["error"]["code"]) == (409, "round_not_open_yet")
    assert seeded.snapshot() == before
    welsh = call("POST", "/api/areas/bangor/ballots", ballot(speeding=10), headers={"Accept-Language": "cy"})
    assert welsh[1]["error"]["message"].startswith("Dydy'r pleidleisio")


def test_a_round_past_its_close_refuses_ballots_until_the_nightly_run(aws: LocalAws, tmp_path: Path) -> None:
    # Given an area whose round closed at midnight and the nightly run has not yet been
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps(SMALL_SEED), encoding="utf-8")
    load_seed(seed, now=datetime.now(UTC) - timedelta(days=30))
    send = api_caller()
    shown = send("GET", "/api/areas/bangor/ballot")[1]["round"]
    assert shown["votingOpen"] is False
    opens = datetime.fromisoformat(shown["nextOpens"]).astimezone(LONDON)
    assert (opens.hour, opens.minute) == (2, 0) and opens > datetime.now(UTC)
    status, body = send("POST", "/api/areas/bangor/ballots", ballot(speeding=10))
    assert (status, body["error"]["code"]) == (409, "no_open_round")


def test_an_areas_rounds_are_listed_newest_first_and_the_closed_results_stay_reachable(
    call: Call, seeded: LocalAws
) -> None:
    # Given two ballots in Bangor and one in Wrexham (short of its quorum), counted, and the round closed
    call("POST", "/api/areas/bangor/ballots", ballot(speeding=4, drugs=6))
    call("POST", "/api/areas/bangor/ballots", ballot(voter="x" * 20, drugs=10))
    call("POST", "/api/areas/wrexham/ballots", ballot(burglary=10))
    load_handler("AggregateBallotsFunction")({"Records": seeded.stream_records()}, LambdaContext())
    first = call("GET", "/api/areas/bangor/ballot")[1]["round"]["id"]
    run_nightly(close_tonight(call), Inbox())

    status, body = call("GET", "/api/areas/bangor/rounds")
    assert status == 200
    newest, closed = body["rounds"]
    assert closed["id"] == first and newest["id"] != first
    assert (newest["ballots"], newest["closed"], newest["tasking"]) == (0, False, None)
    assert (closed["ballots"], closed["quorum"], closed["closed"], closed["votingOpen"]) == (
        2,
        2,
        True,
        False,
    )
    assert closed["tasking"] == {
        "status": "issued",
        "priority": {"id": "drugs", "title": {"en": "Drug dealing", "cy": "Delio cyffuriau"}},
    }
    assert set(closed) >= {"opens", "closes", "lastDay", "nextOpens"}
    # and the closed round's results are still there by its id
    status, results = call("GET", "/api/areas/bangor/results", query={"round": first})
    assert (status, results["ballots"], results["leader"]) == (200, 2, "drugs")
    # while a round short of its quorum is in the rounds list, not among the taskings
    wrexham = call("GET", "/api/areas/wrexham/rounds")[1]["rounds"][1]
    assert (wrexham["ballots"], wrexham["tasking"]["status"]) == (1, "quorum_not_met")
    assert [t["area"] for t in call("GET", "/api/taskings")[1]["taskings"]] == ["bangor"]


@pytest.mark.parametrize("round_id", ["2020-01-01T0000Z", "R" * 2000, "\udcff"])
def test_an_unknown_round_is_a_404(call: Call, round_id: str) -> None:
    status, body = call("GET", "/api/areas/bangor/results", query={"round": round_id})
    assert (status, body["error"]["code"]) == (404, "round_not_found")


def make_taskings(count: int) -> None:
    """Bangor taskings a day apart (every third short of its quorum), newest last."""
    start = datetime(2027, 1, 1, 2, tzinfo=UTC)
    for n in range(count):
        status = QUORUM_NOT_MET if n % 3 == 2 else ISSUED
        issued = start + timedelta(days=n)
        tasking = Tasking(
            "bangor", "west", f"r{n:03}", status, "drugs" if status == ISSUED else None,
            5, Fraction(6), Fraction(1), issued, issued + timedelta(days=28),
        )  # fmt: skip
        drugs = Priority("drugs", {"en": "Drug dealing", "cy": "Delio cyffuriau"}, {"en": "-", "cy": "-"})
        taskings.create_once(tasking, drugs if tasking.priority_id else None, None)


@pytest.mark.parametrize("query", [{}, {"area": "bangor"}])
def test_taskings_come_a_page_at_a_time_newest_first_without_quorum_not_met(
    call: Call, query: dict[str, str]
) -> None:
    make_taskings(10)  # 7 issued, 3 short of quorum
    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        status, body = call(
            "GET", "/api/taskings", query={**query, "limit": "3", **({"cursor": cursor} if cursor else {})}
        )
        assert status == 200 and len(body["taskings"]) <= 3
        seen += [t["round"] for t in body["taskings"]]
        pages += 1
        cursor = body["next"]
        if not cursor:
            break
    assert seen == [f"r{n:03}" for n in reversed(range(10)) if n % 3 != 2]
    assert pages == 3
    assert all(t["status"] == "issued" for t in call("GET", "/api/taskings", query=query)[1]["taskings"])


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({"cursor": "not-a-cursor!"}, "invalid_cursor"),
        ({"cursor": "W10="}, "invalid_cursor"),  # []
        ({"cursor": "WyJiYW5nb3IiLCAibm9wZSJd"}, "invalid_cursor"),  # ["bangor", "nope"]
        ({"cursor": "x" * 5000}, "invalid_cursor"),
        ({"limit": "0"}, "invalid_limit"),
        ({"limit": "101"}, "invalid_limit"),
        ({"limit": "ten"}, "invalid_limit"),
    ],
)
def test_a_forged_cursor_or_a_limit_out_of_bounds_is_a_400(
    call: Call, query: dict[str, str], code: str
) -> None:
    make_taskings(4)
    status, body = call("GET", "/api/taskings", query=query)
    assert (status, body["error"]["code"]) == (400, code)
    assert body["error"]["message"]


def test_a_cursor_from_one_area_is_refused_for_another(call: Call) -> None:
    make_taskings(4)
    cursor = call("GET", "/api/taskings", query={"limit": "1"})[1]["next"]
    status, body = call("GET", "/api/taskings", query={"area": "wrexham", "cursor": cursor})
    assert (status, body["error"]["code"]) == (400, "invalid_cursor")
