"""The police console's demo staff on one machine: one user per group of the template's user pool.

Each start makes sure they exist (moto keeps them in its saved state). Their passwords come from
Secrets Manager's own generator, kept in <state>/demo-users.json (readable by its owner only), so
a restart, or `make reset`, keeps them; they are shown on the runner's console and nowhere else.
"""

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from local.authorizer import Authorizers
from local.console_sign_in import ConsoleSignIn
from local.paths import StatePaths
from local.template import LocalResources, region


@dataclass(frozen=True)
class DemoUser:
    username: str
    group: str
    district: str | None
    password: str


# (username, group, district): an officer works on one district's taskings.
DEMO_USERS = (
    ("moderator-demo", "moderator", None),
    ("officer-demo", "officer", "west"),
    ("admin-demo", "admin", None),
)

# Long enough, one of each kind (the pool's policy asks for symbols), none that needs quoting.
_PASSWORD_RULES = {
    "PasswordLength": 24,
    "ExcludeCharacters": "\"'`\\/@:;,{}<>|$",
    "RequireEachIncludedType": True,
}


def demo_users_file(paths: StatePaths) -> Path:
    return paths.root / "demo-users.json"


def read_demo_users(paths: StatePaths) -> list[DemoUser]:
    try:
        kept = json.loads(demo_users_file(paths).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    return [DemoUser(**user) for user in kept]


def demo_user(paths: StatePaths, group: str) -> DemoUser:
    """The demo user of a group, as the running runner made it."""
    for user in read_demo_users(paths):
        if user.group == group:
            return user
    raise KeyError(f"no demo user of the group {group!r} in {demo_users_file(paths)}")


def _write(paths: StatePaths, users: list[DemoUser]) -> None:
    target = demo_users_file(paths)
    spare = target.with_suffix(".writing")
    spare.touch(mode=0o600)
    spare.write_text(json.dumps([vars(user) for user in users], indent=1), encoding="utf-8")
    os.replace(spare, target)


def _passwords(paths: StatePaths, secretsmanager: Any) -> list[DemoUser]:
    kept = {user.username: user.password for user in read_demo_users(paths)}

    def password(username: str) -> str:
        if username in kept:
            return kept[username]
        return str(secretsmanager.get_random_password(**_PASSWORD_RULES)["RandomPassword"])

    users = [DemoUser(name, group, district, password(name)) for name, group, district in DEMO_USERS]
    if {user.username: user.password for user in users} != kept:
        _write(paths, users)
    return users


def _exists(cognito: Any, pool_id: str, username: str) -> bool:
    try:
        cognito.admin_get_user(UserPoolId=pool_id, Username=username)
    except cognito.exceptions.UserNotFoundException:
        return False
    return True


def provide_demo_users(cognito: Any, secretsmanager: Any, pool_id: str, paths: StatePaths) -> list[DemoUser]:
    """Creates the demo users that are missing (confirmed, with their kept passwords, in their group)."""
    users = _passwords(paths, secretsmanager)
    for user in users:
        if _exists(cognito, pool_id, user.username):
            continue
        attributes = [
            {"Name": "email", "Value": f"{user.username}@example.invalid"},
            {"Name": "email_verified", "Value": "true"},
        ]
        if user.district:
            attributes.append({"Name": "custom:district", "Value": user.district})
        cognito.admin_create_user(
            UserPoolId=pool_id, Username=user.username, UserAttributes=attributes, MessageAction="SUPPRESS"
        )
        cognito.admin_set_user_password(
            UserPoolId=pool_id, Username=user.username, Password=user.password, Permanent=True
        )
        cognito.admin_add_user_to_group(UserPoolId=pool_id, Username=user.username, GroupName=user.group)
    return users


def demo_staff(client: Callable[[str], Any], resources: LocalResources, paths: StatePaths) -> list[DemoUser]:
    """The demo users in the template's user pool (none when it has no pool)."""
    users: list[DemoUser] = []
    for pool_id in resources.user_pools.values():
        users = provide_demo_users(client("cognito-idp"), client("secretsmanager"), pool_id, paths)
    return users


def sign_in_text(url: str, users: list[DemoUser]) -> str:
    """The banner's lines on how to sign in to the console (each ending in a newline)."""
    if not users:
        return ""
    lines = [f"  police console {url}/police/ - sign in as"]
    for user in users:
        where = f", district {user.district}" if user.district else ""
        lines.append(f"    {user.username:<15} {user.password}   ({user.group}{where})")
    return "\n".join(lines) + "\n"


def staff_doors(moto_endpoint: str, resources: LocalResources) -> dict[str, Any]:
    """The gateway's sign-in parts: /police/config.json with the door to Cognito, and the authorizers."""
    return {
        "sign_in": ConsoleSignIn.of(moto_endpoint, region(), resources),
        "authorizers": Authorizers(resources, moto_endpoint),
    }
