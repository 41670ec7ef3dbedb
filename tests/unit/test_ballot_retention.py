"""Ballots of a closed round expire after the retention period the template sets; the aggregate
and the tasking stay, so the results residents saw do not change when the ballots go."""

from datetime import datetime, timedelta
from typing import Any

from local.lambdas import LambdaContext
from local.template import load_template

from bobbies.stream_event import EXPIRY
from tests.conftest import load_handler
from tests.unit.conftest import LocalAws
from tests.unit.test_api import Call, api_caller, ballot

DAY = 86400


def retention_days() -> int:
    return int(load_template()["Parameters"]["BallotRetentionDays"]["Default"])


def closes(call: Call) -> datetime:
    _, paper = call("GET", "/api/areas/bangor/ballot")
    return datetime.fromisoformat(paper["round"]["closes"])


def live_ballots(call: Call) -> int:
    _, body = call("GET", "/api/areas/bangor/results")
    return int(body["ballots"])


def aggregate(records: list[dict[str, Any]]) -> None:
    load_handler("AggregateBallotsFunction")({"Records": records}, LambdaContext())


def test_a_ballot_and_its_receipt_expire_the_retention_after_the_round_closes(seeded: LocalAws) -> None:
    call = api_caller()
    status, _ = call("POST", "/api/areas/bangor/ballots", ballot(drugs=10))
    assert status == 201

    expected = (closes(call) + timedelta(days=retention_days())).timestamp()
    (stored,) = seeded.items("BallotsTable")
    (kept,) = seeded.items("ReceiptsTable")
    assert int(stored["expires_at"]["N"]) == expected
    assert int(kept["expires_at"]["N"]) == expected

    # and the tables delete by that attribute; aggregates and taskings have no expiry
    tables = {name: props["Properties"] for name, props in load_template()["Resources"].items()}
    ttl = tables["BallotsTable"]["TimeToLiveSpecification"]
    assert ttl == {"AttributeName": "expires_at", "Enabled": True}
    assert tables["ReceiptsTable"]["TimeToLiveSpecification"]["AttributeName"] == "expires_at"
    assert "TimeToLiveSpecification" not in tables["AggregatesTable"]
    assert "TimeToLiveSpecification" not in tables["TaskingsTable"]


def test_ballots_outlive_everything_that_reads_them_again() -> None:
    template = load_template()
    floor = int(template["Parameters"]["BallotRetentionDays"]["MinValue"])
    parked = int(template["Resources"]["AggregateFailuresQueue"]["Properties"]["MessageRetentionPeriod"])
    assert floor * DAY > parked  # a parked stream batch, replayed late, still finds its ballots


def test_an_expiring_ballot_leaves_the_results_as_they_were(seeded: LocalAws) -> None:
    # Given two ballots counted in the live results
    call = api_caller()
    call("POST", "/api/areas/bangor/ballots", ballot("ann-token-0123456789abcdef", drugs=10))
    call("POST", "/api/areas/bangor/ballots", ballot("bob-token-0123456789abcdef", speeding=10))
    aggregate(seeded.stream_records())
    assert live_ballots(call) == 2

    # When the table's TTL deletes one, its REMOVE record names DynamoDB as who deleted it
    first = seeded.items("BallotsTable")[0]
    seeded.client("dynamodb").delete_item(
        TableName="BallotsTable", Key={"round_key": first["round_key"], "voter_hash": first["voter_hash"]}
    )
    removed = seeded.stream_records()[-1]
    assert removed["eventName"] == "REMOVE"

    # Then the results still count it
    aggregate([{**removed, "userIdentity": EXPIRY}])
    assert live_ballots(call) == 2

    # (a removal by anyone else is a change, and is taken out)
    aggregate([removed])
    assert live_ballots(call) == 1


def test_a_receipt_past_its_expiry_is_not_found(seeded: LocalAws) -> None:
    call = api_caller()
    _, receipt = call("POST", "/api/areas/bangor/ballots", ballot(drugs=10))
    (kept,) = seeded.items("ReceiptsTable")
    past = int(datetime.now().timestamp()) - 1
    seeded.client("dynamodb").update_item(
        TableName="ReceiptsTable",
        Key={"receipt_hash": kept["receipt_hash"]},
        UpdateExpression="SET expires_at = :past",
        ExpressionAttributeValues={":past": {"N": str(past)}},
    )
    status, body = call("GET", f"/api/receipts/{receipt['receipt']}")
    assert (status, body["error"]["code"]) == (404, "receipt_not_found")
