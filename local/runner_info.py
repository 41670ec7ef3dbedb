"""The running runner as the command-line tools find it: <state>/runner.json, written by `make run`."""

import json
import os
import sys
from dataclasses import asdict, dataclass
from typing import Any

import requests

from local.aws import offline_aws
from local.paths import StatePaths
from local.settings import runner_settings_or_exit
from local.template import LocalResources, function_environment, region


@dataclass(frozen=True)
class RunnerInfo:
    pid: int
    url: str  # the gateway: the page and /api
    moto_endpoint: str
    moto_pid: int
    state_dir: str
    started: str
    resources: dict[str, Any]

    def local_resources(self) -> LocalResources:
        return LocalResources(**self.resources)

    def function_environment(self, logical_id: str) -> dict[str, str]:
        """The function's template environment plus what pointing it at the runner takes."""
        return {
            **function_environment(logical_id, self.local_resources()),
            **runtime_environment(self.moto_endpoint, self.url),
        }

    def invoke(self, function: str, event: Any, timeout: float = 330) -> dict[str, Any]:
        """Runs a function inside the runner; returns {"result", "error", "durationMs", ...}."""
        answer = requests.post(f"{self.url}/_local/invoke/{function}", json=event, timeout=timeout)
        answer.raise_for_status()
        return dict(answer.json())


def runtime_environment(moto_endpoint: str, gateway_url: str) -> dict[str, str]:
    """What Lambda would provide, and what points the AWS SDK at moto instead of AWS."""
    return {
        "AWS_ENDPOINT_URL": moto_endpoint,
        # SNS goes through the runner's tap, which keeps the email and SMS texts for the inbox.
        "AWS_ENDPOINT_URL_SNS": f"{gateway_url}/_local/sns",
        **offline_aws(os.environ),
        "AWS_REGION": region(),
        "AWS_DEFAULT_REGION": region(),
        "POWERTOOLS_TRACE_DISABLED": "true",
        # The gateway plays CloudFront: the console's link in a tasking's email points at it.
        "CONSOLE_URL": f"{gateway_url}/police/",
    }


def write_runner_info(paths: StatePaths, info: RunnerInfo) -> None:
    spare = paths.runner_info.with_suffix(".writing")
    spare.write_text(json.dumps(asdict(info), indent=1))
    os.replace(spare, paths.runner_info)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def live_runner_info(paths: StatePaths) -> RunnerInfo | None:
    """The runner running on this state folder, if any (a stale runner.json is ignored)."""
    try:
        info = RunnerInfo(**json.loads(paths.runner_info.read_text()))
    except (FileNotFoundError, json.JSONDecodeError, TypeError):
        return None
    return info if _alive(info.pid) else None


def live_runner_info_or_exit(paths: StatePaths | None = None) -> RunnerInfo:
    """For the commands: the running runner, or a line saying how to start it."""
    paths = paths or runner_settings_or_exit().paths
    info = live_runner_info(paths)
    if info is None:
        print(
            f"The local runner is not running (no live {paths.runner_info}). Start it with `make run`.",
            file=sys.stderr,
        )
        raise SystemExit(1)
    os.environ.update(offline_aws(os.environ))  # the tools' own boto3 clients talk to its moto
    return info


def use_runner_environment(logical_id: str = "ApiFunction") -> dict[str, str]:
    """For commands that run function code themselves (`make seed`): os.environ set as the running
    runner's function sees it."""
    env = live_runner_info_or_exit().function_environment(logical_id)
    os.environ.update(env)
    return env
