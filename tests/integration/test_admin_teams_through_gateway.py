"""An admin, signed in, looks after areas and team subscriptions through the local gateway: the new
area is found by postcode at once, and a team's subscription reaches moto's SNS through the runner
and is listed and removed again."""

from typing import Any

import requests
from local.testing import RunnerProcess, sign_in


def call(stack: RunnerProcess, token: str, method: str, path: str, body: Any = None) -> requests.Response:
    return requests.request(
        method, f"{stack.url}{path}", headers={"Authorization": token}, json=body, timeout=30
    )


def test_an_admin_adds_an_area_and_subscribes_its_team(stack: RunnerProcess) -> None:
    token = sign_in(stack, "admin")
    area = {
        "id": "ynys-enlli",
        "name": {"en": "Bardsey Island", "cy": "Ynys Enlli"},
        "district": "west",
        "postcodes": ["ZZ9 9"],
        "budget": 10,
        "quorum": 2,
        "roundDays": 28,
    }
    made = call(stack, token, "POST", "/api/admin/areas", area)
    assert made.status_code == 201, made.text
    found = requests.get(f"{stack.url}/api/postcodes/ZZ9 9XY", timeout=30)
    assert found.status_code == 200 and found.json()["area"]["name"]["cy"] == "Ynys Enlli"

    team = {"protocol": "sms", "endpoint": "07811 654321", "area": "ynys-enlli", "language": "cy"}
    subscribed = call(stack, token, "POST", "/api/admin/subscriptions", team)
    assert subscribed.status_code == 201, subscribed.text
    listed = call(stack, token, "GET", "/api/admin/subscriptions?area=ynys-enlli").json()["subscriptions"]
    assert [(sub["endpoint"], sub["language"]) for sub in listed] == [("+447811654321", "cy")]

    removed = call(stack, token, "DELETE", f"/api/admin/subscriptions/{listed[0]['id']}")
    assert removed.status_code == 204
    left = call(stack, token, "GET", "/api/admin/subscriptions?area=ynys-enlli").json()
    assert left == {"subscriptions": []}

    # and an officer may do none of it
    officer = sign_in(stack, "officer")
    assert call(stack, officer, "GET", "/api/admin/subscriptions").status_code == 403
