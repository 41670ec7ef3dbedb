"""Starting and stopping the moto server that plays AWS on loopback."""

import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import requests

from local.moto_main import SNAPSHOT_ROUTE
from local.paths import REPO
from local.waiting import eventually


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# A snapshot after this many recorded calls bounds what a start after a crash replays: at about
# 60 calls a second, some 10 s. Taking one holds moto's requests for well under a second at 2,000 ballots.
SNAPSHOT_EVERY = 500


@dataclass
class MotoServer:
    process: subprocess.Popen[bytes]
    port: int

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @classmethod
    def launch(cls, port: int, recording: Path, saved: Path, log: Path) -> "MotoServer":
        """Starts the server process from the snapshot `saved` (if any); wait_until_ready() before
        the first call, then replay the recording's calls after that snapshot."""
        env = {
            "BOBBIES_SNAPSHOT_EVERY": str(SNAPSHOT_EVERY),
            **os.environ,
            "MOTO_RECORDER_FILEPATH": str(recording),
            "BOBBIES_SNAPSHOT": str(saved),
            # The user pool's and app client's ids from their names: the same on every start.
            "MOTO_COGNITO_IDP_USER_POOL_ID_STRATEGY": "HASH",
            "MOTO_COGNITO_IDP_USER_POOL_CLIENT_ID_STRATEGY": "HASH",
        }
        env.pop("MOTO_ENABLE_RECORDING", None)  # recording starts after the replay, see start_recording
        with log.open("ab") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "local.moto_main", str(port)],
                cwd=REPO,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches the runner only; the runner stops moto last
            )
        return cls(process, port)

    def wait_until_ready(self, timeout: float = 30) -> None:
        if not eventually(self._answering, timeout=timeout, interval=0.05):
            self.stop()
            raise RuntimeError(f"the moto server did not answer on port {self.port} within {timeout:.0f} s")

    def _answering(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError("the moto server stopped at start; see its log in the logs folder")
        try:
            requests.get(f"{self.endpoint}/moto-api/", timeout=1)
        except requests.ConnectionError:
            return False
        return True

    def start_recording(self) -> None:
        requests.post(f"{self.endpoint}/moto-api/recorder/start-recording", timeout=5).raise_for_status()

    def take_snapshot(self) -> int:
        """Saves the state now (the recording is trimmed to what follows); returns its generation."""
        answer = requests.post(f"{self.endpoint}{SNAPSHOT_ROUTE}", timeout=120)
        answer.raise_for_status()
        return int(answer.json()["generation"])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
