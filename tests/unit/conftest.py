"""Unit tests open no sockets: AWS is moto in-process, everything else is plain Python."""

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest
from local.moto_main import atomic_dynamodb_writes
from local.seed import load_seed
from local.streams import _plain as plain
from local.template import LocalResources, create_resources, function_environment
from moto import mock_aws
from pytest_socket import disable_socket, enable_socket

from bobbies.domain.model import Round
from bobbies.settings import settings
from bobbies.store import catalogue
from bobbies.store.models import forget_connections
from bobbies.usecases.voting import forget_kept

atomic_dynamodb_writes()  # as DynamoDB: a conditional write holds against one on another thread

KEPT = datetime(2100, 1, 1, tzinfo=UTC)  # when ballots written straight to the store expire


@pytest.fixture(autouse=True)
def no_sockets() -> Iterator[None]:
    disable_socket(allow_unix_socket=True)
    yield
    enable_socket()


@dataclass
class LocalAws:
    """moto in-process, with every resource of template.yaml, and the API function's environment."""

    resources: LocalResources
    environment: dict[str, str]

    def client(self, service: str) -> Any:
        return boto3.client(service)  # type: ignore[call-overload]

    def items(self, logical_id: str) -> list[dict[str, Any]]:
        return self.client("dynamodb").scan(TableName=self.resources.tables[logical_id])["Items"]

    def snapshot(self) -> dict[str, list[dict[str, Any]]]:
        """Every item of every table, to show that a refused request changed nothing."""
        return {logical_id: self.items(logical_id) for logical_id in self.resources.tables}

    def stream_records(self, table: str = "BallotsTable") -> list[dict[str, Any]]:
        """Every record of the table's stream so far, in Lambda's event shape."""
        streams = self.client("dynamodbstreams")
        arn = self.resources.stream_arns[table]
        records = []
        for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
            iterator = streams.get_shard_iterator(
                StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
            )["ShardIterator"]
            while iterator:
                page = streams.get_records(ShardIterator=iterator)
                records += [{**record, "eventSourceARN": arn} for record in page["Records"]]
                iterator = page.get("NextShardIterator") if page["Records"] else None
        return json.loads(json.dumps(plain(records)))  # times as epoch seconds, as Lambda sends them


@contextmanager
def moto_stack(verification: bool = False) -> Iterator[LocalAws]:
    """A fresh in-process moto account holding everything template.yaml declares. Ballots go with
    made-up tokens (VoterVerification off) unless `verification` asks for SMS codes."""
    saved = dict(os.environ)
    with mock_aws():
        resources = create_resources(user_pools=False)  # no one signs in: admin events carry claims
        environment = function_environment("ApiFunction", resources)
        environment["VOTER_VERIFICATION"] = "on" if verification else "off"
        os.environ.update(environment)
        settings.cache_clear()
        forget_connections()
        forget_kept()
        try:
            yield LocalAws(resources, environment)
        finally:
            os.environ.clear()
            os.environ.update(saved)
            settings.cache_clear()
            forget_connections()
            forget_kept()


@pytest.fixture
def aws() -> Iterator[LocalAws]:
    with moto_stack() as stack:
        yield stack


@pytest.fixture
def seeded(aws: LocalAws, tmp_path: Path) -> LocalAws:
    """Two small areas in two districts, each with an open round (quorum 2, budget 10)."""
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps(SMALL_SEED), encoding="utf-8")
    load_seed(seed, now=datetime.now(UTC) - timedelta(hours=1))
    return aws


def _priority(priority_id: str, en: str, cy: str) -> dict[str, Any]:
    return {
        "id": priority_id,
        "title": {"en": en, "cy": cy},
        "description": {"en": f"About {en.lower()}.", "cy": f"Am {cy.lower()}."},
    }


SMALL_SEED: dict[str, Any] = {
    "districts": [
        {
            "id": "west",
            "name": {"en": "West", "cy": "Gorllewin"},
            "name_in_text": {"en": "the West", "cy": "y Gorllewin"},
        },
        {
            "id": "east",
            "name": {"en": "East", "cy": "Dwyrain"},
            "name_in_text": {"en": "the East", "cy": "y Dwyrain"},
        },
    ],
    "areas": [
        {
            "id": "bangor",
            "district": "west",
            "authority": {"en": "Gwynedd", "cy": "Gwynedd"},
            "name": {"en": "Bangor", "cy": "Bangor"},
            "name_in_text": {"en": "Bangor", "cy": "Bangor"},
            "postcodes": ["LL57"],
            "budget": 10,
            "quorum": 2,
            "round_days": 28,
            "team_language": "cy",
            "priorities": [
                _priority("speeding", "Speeding", "Goryrru"),
                _priority("drugs", "Drug dealing", "Delio cyffuriau"),
                _priority("asb", "Anti-social behaviour", "Ymddygiad gwrthgymdeithasol"),
            ],
        },
        {
            "id": "wrexham",
            "district": "east",
            "authority": {"en": "Wrexham", "cy": "Wrecsam"},
            "name": {"en": "Wrexham", "cy": "Wrecsam"},
            "name_in_text": {"en": "Wrexham", "cy": "Wrecsam"},
            "postcodes": ["LL11", "LL13 7"],
            "budget": 10,
            "quorum": 2,
            "round_days": 28,
            "team_language": "en",
            "priorities": [
                _priority("shoplifting", "Shoplifting", "Dwyn o siopau"),
                _priority("burglary", "Burglary", "Byrgleriaeth"),
            ],
        },
    ],
}


def open_round(
    area_id: str, round_id: str, priority_ids: tuple[str, ...] = ("speeding", "drugs", "asb")
) -> None:
    """A round open from now for four weeks: a ballot is written only into an open round."""
    now = datetime.now(UTC)
    catalogue.add_round_once(Round(area_id, round_id, now, now + timedelta(days=28), priority_ids))
