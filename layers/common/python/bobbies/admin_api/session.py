"""Who the console is signed in as."""

from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import Router

from bobbies.auth import MODERATOR, OFFICER, Caller, caller_of, require

router = Router()


def caller(*groups: str) -> Caller:
    """The signed-in caller of the current request, refused unless in one of the groups."""
    return require(caller_of(router.current_event.raw_event), *groups)


@router.get("/api/admin/me")
def me() -> dict[str, Any]:
    signed_in = caller(MODERATOR, OFFICER)
    return {
        "username": signed_in.username,
        "groups": sorted(signed_in.groups),
        "district": signed_in.district,
    }
