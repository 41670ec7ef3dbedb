"""The local runner for tests: `python -m local.run` in a subprocess, on free ports, state in a folder.

    with runner_process(tmp_path / "state") as runner:
        requests.get(f"{runner.url}/api/areas")
        runner.nightly("2027-01-31T02:00:00Z")
        runner.inbox()
        runner.restart()
        token = sign_in(runner, "officer")           # the demo officer's ID token
        requests.get(f"{runner.url}/api/admin/me", headers={"Authorization": token})

The integration tests use it, and so can the browser tests.
"""

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests

from local.aws import offline_aws
from local.inbox import read_inbox
from local.moto_server import free_port
from local.paths import REPO, StatePaths
from local.runner_info import RunnerInfo, live_runner_info
from local.sms import read_texts
from local.staff import demo_user
from local.waiting import eventually

START_TIMEOUT = 60.0


class RunnerExited(RuntimeError):
    pass


class RunnerProcess:
    """`python -m local.run` as a child process of the tests, with its state in one folder."""

    def __init__(self, state_dir: Path, port: int = 0, env: Mapping[str, str] | None = None) -> None:
        self.state_dir = state_dir.resolve()
        self.fixed_port = bool(port)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.extra_env = dict(env or {})
        self.process: subprocess.Popen[bytes] | None = None
        self.started_in = 0.0  # seconds from launch to the first answer of /api/areas

    @property
    def paths(self) -> StatePaths:
        return StatePaths(self.state_dir)

    @property
    def console_log(self) -> Path:
        """What the runner printed (its console lines)."""
        return self.paths.logs / "console.log"

    def env(self) -> dict[str, str]:
        inherited = {name: value for name, value in os.environ.items() if name != "MOTO_PORT"}
        return {
            **inherited,  # the runner picks a free moto port itself
            **offline_aws({}),  # dummy credentials, whatever the tests' environment holds
            "BOBBIES_STATE_DIR": str(self.state_dir),
            "PORT": str(self.port),
            # Tests and benches vote with made-up tokens unless they ask for SMS codes (env=...=1).
            "BOBBIES_VERIFICATION": "0",
            **self.extra_env,
        }

    def start(self) -> "RunnerProcess":
        """Starts the runner; on free ports, picks others if another process took them meanwhile."""
        began = time.perf_counter()
        for attempt in (1, 2, 3):
            try:
                self._launch()
                self._wait_until_answering()
                break
            except RunnerExited:
                if self.fixed_port or attempt == 3:
                    raise
                self.port = free_port()
                self.url = f"http://127.0.0.1:{self.port}"
        self.started_in = time.perf_counter() - began
        return self

    def _launch(self) -> None:
        self.paths.logs.mkdir(parents=True, exist_ok=True)
        with self.console_log.open("ab") as console:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "local.run"],
                cwd=REPO,
                env=self.env(),
                stdout=console,
                stderr=subprocess.STDOUT,
            )

    def _wait_until_answering(self) -> None:
        if eventually(self._ready, timeout=START_TIMEOUT):
            return
        self.stop()
        raise RuntimeError(
            f"the local runner did not answer within {START_TIMEOUT:.0f} s:\n{self.console_tail()}"
        )

    def _ready(self) -> bool:
        """Ready once the runner wrote runner.json (its last start step, after the stream poller and the
        scheduler) and the gateway answers: the gateway alone answers before the rest is up."""
        assert self.process is not None
        if self.process.poll() is not None:
            raise RunnerExited(f"the local runner exited at start:\n{self.console_tail()}")
        info = live_runner_info(self.paths)
        if info is None or info.pid != self.process.pid:
            return False
        try:
            requests.get(f"{self.url}/api/areas", timeout=5)
        except (requests.ConnectionError, requests.Timeout):  # not listening yet, or busy
            return False
        return True

    def console_tail(self, lines: int = 40) -> str:
        if not self.console_log.exists():
            return ""
        return "\n".join(self.console_log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """Ctrl-C, as a person would; a kill if it does not stop within 20 s."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def restart(self) -> "RunnerProcess":
        self.stop()
        return self.start()

    def _tool(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", *args],
            cwd=REPO,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=360,
        )

    def nightly(self, at: str) -> str:
        """`make nightly AT=...`; returns its summary line (raises when it fails)."""
        done = self._tool("local.nightly", "--at", at)
        if done.returncode != 0:
            raise RuntimeError(f"nightly failed: {done.stdout}{done.stderr}")
        return done.stdout.strip()

    def invoke(self, function: str, event_file: str | Path) -> Any:
        """`make invoke FN=... EVENT=...`; returns the function's answer."""
        done = self._tool("local.invoke", function, str(event_file))
        if done.returncode != 0:
            raise RuntimeError(f"invoke failed: {done.stdout}{done.stderr}")
        return json.loads(done.stdout)

    def texts(self) -> list[dict[str, Any]]:
        """Every text sent to a resident's phone so far (`make sms`)."""
        return read_texts(self.paths.sms)

    def inbox(self) -> list[dict[str, Any]]:
        """Every tasking the police inbox received so far."""
        return read_inbox(self.paths.inbox)


@contextmanager
def runner_process(
    state_dir: Path, port: int = 0, env: Mapping[str, str] | None = None
) -> Iterator[RunnerProcess]:
    """A running local runner, stopped on exit. `env` adds variables (e.g. BOBBIES_TEMPLATE)."""
    runner = RunnerProcess(state_dir, port, env).start()
    try:
        yield runner
    finally:
        runner.stop()


COGNITO_TARGET = "AWSCognitoIdentityProviderService.InitiateAuth"


def sign_in(runner: "RunnerProcess | RunnerInfo", group: str) -> str:
    """An ID token of the runner's demo user of `group` ("moderator", "officer" or "admin"), got as the
    console gets it: InitiateAuth (USER_PASSWORD_AUTH) at config.json's cognitoEndpoint. Send it as the
    raw Authorization header of /api/admin calls. Valid for an hour (moto's ID tokens)."""
    config = requests.get(f"{runner.url}/police/config.json", timeout=10).json()
    user = demo_user(StatePaths(Path(runner.state_dir)), group)
    answer = requests.post(
        f"{runner.url}{config['cognitoEndpoint']}",
        headers={"X-Amz-Target": COGNITO_TARGET, "Content-Type": "application/x-amz-json-1.1"},
        json={
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": config["clientId"],
            "AuthParameters": {"USERNAME": user.username, "PASSWORD": user.password},
        },
        timeout=30,
    )
    answer.raise_for_status()
    return str(answer.json()["AuthenticationResult"]["IdToken"])
