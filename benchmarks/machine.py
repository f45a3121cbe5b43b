"""What a benchmark says of the machine it ran on (every figure names its CPU), and how it shares its cores."""

from __future__ import annotations

import os
from pathlib import Path


def cpu_model() -> str:
    """The CPU's model name as Linux reports it ("unknown CPU" where /proc/cpuinfo does not say)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def server_and_client_cores() -> tuple[set[int], set[int]]:
    """The server on the first core this process may use, the clients (browser, simulated learners) on
    the others, as a class's server and its students' devices are apart; all on one where there is one."""
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) == 1:
        return set(cores), set(cores)
    return {cores[0]}, set(cores[1:])
