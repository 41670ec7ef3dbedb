"""Moderators' routes: the queue of residents' proposals and a decision on each (moderator or admin).

Each route imports its use case when called, so a cold start imports only the routing."""

from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import Router

from bobbies.admin_api.session import caller
from bobbies.api_input import area_query, json_body, page_cursor, page_limit
from bobbies.auth import MODERATOR

router = Router()


@router.get("/api/admin/proposals")
def list_proposals() -> dict[str, Any]:
    caller(MODERATOR)
    from bobbies.domain.proposals import PENDING
    from bobbies.usecases import moderation

    query = router.current_event.get_query_string_value
    limit, cursor = page_limit(query("limit")), page_cursor(query("cursor"))
    return moderation.queue(area_query(query("area")), query("status") or PENDING, limit, cursor)


@router.post("/api/admin/proposals/<reference>/decision")
def decide(reference: str) -> dict[str, Any]:
    signed_in = caller(MODERATOR)
    from bobbies.usecases import moderation

    body = json_body(router.current_event.body or "")
    return moderation.decide(reference, body, signed_in.username, datetime.now(UTC))
