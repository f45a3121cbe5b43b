"""What one click on "Download the error history (.csv)" costs at the live page's cap of 1,000,000 samples.

    python benchmarks/history_csv.py                    # about a minute
    python benchmarks/history_csv.py --samples 100000   # a shorter history

A live run of the book's 3-3-3 network is trained to the cap (the errors a learner's run
records), then its CSV is made by ``ui.saved_work.history_csv`` (Arrow's CSV writer) and by
the baseline, the implementation it replaced (each column mapped to text by ``repr``, joined
row by row), several times each in alternation, in this run. Printed: CPU seconds and wall
seconds per click for each (medians) and their ratios, the file's size, and a check that
each file holds exactly the numbers nn/ recorded (every float read back equal).
The work is done only when the button is pressed (``st.download_button`` with a callable);
nothing is made while the page runs.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.machine import cpu_model  # noqa: E402
from nn import NeuralNetwork  # noqa: E402
from nn.teaching_sets import TEACHING_SETS  # noqa: E402
from nn.training import TrainingRun  # noqa: E402
from ui.live.training import MAX_LIVE_SAMPLES  # noqa: E402
from ui.saved_work import history_csv, running_mean_window  # noqa: E402

REPEATS = 5


def baseline_csv(run: TrainingRun) -> bytes:
    """The implementation history_csv replaced: each column mapped to text, then joined row by row."""
    count = len(run.errors)
    running_mean = run.running_mean(running_mean_window(run.epoch_size))
    samples_seen = map(str, range(1, count + 1))
    errors = map(repr, run.errors)
    means = map(repr, running_mean.tolist())
    epochs = map(str, (np.arange(count) // run.epoch_size + 1).tolist())
    rows = map(",".join, zip(samples_seen, errors, means, epochs))
    return ("samples_seen,error,running_mean,epoch\n" + "".join(row + "\n" for row in rows)).encode("utf-8")


def trained_run(samples: int) -> TrainingRun:
    first_set = next(iter(TEACHING_SETS.values()))  # the book's 3-3-3, as a fresh live session has it
    network = NeuralNetwork(first_set.input_nodes, 3, first_set.output_nodes, 0.3, seed=1)
    run = TrainingRun(network, first_set.inputs, first_set.targets)
    run.train(samples)
    return run


def costs(make, run) -> tuple[float, float]:
    """CPU seconds (every thread of this process) and wall seconds of one click."""
    cpu, wall = time.process_time(), time.perf_counter()
    make(run)
    return time.process_time() - cpu, time.perf_counter() - wall


def holds_exactly(data: bytes, run: TrainingRun) -> bool:
    rows = list(csv.DictReader(io.StringIO(data.decode())))
    return ([int(row["samples_seen"]) for row in rows] == list(range(1, run.samples_seen + 1))
            and [float(row["error"]) for row in rows] == list(run.errors)
            and [float(row["running_mean"]) for row in rows]
            == run.running_mean(running_mean_window(run.epoch_size)).tolist()
            and [int(row["epoch"]) for row in rows] == [n // run.epoch_size + 1 for n in range(run.samples_seen)])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=MAX_LIVE_SAMPLES, help="history length (default: the cap)")
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} cores, {cpu_model()}; load average {Path('/proc/loadavg').read_text().split()[0]}")
    run = trained_run(args.samples)
    print(f"history: {run.samples_seen:,} samples of {next(iter(TEACHING_SETS))!r}")

    made, expected = history_csv(run), baseline_csv(run)
    exact = holds_exactly(made, run)
    print(f"file: {len(made) / 2**20:.1f} MB (baseline's {len(expected) / 2**20:.1f} MB); every number read back "
          f"equal to nn/'s: {exact} (baseline's: {holds_exactly(expected, run)})")
    del made, expected

    ours, theirs = [], []
    for _ in range(REPEATS):  # alternating, so a change in the machine's load falls on both
        theirs.append(costs(baseline_csv, run))
        ours.append(costs(history_csv, run))
    for kind, index in (("CPU", 0), ("wall", 1)):
        mine, base = statistics.median(c[index] for c in ours), statistics.median(c[index] for c in theirs)
        print(f"{kind} seconds per click: history_csv {mine:.3f}, baseline {base:.3f} (medians of {REPEATS}); "
              f"ratio baseline/history_csv {base / mine:.2f}")
    return 0 if exact else 1


if __name__ == "__main__":
    sys.exit(main())
