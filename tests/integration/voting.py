"""Doing what residents do, over HTTP: find an area, cast a ballot, watch the results."""

import uuid
from datetime import timedelta
from typing import Any

import requests
from local.testing import RunnerProcess

from bobbies.domain.times import parse_utc, utc_text

Json = dict[str, Any]


def get(stack: RunnerProcess, path: str, **params: str) -> Json:
    answer = requests.get(stack.url + path, params=params, timeout=10)
    assert answer.status_code == 200, f"GET {path}: {answer.status_code} {answer.text}"
    return dict(answer.json())


def areas_by_quorum(stack: RunnerProcess) -> list[Json]:
    return sorted(get(stack, "/api/areas")["areas"], key=lambda area: (area["quorum"], area["id"]))


def voter() -> str:
    return f"it-{uuid.uuid4().hex}"


def cast(stack: RunnerProcess, area_id: str, token: str, allocations: dict[str, int]) -> requests.Response:
    return requests.post(
        f"{stack.url}/api/areas/{area_id}/ballots",
        json={"voter": token, "allocations": allocations},
        timeout=10,
    )


def support(results: Json) -> dict[str, int]:
    return {priority["id"]: priority["support"] for priority in results["priorities"] if priority["support"]}


def after_close(ballot_paper: Json, hours: int = 2) -> str:
    """A nightly run's time, some hours after the ballot paper's round closes."""
    closes = parse_utc(ballot_paper["round"]["closes"])
    return utc_text(closes + timedelta(hours=hours))


class AreaVote:
    """Several residents of one area voting, one of them twice; what the results should then say."""

    def __init__(self, stack: RunnerProcess, area: Json, residents: int) -> None:
        self.stack, self.area, self.residents = stack, area, residents
        self.paper = get(stack, f"/api/areas/{area['id']}/ballot")
        self.priorities = [priority["id"] for priority in self.paper["priorities"]]
        self.expected: dict[str, dict[str, int]] = {}  # voter -> their latest allocations

    @property
    def id(self) -> str:
        return str(self.area["id"])

    @property
    def round(self) -> str:
        return str(self.paper["round"]["id"])

    @property
    def leader(self) -> str:
        return self.priorities[0]

    def vote(self) -> list[int]:
        """Every resident votes, leaning to the first priority; the first changes their mind."""
        budget = self.paper["budget"]
        statuses = []
        tokens = [voter() for _ in range(self.residents)]
        for i, token in enumerate(tokens):
            statuses.append(
                self._cast(token, {self.priorities[0]: budget - 1 - i % 2, self.priorities[1]: 1 + i % 2})
            )
        statuses.append(self._cast(tokens[0], {self.priorities[1]: budget}))  # first thoughts
        statuses.append(self._cast(tokens[0], {self.priorities[0]: budget - 3, self.priorities[2]: 3}))
        return statuses

    def _cast(self, token: str, allocations: dict[str, int]) -> int:
        answer = cast(self.stack, self.id, token, allocations)
        assert answer.status_code in (200, 201), answer.text
        self.expected[token] = allocations
        return answer.status_code

    def expected_support(self) -> dict[str, int]:
        total: dict[str, int] = {}
        for allocations in self.expected.values():
            for priority, bobbies in allocations.items():
                total[priority] = total.get(priority, 0) + bobbies
        return total

    def results(self, round_id: str | None = None) -> Json:
        params = {"round": round_id} if round_id else {}
        return get(self.stack, f"/api/areas/{self.id}/results", **params)

    def counted(self, results: Json) -> bool:
        return results["ballots"] == len(self.expected) and support(results) == self.expected_support()
