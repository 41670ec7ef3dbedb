"""Verification by SMS code on the whole local stack (BOBBIES_VERIFICATION=1), over HTTP as the page
talks to it: the texts the runner keeps (`make sms`), the journey in both languages, a scripted
flood of made-up tokens, and no number or code in any log line, table item or recording."""

import re
import secrets
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
import requests
from local.paths import REPO
from local.runner_info import live_runner_info
from local.testing import RunnerProcess, runner_process
from local.waiting import eventually

NUMBERS = {"en": ("07400 123456", "+447400123456"), "cy": ("07400 654321", "+447400654321")}


@pytest.fixture(scope="module")
def verifying_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunnerProcess]:
    state = tmp_path_factory.mktemp("verifying") / "state"
    with runner_process(state, env={"BOBBIES_VERIFICATION": "1"}) as stack:
        yield stack


def post(stack: RunnerProcess, path: str, body: Any, lang: str = "en") -> requests.Response:
    return requests.post(f"{stack.url}/api{path}", json=body, headers={"Accept-Language": lang}, timeout=30)


def code_for(stack: RunnerProcess, e164: str) -> str:
    assert eventually(lambda: any(text["to"] == e164 for text in stack.texts()), timeout=20)
    text = [text for text in stack.texts() if text["to"] == e164][-1]["text"]
    return re.findall(r"\b[0-9]{6}\b", text)[0]


def first_priority(stack: RunnerProcess, area: str) -> tuple[str, dict[str, Any]]:
    ballot = requests.get(f"{stack.url}/api/areas/{area}/ballot", timeout=30).json()
    return ballot["priorities"][0]["id"], ballot


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_a_resident_confirms_a_number_votes_and_revotes(verifying_stack: RunnerProcess, lang: str) -> None:
    stack, (typed, e164) = verifying_stack, NUMBERS[lang]
    area = "bangor" if lang == "en" else "wrexham"
    priority, ballot = first_priority(stack, area)
    assert ballot["verification"] is True
    device = secrets.token_urlsafe(24)
    sent = post(stack, "/verifications", {"phone": typed, "areaId": area, "language": lang, "device": device})
    assert sent.status_code == 202, sent.text
    code = code_for(stack, e164)
    printed = subprocess.run(
        [sys.executable, "-m", "local.sms"],
        cwd=REPO,
        env=stack.env(),
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert code in printed and e164 in printed  # `make sms`
    granted = post(stack, f"/verifications/{sent.json()['challenge']}/confirmation", {"code": code}).json()
    body = {"voter": device, "allocations": {priority: ballot["budget"]}, "pass": granted["pass"]}
    first, again = post(stack, f"/areas/{area}/ballots", body), post(stack, f"/areas/{area}/ballots", body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert eventually(lambda: results(stack, area)["ballots"] >= 1, timeout=30)


def results(stack: RunnerProcess, area: str) -> dict[str, Any]:
    return dict(requests.get(f"{stack.url}/api/areas/{area}/results", timeout=30).json())


def test_25_ballots_with_made_up_tokens_from_one_machine_count_none(verifying_stack: RunnerProcess) -> None:
    stack, area = verifying_stack, "rhyl"
    priority, ballot = first_priority(stack, area)
    before = results(stack, area)["ballots"]
    answers = [
        post(
            stack,
            f"/areas/{area}/ballots",
            {"voter": secrets.token_urlsafe(24), "allocations": {priority: ballot["budget"]}},
        )
        for _ in range(25)
    ]
    assert {answer.status_code for answer in answers} == {401}
    assert {answer.json()["error"]["code"] for answer in answers} == {"verification_needed"}
    assert results(stack, area)["ballots"] == before


def test_no_number_or_code_is_in_any_log_table_or_recording(verifying_stack: RunnerProcess) -> None:
    stack = verifying_stack
    sent = post(stack, "/verifications", {"phone": "07400 777888", "areaId": "rhyl", "language": "en",
                                          "device": secrets.token_urlsafe(24)})  # fmt: skip
    code = code_for(stack, "+447400777888")
    post(stack, f"/verifications/{sent.json()['challenge']}/confirmation", {"code": code})
    secrets_sent = {text["to"] for text in stack.texts()} | {
        re.findall(r"\b[0-9]{6}\b", text["text"])[0] for text in stack.texts()
    }
    national = {number.replace("+44", "0") for number in secrets_sent if number.startswith("+44")}
    files = [stack.paths.recording, stack.paths.functions_log, stack.console_log, *stack.paths.logs.glob("*")]
    written = "\n".join(path.read_text(errors="replace") for path in set(files) if path.is_file())
    info = live_runner_info(stack.paths)
    assert info is not None
    dynamodb = boto3.client("dynamodb", endpoint_url=info.moto_endpoint, region_name="eu-west-2")
    stored = str([dynamodb.scan(TableName=table)["Items"] for table in dynamodb.list_tables()["TableNames"]])
    for secret in secrets_sent | national | {number[1:] for number in secrets_sent}:
        assert secret not in written, f"{secret} in a log or the recording"
        assert secret not in stored, f"{secret} in a table"


def test_the_stack_votes_anonymously_when_verification_is_off(stack: RunnerProcess) -> None:
    priority, ballot = first_priority(stack, "bangor")
    assert ballot["verification"] is False
    made_up = {"voter": secrets.token_urlsafe(24), "allocations": {priority: ballot["budget"]}}
    assert post(stack, "/areas/bangor/ballots", made_up).status_code == 201
