"""The template's functions: each one's handler file, layers, events (API routes, DynamoDB streams,
schedules) and environment, Globals merged in as SAM merges them."""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from local.template.intrinsics import NO_VALUE, LocalResources, Resolver, resolve
from local.template.loading import API, FUNCTION, LAYER, TemplateError, load_template, of_type, template_path


@dataclass(frozen=True)
class ApiRoute:
    path: str  # as in the template: /api/areas/{areaId}/ballot
    method: str  # upper case; ANY matches every method


@dataclass(frozen=True)
class StreamSource:
    table: str  # logical id of the table whose stream feeds the function
    starting_position: str
    batch_size: int
    batching_window: float  # seconds a batch short of batch_size waits for more records
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


def function(logical_id: str) -> FunctionSpec:
    for spec in functions():
        if spec.logical_id == logical_id:
            return spec
    raise KeyError(f"no function {logical_id} in {template_path().name}")


def _layer_paths(layers: list[Any], template: Mapping[str, Any], path: Path) -> tuple[Path, ...]:
    local_layers = of_type(LAYER, template)
    found = []
    for layer in layers:
        logical_id = _logical_id_of(layer)
        if logical_id in local_layers:
            content = (path.parent / local_layers[logical_id]["ContentUri"]).resolve()
            # A Python layer's code sits in python/ (on Lambda, /opt/python).
            found.append(content / "python" if (content / "python").is_dir() else content)
    return tuple(found)


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
        batching_window=float(props.get("MaximumBatchingWindowInSeconds", 0)),
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
    for logical_id, props in of_type(API, template).items():
        where = f"Resources.{logical_id}.Properties.StageName"
        return str(resolve(props.get("StageName", "prod"), LocalResources(), template, where))
    return "prod"


def function_environment(
    logical_id: str,
    created: LocalResources | Mapping[str, str] | None = None,
    template: Mapping[str, Any] | None = None,
) -> dict[str, str]:
    """The function's environment (Globals merged with its own), every value resolved locally.

    `created` is what create_resources returned, or just create_tables' {logical id: name}."""
    template = template or load_template()
    if not isinstance(created, LocalResources):
        created = LocalResources(tables=dict(created or {}))
    resolver = Resolver(template, created)
    sources = {
        "Globals.Function": template.get("Globals", {}).get("Function", {}),
        f"Resources.{logical_id}.Properties": of_type(FUNCTION, template)[logical_id],
    }
    environment: dict[str, str] = {}
    for source, props in sources.items():
        variables = (props.get("Environment") or {}).get("Variables") or {}
        for name, value in variables.items():
            where = f"{source}.Environment.Variables.{name}"
            resolved = resolver.value(value, where)
            if resolved is NO_VALUE:  # !If [..., !Ref AWS::NoValue]: the variable is not set
                environment.pop(name, None)
            else:
                environment[name] = text_value(resolved, where)
    return environment


def shared_environment(specs: list[FunctionSpec], created: LocalResources) -> dict[str, str]:
    """The union of the functions' environments, for a runner where they share one os.environ."""
    merged: dict[str, str] = {}
    for spec in specs:
        for name, value in function_environment(spec.logical_id, created).items():
            if merged.get(name, value) != value:
                raise TemplateError(f"functions disagree on {name}; the local runner needs them to agree")
            merged[name] = value
    return merged


def text_value(value: Any, where: str) -> str:
    """A resolved value as the text an environment variable (or a queue attribute) holds."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str | int | float):
        return str(value)
    raise TemplateError(f"{where} is {type(value).__name__}, not a text, number or boolean")
