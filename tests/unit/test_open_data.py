"""Taskings and results as open data: the Atom feed, CSV and police.uk's priorities shape."""

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from local.lambdas import LambdaContext

from bobbies.usecases import tasking_life
from tests.conftest import api_event, load_handler
from tests.unit.conftest import LocalAws
from tests.unit.tasking_helpers import ISSUED_AT, NOTE, OUTCOME, issue

A = "{http://www.w3.org/2005/Atom}"
Answer = tuple[int, dict[str, str], str]


@pytest.fixture
def get(seeded: LocalAws) -> Any:
    handler = load_handler("ApiFunction")

    def send(path: str, query: dict[str, str] | None = None, lang: str = "en") -> Answer:
        event = api_event("GET", path, query=query, headers={"Accept-Language": lang})
        response = handler(event, LambdaContext())
        headers = {**response.get("headers", {})}
        headers |= {name: values[-1] for name, values in response.get("multiValueHeaders", {}).items()}
        return response["statusCode"], headers, response["body"]

    return send


def life(area: str = "bangor") -> tuple[str, str]:
    area_id, round_id = issue(area)
    tasking_life.acknowledge(area_id, round_id, "officer-1", ISSUED_AT + timedelta(hours=2))
    tasking_life.add_progress(area_id, round_id, "officer-1", NOTE, ISSUED_AT + timedelta(days=3))
    return area_id, round_id


def test_the_atom_feed_is_atom_with_an_entry_per_tasking_in_both_languages(get: Any) -> None:
    # Given a tasking acknowledged with a note, and one just issued elsewhere
    area_id, round_id = life("bangor")
    issue("wrexham", at=ISSUED_AT + timedelta(days=1))

    # Then the force-wide feed is Atom 1.0 with both, newest first
    status, headers, body = get("/api/taskings.atom")
    assert status == 200 and headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(body.encode())
    assert feed.tag == f"{A}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{A}{required}") is not None, required
    entries = feed.findall(f"{A}entry")
    assert [e.findtext(f"{A}id") for e in entries][
        1
    ] == f"tag:balance-your-bobbies.police.uk,2026:tasking:{area_id}:{round_id}"
    bangor = entries[1]
    # whose updated time is the latest change the public sees (the note), and words in both languages
    assert bangor.findtext(f"{A}updated") == "2026-11-04T02:00:00Z"
    assert bangor.findtext(f"{A}published") == "2026-11-01T02:00:00Z"
    assert "Speeding / Goryrru" in str(bangor.findtext(f"{A}title"))
    text = ET.tostring(bangor, encoding="unicode")
    assert NOTE["en"] in text and NOTE["cy"] in text and "Mae'r tîm yn gweithio arni" in text
    assert feed.findtext(f"{A}updated") == "2026-11-04T02:00:00Z"

    # When it is completed its id stays and its entry is updated
    tasking_life.complete_with_outcome(area_id, round_id, "officer-1", OUTCOME, ISSUED_AT + timedelta(days=9))
    again = ET.fromstring(get("/api/taskings.atom", {"area": "bangor"})[2].encode())
    (entry,) = again.findall(f"{A}entry")
    assert entry.findtext(f"{A}id") == bangor.findtext(f"{A}id")
    assert entry.findtext(f"{A}updated") == "2026-11-10T02:00:00Z"
    assert OUTCOME["cy"] in ET.tostring(entry, encoding="unicode")
    assert again.find(f"{A}link[@rel='self']").get("href") == "/api/taskings.atom?area=bangor"  # type: ignore[union-attr]


def test_an_empty_feed_is_still_valid_atom(get: Any) -> None:
    feed = ET.fromstring(get("/api/taskings.atom", {"area": "wrexham"})[2].encode())
    assert feed.findall(f"{A}entry") == [] and feed.findtext(f"{A}updated")


def test_taskings_csv_has_a_row_per_tasking_and_no_cell_a_spreadsheet_would_run(
    get: Any, seeded: LocalAws
) -> None:
    area_id, round_id = life()
    tasking_life.complete_with_outcome(
        area_id, round_id, "officer-1", {"en": '=HYPERLINK("http://x")', "cy": "@SUM(A1)"}, datetime.now(UTC)
    )
    status, headers, body = get("/api/taskings.csv")
    assert status == 200 and headers["Content-Type"] == "text/csv; charset=utf-8"
    assert headers["Content-Disposition"] == 'attachment; filename="taskings-north-wales.csv"'
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 1
    row = rows[0]
    assert (row["area"], row["status"], row["priority_cy"]) == ("bangor", "completed", "Goryrru")
    assert row["outcome_en"] == '\'=HYPERLINK("http://x")' and row["outcome_cy"] == "'@SUM(A1)"
    assert not [cell for r in rows for cell in r.values() if cell and cell[0] in "=+-@"]


def test_results_per_round_as_csv_and_json(get: Any) -> None:
    status, _, body = get("/api/areas/bangor/results.json")
    results = json.loads(body)
    assert status == 200 and results["area"] == "bangor"
    status, headers, text = get("/api/areas/bangor/results.csv", {"round": results["round"]})
    rows = list(csv.DictReader(io.StringIO(text)))
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert [r["priority"] for r in rows] == [p["id"] for p in results["priorities"]]
    assert {r["round"] for r in rows} == {results["round"]}


def test_priorities_in_police_uk_shape_in_either_language(get: Any) -> None:
    area_id, round_id = issue()
    assert json.loads(get(f"/api/areas/{area_id}/priorities.json")[2]) == [
        {
            "issue": "<p>Speeding</p><p>About speeding.</p>",
            "issue-date": "2026-11-01T02:00:00",
            "action": None,
            "action-date": None,
        }
    ]
    tasking_life.acknowledge(area_id, round_id, "officer-1", ISSUED_AT)
    tasking_life.complete_with_outcome(
        area_id,
        round_id,
        "officer-1",
        {"en": "Speed <checks>", "cy": "Gwiriadau"},
        ISSUED_AT + timedelta(days=5),
    )
    (english,) = json.loads(get(f"/api/areas/{area_id}/priorities.json")[2])
    assert (english["action"], english["action-date"]) == (
        "<p>Speed &lt;checks&gt;</p>",
        "2026-11-06T02:00:00",
    )
    (welsh,) = json.loads(get(f"/api/areas/{area_id}/priorities.json", lang="cy")[2])
    assert (welsh["issue"], welsh["action"]) == ("<p>Goryrru</p><p>Am goryrru.</p>", "<p>Gwiriadau</p>")


@pytest.mark.parametrize(
    ("path", "query", "status", "code"),
    [
        ("/api/taskings.atom", {"area": "atlantis"}, 404, "area_not_found"),
        ("/api/taskings.csv", {"area": "x" * 300}, 400, "invalid_query"),
        ("/api/areas/atlantis/results.csv", None, 404, "area_not_found"),
        ("/api/areas/bangor/results.csv", {"round": "no-such"}, 404, "round_not_found"),
        ("/api/areas/bangor/results.json", {"round": "no-such"}, 404, "round_not_found"),
        ("/api/areas/atlantis/priorities.json", None, 404, "area_not_found"),
    ],
)
def test_open_data_for_what_does_not_exist_is_a_4xx_in_the_error_shape(
    get: Any, path: str, query: dict[str, str] | None, status: int, code: str
) -> None:
    answer = get(path, query)
    assert (answer[0], json.loads(answer[2])["error"]["code"]) == (status, code)
