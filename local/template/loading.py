"""Reading the template: the YAML with its CloudFormation tags, its parameters and pseudo parameters,
and its conditions, which decide which resources exist at all."""

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from cfn_tools import load_yaml  # turns `!Ref X` into {"Ref": "X"}, `!Cidr` into {"Fn::Cidr": ...}

from local.settings import runner_settings

ACCOUNT = "123456789012"  # moto's default account
STACK_NAME = "bobbies-local"  # what AWS::StackName gives

TABLE = "AWS::DynamoDB::Table"
TOPIC = "AWS::SNS::Topic"
QUEUE = "AWS::SQS::Queue"
SECRET = "AWS::SecretsManager::Secret"
FUNCTION = "AWS::Serverless::Function"
LAYER = "AWS::Serverless::LayerVersion"
API = "AWS::Serverless::Api"
USER_POOL = "AWS::Cognito::UserPool"
USER_POOL_CLIENT = "AWS::Cognito::UserPoolClient"
USER_POOL_GROUP = "AWS::Cognito::UserPoolGroup"


class TemplateError(ValueError):
    """The template asks for something the local runner cannot give; the message says where."""


class UnsupportedIntrinsic(TemplateError):
    """An intrinsic function the local runner does not evaluate, named with where it is used."""

    def __init__(self, name: str, where: str) -> None:
        super().__init__(f"{name} in {where} is not supported by the local runner")
        self.name, self.where = name, where


def region() -> str:
    return runner_settings().region


def template_path() -> Path:
    """template.yaml, or another one for tests (BOBBIES_TEMPLATE)."""
    return runner_settings().template


@cache
def _load(path: Path) -> dict[str, Any]:
    return load_yaml(path.read_text(encoding="utf-8"))


def load_template(path: Path | None = None) -> dict[str, Any]:
    return _load(path or template_path())


def pseudo_parameters() -> dict[str, str]:
    return {
        "AWS::Region": region(),
        "AWS::AccountId": ACCOUNT,
        "AWS::StackName": STACK_NAME,
        "AWS::Partition": "aws",
        "AWS::URLSuffix": "amazonaws.com",
    }


def parameter_values(template: Mapping[str, Any]) -> dict[str, str]:
    """Each parameter's default: locally nobody passes parameter overrides."""
    return {name: str(spec.get("Default", "")) for name, spec in template.get("Parameters", {}).items()}


def resources(template: Mapping[str, Any]) -> dict[str, Any]:
    """The resources that exist: those without a condition, or whose condition holds."""
    return {
        logical_id: resource
        for logical_id, resource in template.get("Resources", {}).items()
        if condition_holds(template, resource.get("Condition"))
    }


def of_type(kind: str, template: Mapping[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """Resources of one type, by logical id, with their Properties."""
    template = template or load_template()
    return {
        logical_id: resource.get("Properties") or {}
        for logical_id, resource in resources(template).items()
        if resource["Type"] == kind
    }


def condition_holds(template: Mapping[str, Any], name: str | None) -> bool:
    if name is None:
        return True
    conditions = template.get("Conditions", {})
    if name not in conditions:
        raise TemplateError(f"no condition {name} in Conditions")
    return bool(_evaluate(template, conditions[name], f"Conditions.{name}"))


def _evaluate(template: Mapping[str, Any], node: Any, where: str) -> Any:
    """The condition functions (Fn::Not, Equals, And, Or, Condition) over parameters."""
    if not isinstance(node, Mapping):
        return node
    (name, arg), *_ = node.items()
    if name == "Condition":
        return condition_holds(template, arg)
    if name == "Ref":
        known = {**pseudo_parameters(), **parameter_values(template)}
        if arg not in known:
            raise TemplateError(f"{where} refers to {arg}, which is not a parameter")
        return known[arg]
    if name not in ("Fn::Not", "Fn::Equals", "Fn::And", "Fn::Or"):
        raise UnsupportedIntrinsic(name, where)
    values = [_evaluate(template, item, f"{where}.{name}[{i}]") for i, item in enumerate(arg)]
    match name:
        case "Fn::Not":
            return not values[0]
        case "Fn::Equals":
            return values[0] == values[1]
        case "Fn::And":
            return all(values)
        case _:
            return any(values)
