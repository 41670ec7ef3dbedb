"""`make run`: the whole system on loopback, as template.yaml describes it.

A moto server plays AWS; the tables, topics, queues and secrets of the template are created in it;
the functions run in this process behind a small API Gateway (which also serves web/), a stream
poller (the DynamoDB event source mapping) and a scheduler. Everything the functions do is recorded
and replayed on the next start, so ballots, aggregates, rounds and taskings survive a restart.
Its settings (PORT, MOTO_PORT, BOBBIES_STATE_DIR, ...) are described in local/settings.py.
"""

import os
import signal
import socket
import sys
import threading
import time
from datetime import UTC, datetime
from types import FrameType
from typing import Any

import boto3

from bobbies.domain.times import utc_text
from local import saved_state
from local.aws import offline_aws
from local.compression import from_template as compression_from_template
from local.console import Console, redirect_output
from local.gateway import Gateway, GatewayServer, compile_routes
from local.inbox import TOPIC, InboxDrain, SnsTap, subscribe
from local.lambdas import FunctionRuntime, reserved_concurrency
from local.moto_server import MotoServer, free_port
from local.paths import REPO
from local.runner_info import RunnerInfo, live_runner_info, runtime_environment, write_runner_info
from local.schedule import Scheduler, next_firing
from local.settings import RunnerSettings, runner_settings_or_exit
from local.sms import Phones
from local.staff import DemoUser, demo_staff, sign_in_text, staff_doors
from local.streams import Checkpoints, StreamPoller
from local.template import LocalResources, api_stage, create_resources, drifted_tables, functions, region
from local.template.functions import shared_environment


class StartupError(Exception):
    pass


def _check_free(port: int, variable: str) -> None:
    """Fails before anything starts, rather than after the seed data went in."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as exc:
            raise StartupError(f"port {port} is in use ({exc.strerror}); set {variable}=...") from exc


class LocalRunner:
    """The running system: the moto server, the gateway and the threads that play Lambda's pollers."""

    def __init__(self, settings: RunnerSettings, console: Console, stop_event: threading.Event) -> None:
        self.settings, self.console, self.stop_event = settings, console, stop_event
        self.paths = settings.paths
        self.port = settings.port
        self.url = f"http://127.0.0.1:{self.port}"
        self.moto: MotoServer | None = None
        self.server: GatewayServer | None = None
        self.threads: list[threading.Thread] = []
        self.specs = functions()
        self.runtime = FunctionRuntime(
            self.specs, reserved_concurrency(), notice=console.line, log_file=self.paths.functions_log
        )
        self.recording = False  # true once moto records the calls: from then on a stop saves the state
        self.demo_users: list[DemoUser] = []

    # ------------------------------------------------------------ start

    def start(self) -> None:
        fresh = not self.paths.has_saved_state()
        self._launch_moto(fresh)
        # While moto boots: import the handlers (Powertools reads its settings at import). Table and
        # topic names are known already; the secret's ARN is filled in below, before any call.
        os.environ.update(shared_environment(self.specs, LocalResources()))
        self._warm_up()
        moto = self._restore_state(fresh)
        resources = create_resources(moto.endpoint)
        if drifted := drifted_tables(self._client("dynamodb")):
            names = ", ".join(drifted)
            self.console.line(f"WARNING: {names} differ from the template; `make reset` rebuilds them")
        os.environ.update(shared_environment(self.specs, resources))
        os.environ.update(runtime_environment(moto.endpoint, self.url))
        # The template's VoterVerification parameter, as BOBBIES_VERIFICATION chooses it.
        os.environ["VOTER_VERIFICATION"] = "on" if self.settings.verification else "off"
        if fresh and self.settings.seed:
            self._seed()
        self.demo_users = demo_staff(self._client, resources, self.paths)
        tap = SnsTap(moto.endpoint, Phones(self.paths.sms, self.console))
        self._start_gateway(tap, resources)
        self._start_inbox(resources)
        self._start_streams(resources)
        self._start_schedules()
        write_runner_info(
            self.paths,
            RunnerInfo(
                pid=os.getpid(),
                url=self.url,
                moto_endpoint=moto.endpoint,
                moto_pid=moto.process.pid,
                state_dir=str(self.paths.root),
                started=utc_text(datetime.now(UTC)),
                resources=vars(resources),
            ),
        )

    def _launch_moto(self, fresh: bool) -> None:
        _check_free(self.port, "PORT")
        port = self.settings.moto_port or free_port()
        saved_state.prepare(self.paths, self.console, fresh)
        self.moto = saved_state.launch_moto(self.paths, port)

    def _restore_state(self, fresh: bool) -> MotoServer:
        """Replays the recording into the new moto server, then records from here on."""
        assert self.moto is not None
        for attempt in (1, 2, 3):
            try:
                self.moto.wait_until_ready()
                break
            except RuntimeError:
                if self.settings.moto_port or attempt == 3:
                    raise
                # Another process took the free port between our look and moto's bind: pick again.
                self.moto = saved_state.launch_moto(self.paths, free_port())
        if not fresh:
            saved_state.restore(self.paths, self.console, self.moto)
        self.moto.start_recording()
        self.recording = True
        return self.moto

    def _seed(self) -> None:
        try:
            from local.seed import load_seed
        except ModuleNotFoundError as missing:
            if missing.name != "local.seed":
                raise
            self.console.line("no local/seed.py: starting with empty tables")
            return
        self.console.line(f"seeded {load_seed()} areas")

    def _warm_up(self) -> None:
        """Imports every handler now, so the first request is not the slow one and errors show here."""
        for spec in self.specs:
            if not self.runtime.exists(spec.logical_id):
                self.console.line(f"{spec.logical_id}: no {spec.module_file} yet")
                continue
            try:
                self.runtime.load(spec.logical_id)
            except Exception as exc:
                self.console.line(f"{spec.logical_id} does not load: {type(exc).__name__}: {exc}")

    def _start_gateway(self, tap: SnsTap, resources: LocalResources) -> None:
        gateway = Gateway(
            runtime=self.runtime,
            routes=compile_routes(self.specs),
            web_root=REPO / "web",
            stage=api_stage(),
            console=self.console,
            forward_sns=tap.forward,
            after_invoke=self.console.invocation,
            compression=compression_from_template(),
            **staff_doors(tap.moto_endpoint, resources),
        )
        try:
            server = self.server = GatewayServer(self.port, gateway)
        except OSError as exc:
            raise StartupError(f"cannot listen on port {self.port} ({exc.strerror}); set PORT=...") from exc
        self._thread("gateway", lambda: server.serve_forever(poll_interval=0.1))

    def _start_inbox(self, resources: LocalResources) -> None:
        if TOPIC not in resources.topics:
            return
        sqs = self._client("sqs")
        queue_url = subscribe(sqs, self._client("sns"), resources.topics[TOPIC])
        self._keep(InboxDrain(sqs, queue_url, self.paths.inbox, self.console, self.stop_event))

    def _start_streams(self, resources: LocalResources) -> None:
        checkpoints = Checkpoints(self.paths.checkpoints)
        for spec in self.specs:
            for source in spec.streams:
                if not source.enabled or not self.runtime.exists(spec.logical_id):
                    continue
                clients = {name: self._client(name) for name in ("dynamodb", "dynamodbstreams", "sqs")}
                self._keep(
                    StreamPoller(
                        spec.logical_id,
                        source,
                        self.runtime,
                        resources,
                        clients,
                        checkpoints,
                        self.console,
                        self.stop_event,
                    )
                )

    def _start_schedules(self) -> None:
        for spec in self.specs:
            for schedule in spec.schedules:
                if schedule.enabled and self.runtime.exists(spec.logical_id):
                    due = next_firing(schedule, datetime.now(UTC))
                    self.console.line(
                        f"schedule: {spec.logical_id} on {schedule.expression} {schedule.timezone}, "
                        f"next at {utc_text(due)}"
                    )
                    self._keep(Scheduler(spec.logical_id, schedule, self._run_scheduled, self.stop_event))

    def _client(self, service: str) -> Any:
        assert self.moto is not None
        return boto3.client(service, endpoint_url=self.moto.endpoint, region_name=region())  # type: ignore[call-overload]

    def _thread(self, name: str, target: Any) -> None:
        self._keep(threading.Thread(target=target, name=name, daemon=True))

    def _keep(self, thread: threading.Thread) -> None:
        self.threads.append(thread)
        thread.start()

    # ------------------------------------------------------------ running

    def _run_scheduled(self, function: str, event: Any) -> None:
        self.console.invocation(function, event, self.runtime.invoke(function, event))

    # ------------------------------------------------------------ stop

    def stop(self) -> None:
        self.stop_event.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
        for thread in self.threads:
            thread.join(timeout=10)
        self.runtime.close()
        if self.moto is not None:
            if self.recording:
                saved_state.save(self.console, self.moto)
            self.moto.stop()
        info = live_runner_info(self.paths)
        if info is not None and info.pid == os.getpid():
            self.paths.runner_info.unlink(missing_ok=True)


def _banner(runner: LocalRunner, seconds: float) -> str:
    assert runner.moto is not None
    logs = runner.paths.functions_log
    shown = logs.relative_to(REPO) if logs.is_relative_to(REPO) else logs
    verifying = runner.settings.verification
    return (
        f"Balance Your Bobbies on {runner.url}/  (API under /api)\n"
        f"  moto server {runner.moto.endpoint}, state in {runner.paths.root}\n"
        f"  function logs in {shown}\n"
        f"  verification by SMS code {'on: `make sms` shows the texts' if verifying else 'off'}\n"
        f"{sign_in_text(runner.url, runner.demo_users)}"
        f"  ready in {seconds:.1f} s - Ctrl-C to stop"
    )


def main() -> int:
    settings = runner_settings_or_exit()
    os.environ.update(offline_aws(os.environ))
    paths = settings.paths
    paths.logs.mkdir(parents=True, exist_ok=True)
    if (other := live_runner_info(paths)) is not None:
        print(f"The local runner already runs at {other.url} (pid {other.pid}).", file=sys.stderr)
        return 1
    began = time.perf_counter()
    fresh = not paths.has_saved_state()
    console = redirect_output(paths.functions_log)
    stop_requested = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop_requested.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    runner = None
    try:
        runner = LocalRunner(settings, console, stop_requested)
        runner.start()
    except Exception as exc:
        console.line(f"could not start: {type(exc).__name__}: {exc}")
        if runner is not None:
            runner.stop()
        if fresh:  # a half-seeded state must not be kept: the next start seeds again
            for path in (paths.recording, paths.snapshot, paths.checkpoints):
                path.unlink(missing_ok=True)
        return 1
    console.block(_banner(runner, time.perf_counter() - began))
    while not stop_requested.wait(0.5):
        pass
    console.line("stopping")
    runner.stop()
    console.line("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
