"""Where the local stack keeps its files: one state folder (BOBBIES_STATE_DIR, default .local)."""

from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class StatePaths:
    root: Path

    @property
    def runner_info(self) -> Path:
        """Written while the runner runs: its ports and pids, for `make nightly`, `make invoke`."""
        return self.root / "runner.json"

    @property
    def recording(self) -> Path:
        """Every state-changing AWS call since the snapshot, in order: replayed on start after it."""
        return self.root / "recording.jsonl"

    @property
    def snapshot(self) -> Path:
        """The moto server's state when the recording was last trimmed (local.snapshot)."""
        return self.root / "snapshot.bin"

    @property
    def checkpoints(self) -> Path:
        """Per stream shard, the last sequence number handed to its function."""
        return self.root / "checkpoints.json"

    @property
    def inbox(self) -> Path:
        return self.root / "inbox.jsonl"

    @property
    def sms(self) -> Path:
        """Every text sent to a resident (codes): the residents' phones, read by `make sms`."""
        return self.root / "sms.jsonl"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def functions_log(self) -> Path:
        return self.logs / "functions.log"

    @property
    def moto_log(self) -> Path:
        return self.logs / "moto.log"

    def has_saved_state(self) -> bool:
        return self.recording.exists() or self.snapshot.exists()

    def saved_state(self) -> list[Path]:
        """What `make reset` removes: everything that would carry into the next start."""
        return [self.recording, self.snapshot, self.checkpoints, self.inbox, self.sms]
