"""Running the template's functions in this process, the way Lambda would call them.

Each handler file is loaded once under its own module name (several are called app.py), with the
function's layers on sys.path. Invocations run side by side, as Lambda runs them, up to the
function's reserved concurrency (`ReservedConcurrentExecutions`), or DEFAULT_CONCURRENCY when the
template sets none. Beyond that, a caller that waits on the answer (API Gateway) is throttled at
once, as Lambda throttles a synchronous invoke; the stream poller, the scheduler and the CLI wait
for a slot instead, as Lambda's event source mappings and async invocations retry a throttle. So a
function with reserved concurrency 1 (the nightly job) never runs twice at once. Each invocation
runs in an execution environment of its own (local/environments.py).

All functions get the same environment here, because os.environ is one per process: the runner
sets the union of their environments once and refuses a template where two functions give one
variable different values.
"""

import importlib.util
import sys
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, cast

from local.environments import Environment, InProcess, WorkerProcess
from local.isolation import isolate_logger_keys, isolate_metrics
from local.template import (
    ACCOUNT,
    FUNCTION,
    FunctionSpec,
    LocalResources,
    load_template,
    of_type,
    region,
    resolve,
)

# A function the template gives no reserved concurrency may scale far wider on AWS (the account's
# pool); here its overlapping invocations are capped at this, and the rest wait for a slot.
DEFAULT_CONCURRENCY = 10
THROTTLED = "TooManyRequestsException"


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

    @property
    def throttled(self) -> bool:
        return self.error is not None and self.error["errorType"] == THROTTLED

    @classmethod
    def refused(cls, logical_id: str) -> "Invocation":
        """Lambda's answer to an invoke beyond the function's reserved concurrency."""
        message = f"Rate Exceeded: {logical_id} is running at its reserved concurrency"
        return cls(None, {"errorType": THROTTLED, "errorMessage": message, "stackTrace": []}, 0.0, "")


def reserved_concurrency(template: Mapping[str, Any] | None = None) -> dict[str, int]:
    """Each function's `ReservedConcurrentExecutions`, where the template (or its Globals) sets one."""
    template = template or load_template()
    defaults = template.get("Globals", {}).get("Function", {})
    found = {}
    for logical_id, props in of_type(FUNCTION, template).items():
        value = {**defaults, **props}.get("ReservedConcurrentExecutions")
        if value is not None:
            found[logical_id] = int(resolve(value, LocalResources(), template))
    return found


class Slots:
    """A function's concurrency: taken first come, first served (a semaphore lets a newcomer barge
    past an invocation that has waited, and under load one waited minutes)."""

    def __init__(self, limit: int) -> None:
        self._free = limit
        self._waiting: deque[threading.Event] = deque()
        self._lock = threading.Lock()

    def try_take(self) -> bool:
        with self._lock:
            if self._free and not self._waiting:
                self._free -= 1
                return True
            return False

    def take(self) -> None:
        with self._lock:
            if self._free and not self._waiting:
                self._free -= 1
                return
            turn = threading.Event()
            self._waiting.append(turn)
        turn.wait()  # the slot is handed over by give()

    def give(self) -> None:
        with self._lock:
            if self._waiting:
                self._waiting.popleft().set()
            else:
                self._free += 1


class FunctionRuntime:
    def __init__(
        self,
        specs: list[FunctionSpec],
        reserved: Mapping[str, int] | None = None,
        notice: Callable[[str], None] = lambda text: None,
        log_file: Path | None = None,
    ) -> None:
        self.specs = {spec.logical_id: spec for spec in specs}
        self.reserved = dict(reserved or {})
        self.notice = notice  # a console line when an invocation has to wait for a turn
        self.log_file = log_file  # where worker environments write (the runner's own output is redirected)
        self._slots = {
            logical_id: Slots(self.reserved.get(logical_id, DEFAULT_CONCURRENCY)) for logical_id in self.specs
        }
        self._told: set[str] = set()  # functions whose waiting the console has been told of
        self._lock = threading.Lock()
        self._handlers: dict[str, Callable[[Any, Any], Any]] = {}
        self._idle: dict[str, list[Environment]] = {logical_id: [] for logical_id in self.specs}
        self._made: dict[str, int] = dict.fromkeys(self.specs, 0)
        self._workers: list[WorkerProcess] = []
        isolate_metrics()  # before any handler makes its Metrics()
        for spec in specs:  # as Lambda puts /opt/python first: the layers are importable from the start
            for path in spec.layer_paths:
                if str(path) not in sys.path:
                    sys.path.insert(0, str(path))

    def exists(self, logical_id: str) -> bool:
        return logical_id in self.specs and self.specs[logical_id].module_file.exists()

    def load(self, logical_id: str) -> Callable[[Any, Any], Any]:
        """The handler in this process, imported on first use (the cold start)."""
        if handler := self._handlers.get(logical_id):
            return handler
        with self._lock:
            if logical_id not in self._handlers:
                self._handlers[logical_id] = load_handler(self.specs[logical_id])
                isolate_logger_keys()  # the Loggers its import made
            return self._handlers[logical_id]

    def invoke(self, logical_id: str, event: Any, *, synchronous: bool = False) -> Invocation:
        """One invocation; `synchronous` for a caller that is throttled rather than kept waiting."""
        spec = self.specs[logical_id]
        slots = self._slots[logical_id]
        if self.reserved.get(logical_id) == 0:
            return Invocation.refused(logical_id)
        if not slots.try_take():
            if synchronous and logical_id in self.reserved:
                return Invocation.refused(logical_id)
            if logical_id not in self._told:
                self._told.add(logical_id)
                limit = self.reserved.get(logical_id, DEFAULT_CONCURRENCY)
                self.notice(f"{logical_id}: {limit} at once, its most; more invocations wait their turn")
            slots.take()
        context = LambdaContext.of(spec)
        try:
            environment = self._take(logical_id)
            outcome = environment.run(event, context)
            self._give_back(logical_id, environment)
        finally:
            slots.give()
        if outcome.duration_ms > spec.timeout * 1000:
            took = f"{outcome.duration_ms:.0f} ms, over its {spec.timeout} s timeout"
            print(f"{logical_id} ran {took}", file=sys.stderr)
        return Invocation(outcome.result, outcome.error, outcome.duration_ms, context.aws_request_id)

    def _take(self, logical_id: str) -> Environment:
        """An idle environment of the function (this process's first), or a new one."""
        with self._lock:
            idle = self._idle[logical_id]
            if idle:
                idle.sort(key=lambda environment: isinstance(environment, InProcess))
                return idle.pop()
            self._made[logical_id] += 1
            if self._made[logical_id] == 1:
                return InProcess(lambda: self.load(logical_id))
        worker = WorkerProcess(self.specs[logical_id], self.log_file)
        with self._lock:
            self._workers.append(worker)
        return worker

    def _give_back(self, logical_id: str, environment: Environment) -> None:
        with self._lock:
            if isinstance(environment, WorkerProcess) and not environment.alive:
                self._made[logical_id] -= 1  # it died; a new one is made when needed
                return
            self._idle[logical_id].append(environment)

    def close(self) -> None:
        """Ends the worker environments."""
        with self._lock:
            workers, self._workers = self._workers, []
        for worker in workers:
            worker.close()


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
