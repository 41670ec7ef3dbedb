"""`make reset`: forget the saved state, so the next `make run` starts afresh from the seed data."""

import sys

from local.paths import StatePaths
from local.stack import running_stack


def main() -> int:
    paths = StatePaths.from_env()
    stack = running_stack(paths)
    if stack is not None:
        print(f"The local stack is running (pid {stack.pid}); stop it first (Ctrl-C).", file=sys.stderr)
        return 1
    removed = [path for path in paths.saved_state() if path.exists()]
    for path in removed:
        path.unlink()
    names = ", ".join(path.name for path in removed) or "nothing to remove"
    print(f"reset {paths.root}: {names}. The next `make run` loads the seed data.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
