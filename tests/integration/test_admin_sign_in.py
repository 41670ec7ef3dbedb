"""Staff sign in to the police console on one machine, and only their ID tokens open the admin routes:
through the real local gateway and moto's Cognito, for every admin route template.yaml declares."""

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests
from local.runner_info import live_runner_info
from local.staff import read_demo_users
from local.template import functions
from local.testing import COGNITO_TARGET, RunnerProcess, runner_process, sign_in

from tests.tokens import another_key, moto_key, signed, unverified_claims

REGION = "eu-west-2"


def admin_requests() -> list[tuple[str, str]]:
    """(method, path) for every admin route of the template, path parameters filled in."""
    found = []
    for spec in functions():
        for route in spec.routes:
            if route.path.startswith("/api/admin"):
                path = re.sub(r"\{[^}]+\}", "sample", route.path)
                methods = ["GET", "POST"] if route.method == "ANY" else [route.method]
                found += [(method, path) for method in methods]
    return found


ADMIN_REQUESTS = admin_requests()


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunnerProcess]:
    env = {"BOBBIES_SEED": "0"}
    with runner_process(tmp_path_factory.mktemp("sign-in") / "state", env=env) as started:
        yield started


def cognito(runner: RunnerProcess) -> Any:
    info = live_runner_info(runner.paths)
    assert info is not None
    return boto3.client(
        "cognito-idp",
        endpoint_url=info.moto_endpoint,
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def initiate_auth(runner: RunnerProcess, client_id: str, username: str, password: str) -> dict[str, Any]:
    """InitiateAuth as the page makes it: at config.json's cognitoEndpoint, without AWS credentials."""
    answer = requests.post(
        f"{runner.url}/local/cognito/",
        headers={"X-Amz-Target": COGNITO_TARGET, "Content-Type": "application/x-amz-json-1.1"},
        json={
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": client_id,
            "AuthParameters": {"USERNAME": username, "PASSWORD": password},
        },
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return dict(answer.json()["AuthenticationResult"])


def new_user(client: Any, pool_id: str, username: str, group: str | None = None) -> str:
    password = "Local-test-pass-123!"
    client.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS")
    client.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=password, Permanent=True)
    if group:
        client.admin_add_user_to_group(UserPoolId=pool_id, Username=username, GroupName=group)
    return password


def config(runner: RunnerProcess) -> dict[str, Any]:
    answer = requests.get(f"{runner.url}/police/config.json", timeout=10)
    assert answer.status_code == 200
    return dict(answer.json())


@pytest.fixture(scope="module")
def refused_tokens(runner: RunnerProcess) -> dict[str, str]:
    """Authorization headers the admin routes must refuse, by what is wrong with them."""
    client, settings = cognito(runner), config(runner)
    admin = read_demo_users(runner.paths)[-1]
    real = sign_in(runner, "admin")
    claims = unverified_claims(real)
    # Another app client of the same pool, and another pool: real moto tokens, signed by moto's one key.
    other_client = client.create_user_pool_client(
        UserPoolId=settings["userPoolId"],
        ClientName="another-app",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"],
    )["UserPoolClient"]["ClientId"]
    other_pool = client.create_user_pool(PoolName="another-pool")["UserPool"]["Id"]
    other_pool_client = client.create_user_pool_client(
        UserPoolId=other_pool, ClientName="police-console", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"]
    )["UserPoolClient"]["ClientId"]
    client.create_group(UserPoolId=other_pool, GroupName="admin")
    stranger_password = new_user(client, other_pool, "stranger", "admin")
    tokens = {
        "no token": "",
        "signed by another key": signed(claims, another_key()),
        "another audience": initiate_auth(runner, other_client, admin.username, admin.password)["IdToken"],
        "another pool": initiate_auth(runner, other_pool_client, "stranger", stranger_password)["IdToken"],
        "expired": signed({**claims, "exp": int(time.time()) - 1}, moto_key()),
        "an access token": initiate_auth(runner, settings["clientId"], admin.username, admin.password)[
            "AccessToken"
        ],
        "garbage": "garbage",
        "bearer alone": "Bearer",
        "three dots": "Bearer a.b.c",
        "a changed signature": real[:-6] + "AAAAAA",
        "not latin-1 safe": "Bearer \u00e9\u00e9.\u00e9.\u00e9",
    }
    assert "another pool" and unverified_claims(tokens["another pool"])["iss"] != claims["iss"]
    return tokens


@pytest.mark.parametrize("method, path", ADMIN_REQUESTS)
def test_every_admin_route_refuses_all_but_the_pools_id_tokens(
    runner: RunnerProcess, refused_tokens: dict[str, str], method: str, path: str
) -> None:
    for why, header in refused_tokens.items():
        headers = {"Authorization": header.encode("utf-8").decode("latin-1")} if header else {}
        answer = requests.request(method, f"{runner.url}{path}", headers=headers, json={}, timeout=30)
        assert answer.status_code == 401, (why, answer.status_code, answer.text)
        assert answer.json()["error"]["code"] == "sign_in_needed", why


@pytest.mark.parametrize("method, path", ADMIN_REQUESTS)
def test_every_admin_route_runs_for_a_signed_in_admin(runner: RunnerProcess, method: str, path: str) -> None:
    answer = requests.request(
        method,
        f"{runner.url}{path}",
        headers={"Authorization": sign_in(runner, "admin")},
        json={},
        timeout=30,
    )
    assert answer.status_code not in (401, 403) and answer.status_code < 500, answer.text


@pytest.mark.parametrize("group, district", [("moderator", None), ("officer", "west"), ("admin", None)])
def test_me_says_who_is_signed_in(runner: RunnerProcess, group: str, district: str | None) -> None:
    token = sign_in(runner, group)
    answer = requests.get(
        f"{runner.url}/api/admin/me", headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"username": f"{group}-demo", "groups": [group], "district": district}


def test_staff_in_no_group_get_wrong_group(runner: RunnerProcess) -> None:
    settings, client = config(runner), cognito(runner)
    password = new_user(client, settings["userPoolId"], "new-starter")
    token = initiate_auth(runner, settings["clientId"], "new-starter", password)["IdToken"]
    answer = requests.get(f"{runner.url}/api/admin/me", headers={"Authorization": token}, timeout=30)
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "wrong_group"


def test_the_cognito_door_takes_only_the_calls_a_browser_may_make(runner: RunnerProcess) -> None:
    answer = requests.post(
        f"{runner.url}/local/cognito/",
        headers={"X-Amz-Target": "AWSCognitoIdentityProviderService.AdminCreateUser"},
        json={"UserPoolId": config(runner)["userPoolId"], "Username": "intruder"},
        timeout=30,
    )
    assert answer.status_code == 400
    assert "intruder" not in {
        user["Username"]
        for user in cognito(runner).list_users(UserPoolId=config(runner)["userPoolId"])["Users"]
    }


def test_no_token_password_or_username_reaches_the_logs(runner: RunnerProcess) -> None:
    secrets = [sign_in(runner, group) for group in ("moderator", "officer", "admin")]
    for user in read_demo_users(runner.paths):
        secrets += [user.password, user.username]
    logs = [runner.paths.functions_log, runner.paths.moto_log]
    written = "\n".join(log.read_text(errors="replace") for log in logs if log.exists())
    assert [secret for secret in secrets if secret in written] == []
    # The runner's terminal shows the demo passwords once, in its banner, and never a token.
    console = runner.console_log.read_text(errors="replace")
    assert not any(token in console for token in secrets[:3])
    # and a sign-in's password and tokens are not written to the saved state's recording
    assert "InitiateAuth" not in runner.paths.recording.read_text(errors="replace")


def test_after_a_restart_the_same_users_sign_in_and_earlier_tokens_still_work(runner: RunnerProcess) -> None:
    before, passwords, earlier = config(runner), read_demo_users(runner.paths), sign_in(runner, "officer")
    runner.restart()
    assert config(runner) == before
    assert read_demo_users(runner.paths) == passwords
    for token in (earlier, sign_in(runner, "officer")):
        answer = requests.get(f"{runner.url}/api/admin/me", headers={"Authorization": token}, timeout=30)
        assert answer.status_code == 200 and answer.json()["username"] == "officer-demo"


def test_the_runner_says_how_to_sign_in(runner: RunnerProcess) -> None:
    console = runner.console_log.read_text(errors="replace")
    assert f"police console {runner.url}/police/" in console
    for user in read_demo_users(runner.paths):
        assert re.search(rf"{user.username}\s+{re.escape(user.password)}\s+\({user.group}", console)


def test_config_json_names_the_pool_and_client_the_runner_made(runner: RunnerProcess) -> None:
    info = live_runner_info(runner.paths)
    assert info is not None
    assert config(runner) == {
        "region": REGION,
        "userPoolId": info.resources["user_pools"]["StaffUserPool"],
        "clientId": info.resources["user_pool_clients"]["StaffConsoleClient"],
        "cognitoEndpoint": "/local/cognito/",
    }
    assert Path(runner.paths.root / "demo-users.json").stat().st_mode & 0o077 == 0
