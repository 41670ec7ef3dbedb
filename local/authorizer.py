"""API Gateway's Cognito user pool authorizers, as the template declares them, for the local gateway.

A route whose Api event names an authorizer (`Auth: {Authorizer: X}`, or its API's DefaultAuthorizer)
runs only with an ID token in the authorizer's header (raw, or "Bearer <token>") that:
    - is signed by a key of the user pool's JWKS (moto serves it at <moto>/<pool id>/.well-known/jwks.json),
    - has not expired, is an ID token (token_use "id"),
    - was issued by that pool (its issuer URL) to one of that pool's app clients (its audience).
moto signs every pool's tokens with one bundled key, so the issuer and audience checks are what keep
another pool's tokens out, as the pool's own key does in AWS. The claims then go to the function in
requestContext.authorizer.claims as API Gateway passes them: every value a text, lists "a,b".
Anything else is the API's UNAUTHORIZED gateway response (the template's GatewayResponses), before
the function runs.
"""

import base64
import json
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import requests
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from joserfc.jwt import ClaimsOption

from local.api_events import HttpResponse
from local.template import FUNCTION, LocalResources, TemplateError, of_type, resolve
from local.template.loading import API, USER_POOL_CLIENT


class Refused(Exception):
    """The request carries no token the authorizer accepts (the reason is for tests, never shown)."""


@dataclass(frozen=True)
class UserPoolAuthorizer:
    name: str
    header: str  # Identity.Header
    issuers: frozenset[str]  # https://cognito-idp.<region>.amazonaws.com/<pool id>, per pool
    audiences: frozenset[str]  # the pools' app client ids
    refusal: HttpResponse  # the API's UNAUTHORIZED gateway response


def token_of(headers: Mapping[str, str] | None, header: str) -> str:
    wanted = header.lower()
    value = next((text for name, text in (headers or {}).items() if name.lower() == wanted), "")
    scheme, _, rest = value.strip().partition(" ")
    value = rest.strip() if scheme.lower() == "bearer" else value.strip()
    if not value:
        raise Refused("no token")
    return value


def _now() -> int:
    return int(time.time())


def verified_claims(
    token: str, authorizer: UserPoolAuthorizer, keys: KeySet, now: Callable[[], int] = _now
) -> dict[str, Any]:
    """The token's claims, if it is an ID token the authorizer accepts; else Refused."""
    try:
        decoded = jwt.decode(token, keys, algorithms=["RS256"])
        wanted: dict[str, ClaimsOption] = {
            "iss": {"essential": True, "values": sorted(authorizer.issuers)},
            "aud": {"essential": True, "values": sorted(authorizer.audiences)},
            "exp": {"essential": True},
            "token_use": {"essential": True, "value": "id"},
            "cognito:username": {"essential": True},
        }
        jwt.JWTClaimsRegistry(now=now, leeway=0, **wanted).validate(decoded.claims)
    except (JoseError, ValueError, TypeError) as refused:  # broken text, a wrong key or claim
        raise Refused(type(refused).__name__) from None
    return dict(decoded.claims)


def as_api_gateway_claims(claims: Mapping[str, Any]) -> dict[str, str]:
    """Claims as a REST API's Cognito authorizer passes them: texts; a list as "a,b"."""

    def text(value: Any) -> str:
        if isinstance(value, list):
            return ",".join(str(item) for item in value)
        if isinstance(value, bool):
            return str(value).lower()
        return str(value)

    return {name: text(value) for name, value in claims.items()}


class Authorizers:
    """The template's routes and their Cognito authorizers; refusal() is called for every API request."""

    def __init__(
        self, resources: LocalResources, moto_endpoint: str, template: Mapping[str, Any] | None = None
    ) -> None:
        self.moto_endpoint = moto_endpoint
        self._routes = _route_authorizers(resources, template)
        self._keys: dict[str, KeySet] = {}  # issuer -> its pool's JWKS, fetched once
        self._lock = threading.Lock()

    def route_authorizer(self, resource: str, method: str) -> UserPoolAuthorizer | None:
        """As the gateway picks the integration: the method's own, else ANY's."""
        if (resource, method) in self._routes:
            return self._routes[(resource, method)]
        return self._routes.get((resource, "ANY"))

    def refusal(self, resource: str, method: str, event: dict[str, Any]) -> HttpResponse | None:
        """None when the route needs no authorizer or the token passes (its claims are then put in
        the event); else the answer to give instead of running the function."""
        authorizer = self.route_authorizer(resource, method)
        if authorizer is None:
            return None
        try:
            token = token_of(event.get("headers"), authorizer.header)
            claims = verified_claims(token, authorizer, self._key_set(token, authorizer))
        except Refused:
            return authorizer.refusal
        event["requestContext"]["authorizer"] = {"claims": as_api_gateway_claims(claims)}
        return None

    def _key_set(self, token: str, authorizer: UserPoolAuthorizer) -> KeySet:
        """The JWKS of the pool the token says issued it, if that is one the authorizer trusts."""
        try:
            issuer = json.loads(_unverified_payload(token)).get("iss")
        except (ValueError, AttributeError):
            raise Refused("unreadable payload") from None
        if not isinstance(issuer, str) or issuer not in authorizer.issuers:
            raise Refused("another issuer")
        with self._lock:
            if issuer not in self._keys:
                pool_id = issuer.rsplit("/", 1)[-1]
                answer = requests.get(f"{self.moto_endpoint}/{pool_id}/.well-known/jwks.json", timeout=10)
                answer.raise_for_status()
                self._keys[issuer] = KeySet.import_key_set(answer.json())
            return self._keys[issuer]


def _unverified_payload(token: str) -> bytes:
    """The payload part, only to pick the pool whose keys then verify the whole token."""
    parts = token.split(".")
    if len(parts) != 3:
        raise ValueError("not a JWS in compact form")
    return base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4))


def _logical_id(node: Any) -> str | None:
    if isinstance(node, Mapping) and "Ref" in node:
        return str(node["Ref"])
    if isinstance(node, Mapping) and "Fn::GetAtt" in node:
        arg = node["Fn::GetAtt"]
        return str(arg[0] if isinstance(arg, list) else arg.split(".", 1)[0])
    return None


def _gateway_response(api: Mapping[str, Any], kind: str) -> HttpResponse:
    """The API's gateway response of that kind as the template sets it; API Gateway's own otherwise."""
    spec = (api.get("GatewayResponses") or {}).get(kind)
    if not spec:
        return HttpResponse.json(401, {"message": "Unauthorized"})
    headers = [
        (name, str(value).strip("'"))
        for name, value in ((spec.get("ResponseParameters") or {}).get("Headers") or {}).items()
    ]
    templates = spec.get("ResponseTemplates") or {}
    content_type, body = next(iter(templates.items()), ("application/json", '{"message":"Unauthorized"}'))
    status = int(spec.get("StatusCode", 401))
    return HttpResponse(status, body.encode(), [("Content-Type", content_type), *headers])


def _user_pool_authorizer(
    name: str, api: Mapping[str, Any], resources: LocalResources, template: Mapping[str, Any] | None
) -> UserPoolAuthorizer:
    spec = ((api.get("Auth") or {}).get("Authorizers") or {}).get(name)
    if not spec or "UserPoolArn" not in spec:
        raise TemplateError(f"the authorizer {name} is not a Cognito user pool's; only those run locally")
    arns = resolve(spec["UserPoolArn"], resources, template, where=f"Auth.Authorizers.{name}.UserPoolArn")
    pool_ids = {str(arn).rsplit("/", 1)[-1] for arn in (arns if isinstance(arns, list) else [arns])}
    region_of = {pool_id: pool_id.split("_", 1)[0] for pool_id in pool_ids}
    clients = {
        resources.user_pool_clients.get(logical_id, logical_id)
        for logical_id, props in of_type(USER_POOL_CLIENT, template).items()
        if str(resolve(props["UserPoolId"], resources, template)) in pool_ids
    }
    return UserPoolAuthorizer(
        name=name,
        header=str((spec.get("Identity") or {}).get("Header") or "Authorization"),
        issuers=frozenset(f"https://cognito-idp.{region_of[p]}.amazonaws.com/{p}" for p in pool_ids),
        audiences=frozenset(clients),
        refusal=_gateway_response(api, "UNAUTHORIZED"),
    )


def _route_authorizers(
    resources: LocalResources, template: Mapping[str, Any] | None
) -> dict[tuple[str, str], UserPoolAuthorizer | None]:
    """(path, method) -> the authorizer of every Api event of the template (None: open)."""
    apis = of_type(API, template)
    made: dict[tuple[str, str], UserPoolAuthorizer] = {}
    routes: dict[tuple[str, str], UserPoolAuthorizer | None] = {}
    for props in of_type(FUNCTION, template).values():
        for event in (props.get("Events") or {}).values():
            if event["Type"] != "Api":
                continue
            route = event["Properties"]
            api_id = _logical_id(route.get("RestApiId"))
            api = apis.get(api_id or "", {})
            default = (api.get("Auth") or {}).get("DefaultAuthorizer")
            name = (route.get("Auth") or {}).get("Authorizer") or default
            key = (route["Path"], route["Method"].upper())
            if not name or name == "NONE":
                routes.setdefault(key, None)
                continue
            if (str(api_id), name) not in made:
                made[(str(api_id), name)] = _user_pool_authorizer(name, api, resources, template)
            routes.setdefault(key, made[(str(api_id), name)])
    return routes
