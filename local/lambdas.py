"""Running the template's functions in this process, the way Lambda would call them.

Each handler file is loaded once under its own module name (several are called app.py), with the
function's layers on sys.path. Invocations of one function are serialised, as if it had one warm
instance; different functions run side by side. All functions get the same environment here,
because os.environ is one per process: the runner sets the union of their environments once and
refuses a template where two functions give one variable different values.
"""

import importlib.util
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any, cast

from local.template import ACCOUNT, FunctionSpec, region


class LambdaContext:
    """What Lambda passes as `context` (the attributes Powertools reads); the tests use it too."""

    def __init__(self, name: str = "test-function", memory_mb: int = 512, timeout: float = 10) -> None:
        self.function_name = name
        self.function_version = "$LATEST"
        self.invoked_function_arn = f"arn:aws:lambda:{region()}:{ACCOUNT}:function:{name}"
        self.memory_limit_in_mb = memory_mb
        self.aws_request_id = str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{name}"
        self.log_stream_name = f"local/[$LATEST]{uuid.uuid4().hex}"
        self._deadline = time.monotonic() + timeout

    @classmethod
    def of(cls, spec: FunctionSpec) -> "LambdaContext":
        return cls(spec.logical_id, spec.memory_mb, spec.timeout)

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


@dataclass(frozen=True)
class Invocation:
    result: Any
    error: dict[str, Any] | None  # Lambda's {"errorType", "errorMessage", "stackTrace"}
    duration_ms: float
    request_id: str

    @property
    def failed(self) -> bool:
        return self.error is not None


class FunctionRuntime:
    def __init__(self, specs: list[FunctionSpec]) -> None:
        self.specs = {spec.logical_id: spec for spec in specs}
        self._locks = {logical_id: threading.Lock() for logical_id in self.specs}
        self._handlers: dict[str, Callable[[Any, Any], Any]] = {}
        for spec in specs:  # as Lambda puts /opt/python first: the layers are importable from the start
            for path in spec.layer_paths:
                if str(path) not in sys.path:
                    sys.path.insert(0, str(path))

    def exists(self, logical_id: str) -> bool:
        return logical_id in self.specs and self.specs[logical_id].module_file.exists()

    def load(self, logical_id: str) -> Callable[[Any, Any], Any]:
        """The handler, imported on first use (the cold start)."""
        if logical_id not in self._handlers:
            self._handlers[logical_id] = load_handler(self.specs[logical_id])
        return self._handlers[logical_id]

    def invoke(self, logical_id: str, event: Any) -> Invocation:
        spec = self.specs[logical_id]
        with self._locks[logical_id]:
            context = LambdaContext.of(spec)
            started = time.perf_counter()
            try:
                result, error = self.load(logical_id)(event, context), None
            except Exception as exc:  # the function failed: Lambda reports it, it does not crash
                traceback.print_exc()  # stderr is the functions log
                result, error = None, _error(exc)
            duration_ms = (time.perf_counter() - started) * 1000
        if duration_ms > spec.timeout * 1000:
            print(
                f"{logical_id} ran {duration_ms:.0f} ms, over its {spec.timeout} s timeout", file=sys.stderr
            )
        return Invocation(result, error, duration_ms, context.aws_request_id)


def load_handler(spec: FunctionSpec) -> Callable[[Any, Any], Any]:
    """The handler the template names, from a fresh import of its file (each call is a cold start)."""
    module = _import(f"local_function_{spec.logical_id}", spec)
    return cast(Callable[[Any, Any], Any], getattr(module, spec.handler_name))


def _import(name: str, spec: FunctionSpec) -> ModuleType:
    module_spec = importlib.util.spec_from_file_location(name, spec.module_file)
    if module_spec is None or module_spec.loader is None:
        raise ImportError(f"cannot load {spec.module_file}")
    module = importlib.util.module_from_spec(module_spec)
    sys.modules[name] = module
    try:
        module_spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def _error(exc: BaseException) -> dict[str, Any]:
    return {
        "errorType": type(exc).__name__,
        "errorMessage": str(exc),
        "stackTrace": traceback.format_tb(exc.__traceback__),
    }
