"""The local runner's saved state: a snapshot of moto plus the calls recorded after it gives back
exactly the state there was, whichever step of taking a snapshot a crash cut short."""

import json
from pathlib import Path
from typing import Any

from local import snapshot
from local.recording import after_snapshot
from moto.moto_api._internal.models import moto_api_backend

from tests.unit.conftest import LocalAws


def call(name: str) -> str:
    return json.dumps({"method": "POST", "url": f"/{name}", "headers": {}, "body": ""}) + "\n"


def replayed(recording: Path, generation: int) -> list[str]:
    return [entry["url"].lstrip("/") for entry in after_snapshot(recording, generation)]


def test_a_start_replays_exactly_the_calls_its_snapshot_does_not_hold(tmp_path: Path) -> None:
    recording = tmp_path / "recording.jsonl"
    # Given calls a and b, and no snapshot yet: a start replays both
    recording.write_text(call("a") + call("b"))
    assert replayed(recording, 0) == ["a", "b"]

    # When snapshot 1 is taken: its marker goes in first; a crash now leaves snapshot 0 (none)
    with recording.open("a") as out:
        out.write(snapshot.marker(1))
    assert replayed(recording, 0) == ["a", "b"]
    # a call recorded after the marker is not in snapshot 1
    with recording.open("a") as out:
        out.write(call("c"))
    # once snapshot 1 is written, a start replays only what came after its marker, trimmed or not
    assert replayed(recording, 1) == ["c"]
    snapshot.trim_recording(recording, 1)
    assert replayed(recording, 1) == ["c"]
    assert recording.read_text() == snapshot.marker(1) + call("c")

    # And a crash while snapshot 2 is written leaves snapshot 1 and every call after it
    with recording.open("a") as out:
        out.write(snapshot.marker(2) + call("d"))
    assert replayed(recording, 1) == ["c", "d"]
    assert replayed(recording, 2) == ["d"]


def ballot_item(voter: str) -> dict[str, Any]:
    return {"round_key": {"S": "bangor#r1"}, "voter_hash": {"S": voter}, "version": {"N": "1"}}


def test_a_snapshot_brings_back_every_item_stream_record_and_waiting_message(
    seeded: LocalAws, tmp_path: Path
) -> None:
    # Given ballots with their stream records (the checkpoints name their sequence numbers)
    dynamodb, sqs = seeded.client("dynamodb"), seeded.client("sqs")
    ballots = seeded.resources.tables["BallotsTable"]
    for voter in ("v1", "v2"):
        dynamodb.put_item(TableName=ballots, Item=ballot_item(voter))
    dynamodb.delete_item(TableName=ballots, Key={"round_key": {"S": "bangor#r1"}, "voter_hash": {"S": "v1"}})
    # and a tasking waiting on a queue, not yet received
    queue = sqs.create_queue(QueueName="PoliceInbox")["QueueUrl"]
    sqs.send_message(QueueUrl=queue, MessageBody="tasking K7QX-4MP2")
    before = seeded.snapshot(), seeded.stream_records()

    # When the state is saved, moto forgets it all, and the saved state is loaded
    path = tmp_path / "snapshot.bin"
    snapshot.write(path, 7, snapshot.dump_backends())
    moto_api_backend.reset()
    assert seeded.client("dynamodb").list_tables()["TableNames"] == []
    generation, state = snapshot.read(path)
    snapshot.load_backends(state)

    # Then every item and stream record is back as it was, down to the sequence numbers
    assert generation == 7
    assert (seeded.snapshot(), seeded.stream_records()) == before
    # and the message is still waiting
    received = seeded.client("sqs").receive_message(QueueUrl=queue)["Messages"]
    assert [message["Body"] for message in received] == ["tasking K7QX-4MP2"]
    # and the stream goes on from the next sequence number
    dynamodb.put_item(TableName=ballots, Item=ballot_item("v3"))
    numbers = [int(record["dynamodb"]["SequenceNumber"]) for record in seeded.stream_records()]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers) == len(before[1]) + 1
