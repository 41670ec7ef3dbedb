"""ID tokens made by hand for the authorizer's tests: signed with moto's own bundled key (as every moto
user pool signs them), with another key, or with claims changed."""

import base64
import json
import time
from functools import cache
from typing import Any

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from moto.utilities.utils import load_resource

REGION = "eu-west-2"


@cache
def moto_key() -> RSAKey:
    """The private key moto signs every user pool's tokens with (its kid is "dummy")."""
    return RSAKey.import_key(load_resource("cognitoidp/resources/jwks-private.json"))


def moto_key_set() -> KeySet:
    """What moto serves at <pool id>/.well-known/jwks.json."""
    return KeySet.import_key_set(load_resource("cognitoidp/resources/jwks-public.json"))


@cache
def another_key() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": "dummy"})


def issuer(pool_id: str) -> str:
    return f"https://cognito-idp.{REGION}.amazonaws.com/{pool_id}"


def id_claims(
    pool_id: str,
    client_id: str,
    username: str = "officer-demo",
    groups: tuple[str, ...] = ("officer",),
    expires_in: int = 3600,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The claims of a Cognito ID token, as moto makes them; `extra` adds, changes or (None) removes."""
    now = int(time.time())
    claims = {
        "iss": issuer(pool_id),
        "sub": "5f1b1c2e-0000-4000-8000-000000000001",
        "aud": client_id,
        "token_use": "id",
        "iat": now,
        "auth_time": now,
        "exp": now + expires_in,
        "cognito:username": username,
        "cognito:groups": list(groups),
        **(extra or {}),
    }
    return {name: value for name, value in claims.items() if value is not None}


def signed(claims: dict[str, Any], key: RSAKey | None = None) -> str:
    return jwt.encode({"alg": "RS256", "kid": "dummy"}, claims, key or moto_key())


def unverified_claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))


def unsigned(claims: dict[str, Any]) -> str:
    """A token that says alg "none": no signature at all."""

    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    return f"{part({'alg': 'none', 'kid': 'dummy'})}.{part(claims)}."
