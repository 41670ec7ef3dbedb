"""`make invoke FN=ApiFunction EVENT=events/api_list_areas.json`: one function, one sample event,
run inside the local runner; prints what the function returned."""

import json
import sys
from pathlib import Path

from local.paths import REPO
from local.runner_info import live_runner_info_or_exit
from local.settings import runner_settings_or_exit
from local.template import functions


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: make invoke FN=<LogicalId> EVENT=events/<file>.json", file=sys.stderr)
        return 2
    function, event_file = argv
    runner_settings_or_exit()
    path = Path(event_file) if Path(event_file).is_absolute() else REPO / event_file
    try:
        event = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        print(f"cannot read the event {event_file}: {exc}", file=sys.stderr)
        return 2
    known = [spec.logical_id for spec in functions()]
    if function not in known:
        print(f"no function {function} in the template; there are {', '.join(known)}", file=sys.stderr)
        return 2
    runner = live_runner_info_or_exit()
    answer = runner.invoke(function, event)
    if answer["error"]:
        print(json.dumps(answer["error"], indent=2, ensure_ascii=False), file=sys.stderr)
        return 1
    print(json.dumps(answer["result"], indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
