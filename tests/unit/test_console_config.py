"""`make console-config`: the police console's config.json from a deployed stack's outputs."""

import json
from pathlib import Path
from typing import Any

import pytest
from local.console_config import MissingOutput, console_config, write_config
from local.template import load_template


def test_config_json_comes_from_the_stacks_staff_outputs() -> None:
    outputs = [
        {"OutputKey": "SiteUrl", "OutputValue": "https://example.cloudfront.net/"},
        {"OutputKey": "StaffRegion", "OutputValue": "eu-west-2"},
        {"OutputKey": "StaffUserPoolId", "OutputValue": "eu-west-2_AbCdEf123"},
        {"OutputKey": "StaffConsoleClientId", "OutputValue": "1example23456789"},
    ]
    assert console_config(outputs) == {
        "region": "eu-west-2",
        "userPoolId": "eu-west-2_AbCdEf123",
        "clientId": "1example23456789",
        "cognitoEndpoint": "https://cognito-idp.eu-west-2.amazonaws.com/",
    }


def test_a_stack_from_an_older_template_is_named_not_half_written() -> None:
    with pytest.raises(MissingOutput, match="StaffUserPoolId, StaffConsoleClientId"):
        console_config([{"OutputKey": "StaffRegion", "OutputValue": "eu-west-2"}])


def test_the_template_has_the_outputs_it_reads() -> None:
    outputs = load_template()["Outputs"]
    assert {"StaffRegion", "StaffUserPoolId", "StaffConsoleClientId"} <= set(outputs)


class DeployedStack:
    """Answers describe_stacks as CloudFormation does for a deployed stack."""

    def __init__(self, outputs: dict[str, str]) -> None:
        self.outputs = [{"OutputKey": key, "OutputValue": value} for key, value in outputs.items()]

    def describe_stacks(self, StackName: str) -> dict[str, Any]:
        return {"Stacks": [{"StackName": StackName, "Outputs": self.outputs}]}


def test_make_console_config_writes_the_file_from_the_deployed_stack(tmp_path: Path) -> None:
    stack = DeployedStack(
        {"StaffRegion": "eu-west-2", "StaffUserPoolId": "eu-west-2_Pool1", "StaffConsoleClientId": "client1"}
    )
    write_config(stack, "bobbies", tmp_path / "config.json")
    written = json.loads((tmp_path / "config.json").read_text())
    assert written["userPoolId"] == "eu-west-2_Pool1" and written["clientId"] == "client1"
