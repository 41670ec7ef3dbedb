"""The template's Cognito user pools, app clients and groups, created in moto as CloudFormation would.

Each is named by its logical id and found again by that name on the next start (the moto server
keeps them in its saved state), so a restart creates nothing twice and the ids stay the same."""

import contextlib
from typing import Any

from local.template.intrinsics import LocalResources, resolve
from local.template.loading import USER_POOL, USER_POOL_CLIENT, USER_POOL_GROUP, of_type

# The CloudFormation properties that are also CreateUserPool's parameters, by the same names.
_POOL_PROPERTIES = (
    "Policies",
    "AdminCreateUserConfig",
    "UsernameConfiguration",
    "AutoVerifiedAttributes",
    "AccountRecoverySetting",
    "Schema",
    "DeletionProtection",
    "MfaConfiguration",
    "UsernameAttributes",
    "AliasAttributes",
)
_CLIENT_PROPERTIES = (
    "ClientName",
    "GenerateSecret",
    "ExplicitAuthFlows",
    "PreventUserExistenceErrors",
    "EnableTokenRevocation",
    "AuthSessionValidity",
    "IdTokenValidity",
    "AccessTokenValidity",
    "RefreshTokenValidity",
    "TokenValidityUnits",
    "ReadAttributes",
    "WriteAttributes",
)
_GROUP_PROPERTIES = ("GroupName", "Description", "Precedence", "RoleArn")


def _resolved(props: dict[str, Any], keys: tuple[str, ...], created: LocalResources, where: str) -> Any:
    return resolve({key: props[key] for key in keys if key in props}, created, where=where)


def _existing_pools(cognito: Any) -> dict[str, str]:
    pages = cognito.get_paginator("list_user_pools").paginate(MaxResults=60)
    return {pool["Name"]: pool["Id"] for page in pages for pool in page["UserPools"]}


def _existing_clients(cognito: Any, pool_id: str) -> dict[str, str]:
    pages = cognito.get_paginator("list_user_pool_clients").paginate(UserPoolId=pool_id, MaxResults=60)
    return {client["ClientName"]: client["ClientId"] for page in pages for client in page["UserPoolClients"]}


def create_user_pools(cognito: Any, created: LocalResources) -> None:
    """Creates every user pool, app client and group of the template that is missing, and fills in
    created.user_pools and created.user_pool_clients (logical id -> id)."""
    existing = _existing_pools(cognito)
    for logical_id, props in of_type(USER_POOL).items():
        if logical_id not in existing:
            where = f"Resources.{logical_id}.Properties"
            request = _resolved(props, _POOL_PROPERTIES, created, where)
            existing[logical_id] = cognito.create_user_pool(PoolName=logical_id, **request)["UserPool"]["Id"]
        created.user_pools[logical_id] = existing[logical_id]
    for logical_id, props in of_type(USER_POOL_CLIENT).items():
        where = f"Resources.{logical_id}.Properties"
        pool_id = resolve(props["UserPoolId"], created, where=f"{where}.UserPoolId")
        request = {**_resolved(props, _CLIENT_PROPERTIES, created, where), "ClientName": logical_id}
        clients = _existing_clients(cognito, pool_id)
        if logical_id not in clients:
            answer = cognito.create_user_pool_client(UserPoolId=pool_id, **request)
            clients[logical_id] = answer["UserPoolClient"]["ClientId"]
        created.user_pool_clients[logical_id] = clients[logical_id]
    for logical_id, props in of_type(USER_POOL_GROUP).items():
        where = f"Resources.{logical_id}.Properties"
        pool_id = resolve(props["UserPoolId"], created, where=f"{where}.UserPoolId")
        with contextlib.suppress(cognito.exceptions.GroupExistsException):  # made at an earlier start
            cognito.create_group(UserPoolId=pool_id, **_resolved(props, _GROUP_PROPERTIES, created, where))
