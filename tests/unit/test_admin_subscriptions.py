"""An admin subscribes teams (email, or SMS to a UK mobile) to an area or a whole district, in the
team's language; each team gets exactly one message per tasking of its area (or district), in both
languages, its own first.

moto keeps no email or SMS deliveries, but it applies filter policies to SQS subscriptions: each
team's subscription is proved by a probe queue subscribed with the very filter policy the route gave
the team's subscription, read back from SNS.
"""

import json
from typing import Any

import pytest
from local.lambdas import LambdaContext

from bobbies.domain.times import utc_text
from bobbies.notify.subscriptions import TeamSubscriptions
from tests.conftest import admin_event, load_handler
from tests.unit.admin_calls import admin, probe, received, sns_subscriptions
from tests.unit.conftest import LocalAws
from tests.unit.test_nightly import after_close, apply_stream, vote

TEAMS: dict[str, dict[str, str]] = {
    "bangor-cy": {
        "protocol": "email",
        "endpoint": "bangor.tim@example.org",
        "area": "bangor",
        "language": "cy",
    },
    "west-en": {"protocol": "sms", "endpoint": "07400 911234", "district": "west", "language": "en"},
    "wrexham-en": {
        "protocol": "email",
        "endpoint": "wrexham@example.org",
        "area": "wrexham",
        "language": "en",
    },
    "east-cy": {"protocol": "sms", "endpoint": "+44 7811 654321", "district": "east", "language": "cy"},
}


def subscribed(seeded: LocalAws) -> dict[str, dict[str, Any]]:
    made = {}
    for team, body in TEAMS.items():
        status, answer = admin("POST", "/api/admin/subscriptions", body)
        assert status == 201, answer
        made[team] = answer["subscription"]
    return made


def test_a_team_is_subscribed_with_a_filter_policy_for_its_area_and_language(seeded: LocalAws) -> None:
    status, body = admin("POST", "/api/admin/subscriptions", TEAMS["bangor-cy"])
    assert status == 201
    made = body["subscription"]
    assert {key: made[key] for key in ("protocol", "endpoint", "area", "language", "pending")} == {
        "protocol": "email",
        "endpoint": "bangor.tim@example.org",
        "area": "bangor",
        "language": "cy",
        "pending": False,
    }
    (sns,) = sns_subscriptions(seeded)
    assert (sns["Protocol"], sns["Endpoint"]) == ("email", "bangor.tim@example.org")
    assert sns["SubscriptionArn"].endswith(":" + made["id"])
    attributes = seeded.client("sns").get_subscription_attributes(SubscriptionArn=sns["SubscriptionArn"])
    assert json.loads(attributes["Attributes"]["FilterPolicy"]) == {"area": ["bangor"], "language": ["cy"]}


def test_a_phone_number_is_kept_as_e164(seeded: LocalAws) -> None:
    made = subscribed(seeded)
    assert (made["west-en"]["endpoint"], made["east-cy"]["endpoint"]) == ("+447400911234", "+447811654321")
    assert {sub["Endpoint"] for sub in sns_subscriptions(seeded) if sub["Protocol"] == "sms"} == {
        "+447400911234",
        "+447811654321",
    }


def test_a_tasking_reaches_its_area_and_district_teams_once_each_in_their_language(seeded: LocalAws) -> None:
    # Given four teams subscribed through the console, and a probe queue for each, subscribed with
    # the filter policy SNS holds for that team's subscription
    team_of = {made["id"]: team for team, made in subscribed(seeded).items()}
    sns = seeded.client("sns")
    probes = {}
    for listed in sns_subscriptions(seeded):
        policy = sns.get_subscription_attributes(SubscriptionArn=listed["SubscriptionArn"])["Attributes"]
        team = team_of[listed["SubscriptionArn"].rsplit(":", 1)[1]]
        probes[team] = probe(seeded, team, policy["FilterPolicy"])
    assert probes.keys() == TEAMS.keys()

    # When Bangor (west) meets its quorum and the nightly run issues its tasking
    vote("bangor", "ann", speeding=4, drugs=6)
    vote("bangor", "bob", drugs=10)
    apply_stream(seeded)
    nightly = load_handler("NightlyTaskingsFunction")
    report = nightly({"scheduledTime": utc_text(after_close())}, LambdaContext())
    assert report["published"] == 1

    # Then Bangor's team and the West's get exactly one message each; Wrexham's and the East's none
    got = {team: received(seeded, url) for team, url in probes.items()}
    assert {team: len(messages) for team, messages in got.items()} == {
        "bangor-cy": 1,
        "west-en": 1,
        "wrexham-en": 0,
        "east-cy": 0,
    }
    # each in both languages, the team's own first: email, SMS and subject alike
    (welsh,), (english,) = got["bangor-cy"], got["west-en"]
    cy_email, en_email = "Tasg newydd ar gyfer Bangor", "New tasking for Bangor"
    assert welsh["email"].startswith(cy_email) and en_email in welsh["email"]
    assert english["email"].startswith(en_email) and cy_email in english["email"]
    cy_sms, en_sms = "Tasg Bangor: Delio cyffuriau.", "Tasking Bangor: Drug dealing."
    assert welsh["sms"].startswith(cy_sms) and f"\n{en_sms}" in welsh["sms"]
    assert english["sms"].startswith(en_sms) and f"\n{cy_sms}" in english["sms"]
    assert welsh["subject"].startswith("Tasg / Tasking") and english["subject"].startswith("Tasking / Tasg")
    assert welsh["attributes"]["reference"] == english["attributes"]["reference"]


def test_an_admin_lists_teams_by_area_or_district_and_removes_one(seeded: LocalAws) -> None:
    made = subscribed(seeded)
    everyone = admin("GET", "/api/admin/subscriptions")[1]["subscriptions"]
    assert sorted(sub["id"] for sub in everyone) == sorted(sub["id"] for sub in made.values())
    by_area = admin_list(area="bangor")
    assert [(sub["endpoint"], sub["area"], sub["language"]) for sub in by_area] == [
        ("bangor.tim@example.org", "bangor", "cy")
    ]
    assert [sub["endpoint"] for sub in admin_list(district="west")] == ["+447400911234"]

    # When one is removed, it is gone from SNS and the list; removing it again is a 404
    status, body = admin("DELETE", f"/api/admin/subscriptions/{made['bangor-cy']['id']}")
    assert (status, body) == (204, None)
    assert admin_list(area="bangor") == []
    assert "bangor.tim@example.org" not in {sub["Endpoint"] for sub in sns_subscriptions(seeded)}
    status, body = admin("DELETE", f"/api/admin/subscriptions/{made['bangor-cy']['id']}")
    assert (status, body["error"]["code"]) == (404, "subscription_not_found")


def admin_list(**query: str) -> list[dict[str, Any]]:
    event = admin_event("GET", "/api/admin/subscriptions", groups=("admin",), query=query)
    response = load_handler("AdminFunction")(event, LambdaContext())
    assert response["statusCode"] == 200, response["body"]
    return list(json.loads(response["body"])["subscriptions"])


class PendingSns:
    """SNS as it lists an email subscription the team has not confirmed yet (moto confirms at once)."""

    def get_paginator(self, _: str) -> Any:
        class Pages:
            def paginate(self, **_: Any) -> list[dict[str, Any]]:
                return [
                    {
                        "Subscriptions": [
                            {
                                "SubscriptionArn": "PendingConfirmation",
                                "Protocol": "email",
                                "Endpoint": "new@x.org",
                            }
                        ]
                    }
                ]

        return Pages()


def test_a_subscription_awaiting_confirmation_is_listed_as_pending() -> None:
    (pending,) = TeamSubscriptions("arn:aws:sns:eu-west-2:1:TaskingTopic", PendingSns()).all()
    assert (pending.id, pending.endpoint, pending.pending, pending.scope) == (None, "new@x.org", True, None)


BAD = {
    "not an object": (["email"], 400, "invalid_subscription"),
    "unknown field": ({**TEAMS["bangor-cy"], "name": "Tîm"}, 400, "unknown_subscription_field"),
    "fax": ({**TEAMS["bangor-cy"], "protocol": "fax"}, 422, "invalid_protocol"),
    "no address": ({**TEAMS["bangor-cy"], "endpoint": ""}, 422, "invalid_email"),
    "bad address": ({**TEAMS["bangor-cy"], "endpoint": "bangor at example"}, 422, "invalid_email"),
    "short number": ({**TEAMS["west-en"], "endpoint": "12345"}, 422, "not_a_uk_mobile"),
    "landline": ({**TEAMS["west-en"], "endpoint": "01248 123456"}, 422, "not_a_uk_mobile"),
    "abroad": ({**TEAMS["west-en"], "endpoint": "+1 202 555 0100"}, 422, "not_a_uk_mobile"),
    "language": ({**TEAMS["bangor-cy"], "language": "fr"}, 422, "invalid_team_language"),
    "both": ({**TEAMS["bangor-cy"], "district": "west"}, 422, "subscription_scope"),
    "neither": ({k: v for k, v in TEAMS["bangor-cy"].items() if k != "area"}, 422, "subscription_scope"),
    "no such area": ({**TEAMS["bangor-cy"], "area": "atlantis"}, 404, "area_not_found"),
    "no such district": ({**TEAMS["west-en"], "district": "north"}, 422, "district_not_found"),
}


@pytest.mark.parametrize("case", BAD)
def test_a_bad_subscription_is_refused_and_nothing_is_subscribed(seeded: LocalAws, case: str) -> None:
    body, status, code = BAD[case]
    answered, refused = admin("POST", "/api/admin/subscriptions", body)
    assert (answered, refused["error"]["code"]) == (status, code)
    assert sns_subscriptions(seeded) == []


def test_an_address_already_subscribed_is_a_conflict(seeded: LocalAws) -> None:
    admin("POST", "/api/admin/subscriptions", TEAMS["bangor-cy"])
    status, body = admin("POST", "/api/admin/subscriptions", {**TEAMS["bangor-cy"], "area": "wrexham"})
    assert (status, body["error"]["code"]) == (409, "already_subscribed")
    (only,) = admin_list()
    assert only["area"] == "bangor"


@pytest.mark.parametrize("query", [{"area": "bangor", "district": "west"}, {"area": "x" * 41}])
def test_a_list_asked_for_two_ways_is_refused(seeded: LocalAws, query: dict[str, str]) -> None:
    event = admin_event("GET", "/api/admin/subscriptions", groups=("admin",), query=query)
    response = load_handler("AdminFunction")(event, LambdaContext())
    assert (response["statusCode"], json.loads(response["body"])["error"]["code"]) == (400, "invalid_query")


@pytest.mark.parametrize("subscription_id", ["nonsense", "00000000-0000-0000-0000-000000000000"])
def test_removing_an_unknown_subscription_is_a_404(seeded: LocalAws, subscription_id: str) -> None:
    status, body = admin("DELETE", f"/api/admin/subscriptions/{subscription_id}")
    assert (status, body["error"]["code"]) == (404, "subscription_not_found")


def test_a_force_systems_queue_is_not_a_team_to_list_or_remove(seeded: LocalAws) -> None:
    url = probe(seeded, "force", json.dumps({"language": ["cy"]}))
    assert admin_list() == []
    (queue,) = sns_subscriptions(seeded)
    status, _ = admin("DELETE", f"/api/admin/subscriptions/{queue['SubscriptionArn'].rsplit(':', 1)[1]}")
    assert status == 404 and len(sns_subscriptions(seeded)) == 1 and url


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/api/admin/subscriptions", None),
        ("POST", "/api/admin/subscriptions", TEAMS["bangor-cy"]),
        ("DELETE", "/api/admin/subscriptions/00000000-0000-0000-0000-000000000000", None),
    ],
)
def test_only_admins_look_after_subscriptions(seeded: LocalAws, method: str, path: str, body: Any) -> None:
    for groups in (("moderator",), ("officer",)):
        status, refused = admin(method, path, body, groups=groups)
        assert (status, refused["error"]["code"]) == (403, "wrong_group")
    response = load_handler("AdminFunction")(admin_event(method, path, body, username=None), LambdaContext())
    assert response["statusCode"] == 401
    assert sns_subscriptions(seeded) == []


def test_the_open_round_is_untouched_by_subscribing(seeded: LocalAws) -> None:
    """Subscriptions live in SNS alone: no table changes."""
    before = seeded.snapshot()
    subscribed(seeded)
    assert seeded.snapshot() == before


def test_no_team_address_reaches_the_logs(
    seeded: LocalAws, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")  # what the function logs on AWS (POWERTOOLS_LOG_LEVEL)
    made = subscribed(seeded)
    admin("GET", "/api/admin/subscriptions")
    admin("POST", "/api/admin/subscriptions", TEAMS["bangor-cy"])  # refused: already subscribed
    admin("DELETE", f"/api/admin/subscriptions/{made['west-en']['id']}")
    logged = capsys.readouterr().out + caplog.text
    assert "request refused" in logged  # the logs were captured
    addresses = [body["endpoint"] for body in TEAMS.values()] + [sub["endpoint"] for sub in made.values()]
    assert [address for address in addresses if address in logged] == []
