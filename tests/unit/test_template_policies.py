"""Each function's role allows exactly what it needs: what its code calls, recorded while it runs
every route and path under moto, and what Lambda does with its role for it (its logs, traces,
event sources and failure queues, read from the function's own definition in template.yaml).

A grant the code never uses fails the test, and so does a call the role would refuse.
"""

import json
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from local.lambdas import LambdaContext
from local.seed import load_seed
from local.template import FUNCTION, load_template, of_type
from moto.core import DEFAULT_ACCOUNT_ID
from moto.sns.models import sns_backends

from bobbies.domain.times import utc_text
from bobbies.settings import settings
from bobbies.snapstart import forget
from tests.conftest import admin_event, api_event, load_handler
from tests.unit.conftest import SMALL_SEED, LocalAws, moto_stack
from tests.unit.iam_calls import PHONE_NUMBERS, Grant, grants, recorded
from tests.unit.test_aggregate_repair import parked_message, sqs_event

VOTERS = ("ann-token-0123456789abcdef", "bob-token-0123456789abcdef")


def _api(method: str, path: str, body: Any = None, **query: str) -> dict[str, Any]:
    response = load_handler("ApiFunction")(
        api_event(method, path, body, query=query or None), LambdaContext()
    )
    assert response["statusCode"] < 500, (method, path, response["body"])
    return dict(response)


def _run_everything(aws: LocalAws) -> dict[str, set[Grant]]:
    """Every function through every path it has: the API's routes, a stream batch and a parked
    replay, the nightly close and publish; the calls each made, as grants."""
    used: dict[str, set[Grant]] = {}
    topic = aws.resources.topics["TaskingTopic"]
    sqs, sns = aws.client("sqs"), aws.client("sns")
    inbox = sqs.create_queue(QueueName="team")["QueueUrl"]
    inbox_arn = sqs.get_queue_attributes(QueueUrl=inbox, AttributeNames=["QueueArn"])["Attributes"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=inbox_arn["QueueArn"])

    _opened_before_secrets(aws, "bangor")
    with recorded() as calls:  # at a street stall: the round's first ballot (its key made), a revote
        for _ in range(2):
            stall = {"postcode": "LL57 2DG", "phone": "07400 123456", "allocations": {"drugs": 10}}
            taken = load_handler("AdminFunction")(
                admin_event(
                    "POST", "/api/admin/areas/bangor/ballots", stall, groups=("officer",), district="west"
                ),
                LambdaContext(),
            )
            assert taken["statusCode"] in (200, 201), taken
    used["AdminFunction"] = grants(calls)

    forget()  # another function: its own instance, with no key or round kept from the admin's
    with recorded() as calls:
        for voter in (*VOTERS, VOTERS[0]):  # a revote too
            cast = _api("POST", "/api/areas/bangor/ballots", {"voter": voter, "allocations": {"drugs": 10}})
        code = _json(cast)["receipt"]
        closes = _json(_api("GET", "/api/areas/bangor/ballot"))["round"]["closes"]
    used["ApiFunction"] = grants(calls)
    _opened_before_secrets(aws, "wrexham")
    with recorded() as calls, verification_on():  # before the nightly run closes the rounds
        _verify_and_vote()
    used["ApiFunction"] |= grants(calls)

    records = aws.stream_records()
    parked = parked_message(aws, records[1:])
    with recorded() as calls:
        handler = load_handler("AggregateBallotsFunction")
        for _ in range(2):  # delivered twice: the second finds the change applied
            handler({"Records": records[:1]}, LambdaContext())
        assert handler(sqs_event(parked), LambdaContext())["batchItemFailures"] == []
    used["AggregateBallotsFunction"] = grants(calls)

    with recorded() as calls:
        _api("GET", f"/api/receipts/{code}")  # while the round is live
    used["ApiFunction"] |= grants(calls)

    used["AdminFunction"] |= _moderate()  # before the night, which puts the approved one on the ballot
    closing = datetime.fromisoformat(closes) + timedelta(hours=2)
    with recorded() as calls:
        report = load_handler("NightlyTaskingsFunction")(
            {"scheduledTime": utc_text(closing)}, LambdaContext()
        )
        assert report["published"] == 1
    used["NightlyTaskingsFunction"] = grants(calls)

    with recorded() as calls:
        for path in ("/api/areas", "/api/areas/bangor", "/api/postcodes/LL57 2DG", "/api/areas/bangor/rounds",
                     "/api/areas/bangor/results", "/api/districts/west/results", f"/api/receipts/{code}",
                     "/api/taskings", "/api/openapi.json"):  # fmt: skip
            _api("GET", path)
        first_round = _json(_api("GET", "/api/areas/bangor/rounds"))["rounds"][-1]["id"]
        _api("GET", "/api/areas/bangor/results", round=first_round)
        _api("GET", "/api/taskings", area="bangor")
        _api(
            "GET",
            "/api/taskings",
            limit="1",
            cursor=_json(_api("GET", "/api/taskings", limit="1")).get("next") or "",
        )
        suggestion = {
            "voter": "policy-test-voter",
            "language": "en",
            "title": "Parking",
            "description": "On the pavement.",
        }
        proposed = _api("POST", "/api/areas/bangor/proposals", suggestion)
        assert proposed["statusCode"] == 202, proposed
        _api("GET", f"/api/proposals/{_json(proposed)['proposal']['reference']}")
        _api("GET", "/api/areas/bangor/proposals")
        for path in ("/api/taskings.atom", "/api/taskings.csv", "/api/areas/bangor/results.json",
                     "/api/areas/bangor/results.csv", "/api/areas/bangor/priorities.json"):  # fmt: skip
            _api("GET", path)
    used["ApiFunction"] |= grants(calls)

    tasking = _json(_api("GET", "/api/taskings", area="bangor"))["taskings"][0]
    officer: dict[str, Any] = {"groups": ("officer",), "district": "west"}
    outcome = {"en": "Patrols at the school gates.", "cy": "Patrolau wrth gatiau'r ysgol."}
    taskings = f"/api/admin/taskings/{tasking['reference']}"
    with recorded() as calls:  # the team's part, through the console's routes
        for method, path, body in [
            ("GET", "/api/admin/me", None),
            ("GET", "/api/admin/taskings", None),
            ("GET", taskings, None),
            ("POST", f"{taskings}/acknowledgement", {}),
            ("POST", f"{taskings}/progress", {"note": outcome}),
            ("POST", f"{taskings}/outcome", {"outcome": outcome}),
            ("GET", "/api/admin/currency", None),
        ]:
            done = _admin(admin_event(method, path, body, **officer))
            assert done["statusCode"] in (200, 201), done
    used["AdminFunction"] |= grants(calls)
    with recorded() as calls:
        verdict = {"receipt": code, "madeADifference": True}
        given = _api("POST", f"/api/taskings/{tasking['reference']}/verdicts", verdict)
        assert given["statusCode"] == 201, given
    used["ApiFunction"] |= grants(calls)
    with recorded() as calls:
        _run_admin_areas_and_subscriptions()
    used["AdminFunction"] |= grants(calls)
    return used


def _opened_before_secrets(aws: LocalAws, area_id: str) -> None:
    """The area's round as one opened before rounds came with their secrets: a ballot or a code
    makes it (store/round_keys.py)."""
    table = aws.resources.tables["RoundKeysTable"]
    for item in aws.items("RoundKeysTable"):
        if item["round_key"]["S"].startswith(f"{area_id}#"):
            aws.client("dynamodb").delete_item(TableName=table, Key={"round_key": item["round_key"]})


def _admin(event: dict[str, Any]) -> dict[str, Any]:
    return dict(load_handler("AdminFunction")(event, LambdaContext()))


def _as_admin(method: str, path: str, body: Any = None) -> dict[str, Any]:
    event = admin_event(method, path, body, groups=("admin",))
    response = _admin(event)
    assert response["statusCode"] < 300, (method, path, response["body"])
    return dict(json.loads(response["body"] or "{}"))


def _run_admin_areas_and_subscriptions() -> None:
    """The teams' routes: areas listed, made, edited (names, settings, postcodes alone), and a
    team subscribed, listed and removed."""
    _as_admin("GET", "/api/admin/areas")
    new = {"id": "menai", "name": {"en": "Menai", "cy": "Menai"}, "district": "west",
           "postcodes": ["LL59", "LL58 8"], "budget": 10, "quorum": 2, "roundDays": 28}  # fmt: skip
    _as_admin("POST", "/api/admin/areas", new)
    _as_admin(
        "PUT", "/api/admin/areas/menai", {"name": {"en": "Menai Bridge", "cy": "Porthaethwy"}, "budget": 12}
    )
    _as_admin("PUT", "/api/admin/areas/menai", {"postcodes": ["LL59", "LL58 9"]})
    team = {"protocol": "email", "endpoint": "team@example.org", "area": "bangor", "language": "cy"}
    made = _as_admin("POST", "/api/admin/subscriptions", team)["subscription"]
    _as_admin("GET", "/api/admin/subscriptions", None)
    _as_admin("DELETE", f"/api/admin/subscriptions/{made['id']}")


def _moderator(method: str, path: str, body: Any = None, **query: str) -> dict[str, Any]:
    event = admin_event(method, path, body, groups=("moderator",), username="mod-1", query=query or None)
    response = _admin(event)
    assert response["statusCode"] < 300, (method, path, response["body"])
    return _json(response)


def _moderate() -> set[Grant]:
    """Residents propose (the API function's part); a moderator approves one, merges another,
    pages through the queues of one area and of all."""
    for n, title in enumerate(("Parking", "Speeding again")):
        suggestion = {"voter": f"policy-moderation-{n}", "language": "en", "title": title, "description": "."}
        assert _api("POST", "/api/areas/bangor/proposals", suggestion)["statusCode"] == 202
    with recorded() as calls:
        first, second = _moderator("GET", "/api/admin/proposals", area="bangor")["proposals"]
        text = {"en": "Parking", "cy": "Parcio"}
        approval = {"decision": "approve", "title": text, "description": text}
        _moderator("POST", f"/api/admin/proposals/{first['reference']}/decision", approval)
        merge = {"decision": "merge", "priorityId": "speeding"}
        _moderator("POST", f"/api/admin/proposals/{second['reference']}/decision", merge)
        page = _moderator("GET", "/api/admin/proposals", status="approved", limit="1")
        _moderator("GET", "/api/admin/proposals", status="approved", limit="1", cursor=page["next"] or "")
    return grants(calls)


@contextmanager
def verification_on() -> Iterator[None]:
    os.environ["VOTER_VERIFICATION"] = "on"
    settings.cache_clear()
    try:
        yield
    finally:
        os.environ["VOTER_VERIFICATION"] = "off"
        settings.cache_clear()


def _verify_and_vote() -> None:
    """A code sent and confirmed, and ballots with the pass (the wrexham round: a fresh round key)."""
    body = {"phone": "07400 123456", "areaId": "wrexham", "language": "cy", "device": VOTERS[0]}
    challenge = _json(_api("POST", "/api/verifications", body))["challenge"]
    sms = sns_backends[DEFAULT_ACCOUNT_ID]["eu-west-2"].sms_messages.values()
    code = re.findall(r"[0-9]{6}", list(sms)[-1][1])[0]
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    assert _api("POST", f"/api/verifications/{challenge}/confirmation", {"code": wrong})["statusCode"] == 422
    granted = _json(_api("POST", f"/api/verifications/{challenge}/confirmation", {"code": code}))
    priority = _json(_api("GET", "/api/areas/wrexham/ballot"))["priorities"][0]["id"]
    ballot = {"voter": VOTERS[0], "allocations": {priority: 10}, "pass": granted["pass"]}
    for _ in range(2):  # a revote with the same pass
        assert _api("POST", "/api/areas/wrexham/ballots", ballot)["statusCode"] in (200, 201)


def _json(response: Mapping[str, Any]) -> dict[str, Any]:
    return dict(json.loads(response["body"]))


# ---------------------------------------------------------------- what the template grants


def _resource(node: Any) -> str:
    """A policy's Resource by logical id, as iam_calls names what the code touched."""
    if isinstance(node, str):
        return node
    if "Ref" in node:
        return str(node["Ref"])
    if "Fn::GetAtt" in node:
        logical_id, attribute = node["Fn::GetAtt"]
        return f"{logical_id}/stream" if attribute == "StreamArn" else str(logical_id)
    text = node["Fn::Sub"]
    text = re.sub(r"\$\{(\w+)\.StreamArn\}", r"\1/stream", text)
    return re.sub(r"\$\{(\w+)(\.Arn)?\}", r"\1", text)


def granted(logical_id: str) -> set[Grant]:
    template = load_template()
    role = of_type(FUNCTION)[logical_id]["Role"]["Fn::GetAtt"][0]
    properties = template["Resources"][role]["Properties"]
    assert not properties.get("ManagedPolicyArns"), f"{role}: managed policies grant more than the code needs"
    found: set[Grant] = set()
    for policy in properties["Policies"]:
        for statement in policy["PolicyDocument"]["Statement"]:
            assert statement["Effect"] == "Allow"
            actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
            if "NotResource" in statement:  # only sns:Publish to anything but a topic: phone numbers
                assert actions == ["sns:Publish"] and "sns:*:*:*" in str(statement["NotResource"]), statement
                found.add(("sns:Publish", PHONE_NUMBERS))
                continue
            resources = (
                statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
            )
            found |= {(action, _resource(resource)) for action in actions for resource in resources}
    return found


def lambda_needs(logical_id: str) -> set[Grant]:
    """What Lambda itself does with the function's role: logs, traces, event sources, failure queues."""
    template = load_template()
    props = {**template["Globals"]["Function"], **of_type(FUNCTION)[logical_id]}
    logs = props["LoggingConfig"]["LogGroup"]["Ref"]
    needs = {("logs:CreateLogStream", logs), ("logs:PutLogEvents", logs)}
    if props.get("Tracing") == "Active":
        needs |= {("xray:PutTraceSegments", "*"), ("xray:PutTelemetryRecords", "*")}
    if dead_letters := props.get("DeadLetterQueue"):
        needs.add(("sqs:SendMessage", _resource(dead_letters["TargetArn"])))
    for event in (props.get("Events") or {}).values():
        source = event["Properties"]
        if event["Type"] == "DynamoDB":
            stream = _resource(source["Stream"])
            needs |= {(f"dynamodb:{a}", stream) for a in ("DescribeStream", "GetRecords", "GetShardIterator")}
            needs.add(("dynamodb:ListStreams", f"{stream}/*"))
            if on_failure := (source.get("DestinationConfig") or {}).get("OnFailure"):
                needs.add(("sqs:SendMessage", _resource(on_failure["Destination"])))
        if event["Type"] == "SQS":
            queue = _resource(source["Queue"])
            needs |= {(f"sqs:{a}", queue) for a in ("ReceiveMessage", "DeleteMessage", "GetQueueAttributes")}
    return needs


@pytest.fixture(scope="module")
def used(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, set[Grant]]]:
    seed = tmp_path_factory.mktemp("seed") / "seed.json"
    seed.write_text(json.dumps(SMALL_SEED), encoding="utf-8")
    with moto_stack() as aws:
        load_seed(seed, now=datetime.now(UTC) - timedelta(hours=1))
        yield _run_everything(aws)


FUNCTIONS = sorted(of_type(FUNCTION))


@pytest.mark.parametrize("logical_id", FUNCTIONS)
def test_the_role_allows_what_the_code_calls_and_nothing_else(
    logical_id: str, used: dict[str, set[Grant]]
) -> None:
    needed = used[logical_id] | lambda_needs(logical_id)
    allowed = granted(logical_id)
    assert sorted(needed - allowed) == [], "called, but the role would refuse it"
    assert sorted(allowed - needed) == [], "allowed, but never called"


def test_every_function_was_run(used: dict[str, set[Grant]]) -> None:
    assert sorted(used) == FUNCTIONS
