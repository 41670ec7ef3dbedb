"""Areas, for admins: list, create, edit (usecases.area_admin says what changes when).

Each route imports its use case when called, so a cold start imports only the routing."""

import json
from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.api_gateway import Router

from bobbies.auth import ADMIN, caller_of, require
from bobbies.domain.errors import Malformed

router = Router()


def admin_only() -> None:
    require(caller_of(router.current_event.raw_event), ADMIN)


def json_body(raw: str | None) -> Any:
    """The body's JSON (http.checked_body has refused what is not JSON text already)."""
    try:
        return json.loads(raw or "")
    except json.JSONDecodeError:
        raise Malformed("invalid_json") from None


@router.get("/api/admin/areas")
def list_areas() -> dict[str, Any]:
    admin_only()
    from bobbies.usecases import area_admin

    return area_admin.list_areas()


@router.post("/api/admin/areas")
def create_area() -> Response[str]:
    admin_only()
    from bobbies.usecases import area_admin

    created = area_admin.create_area(json_body(router.current_event.body), datetime.now(UTC))
    return Response(201, content_types.APPLICATION_JSON, json.dumps(created, ensure_ascii=False))


@router.put("/api/admin/areas/<area_id>")
def edit_area(area_id: str) -> dict[str, Any]:
    admin_only()
    from bobbies.usecases import area_admin

    return area_admin.edit_area(area_id, json_body(router.current_event.body))
