"""The local gateway's Cognito authorizer: which tokens it lets through, what the function then gets,
and what everyone else gets, as template.yaml declares the authorizer and its gateway responses."""

import contextlib
import json
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from joserfc import jwt
from local.authorizer import (
    Authorizers,
    Refused,
    UserPoolAuthorizer,
    as_api_gateway_claims,
    token_of,
    verified_claims,
)
from local.template import LocalResources, functions

from bobbies.messages import ERRORS
from tests.tokens import another_key, id_claims, issuer, moto_key, moto_key_set, signed, unsigned

POOL, CLIENT = "eu-west-2_staff", "consoleclient"
RESOURCES = LocalResources(
    user_pools={"StaffUserPool": POOL}, user_pool_clients={"StaffConsoleClient": CLIENT}
)


def authorizer() -> UserPoolAuthorizer:
    found = Authorizers(RESOURCES, "http://moto.invalid").route_authorizer("/api/admin/me", "GET")
    assert found is not None
    return found


def claims_of(token: str) -> dict[str, Any]:
    return verified_claims(token, authorizer(), moto_key_set())


def test_the_admin_routes_authorizer_is_the_staff_pool_and_its_console_client() -> None:
    found = authorizer()
    assert found.header == "Authorization"
    assert found.issuers == {issuer(POOL)}
    assert found.audiences == {CLIENT}


def test_a_valid_id_token_of_the_pool_and_client_passes_with_its_claims() -> None:
    claims = claims_of(
        signed(id_claims(POOL, CLIENT, "officer-demo", ("officer",), extra={"custom:district": "west"}))
    )
    assert claims["cognito:username"] == "officer-demo"
    assert claims["custom:district"] == "west"


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(signed(id_claims(POOL, CLIENT), another_key()), id="signed-by-another-key"),
        pytest.param(signed(id_claims(POOL, "anotherclient")), id="another-audience"),
        pytest.param(signed(id_claims("eu-west-2_otherpool", CLIENT)), id="another-pool"),
        pytest.param(signed(id_claims(POOL, CLIENT, expires_in=-1)), id="expired"),
        pytest.param(signed(id_claims(POOL, CLIENT, extra={"token_use": "access"})), id="an-access-token"),
        pytest.param(signed(id_claims(POOL, CLIENT, extra={"exp": None})), id="no-expiry"),
        pytest.param(signed(id_claims(POOL, CLIENT, extra={"cognito:username": None})), id="no-username"),
        pytest.param(unsigned(id_claims(POOL, CLIENT)), id="alg-none"),
        pytest.param(signed(id_claims(POOL, CLIENT))[:-4] + "AAAA", id="signature-changed"),
        pytest.param("garbage", id="garbage"),
        pytest.param("a.b.c", id="three-garbage-parts"),
    ],
)
def test_any_other_token_is_refused(token: str) -> None:
    with pytest.raises(Refused):
        claims_of(token)


def test_a_token_signed_with_the_public_key_as_a_shared_secret_is_refused() -> None:
    # The old algorithm-confusion attack: HS256 with the RSA public key's bytes as the secret.
    from joserfc.jwk import OctKey

    public = json.dumps(moto_key().as_dict(private=False)).encode()
    forged = jwt.encode({"alg": "HS256", "kid": "dummy"}, id_claims(POOL, CLIENT), OctKey.import_key(public))
    with pytest.raises(Refused):
        claims_of(forged)


@settings(deadline=None)
@given(st.text(max_size=300))
def test_no_header_text_gets_anything_but_claims_or_a_refusal(text: str) -> None:
    with contextlib.suppress(Refused):
        claims_of(token_of({"Authorization": text}, "Authorization"))


@pytest.mark.parametrize("value", ["TOKEN", "Bearer TOKEN", "bearer  TOKEN ", " TOKEN"])
def test_the_token_is_read_raw_or_after_bearer(value: str) -> None:
    assert token_of({"authorization": value}, "Authorization") == "TOKEN"


@pytest.mark.parametrize(
    "headers", [None, {}, {"Authorization": ""}, {"Authorization": "Bearer "}, {"Other": "TOKEN"}]
)
def test_no_token_is_refused(headers: dict[str, str] | None) -> None:
    with pytest.raises(Refused):
        token_of(headers, "Authorization")


def test_claims_reach_the_function_as_api_gateway_passes_them() -> None:
    claims = as_api_gateway_claims(
        {"cognito:groups": ["officer", "admin"], "exp": 1700000000, "email_verified": True}
    )
    assert claims == {"cognito:groups": "officer,admin", "exp": "1700000000", "email_verified": "true"}


def event(headers: dict[str, str] | None) -> dict[str, Any]:
    return {"headers": headers, "requestContext": {}}


def test_a_request_without_a_token_gets_the_templates_401_in_the_error_shape() -> None:
    refused = Authorizers(RESOURCES, "http://moto.invalid").refusal("/api/admin/me", "GET", event(None))
    assert refused is not None and refused.status == 401
    assert json.loads(refused.body) == {
        "error": {"code": "sign_in_needed", "message": ERRORS["sign_in_needed"]["en"]}
    }
    assert ("Cache-Control", "no-store") in refused.headers


def test_a_valid_token_puts_the_claims_in_the_event_and_lets_the_function_run() -> None:
    authorizers = Authorizers(RESOURCES, "http://moto.invalid")
    authorizers._keys[issuer(POOL)] = moto_key_set()  # as fetched from moto's JWKS
    token = signed(id_claims(POOL, CLIENT, "admin-demo", ("admin", "officer")))
    given_event = event({"Authorization": f"Bearer {token}"})
    assert authorizers.refusal("/api/admin/{proxy+}", "POST", given_event) is None
    claims = given_event["requestContext"]["authorizer"]["claims"]
    assert claims["cognito:username"] == "admin-demo"
    assert claims["cognito:groups"] == "admin,officer"


def test_every_admin_route_has_the_authorizer_and_the_residents_routes_none() -> None:
    authorizers = Authorizers(RESOURCES, "http://moto.invalid")
    # The function's own check would answer 401 too; this is what makes API Gateway refuse first.
    routes = [route for spec in functions() for route in spec.routes]
    admin = [route for route in routes if route.path.startswith("/api/admin")]
    assert [r for r in admin if not authorizers.route_authorizer(r.path, r.method)] == []
    residents = [route for route in routes if not route.path.startswith("/api/admin")]
    assert residents and not any(authorizers.route_authorizer(r.path, r.method) for r in residents)


@pytest.mark.parametrize("kind, code", [("UNAUTHORIZED", "sign_in_needed"), ("ACCESS_DENIED", "wrong_group")])
def test_api_gateways_own_refusals_say_what_the_functions_say(kind: str, code: str) -> None:
    from local.template import load_template

    api = load_template()["Resources"]["PublicApi"]["Properties"]
    body = json.loads(api["GatewayResponses"][kind]["ResponseTemplates"]["application/json"])
    assert body == {"error": {"code": code, "message": ERRORS[code]["en"]}}


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=8,
)


@cache
def authorizers_with_keys() -> Authorizers:
    made = Authorizers(RESOURCES, "http://moto.invalid")
    made._keys[issuer(POOL)] = moto_key_set()  # as fetched from moto's JWKS
    return made


CLAIMS = st.dictionaries(st.sampled_from(["iss", "aud", "exp", "token_use", "cognito:username"]), JSON)


@settings(deadline=None)
@given(st.text(max_size=200) | (JSON | CLAIMS).map(lambda payload: unsigned_payload(payload)))
def test_no_authorization_header_gets_the_gateway_anything_but_a_pass_or_its_401(header: str) -> None:
    refused = authorizers_with_keys().refusal("/api/admin/me", "GET", event({"Authorization": header}))
    assert refused is not None and refused.status == 401


def unsigned_payload(payload: Any) -> str:
    """A compact JWS whose payload is any JSON (an issuer that is a list, a number for claims...)."""
    import base64

    def part(value: Any) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    return f"{part({'alg': 'RS256', 'kid': 'dummy'})}.{part(payload)}.{part('signature')}"
