"""Who is calling an admin route, and whether their group lets them.

API Gateway's Cognito authorizer (and, on one machine, local/ with the same checks) has verified the
ID token before the function runs and passes its claims in requestContext.authorizer.claims; the
function decides by group. The username is kept with what a person decides; it is never logged.
"""

from typing import Any, NamedTuple

from bobbies.domain.errors import Forbidden, Unauthenticated

MODERATOR, OFFICER, ADMIN = "moderator", "officer", "admin"


class Caller(NamedTuple):
    username: str
    groups: frozenset[str]
    district: str | None  # an officer's district (custom:district): the taskings they work on

    def is_admin(self) -> bool:
        return ADMIN in self.groups


def groups_of(claim: Any) -> frozenset[str]:
    """API Gateway passes cognito:groups as text: "a,b" (REST) or "[a b]"; a list when decoded by us."""
    if isinstance(claim, list):
        return frozenset(str(group) for group in claim)
    text = str(claim or "").strip().removeprefix("[").removesuffix("]")
    return frozenset(group for group in text.replace(",", " ").split() if group)


def caller_of(event: dict[str, Any]) -> Caller:
    claims = ((event.get("requestContext") or {}).get("authorizer") or {}).get("claims") or {}
    username = claims.get("cognito:username")
    if not username:
        raise Unauthenticated()
    return Caller(
        str(username), groups_of(claims.get("cognito:groups")), claims.get("custom:district") or None
    )


def require(caller: Caller, *groups: str) -> Caller:
    """The caller, if in one of the groups; an admin may do everything."""
    if caller.is_admin() or caller.groups & set(groups):
        return caller
    raise Forbidden()
