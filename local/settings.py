"""The runner's settings, read once from the environment on first use (never at import), as the
layer's bobbies.settings reads the functions' settings.

    PORT               the gateway: the page and /api (3000)
    MOTO_PORT          the moto server (a free one)
    BOBBIES_STATE_DIR  where the state lives (.local)
    BOBBIES_TEMPLATE   the template to run (template.yaml)
    BOBBIES_SEED       0 starts without the seed data (1)
    BOBBIES_VERIFICATION  0 votes anonymously, as template.yaml's VoterVerification=off (1: on)
    AWS_REGION         or AWS_DEFAULT_REGION (eu-west-2)
"""

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from local.paths import REPO, StatePaths

_YES = {"", "1", "true", "yes", "on"}
_NO = {"0", "false", "no", "off"}


class SettingsError(ValueError):
    """A setting the runner cannot use; the message names the variable and says what it takes."""


@dataclass(frozen=True)
class RunnerSettings:
    port: int
    moto_port: int | None  # None: a free one, picked again if another process takes it first
    state_dir: Path
    template: Path
    seed: bool
    region: str
    verification: bool = True  # template.yaml's VoterVerification: SMS codes before a first ballot

    @property
    def paths(self) -> StatePaths:
        return StatePaths(self.state_dir)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> "RunnerSettings":
        return cls(
            port=_port(environ, "PORT") or 3000,
            moto_port=_port(environ, "MOTO_PORT"),
            state_dir=_path(environ, "BOBBIES_STATE_DIR", REPO / ".local"),
            template=_path(environ, "BOBBIES_TEMPLATE", REPO / "template.yaml"),
            seed=_flag(environ, "BOBBIES_SEED"),
            verification=_flag(environ, "BOBBIES_VERIFICATION"),
            region=environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION") or "eu-west-2",
        )


def _port(environ: Mapping[str, str], name: str) -> int | None:
    text = environ.get(name, "").strip()
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise SettingsError(f"{name} must be a port number from 1 to 65535, not {text!r}")
    return int(text)


def _path(environ: Mapping[str, str], name: str, default: Path) -> Path:
    return Path(environ.get(name) or default).resolve()


def _flag(environ: Mapping[str, str], name: str) -> bool:
    text = environ.get(name, "").strip().lower()
    if text not in _YES | _NO:
        raise SettingsError(f"{name} must be 1 or 0, not {text!r}")
    return text in _YES


@cache
def runner_settings() -> RunnerSettings:
    return RunnerSettings.from_environment(os.environ)


def runner_settings_or_exit() -> RunnerSettings:
    """For `make run` and the commands: a bad setting is one line naming it, not a traceback."""
    try:
        return runner_settings()
    except SettingsError as bad:
        print(f"Cannot start: {bad}.", file=sys.stderr)
        raise SystemExit(2) from None
