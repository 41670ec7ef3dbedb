"""The staff user pool as the local runner makes it from template.yaml, and its demo users."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from local.paths import StatePaths
from local.staff import DemoUser, demo_users_file, provide_demo_users, read_demo_users, sign_in_text
from local.template import create_resources, load_template
from moto import mock_aws

REGION = "eu-west-2"


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    with mock_aws():
        yield


def client(service: str) -> Any:
    return boto3.client(service, region_name=REGION)  # type: ignore[call-overload]


@pytest.mark.usefixtures("aws")
def test_the_pool_client_and_groups_are_made_as_the_template_says_once() -> None:
    first, again = create_resources(), create_resources()
    assert again.user_pools == first.user_pools and again.user_pool_clients == first.user_pool_clients
    cognito, pool_id = client("cognito-idp"), first.user_pools["StaffUserPool"]
    template = load_template()["Resources"]
    pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 14
    assert pool["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True
    console = cognito.describe_user_pool_client(
        UserPoolId=pool_id, ClientId=first.user_pool_clients["StaffConsoleClient"]
    )["UserPoolClient"]
    wanted = template["StaffConsoleClient"]["Properties"]
    assert console["ExplicitAuthFlows"] == wanted["ExplicitAuthFlows"]
    assert console["PreventUserExistenceErrors"] == "ENABLED" and "ClientSecret" not in console
    groups = {group["GroupName"] for group in cognito.list_groups(UserPoolId=pool_id)["Groups"]}
    assert groups == {"moderator", "officer", "admin"}


@pytest.mark.usefixtures("aws")
def test_one_demo_user_per_group_signs_in_with_the_password_kept_in_the_state(tmp_path: Path) -> None:
    resources, paths = create_resources(), StatePaths(tmp_path)
    cognito, pool_id = client("cognito-idp"), resources.user_pools["StaffUserPool"]
    users = provide_demo_users(cognito, client("secretsmanager"), pool_id, paths)
    assert [(user.username, user.group, user.district) for user in users] == [
        ("moderator-demo", "moderator", None),
        ("officer-demo", "officer", "west"),
        ("admin-demo", "admin", None),
    ]
    assert read_demo_users(paths) == users and demo_users_file(paths).stat().st_mode & 0o077 == 0
    # A start after that keeps the users and their passwords
    assert provide_demo_users(cognito, client("secretsmanager"), pool_id, paths) == users
    officer = users[1]
    answer = cognito.initiate_auth(
        AuthFlow="USER_PASSWORD_AUTH",
        ClientId=resources.user_pool_clients["StaffConsoleClient"],
        AuthParameters={"USERNAME": officer.username, "PASSWORD": officer.password},
    )
    assert "IdToken" in answer["AuthenticationResult"]
    groups = cognito.admin_list_groups_for_user(UserPoolId=pool_id, Username=officer.username)["Groups"]
    assert [group["GroupName"] for group in groups] == ["officer"]


def test_the_banner_names_the_console_and_each_user_with_their_password() -> None:
    text = sign_in_text("http://127.0.0.1:3000", [DemoUser("officer-demo", "officer", "west", "pw-1")])
    assert "http://127.0.0.1:3000/police/" in text
    assert "officer-demo" in text and "pw-1" in text and "district west" in text
    assert sign_in_text("http://127.0.0.1:3000", []) == ""
