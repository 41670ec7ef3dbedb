"""The team's side of a tasking (officers of its district; admins any): the district's taskings with
their flags, one by its reference, acknowledging it, progress notes and the outcome that completes it,
and how current each area's tasking is. The officer's username is kept with each change, never logged.

Each route imports its use case when called, so a cold start imports only the routing."""

from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.api_gateway import Router

from bobbies.api_input import area_query, tasking_change_body
from bobbies.auth import OFFICER, Caller, caller_of, require

router = Router()


def _officer() -> Caller:
    return require(caller_of(router.current_event.raw_event), OFFICER)


def _query(name: str) -> str | None:
    return area_query((router.current_event.query_string_parameters or {}).get(name))


def _change(field: str | None) -> Any:
    return tasking_change_body(router.current_event.body or "", field)


def _now() -> datetime:
    return datetime.now(UTC)


@router.get("/api/admin/taskings")
def list_taskings() -> dict[str, Any]:
    from bobbies.usecases import console_taskings

    return console_taskings.list_for(_officer(), _query("district"), _query("status"), _now())


@router.get("/api/admin/taskings/<reference>")
def get_tasking(reference: str) -> dict[str, Any]:
    from bobbies.usecases import console_taskings

    return console_taskings.get_for(_officer(), reference, _now())


@router.post("/api/admin/taskings/<reference>/acknowledgement")
def acknowledge(reference: str) -> dict[str, Any]:
    from bobbies.usecases import console_taskings

    signed_in = _officer()
    _change(None)
    return console_taskings.acknowledge(signed_in, reference, _now())


@router.post("/api/admin/taskings/<reference>/progress")
def add_progress(reference: str) -> Response:
    from bobbies.usecases import console_taskings

    signed_in = _officer()
    shown = console_taskings.add_progress(signed_in, reference, _change("note"), _now())
    return Response(201, content_types.APPLICATION_JSON, body=shown)


@router.post("/api/admin/taskings/<reference>/outcome")
def complete(reference: str) -> dict[str, Any]:
    from bobbies.usecases import console_taskings

    signed_in = _officer()
    return console_taskings.complete(signed_in, reference, _change("outcome"), _now())


@router.get("/api/admin/currency")
def currency() -> dict[str, Any]:
    from bobbies.usecases import console_taskings

    return console_taskings.currency(_officer(), _query("district"), _now())
