"""A neighbourhood team's subscription to taskings: an email address or a UK mobile number, for an
area or a whole district, in the team's language.

Every tasking is published once per language (notify.publisher), each copy carrying both languages
with its own first, and the attributes `area`, `district` and `language`. A team's filter policy
names its area (or district) and its language, so it gets exactly one copy of each tasking of its
area (or of every area of its district), in both languages, its own first.
"""

import json
import re
from typing import Any, NamedTuple

from bobbies.domain.errors import InvalidInput, Malformed
from bobbies.domain.phone import uk_mobile

PROTOCOLS = ("email", "sms")
LANGUAGES = ("en", "cy")
SCOPES = ("area", "district")
FIELDS = {"protocol", "endpoint", "language", *SCOPES}
SCOPE_MOST = 40
EMAIL_MOST = 254
# One @, something either side, a dot in the domain, no spaces: SNS sends the confirmation, which
# is the real check that the address reaches the team.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


class Scope(NamedTuple):
    kind: str  # "area" or "district"
    id: str
    language: str


class TeamSubscription(NamedTuple):
    protocol: str
    endpoint: str
    scope: Scope

    def filter_policy(self) -> dict[str, list[str]]:
        return filter_policy(self.scope)


def filter_policy(scope: Scope) -> dict[str, list[str]]:
    """The SNS filter policy on the message attributes every tasking is published with."""
    return {scope.kind: [scope.id], "language": [scope.language]}


def scope_of(policy_text: str | None) -> Scope | None:
    """The scope a filter policy made by filter_policy names; None for any other policy (or none)."""
    try:
        policy = json.loads(policy_text or "")
    except json.JSONDecodeError:
        return None
    if not isinstance(policy, dict) or len(policy) != 2 or not isinstance(policy.get("language"), list):
        return None
    kinds = [kind for kind in SCOPES if isinstance(policy.get(kind), list) and len(policy[kind]) == 1]
    if len(kinds) != 1 or len(policy["language"]) != 1:
        return None
    return Scope(kinds[0], str(policy[kinds[0]][0]), str(policy["language"][0]))


def _refuse_unless(holds: bool, code: str) -> None:
    if not holds:
        raise InvalidInput(code)


def email_address(raw: str) -> str:
    address = raw.strip()
    _refuse_unless(len(address) <= EMAIL_MOST and bool(_EMAIL.fullmatch(address)), "invalid_email")
    return address


def team_subscription(body: Any) -> TeamSubscription:
    """The subscription an admin's body asks for, or the first thing wrong with it."""
    if not isinstance(body, dict):
        raise Malformed("invalid_subscription")
    if set(body) - FIELDS:
        raise Malformed("unknown_subscription_field")
    protocol, endpoint, language = body.get("protocol"), body.get("endpoint"), body.get("language")
    _refuse_unless(protocol in PROTOCOLS, "invalid_protocol")
    bad_endpoint = "invalid_email" if protocol == "email" else "not_a_uk_mobile"
    _refuse_unless(isinstance(endpoint, str) and 0 < len(endpoint) <= EMAIL_MOST, bad_endpoint)
    _refuse_unless(language in LANGUAGES, "invalid_team_language")
    given = [kind for kind in SCOPES if kind in body]
    _refuse_unless(len(given) == 1, "subscription_scope")
    scope_id = body[given[0]]
    _refuse_unless(isinstance(scope_id, str) and 0 < len(scope_id) <= SCOPE_MOST, "subscription_scope")
    address = email_address(str(endpoint)) if protocol == "email" else uk_mobile(str(endpoint))
    return TeamSubscription(str(protocol), address, Scope(given[0], scope_id, str(language)))
