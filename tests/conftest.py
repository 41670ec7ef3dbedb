"""Shared by every test: no real AWS credentials or endpoints, and sample events from events/."""

import json
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from local import lambdas
from local.aws import offline_aws
from local.template import function

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "events"

# Never a real account: the dummy credentials (whatever this machine's own are) and a fixed region.
os.environ.update(
    offline_aws({"AWS_DEFAULT_REGION": "eu-west-2"}),
    POWERTOOLS_METRICS_NAMESPACE="BalanceYourBobbies",
    POWERTOOLS_SERVICE_NAME="balance-your-bobbies",
    POWERTOOLS_TRACE_DISABLED="true",
)


def load_event(name: str) -> dict[str, Any]:
    """A sample event from events/, as `sam local invoke -e` would send it."""
    return json.loads((EVENTS / name).read_text(encoding="utf-8"))


def api_event(
    method: str,
    path: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
    query: dict[str, str] | None = None,
) -> dict[str, Any]:
    """An API Gateway REST proxy event, built on the sample in events/."""
    event = load_event("api_list_areas.json")
    sent = {"Content-Type": "application/json"} if body is not None else {}
    event_headers = {**event["headers"], **sent, **(headers or {})}
    event.update(
        httpMethod=method,
        path=path,
        body=body if isinstance(body, str) or body is None else json.dumps(body),
        headers=event_headers,
        multiValueHeaders={key: [value] for key, value in event_headers.items()},
        queryStringParameters=query,
        multiValueQueryStringParameters={key: [value] for key, value in (query or {}).items()} or None,
    )
    event["requestContext"].update(httpMethod=method, path=path, requestId=str(uuid.uuid4()))
    return event


def admin_event(
    method: str,
    path: str,
    body: Any = None,
    groups: tuple[str, ...] = (),
    username: str | None = "officer-demo",
    district: str | None = None,
    query: dict[str, str] | None = None,
) -> dict[str, Any]:
    """An admin route's event as API Gateway passes it once its Cognito authorizer has checked the
    token: the token's claims in requestContext.authorizer.claims (no username: nobody signed in)."""
    event = api_event(method, path, body, query=query)
    if username is not None:
        claims = {"cognito:username": username, "cognito:groups": ",".join(groups), "token_use": "id"}
        event["requestContext"]["authorizer"] = {
            "claims": {**claims, **({"custom:district": district} if district else {})}
        }
    return event


def load_handler(logical_id: str) -> Callable[[dict[str, Any], Any], Any]:
    """The handler template.yaml names for a function, loaded as the local runner loads it."""
    return lambdas.load_handler(function(logical_id))
