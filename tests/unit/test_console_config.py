"""`make console-config`: the police console's config.json from a deployed stack's outputs."""

import json
from pathlib import Path

import boto3
import pytest
from local.console_config import MissingOutput, console_config, main
from local.template import load_template
from moto import mock_aws


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


def test_make_console_config_writes_the_file_from_the_deployed_stack(tmp_path: Path) -> None:
    outputs = {
        "StaffRegion": "eu-west-2",
        "StaffUserPoolId": "eu-west-2_Pool1",
        "StaffConsoleClientId": "client1",
    }
    template = {
        "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}},
        "Outputs": {key: {"Value": value} for key, value in outputs.items()},
    }
    with mock_aws():
        boto3.client("cloudformation", region_name="eu-west-2").create_stack(
            StackName="bobbies", TemplateBody=json.dumps(template)
        )
        assert main(["bobbies", "--region", "eu-west-2", "--out", str(tmp_path / "config.json")]) == 0
    assert json.loads((tmp_path / "config.json").read_text())["userPoolId"] == "eu-west-2_Pool1"
