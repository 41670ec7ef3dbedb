"""`make reset`: forget the saved state, so the next `make run` starts afresh from the seed data."""

import sys

from local.runner_info import live_runner_info
from local.settings import runner_settings_or_exit


def main() -> int:
    paths = runner_settings_or_exit().paths
    runner = live_runner_info(paths)
    if runner is not None:
        print(f"The local runner is running (pid {runner.pid}); stop it first (Ctrl-C).", file=sys.stderr)
        return 1
    removed = [path for path in paths.saved_state() if path.exists()]
    for path in removed:
        path.unlink()
    names = ", ".join(path.name for path in removed) or "nothing to remove"
    print(f"reset {paths.root}: {names}. The next `make run` loads the seed data.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
