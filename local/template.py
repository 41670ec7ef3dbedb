"""template.yaml, read for the local stack: what to create, and how each function is wired.

The template is the only list of resources. Local names are the logical ids ("AreasTable"), so they
stay the same from one start to the next. Outside the runner:

    tables = create_tables(dynamodb_client)                 # e.g. in moto's mock_aws, for unit tests
    env = function_environment("ApiFunction", tables)       # AREAS_TABLE=AreasTable, ...
"""

import json
import os
import secrets
import string
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import boto3
from cfn_tools import load_yaml

from local.paths import template_path

ACCOUNT = "123456789012"  # moto's default account
STACK_NAME = "bobbies-local"

TABLE = "AWS::DynamoDB::Table"
TOPIC = "AWS::SNS::Topic"
QUEUE = "AWS::SQS::Queue"
SECRET = "AWS::SecretsManager::Secret"
FUNCTION = "AWS::Serverless::Function"


def region() -> str:
    return os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "eu-west-2"


@cache
def _load(path: Path) -> dict[str, Any]:
    return load_yaml(path.read_text(encoding="utf-8"))


def load_template(path: Path | None = None) -> dict[str, Any]:
    return _load(path or template_path())


# ---------------------------------------------------------------- what exists, and what it is called


@dataclass
class LocalResources:
    """The local stack's resources by logical id: what `!Ref` and `!GetAtt` resolve to."""

    tables: dict[str, str] = field(default_factory=dict)  # logical id -> table name
    stream_arns: dict[str, str] = field(default_factory=dict)  # table logical id -> latest stream ARN
    topics: dict[str, str] = field(default_factory=dict)  # logical id -> topic ARN
    queues: dict[str, str] = field(default_factory=dict)  # logical id -> queue URL
    queue_arns: dict[str, str] = field(default_factory=dict)
    secrets: dict[str, str] = field(default_factory=dict)  # logical id -> secret ARN
    endpoint_url: str | None = None


def _resources(template: Mapping[str, Any]) -> dict[str, Any]:
    return {
        logical_id: resource
        for logical_id, resource in template.get("Resources", {}).items()
        if _condition_holds(template, resource.get("Condition"))
    }


def of_type(kind: str, template: Mapping[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """Resources of one type, by logical id, with their Properties."""
    template = template or load_template()
    return {
        logical_id: resource.get("Properties") or {}
        for logical_id, resource in _resources(template).items()
        if resource["Type"] == kind
    }


def _condition_holds(template: Mapping[str, Any], name: str | None) -> bool:
    if name is None:
        return True
    return bool(_evaluate(template, template["Conditions"][name]))


def _evaluate(template: Mapping[str, Any], node: Any) -> Any:
    """Enough of Fn::Not/Equals/And/Or and Condition for resource conditions."""
    if not isinstance(node, Mapping):
        return node
    (name, arg), *_ = node.items()
    if name == "Condition":
        return _condition_holds(template, arg)
    if name == "Ref":
        return str(_parameter_defaults(template).get(arg, arg))
    values = [_evaluate(template, item) for item in arg]
    match name:
        case "Fn::Not":
            return not values[0]
        case "Fn::Equals":
            return values[0] == values[1]
        case "Fn::And":
            return all(values)
        case "Fn::Or":
            return any(values)
    raise ValueError(f"unsupported condition function {name}")


def _parameter_defaults(template: Mapping[str, Any]) -> dict[str, str]:
    return {name: str(spec.get("Default", "")) for name, spec in template.get("Parameters", {}).items()}


# ---------------------------------------------------------------- resolving !Ref, !GetAtt, !Sub


class _Resolver:
    """Turns intrinsic functions into local values; a resource not created yet gets the name or ARN
    it will have, so unit tests that create only the tables still get a full environment."""

    def __init__(self, template: Mapping[str, Any], resources: LocalResources) -> None:
        self.template = template
        self.resources = resources
        self.types = {logical_id: res["Type"] for logical_id, res in _resources(template).items()}
        self.parameters = _parameter_defaults(template)

    def value(self, node: Any) -> Any:
        if isinstance(node, Mapping) and len(node) == 1:
            (name, arg), *_ = node.items()
            match name:
                case "Ref":
                    return self.ref(arg)
                case "Fn::GetAtt":
                    logical_id, attribute = arg if isinstance(arg, list) else arg.split(".", 1)
                    return self.attribute(logical_id, attribute)
                case "Fn::Sub":
                    return self.substitute(arg)
                case "Fn::Join":
                    return arg[0].join(str(self.value(item)) for item in arg[1])
        if isinstance(node, Mapping):
            return {key: self.value(item) for key, item in node.items()}
        if isinstance(node, list):
            return [self.value(item) for item in node]
        return node

    def ref(self, name: str) -> str:
        pseudo = {
            "AWS::Region": region(),
            "AWS::AccountId": ACCOUNT,
            "AWS::StackName": STACK_NAME,
            "AWS::Partition": "aws",
            "AWS::URLSuffix": "amazonaws.com",
        }
        if name in pseudo:
            return pseudo[name]
        if name in self.parameters:
            return self.parameters[name]
        kind = self.types.get(name)
        if kind == TABLE:
            return self.resources.tables.get(name, name)
        if kind == TOPIC:
            return self.resources.topics.get(name) or _arn("sns", name)
        if kind == QUEUE:
            return self.resources.queues.get(name) or self._queue_url(name)
        if kind == SECRET:
            # Secrets Manager takes the name wherever it takes the ARN.
            return self.resources.secrets.get(name, name)
        return name

    def attribute(self, logical_id: str, attribute: str) -> str:
        kind = self.types.get(logical_id)
        if kind == TABLE and attribute == "Arn":
            return _arn("dynamodb", f"table/{self.ref(logical_id)}")
        if kind == TABLE and attribute == "StreamArn":
            return self.resources.stream_arns.get(logical_id, "")
        if kind == TOPIC and attribute in ("TopicArn", "Arn"):
            return self.ref(logical_id)
        if kind == TOPIC and attribute == "TopicName":
            return self.ref(logical_id).rsplit(":", 1)[-1]
        if kind == QUEUE and attribute == "Arn":
            return self.resources.queue_arns.get(logical_id) or _arn("sqs", logical_id)
        if kind == QUEUE and attribute == "QueueName":
            return logical_id
        if kind == QUEUE and attribute == "QueueUrl":
            return self.ref(logical_id)
        if kind == FUNCTION and attribute == "Arn":
            return _arn("lambda", f"function:{logical_id}")
        return f"{logical_id}.{attribute}"

    def substitute(self, arg: str | list[Any]) -> str:
        text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], arg[1])
        out, position = [], 0
        while (start := text.find("${", position)) >= 0:
            end = text.index("}", start)
            out.append(text[position:start])
            name = text[start + 2 : end]
            if name.startswith("!"):
                out.append("${" + name[1:] + "}")
            elif name in variables:
                out.append(str(self.value(variables[name])))
            elif "." in name and not name.startswith("AWS::"):
                out.append(self.attribute(*name.split(".", 1)))
            else:
                out.append(self.ref(name))
            position = end + 1
        out.append(text[position:])
        return "".join(out)

    def _queue_url(self, name: str) -> str:
        base = self.resources.endpoint_url or f"https://sqs.{region()}.amazonaws.com"
        return f"{base}/{ACCOUNT}/{name}"


def _arn(service: str, resource: str) -> str:
    return f"arn:aws:{service}:{region()}:{ACCOUNT}:{resource}"


def resolve(node: Any, resources: LocalResources, template: Mapping[str, Any] | None = None) -> Any:
    return _Resolver(template or load_template(), resources).value(node)


# ---------------------------------------------------------------- functions and their events


@dataclass(frozen=True)
class ApiRoute:
    path: str  # as in the template: /api/areas/{areaId}/ballot
    method: str  # upper case; ANY matches every method


@dataclass(frozen=True)
class StreamSource:
    table: str  # logical id of the table whose stream feeds the function
    starting_position: str
    batch_size: int
    maximum_retry_attempts: int  # -1: retry until the record expires
    bisect_on_error: bool
    report_item_failures: bool
    on_failure_queue: str | None  # logical id of the on-failure SQS queue
    enabled: bool


@dataclass(frozen=True)
class Schedule:
    expression: str  # cron(...) or rate(...)
    timezone: str
    input: str | None
    enabled: bool


@dataclass(frozen=True)
class FunctionSpec:
    logical_id: str
    code_dir: Path
    module_file: Path
    handler_name: str
    timeout: int
    memory_mb: int
    layer_paths: tuple[Path, ...]  # what Lambda would put on sys.path from the function's layers
    routes: tuple[ApiRoute, ...]
    streams: tuple[StreamSource, ...]
    schedules: tuple[Schedule, ...]


def functions(template: Mapping[str, Any] | None = None, path: Path | None = None) -> list[FunctionSpec]:
    """Every AWS::Serverless::Function, with its handler file and its events."""
    path = path or template_path()
    template = template or load_template(path)
    defaults = template.get("Globals", {}).get("Function", {})
    specs = []
    for logical_id, props in of_type(FUNCTION, template).items():
        merged = {**defaults, **props}
        code_dir = (path.parent / merged.get("CodeUri", ".")).resolve()
        module, handler_name = merged["Handler"].rsplit(".", 1)
        events = (props.get("Events") or {}).values()
        specs.append(
            FunctionSpec(
                logical_id=logical_id,
                code_dir=code_dir,
                module_file=code_dir / (module.replace(".", "/") + ".py"),
                handler_name=handler_name,
                timeout=int(merged.get("Timeout", 3)),
                memory_mb=int(merged.get("MemorySize", 128)),
                layer_paths=_layer_paths(merged.get("Layers") or [], template, path),
                routes=tuple(_route(e["Properties"]) for e in events if e["Type"] == "Api"),
                streams=tuple(_stream(e["Properties"]) for e in events if e["Type"] == "DynamoDB"),
                schedules=tuple(
                    _schedule(e["Properties"]) for e in events if e["Type"] in ("ScheduleV2", "Schedule")
                ),
            )
        )
    return specs


def _layer_paths(layers: list[Any], template: Mapping[str, Any], path: Path) -> tuple[Path, ...]:
    local_layers = of_type("AWS::Serverless::LayerVersion", template)
    found = []
    for layer in layers:
        logical_id = _logical_id_of(layer)
        if logical_id in local_layers:
            content = (path.parent / local_layers[logical_id]["ContentUri"]).resolve()
            # A Python layer's code sits in python/ (on Lambda, /opt/python).
            found.append(content / "python" if (content / "python").is_dir() else content)
    return tuple(found)


def function(logical_id: str) -> FunctionSpec:
    for spec in functions():
        if spec.logical_id == logical_id:
            return spec
    raise KeyError(f"no function {logical_id} in {template_path().name}")


def _route(props: Mapping[str, Any]) -> ApiRoute:
    return ApiRoute(path=props["Path"], method=props["Method"].upper())


def _logical_id_of(node: Any) -> str | None:
    """The resource behind a `!GetAtt X.Arn` (or `!Ref X`)."""
    if isinstance(node, Mapping) and "Fn::GetAtt" in node:
        arg = node["Fn::GetAtt"]
        return str(arg[0] if isinstance(arg, list) else arg.split(".", 1)[0])
    if isinstance(node, Mapping) and "Ref" in node:
        return str(node["Ref"])
    return None


def _stream(props: Mapping[str, Any]) -> StreamSource:
    on_failure = (props.get("DestinationConfig") or {}).get("OnFailure") or {}
    return StreamSource(
        table=_logical_id_of(props["Stream"]) or "",
        starting_position=props.get("StartingPosition", "TRIM_HORIZON"),
        batch_size=int(props.get("BatchSize", 100)),
        maximum_retry_attempts=int(props.get("MaximumRetryAttempts", -1)),
        bisect_on_error=bool(props.get("BisectBatchOnFunctionError", False)),
        report_item_failures="ReportBatchItemFailures" in (props.get("FunctionResponseTypes") or []),
        on_failure_queue=_logical_id_of(on_failure.get("Destination")),
        enabled=bool(props.get("Enabled", True)),
    )


def _schedule(props: Mapping[str, Any]) -> Schedule:
    return Schedule(
        expression=props.get("ScheduleExpression") or props["Schedule"],
        timezone=props.get("ScheduleExpressionTimezone", "UTC"),
        input=props.get("Input"),
        enabled=props.get("State", "ENABLED") == "ENABLED" and props.get("Enabled", True) is not False,
    )


def api_stage(template: Mapping[str, Any] | None = None) -> str:
    """The API Gateway stage name (for requestContext.stage)."""
    template = template or load_template()
    for props in of_type("AWS::Serverless::Api", template).values():
        return str(resolve(props.get("StageName", "prod"), LocalResources(), template))
    return "prod"


def function_environment(
    logical_id: str, resources: LocalResources | Mapping[str, str] | None = None
) -> dict[str, str]:
    """The function's environment (Globals merged with its own), every value resolved locally.

    `resources` is what create_resources returned, or just create_tables' {logical id: name}."""
    template = load_template()
    if not isinstance(resources, LocalResources):
        resources = LocalResources(tables=dict(resources or {}))
    globals_env = template.get("Globals", {}).get("Function", {}).get("Environment", {})
    own_env = of_type(FUNCTION, template)[logical_id].get("Environment", {})
    variables = {**globals_env.get("Variables", {}), **own_env.get("Variables", {})}
    resolver = _Resolver(template, resources)
    return {name: _text(resolver.value(value)) for name, value in variables.items()}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return value if isinstance(value, str) else json.dumps(value) if isinstance(value, dict) else str(value)


# ---------------------------------------------------------------- creating it all


def _table_request(name: str, props: Mapping[str, Any]) -> dict[str, Any]:
    request: dict[str, Any] = {
        "TableName": name,
        "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": list(props["KeySchema"]),
        "AttributeDefinitions": list(props["AttributeDefinitions"]),
    }
    for kind in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
        if props.get(kind):
            request[kind] = [
                {key: index[key] for key in ("IndexName", "KeySchema", "Projection")} for index in props[kind]
            ]
    if view := (props.get("StreamSpecification") or {}).get("StreamViewType"):
        request["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": view}
    return request


def create_tables(dynamodb: Any) -> dict[str, str]:
    """Creates every table of the template that is missing; returns {logical id: table name}."""
    existing = set(dynamodb.list_tables().get("TableNames", []))
    tables = {}
    for logical_id, props in of_type(TABLE).items():
        tables[logical_id] = logical_id
        if logical_id in existing:
            continue
        dynamodb.create_table(**_table_request(logical_id, props))
        if ttl := props.get("TimeToLiveSpecification"):
            dynamodb.update_time_to_live(
                TableName=logical_id,
                TimeToLiveSpecification={"AttributeName": ttl["AttributeName"], "Enabled": ttl["Enabled"]},
            )
    return tables


def drifted_tables(dynamodb: Any) -> list[str]:
    """Tables whose keys, indexes or stream differ from the template (kept from an older template)."""
    drifted = []
    for logical_id, props in of_type(TABLE).items():
        wanted = _table_request(logical_id, props)
        actual = dynamodb.describe_table(TableName=logical_id)["Table"]
        if (
            _keys(actual["KeySchema"]) != _keys(wanted["KeySchema"])
            or _index_names(actual) != _index_names(wanted)
            or bool(actual.get("StreamSpecification", {}).get("StreamEnabled"))
            != ("StreamSpecification" in wanted)
        ):
            drifted.append(logical_id)
    return drifted


def _keys(schema: list[dict[str, str]]) -> list[tuple[str, str]]:
    return [(key["AttributeName"], key["KeyType"]) for key in schema]


def _index_names(table: Mapping[str, Any]) -> set[str]:
    indexes = [*table.get("GlobalSecondaryIndexes", []), *table.get("LocalSecondaryIndexes", [])]
    return {index["IndexName"] for index in indexes}


def _create_topics(sns: Any) -> dict[str, str]:
    topics = {}
    for logical_id, props in of_type(TOPIC).items():
        fifo = bool(props.get("FifoTopic"))
        attributes = {"DisplayName": props["DisplayName"]} if props.get("DisplayName") else {}
        if fifo:
            attributes["FifoTopic"] = "true"
        name = logical_id + (".fifo" if fifo else "")
        topics[logical_id] = sns.create_topic(Name=name, Attributes=attributes)["TopicArn"]  # idempotent
    return topics


_QUEUE_ATTRIBUTES = (
    "DelaySeconds",
    "MaximumMessageSize",
    "MessageRetentionPeriod",
    "ReceiveMessageWaitTimeSeconds",
    "VisibilityTimeout",
    "FifoQueue",
    "ContentBasedDeduplication",
)


def _create_queues(sqs: Any) -> tuple[dict[str, str], dict[str, str]]:
    urls, arns = {}, {}
    for logical_id, props in of_type(QUEUE).items():
        attributes = {key: _text(props[key]) for key in _QUEUE_ATTRIBUTES if key in props}
        name = logical_id + (".fifo" if props.get("FifoQueue") else "")
        urls[logical_id] = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
        arns[logical_id] = queue_arn(sqs, urls[logical_id])
    return urls, arns


def queue_arn(sqs: Any, url: str) -> str:
    return str(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"])


def generate_secret_string(spec: Mapping[str, Any]) -> str:
    """Secrets Manager's GenerateSecretString, done locally."""
    alphabet = ""
    if not spec.get("ExcludeLowercase"):
        alphabet += string.ascii_lowercase
    if not spec.get("ExcludeUppercase"):
        alphabet += string.ascii_uppercase
    if not spec.get("ExcludeNumbers"):
        alphabet += string.digits
    if not spec.get("ExcludePunctuation"):
        alphabet += string.punctuation
    if spec.get("IncludeSpace"):
        alphabet += " "
    alphabet = "".join(c for c in alphabet if c not in spec.get("ExcludeCharacters", ""))
    password = "".join(secrets.choice(alphabet) for _ in range(int(spec.get("PasswordLength", 32))))
    if template := spec.get("SecretStringTemplate"):
        return json.dumps({**json.loads(template), spec["GenerateStringKey"]: password})
    return password


def _create_secrets(client: Any) -> dict[str, str]:
    arns = {}
    for logical_id, props in of_type(SECRET).items():
        try:  # an existing secret keeps its value: voter hashes must not change across restarts
            arns[logical_id] = client.describe_secret(SecretId=logical_id)["ARN"]
        except client.exceptions.ResourceNotFoundException:
            value = props.get("SecretString") or generate_secret_string(props.get("GenerateSecretString", {}))
            arns[logical_id] = client.create_secret(Name=logical_id, SecretString=value)["ARN"]
    return arns


def _stream_arns(dynamodb: Any, tables: Mapping[str, str]) -> dict[str, str]:
    arns = {}
    for logical_id, name in tables.items():
        arn = dynamodb.describe_table(TableName=name)["Table"].get("LatestStreamArn")
        if arn:
            arns[logical_id] = arn
    return arns


def create_resources(endpoint_url: str | None = None) -> LocalResources:
    """Creates (idempotently) every table, topic, queue and secret of the template.

    With endpoint_url None the clients use the environment, so this also works inside mock_aws."""

    def client(service: str) -> Any:
        return boto3.client(service, endpoint_url=endpoint_url, region_name=region())  # type: ignore[call-overload]

    dynamodb = client("dynamodb")
    tables = create_tables(dynamodb)
    queues, queue_arns = _create_queues(client("sqs"))
    return LocalResources(
        tables=tables,
        stream_arns=_stream_arns(dynamodb, tables),
        topics=_create_topics(client("sns")),
        queues=queues,
        queue_arns=queue_arns,
        secrets=_create_secrets(client("secretsmanager")),
        endpoint_url=endpoint_url,
    )


def function_environment_for_cli(logical_id: str = "ApiFunction") -> dict[str, str]:
    """For command-line tools (`make seed`): os.environ set as the running stack's function sees it."""
    from local.stack import running_stack_or_exit

    stack = running_stack_or_exit()
    env = stack.function_environment(logical_id)
    os.environ.update(env)
    return env


if __name__ == "__main__":  # a quick look at what the template gives
    for spec in functions():
        print(spec.logical_id, spec.module_file.relative_to(Path.cwd()), file=sys.stdout)
        for route in spec.routes:
            print("   ", route.method, route.path)
        for stream in spec.streams:
            print("   ", stream)
        for schedule in spec.schedules:
            print("   ", schedule)
