"""Shared by every test: no real AWS credentials or endpoints, and sample events from events/."""

import json
import os
from pathlib import Path
from typing import Any

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
