"""Memory of a run's error history at the live page's cap of 1,000,000 samples: a list of floats against ours.

    python benchmarks/history_memory.py                    # about half a minute
    python benchmarks/history_memory.py --samples 100000   # a shorter history

A live run of the book's 3-3-3 network is trained to the cap, and the bytes its history holds
are counted by ``tracemalloc`` (every allocation Python made for it: the buffer, its spare room,
any float objects). The baseline, measured in the same run from the same errors: the
``list[float]`` ``TrainingRun.errors`` was before, grown as it grew (each slice of
``SAMPLES_PER_CLOCK_CHECK`` errors extended as Python floats). Printed: bytes and bytes a sample
for each, their ratio, and a check that both hold exactly the same numbers.
"""

from __future__ import annotations

import argparse
import array
import os
import sys
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.history_csv import trained_run  # noqa: E402
from benchmarks.machine import cpu_model  # noqa: E402
from nn.teaching_sets import TEACHING_SETS  # noqa: E402
from nn.training import SAMPLES_PER_CLOCK_CHECK, error_snapshot  # noqa: E402
from ui.live.training import MAX_LIVE_SAMPLES  # noqa: E402


def held_by(build):
    """What ``build()`` returns, and the bytes Python allocated for it that are still held afterwards."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        made = build()
        return made, tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


def list_history(errors: np.ndarray) -> list[float]:
    """The baseline: the history as the list it was, extended slice by slice with Python floats."""
    history: list[float] = []
    for start in range(0, errors.size, SAMPLES_PER_CLOCK_CHECK):
        history.extend(errors[start:start + SAMPLES_PER_CLOCK_CHECK].tolist())
    return history


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=MAX_LIVE_SAMPLES, help="history length (default: the cap)")
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} cores, {cpu_model()}")

    run = trained_run(args.samples)
    n = run.samples_seen
    # The run's history as the run grew it: the same slices appended again, into a fresh history, counted alone.
    errors = error_snapshot(run.errors)

    def compact_history():
        history = array.array(run.errors.typecode)
        for start in range(0, n, SAMPLES_PER_CLOCK_CHECK):
            history.frombytes(errors[start:start + SAMPLES_PER_CLOCK_CHECK].tobytes())
        return history

    ours, ours_bytes = held_by(compact_history)
    theirs, theirs_bytes = held_by(lambda: list_history(errors))
    exact = list(ours) == theirs == list(run.errors)
    print(f"history: {n:,} samples of {next(iter(TEACHING_SETS))!r}; same numbers in both: {exact}")
    print(f"array.array('d') (ours): {ours_bytes / 1e6:.1f} MB, {ours_bytes / n:.2f} bytes a sample "
          f"(the trained run's own: {sys.getsizeof(run.errors) / 1e6:.1f} MB)")
    print(f"list[float] (baseline): {theirs_bytes / 1e6:.1f} MB, {theirs_bytes / n:.2f} bytes a sample")
    print(f"ratio baseline/ours: {theirs_bytes / ours_bytes:.2f}")
    return 0 if exact else 1


if __name__ == "__main__":
    sys.exit(main())
