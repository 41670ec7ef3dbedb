"""Integration tests start the local stack (`python -m local.run`) on free ports and talk to it over
HTTP and through the documented commands, as a developer would."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from local.testing import RunnerProcess, runner_process

FIXTURES = Path(__file__).parent / "fixtures"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.integration)


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[RunnerProcess]:
    """A fresh stack of template.yaml with the seed data."""
    with runner_process(tmp_path / "state") as started:
        yield started


@pytest.fixture(scope="module")
def fixture_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunnerProcess]:
    """A stack of the runner's own test template (an echo function and a stream consumer)."""
    env = {"BOBBIES_TEMPLATE": str(FIXTURES / "template.yaml"), "BOBBIES_SEED": "0"}
    with runner_process(tmp_path_factory.mktemp("fixture") / "state", env=env) as started:
        yield started
