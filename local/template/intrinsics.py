"""The intrinsic functions (`!Ref`, `!GetAtt`, `!Sub`, ...), evaluated to local names and ARNs.

A function the runner does not evaluate is an UnsupportedIntrinsic naming it and where it is used,
never a dict passed on (into an environment variable, say) for a function to trip over later."""

import base64
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from local.template.loading import (
    ACCOUNT,
    FUNCTION,
    QUEUE,
    SECRET,
    TABLE,
    TOPIC,
    USER_POOL,
    USER_POOL_CLIENT,
    TemplateError,
    UnsupportedIntrinsic,
    condition_holds,
    load_template,
    parameter_values,
    pseudo_parameters,
    region,
    resources,
)


@dataclass
class LocalResources:
    """The local stack's resources by logical id: what `!Ref` and `!GetAtt` resolve to."""

    tables: dict[str, str] = field(default_factory=dict)  # logical id -> table name
    stream_arns: dict[str, str] = field(default_factory=dict)  # table logical id -> latest stream ARN
    topics: dict[str, str] = field(default_factory=dict)  # logical id -> topic ARN
    queues: dict[str, str] = field(default_factory=dict)  # logical id -> queue URL
    queue_arns: dict[str, str] = field(default_factory=dict)
    secrets: dict[str, str] = field(default_factory=dict)  # logical id -> secret ARN
    user_pools: dict[str, str] = field(default_factory=dict)  # logical id -> user pool id
    user_pool_clients: dict[str, str] = field(default_factory=dict)  # logical id -> app client id
    endpoint_url: str | None = None


class _NoValue:
    """`!Ref AWS::NoValue`: the property is left out."""


NO_VALUE = _NoValue()


def arn(service: str, resource: str) -> str:
    return f"arn:aws:{service}:{region()}:{ACCOUNT}:{resource}"


class Resolver:
    """Turns intrinsic functions into local values; a resource not created yet gets the name or ARN
    it will have, so unit tests that create only the tables still get a full environment."""

    def __init__(self, template: Mapping[str, Any], created: LocalResources) -> None:
        self.template = template
        self.created = created
        self.types = {logical_id: res["Type"] for logical_id, res in resources(template).items()}
        self.parameters = {**pseudo_parameters(), **parameter_values(template)}
        self.functions: dict[str, Callable[[Any, str], Any]] = {
            "Fn::GetAtt": self._get_att,
            "Fn::Sub": self._sub,
            "Fn::Join": self._join,
            "Fn::If": self._if,
            "Fn::Select": lambda arg, where: self.value(arg[1], where)[int(self.value(arg[0], where))],
            "Fn::Split": lambda arg, where: str(self.value(arg[1], where)).split(arg[0]),
            "Fn::FindInMap": self._find_in_map,
            "Fn::Base64": lambda arg, where: base64.b64encode(str(self.value(arg, where)).encode()).decode(),
            "Fn::GetAZs": lambda arg, where: [f"{region()}{zone}" for zone in "abc"],
        }

    def value(self, node: Any, where: str) -> Any:
        if isinstance(node, Mapping) and len(node) == 1:
            (name, arg), *_ = node.items()
            if name == "Ref":
                return self.ref(arg)
            if name.startswith("Fn::"):
                if name not in self.functions:
                    raise UnsupportedIntrinsic(name, where)
                return self.functions[name](arg, f"{where}.{name}")
        if isinstance(node, Mapping):
            values = {key: self.value(item, f"{where}.{key}") for key, item in node.items()}
            return {key: item for key, item in values.items() if item is not NO_VALUE}
        if isinstance(node, list):
            items = [self.value(item, f"{where}[{index}]") for index, item in enumerate(node)]
            return [item for item in items if item is not NO_VALUE]
        return node

    def ref(self, name: str) -> Any:
        if name == "AWS::NoValue":
            return NO_VALUE
        if name in self.parameters:
            return self.parameters[name]
        kind = self.types.get(name)
        if kind == TABLE:
            return self.created.tables.get(name, name)
        if kind == TOPIC:
            return self.created.topics.get(name) or arn("sns", name)
        if kind == QUEUE:
            return self.created.queues.get(name) or self._queue_url(name)
        if kind == SECRET:
            # Secrets Manager takes the name wherever it takes the ARN.
            return self.created.secrets.get(name, name)
        if kind == USER_POOL:
            return self.created.user_pools.get(name, name)
        if kind == USER_POOL_CLIENT:
            return self.created.user_pool_clients.get(name, name)
        return name

    def attribute(self, logical_id: str, attribute: str) -> str:
        kind = self.types.get(logical_id)
        if kind == TABLE and attribute == "Arn":
            return arn("dynamodb", f"table/{self.ref(logical_id)}")
        if kind == TABLE and attribute == "StreamArn":
            return self.created.stream_arns.get(logical_id, "")
        if kind == TOPIC and attribute in ("TopicArn", "Arn"):
            return str(self.ref(logical_id))
        if kind == TOPIC and attribute == "TopicName":
            return str(self.ref(logical_id)).rsplit(":", 1)[-1]
        if kind == QUEUE and attribute == "Arn":
            return self.created.queue_arns.get(logical_id) or arn("sqs", logical_id)
        if kind == QUEUE and attribute == "QueueName":
            return logical_id
        if kind == QUEUE and attribute == "QueueUrl":
            return str(self.ref(logical_id))
        if kind == USER_POOL and attribute == "Arn":
            return arn("cognito-idp", f"userpool/{self.ref(logical_id)}")
        if kind == USER_POOL and attribute == "ProviderName":
            return f"cognito-idp.{region()}.amazonaws.com/{self.ref(logical_id)}"
        if kind == USER_POOL and attribute == "ProviderURL":
            return f"https://cognito-idp.{region()}.amazonaws.com/{self.ref(logical_id)}"
        if kind == FUNCTION and attribute == "Arn":
            return arn("lambda", f"function:{logical_id}")
        return f"{logical_id}.{attribute}"

    def _get_att(self, arg: str | list[str], where: str) -> str:
        logical_id, attribute = arg if isinstance(arg, list) else arg.split(".", 1)
        return self.attribute(logical_id, attribute)

    def _sub(self, arg: str | list[Any], where: str) -> str:
        text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], arg[1])
        out, position = [], 0
        while (start := text.find("${", position)) >= 0:
            end = text.index("}", start)
            out.append(text[position:start])
            name = text[start + 2 : end]
            if name.startswith("!"):
                out.append("${" + name[1:] + "}")
            elif name in variables:
                out.append(str(self.value(variables[name], f"{where}.{name}")))
            elif "." in name and not name.startswith("AWS::"):
                out.append(self.attribute(*name.split(".", 1)))
            else:
                out.append(str(self.ref(name)))
            position = end + 1
        out.append(text[position:])
        return "".join(out)

    def _join(self, arg: list[Any], where: str) -> str:
        delimiter, items = arg
        return delimiter.join(str(item) for item in self.value(items, where))

    def _if(self, arg: list[Any], where: str) -> Any:
        condition, when_true, when_false = arg
        chosen = when_true if condition_holds(self.template, condition) else when_false
        return self.value(chosen, where)

    def _find_in_map(self, arg: list[Any], where: str) -> Any:
        name, top, second = (self.value(item, where) for item in arg)
        try:
            return self.template["Mappings"][name][top][second]
        except KeyError:
            raise TemplateError(f"{where}: no {top}.{second} in Mappings.{name}") from None

    def _queue_url(self, name: str) -> str:
        base = self.created.endpoint_url or f"https://sqs.{region()}.amazonaws.com"
        return f"{base}/{ACCOUNT}/{name}"


def resolve(
    node: Any, created: LocalResources, template: Mapping[str, Any] | None = None, where: str = "template"
) -> Any:
    return Resolver(template or load_template(), created).value(node, where)
