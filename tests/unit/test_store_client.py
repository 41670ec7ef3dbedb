"""Every table is reached through one botocore client (store.models.bound): a cold request that
reads several tables makes one client, not one per table (each costs a session and ~70 ms)."""

from collections.abc import Iterator
from typing import Any

import botocore.session
import pytest

from bobbies.store import models
from bobbies.store.models import AreaModel, BallotModel, RoundModel, bound, forget_connections
from tests.unit.conftest import LocalAws


@pytest.fixture
def clients_made(seeded: LocalAws, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    made: list[str] = []
    create_client = botocore.session.Session.create_client

    def counting(self: botocore.session.Session, service_name: str, *args: object, **kwargs: object) -> Any:
        made.append(service_name)
        return create_client(self, service_name, *args, **kwargs)  # type: ignore[arg-type]

    forget_connections()
    monkeypatch.setattr(botocore.session.Session, "create_client", counting)
    yield made
    forget_connections()


def test_reads_of_three_tables_and_a_transaction_make_one_dynamodb_client(clients_made: list[str]) -> None:
    area = next(iter(bound(AreaModel).scan(limit=1)))
    list(bound(RoundModel).query(area.area_id, limit=1))
    list(bound(BallotModel).query("nowhere#none", limit=1))
    models.connection()  # the transactions' connection
    assert clients_made.count("dynamodb") == 1, clients_made
