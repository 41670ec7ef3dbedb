"""The police console's sign-in on one machine: what /police/config.json says, and a same-origin
door (COGNITO_PATH) to moto's Cognito, so the page calls InitiateAuth as it would in AWS.

In AWS config.json is written from the stack's outputs (`make console-config`, see README) and
cognitoEndpoint is Cognito's own address."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import requests

from local.api_events import HttpResponse, IncomingRequest
from local.template import LocalResources, of_type, resolve
from local.template.loading import USER_POOL_CLIENT

CONFIG_PATH = "/police/config.json"
COGNITO_PATH = "/local/cognito/"

# What a browser may ask Cognito without AWS credentials; the Admin* calls need IAM in AWS.
_PUBLIC_ACTIONS = frozenset(
    {
        "InitiateAuth",
        "RespondToAuthChallenge",
        "GetUser",
        "GlobalSignOut",
        "RevokeToken",
        "ChangePassword",
        "ForgotPassword",
        "ConfirmForgotPassword",
    }
)
_SERVICE = "AWSCognitoIdentityProviderService"
_SCOPE_PREFIX = "AWS4-HMAC-SHA256 Credential=local/20250101"


def console_client(resources: LocalResources) -> tuple[str | None, str | None]:
    """(user pool id, app client id) of the console: the template's first app client and its pool."""
    for logical_id, props in of_type(USER_POOL_CLIENT).items():
        where = f"Resources.{logical_id}.Properties.UserPoolId"
        pool_id = str(resolve(props["UserPoolId"], resources, where=where))
        return pool_id, resources.user_pool_clients.get(logical_id)
    return None, None


@dataclass(frozen=True)
class ConsoleSignIn:
    moto_endpoint: str
    region: str
    user_pool_id: str | None
    client_id: str | None

    @classmethod
    def of(cls, moto_endpoint: str, region: str, resources: LocalResources) -> "ConsoleSignIn":
        return cls(moto_endpoint, region, *console_client(resources))

    def config(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "userPoolId": self.user_pool_id,
            "clientId": self.client_id,
            "cognitoEndpoint": COGNITO_PATH,
        }

    @staticmethod
    def serves(raw_path: str) -> bool:
        return raw_path == CONFIG_PATH or raw_path.rstrip("/") == COGNITO_PATH.rstrip("/")

    def answer(self, request: IncomingRequest) -> HttpResponse:
        """The answer for config.json or the Cognito door (paths it serves())."""
        if request.raw_path == CONFIG_PATH:
            if request.method not in ("GET", "HEAD"):
                message = "GET the configuration"
                return HttpResponse.error(405, "method_not_allowed", message, allow="GET, HEAD")
            return HttpResponse.json(200, self.config(), [("Cache-Control", "no-store")])
        if request.method != "POST":
            return HttpResponse.error(405, "method_not_allowed", "POST Cognito's calls here", allow="POST")
        return self._forward(request)

    def _forward(self, request: IncomingRequest) -> HttpResponse:
        headers = _lower(request.headers)
        service, _, action = headers.get("x-amz-target", "").partition(".")
        if service != _SERVICE or action not in _PUBLIC_ACTIONS:
            return _cognito_error(400, "InvalidParameterException", "Not a call the console may make")
        answer = requests.post(
            f"{self.moto_endpoint}/",
            data=request.body,
            headers={
                "X-Amz-Target": f"{_SERVICE}.{action}",
                "Content-Type": headers.get("content-type", "application/x-amz-json-1.1"),
                # moto finds the service and region by the credential scope, as Cognito needs none.
                "Authorization": f"{_SCOPE_PREFIX}/{self.region}/cognito-idp/aws4_request",
            },
            timeout=30,
        )
        kept = [(name, answer.headers[name]) for name in ("Content-Type",) if name in answer.headers]
        return HttpResponse(answer.status_code, answer.content, [*kept, ("Cache-Control", "no-store")])


def _lower(headers: list[tuple[str, str]]) -> Mapping[str, str]:
    return {name.lower(): value for name, value in headers}


def _cognito_error(status: int, kind: str, message: str) -> HttpResponse:
    return HttpResponse.json(status, {"__type": kind, "message": message})
