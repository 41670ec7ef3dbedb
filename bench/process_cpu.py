"""CPU time of the local stack's processes, read from /proc (Linux): where a load's time goes.

On a machine shared with other jobs a rate says little on its own; the CPU each process spent per
accepted ballot says which part of the stack the ballot waits on: the moto server (one process,
its threads sharing one interpreter lock), the functions' worker environments, or the runner (the
gateway, the functions' first environments, the stream poller).
"""

import os
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def by_part(runner: int, moto: int) -> dict[str, float]:
    """CPU seconds so far of the moto server, the runner, and everything else it started (the
    functions' worker environments and their fork server)."""
    spent = {"moto": 0.0, "runner": 0.0, "workers": 0.0}
    waiting = [runner]
    while waiting:
        pid = waiting.pop()
        part = "moto" if pid == moto else "runner" if pid == runner else "workers"
        spent[part] += _cpu_seconds(pid)
        waiting.extend(_children(pid))
    return spent
