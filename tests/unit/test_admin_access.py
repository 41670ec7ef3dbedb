"""The police console's API lets staff in by group: nobody signed in gets 401, the wrong group 403,
each in the error shape and in the language asked for."""

import json

from local.lambdas import LambdaContext

from bobbies.auth import groups_of
from tests.conftest import admin_event, load_handler


def _call(event: dict) -> tuple[int, dict]:
    response = load_handler("AdminFunction")(event, LambdaContext())
    return response["statusCode"], json.loads(response["body"])


def test_nobody_signed_in_is_asked_to_sign_in() -> None:
    event = admin_event("GET", "/api/admin/me", username=None)
    event["headers"]["Accept-Language"] = "cy"
    status, body = _call(event)
    assert status == 401
    assert body["error"] == {
        "code": "sign_in_needed",
        "message": "Mewngofnodwch i gonsol yr heddlu i wneud hyn.",
    }


def test_a_signed_in_person_in_no_group_is_refused() -> None:
    status, body = _call(admin_event("GET", "/api/admin/me", groups=()))
    assert (status, body["error"]["code"]) == (403, "wrong_group")


def test_staff_see_who_they_are_signed_in_as() -> None:
    status, body = _call(admin_event("GET", "/api/admin/me", groups=("officer",), district="west"))
    assert status == 200
    assert body == {"username": "officer-demo", "groups": ["officer"], "district": "west"}


def test_an_unknown_admin_path_is_a_404_in_the_error_shape() -> None:
    status, body = _call(admin_event("GET", "/api/admin/nothing-here", groups=("admin",)))
    assert (status, body["error"]["code"]) == (404, "not_found")


def test_groups_read_as_api_gateway_writes_them() -> None:
    assert groups_of("moderator,admin") == {"moderator", "admin"}
    assert groups_of("[moderator admin]") == {"moderator", "admin"}
    assert groups_of(["officer"]) == {"officer"}
    assert groups_of(None) == frozenset()
