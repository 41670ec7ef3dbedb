"""Team subscriptions, for admins: who gets an area's (or a district's) taskings, by email or SMS."""

import json
from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.api_gateway import Router

from bobbies.admin_api.areas import json_body
from bobbies.auth import ADMIN, caller_of, require
from bobbies.domain.errors import InvalidInput, Malformed
from bobbies.domain.teams import SCOPE_MOST, SCOPES, team_subscription
from bobbies.notify.subscriptions import Subscribed, TeamSubscriptions
from bobbies.settings import settings

router = Router()


def admin_only() -> None:
    require(caller_of(router.current_event.raw_event), ADMIN)


def teams() -> TeamSubscriptions:
    return TeamSubscriptions(settings().tasking_topic_arn)


def view(subscribed: Subscribed) -> dict[str, Any]:
    """The address is shown to the admin (it is theirs to check), never logged."""
    scope = subscribed.scope
    return {
        "id": subscribed.id,
        "protocol": subscribed.protocol,
        "endpoint": subscribed.endpoint,
        **({scope.kind: scope.id} if scope else {}),
        "language": scope.language if scope else None,
        "pending": subscribed.pending,
    }


def _asked_scope() -> tuple[str, str] | None:
    query = router.current_event.query_string_parameters or {}
    given = [(kind, query[kind]) for kind in SCOPES if kind in query]
    if len(given) > 1 or any(len(value) > SCOPE_MOST for _, value in given):
        raise Malformed("invalid_query")
    return given[0] if given else None


def _known(kind: str, scope_id: str) -> None:
    """A subscription for an area or district there is not would never get a message."""
    from bobbies.store import area_admin, catalogue  # pynamodb: only a new subscription checks its scope

    if kind == "area":
        catalogue.get_area(scope_id)  # 404 area_not_found
    elif scope_id not in area_admin.districts():
        raise InvalidInput("district_not_found")


@router.get("/api/admin/subscriptions")
def list_subscriptions() -> dict[str, Any]:
    """All, or an area's or a district's. One awaiting confirmation is in every list: until the
    team confirms, SNS shows its address but not its filter policy."""
    admin_only()
    asked = _asked_scope()
    shown = [
        sub
        for sub in teams().all()
        if asked is None or sub.scope is None or (sub.scope.kind, sub.scope.id) == asked
    ]
    return {"subscriptions": [view(sub) for sub in shown]}


@router.post("/api/admin/subscriptions")
def subscribe() -> Response[str]:
    admin_only()
    wanted = team_subscription(json_body(router.current_event.body))
    _known(wanted.scope.kind, wanted.scope.id)
    made = {"subscription": view(teams().subscribe(wanted))}
    return Response(201, content_types.APPLICATION_JSON, json.dumps(made, ensure_ascii=False))


@router.delete("/api/admin/subscriptions/<subscription_id>")
def unsubscribe(subscription_id: str) -> Response[str]:
    admin_only()
    teams().unsubscribe(subscription_id)
    return Response(204, content_types.APPLICATION_JSON, "")
