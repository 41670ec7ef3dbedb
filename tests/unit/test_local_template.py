"""The local runner's reading of a template: what it resolves, and what it refuses by name."""

import json
import string
from pathlib import Path
from typing import Any

import boto3
import pytest
from local.template import (
    LocalResources,
    TemplateError,
    UnsupportedIntrinsic,
    create_resources,
    function_environment,
    generate_secret_string,
    load_template,
    of_type,
)
from moto import mock_aws

FUNCTION = """
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: {Type: String, Default: test}
Conditions:
  IsTest: !Equals [!Ref Stage, test]
Resources:
  ThingsTable:
    Type: AWS::DynamoDB::Table
    Condition: IsTest
    Properties:
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
  EchoFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: echo/
      Handler: app.lambda_handler
      Environment:
        Variables:
%s
"""


def template(tmp_path: Path, variables: str) -> dict[str, Any]:
    """A one-function template whose function has these environment variables (YAML lines)."""
    path = tmp_path / "template.yaml"
    path.write_text(FUNCTION % "\n".join(f"          {line}" for line in variables.splitlines()))
    return load_template(path)


def environment(tmp_path: Path, variables: str) -> dict[str, str]:
    return function_environment("EchoFunction", LocalResources(), template(tmp_path, variables))


def test_an_unsupported_intrinsic_is_an_error_naming_it_and_where_it_is(tmp_path: Path) -> None:
    # Given a variable set with Fn::Cidr, which the local runner does not evaluate
    variables = 'SUBNETS: !Cidr ["10.0.0.0/16", 2, 8]'
    # When its environment is worked out, Then the error names the function and the place
    with pytest.raises(UnsupportedIntrinsic) as refused:
        environment(tmp_path, variables)
    assert str(refused.value) == (
        "Fn::Cidr in Resources.EchoFunction.Properties.Environment.Variables.SUBNETS"
        " is not supported by the local runner"
    )


def test_an_unsupported_intrinsic_inside_a_supported_one_is_named_too(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedIntrinsic, match=r"^Fn::ImportValue in .*\.NAME\.Fn::Join"):
        environment(tmp_path, 'NAME: !Join ["-", [a, !ImportValue shared-name]]')


def test_a_variable_that_is_not_text_is_refused_not_passed_on_as_json(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match=r"Variables\.SETTINGS is dict"):
        environment(tmp_path, "SETTINGS: {depth: 2}")


def test_an_unsupported_function_in_a_condition_is_named(tmp_path: Path) -> None:
    path = tmp_path / "template.yaml"
    text = FUNCTION % "          A: b"
    path.write_text(text.replace("!Equals [!Ref Stage, test]", "!Contains [[test], !Ref Stage]"))
    with pytest.raises(UnsupportedIntrinsic, match=r"^Fn::Contains in Conditions\.IsTest "):
        of_type("AWS::DynamoDB::Table", load_template(path))


def test_the_supported_intrinsics_give_the_values_cloudformation_would(tmp_path: Path) -> None:
    variables = """
TABLE: !Ref ThingsTable
ARN: !GetAtt ThingsTable.Arn
WHERE: !Sub "${AWS::Region}/${Stage}/${ThingsTable}"
JOINED: !Join [",", [a, !Ref Stage]]
PICKED: !Select [1, !Split [",", "x,y,z"]]
CHOSEN: !If [IsTest, on-test, elsewhere]
LEFT_OUT: !If [IsTest, !Ref AWS::NoValue, kept]
FLAG: true
DAYS: 28
"""
    assert environment(tmp_path, variables) == {
        "TABLE": "ThingsTable",
        "ARN": "arn:aws:dynamodb:eu-west-2:123456789012:table/ThingsTable",
        "WHERE": "eu-west-2/test/ThingsTable",
        "JOINED": "a,test",
        "PICKED": "y",
        "CHOSEN": "on-test",
        "FLAG": "true",
        "DAYS": "28",
    }


@mock_aws
def test_a_generated_secret_follows_every_rule_of_its_template() -> None:
    secretsmanager = boto3.client("secretsmanager")
    rules = {"PasswordLength": 8, "ExcludePunctuation": True, "RequireEachIncludedType": True}
    for _ in range(30):  # short passwords: a generator that ignored a rule would soon break it
        password = generate_secret_string(secretsmanager, rules)
        assert len(password) == 8 and password.isalnum()
        assert all(
            set(password) & set(kind)
            for kind in (string.ascii_lowercase, string.ascii_uppercase, string.digits)
        )


@mock_aws
def test_a_generated_secret_goes_into_its_string_template() -> None:
    spec = {
        "SecretStringTemplate": '{"user": "bobbies"}',
        "GenerateStringKey": "password",
        "PasswordLength": 20,
    }
    secret = json.loads(generate_secret_string(boto3.client("secretsmanager"), spec))
    assert secret["user"] == "bobbies" and len(secret["password"]) == 20


@mock_aws
def test_the_voter_key_is_made_as_the_template_says_and_kept_across_starts() -> None:
    first = create_resources()
    secretsmanager = boto3.client("secretsmanager")
    key = secretsmanager.get_secret_value(SecretId=first.secrets["VoterKeySecret"])["SecretString"]
    assert len(key) == 64 and key.isalnum()
    create_resources()
    assert secretsmanager.get_secret_value(SecretId="VoterKeySecret")["SecretString"] == key
