"""Persistence across restarts: moto's request recorder, kept to the calls that change state.

The moto server appends every request it receives to the recording (one JSON object a line, see
moto_main). On the next start the recording is compacted - reads, stream polls and receives from
queues are dropped - and the calls after the snapshot the server started from (local.snapshot) are
replayed in order against it. Replaying the very calls that built the state rebuilds it exactly,
down to the DynamoDB stream's sequence numbers, which the stream checkpoints refer to.

SNS publishes are replayed too: a message published just before a crash may not have reached the
police inbox yet, and the inbox keeps one message per tasking (local.inbox), so one that did is
not doubled.
"""

import base64
import json
import os
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from local.snapshot import generation_of_marker

# Calls that change nothing that must survive a restart, by service prefix of X-Amz-Target
# (JSON protocols) or by Action (query protocols such as SNS).
_READS: dict[str, frozenset[str] | None] = {
    "DynamoDBStreams_20120810": None,  # None: every call of the service
    "DynamoDB_20120810": frozenset(
        {
            "GetItem",
            "BatchGetItem",
            "Query",
            "Scan",
            "DescribeTable",
            "ListTables",
            "DescribeTimeToLive",
            "DescribeContinuousBackups",
            "TransactGetItems",
            "ListTagsOfResource",
            "DescribeEndpoints",
            "DescribeLimits",
        }
    ),
    # Messages received from a queue are either in the inbox file already (the police inbox) or
    # were looked at by an operator: replaying the receive and delete would hit stale handles.
    "AmazonSQS": frozenset(
        {
            "ReceiveMessage",
            "DeleteMessage",
            "DeleteMessageBatch",
            "ChangeMessageVisibility",
            "ChangeMessageVisibilityBatch",
            "GetQueueUrl",
            "GetQueueAttributes",
            "ListQueues",
            "ListQueueTags",
        }
    ),
    "secretsmanager": frozenset({"GetSecretValue", "BatchGetSecretValue", "DescribeSecret", "ListSecrets"}),
    # A sign-in carries a password and answers tokens: neither is written down. Not replaying one only
    # forgets a refresh token made since the last snapshot (the console signs in again after a crash).
    "AWSCognitoIdentityProviderService": frozenset(
        {
            "InitiateAuth",
            "RespondToAuthChallenge",
            "GetUser",
            "AdminGetUser",
            "ListUserPools",
            "ListUserPoolClients",
            "DescribeUserPool",
            "DescribeUserPoolClient",
            "ListGroups",
            "ListUsers",
            "ListUsersInGroup",
            "AdminListGroupsForUser",
        }
    ),
}
_QUERY_READS = frozenset(
    {
        "ListTopics",
        "ListSubscriptions",
        "ListSubscriptionsByTopic",
        "GetTopicAttributes",
        "GetSubscriptionAttributes",
        "ListTagsForResource",
    }
)


def is_read_only_target(target: str | None) -> bool:
    """True for a JSON-protocol call (by its X-Amz-Target header) that changes no state."""
    if not target or "." not in target:
        return False
    service, action = target.split(".", 1)
    if service not in _READS:
        return False
    actions = _READS[service]
    return actions is None or action in actions


def _header(headers: dict[str, str], name: str) -> str | None:
    lowered = name.lower()
    return next((value for key, value in headers.items() if key.lower() == lowered), None)


def _body(entry: dict[str, Any]) -> bytes:
    body = entry.get("body") or ""
    return base64.b64decode(body) if entry.get("body_encoded") else str(body).encode()


def _query_action(entry: dict[str, Any]) -> str | None:
    query = urllib.parse.urlsplit(entry.get("url", "")).query
    for source in (query, _body(entry).decode("utf-8", "replace")):
        if action := urllib.parse.parse_qs(source).get("Action"):
            return action[0]
    return None


def changes_state(entry: dict[str, Any]) -> bool:
    if generation_of_marker(entry) is not None:
        return True  # where a snapshot was taken: kept, so a start knows which calls follow it
    target = _header(entry.get("headers") or {}, "X-Amz-Target")
    if target:
        return not is_read_only_target(target)
    return _query_action(entry) not in _QUERY_READS


@dataclass
class Compacted:
    kept: int
    dropped: int
    unreadable: int


def _entries(path: Path, tally: Compacted) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            try:
                yield json.loads(line)
            except json.JSONDecodeError:  # a line cut short by a crash
                tally.unreadable += 1


def compact(path: Path) -> Compacted:
    """Rewrites the recording with only the calls that change state (atomically)."""
    tally = Compacted(0, 0, 0)
    if not path.exists():
        return tally
    spare = path.with_suffix(".compacting")
    with spare.open("w", encoding="utf-8") as out:
        for entry in _entries(path, tally):
            if changes_state(entry):
                out.write(json.dumps(entry) + "\n")
                tally.kept += 1
            else:
                tally.dropped += 1
    os.replace(spare, path)
    return tally


_NOT_REPLAYED_HEADERS = {"host", "content-length", "connection", "accept-encoding", "transfer-encoding"}


def after_snapshot(path: Path, generation: int) -> Iterator[dict[str, Any]]:
    """The recorded calls that follow snapshot `generation`'s marker (all of them if it has none)."""
    entries = list(_entries(path, Compacted(0, 0, 0)))
    marks = [i for i, entry in enumerate(entries) if generation_of_marker(entry) == generation]
    start = marks[-1] + 1 if marks else 0
    return (entry for entry in entries[start:] if generation_of_marker(entry) is None)


def replay(path: Path, endpoint_url: str, generation: int = 0) -> tuple[int, int]:
    """Sends the calls recorded after snapshot `generation` again, in order, to the server at
    endpoint_url (which holds that snapshot's state).

    Returns (calls sent, calls the server failed with 5xx). A 4xx is expected now and then: a
    conditional write that was refused the first time is refused again."""
    sent = failed = 0
    if not path.exists():
        return sent, failed
    with requests.Session() as session:
        for entry in after_snapshot(path, generation):
            parts = urllib.parse.urlsplit(entry["url"])
            url = endpoint_url.rstrip("/") + parts.path + (f"?{parts.query}" if parts.query else "")
            headers = {
                key: value
                for key, value in (entry.get("headers") or {}).items()
                if key.lower() not in _NOT_REPLAYED_HEADERS
            }
            response = session.request(entry["method"], url, headers=headers, data=_body(entry), timeout=30)
            sent += 1
            failed += response.status_code >= 500
    return sent, failed
