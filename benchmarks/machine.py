"""What a benchmark says of the machine it ran on: every figure names its CPU."""

from __future__ import annotations

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
