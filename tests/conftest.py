"""Shared by every test: no real AWS credentials or endpoints, and sample events from events/."""

import importlib.util
import json
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from local.template import function

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "events"

# Never a real account: dummy credentials, a fixed region, and DynamoDB Streams calls kept on the
# service endpoint (botocore would otherwise send them to an account endpoint moto does not serve).
os.environ.update(
    AWS_ACCESS_KEY_ID="testing",
    AWS_SECRET_ACCESS_KEY="testing",
    AWS_SESSION_TOKEN="testing",
    AWS_DEFAULT_REGION="eu-west-2",
    AWS_ACCOUNT_ID_ENDPOINT_MODE="disabled",
    POWERTOOLS_METRICS_NAMESPACE="BalanceYourBobbies",
    POWERTOOLS_SERVICE_NAME="balance-your-bobbies",
    POWERTOOLS_TRACE_DISABLED="true",
)


def load_event(name: str) -> dict[str, Any]:
    """A sample event from events/, as `sam local invoke -e` would send it."""
    return json.loads((EVENTS / name).read_text(encoding="utf-8"))


@dataclass
class FakeLambdaContext:
    """What Powertools reads from Lambda's context object."""

    function_name: str = "test-function"
    function_version: str = "$LATEST"
    memory_limit_in_mb: int = 512
    invoked_function_arn: str = "arn:aws:lambda:eu-west-2:123456789012:function:test-function"
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    log_group_name: str = "/aws/lambda/test-function"
    log_stream_name: str = "test"

    def get_remaining_time_in_millis(self) -> int:
        return 10_000


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


def load_handler(logical_id: str) -> Callable[[dict[str, Any], Any], Any]:
    """The handler template.yaml names for a function (each lives in its own app.py)."""
    spec = function(logical_id)
    module_spec = importlib.util.spec_from_file_location(f"functions_{logical_id}", spec.module_file)
    assert module_spec and module_spec.loader
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return cast(Callable[[dict[str, Any], Any], Any], getattr(module, spec.handler_name))
