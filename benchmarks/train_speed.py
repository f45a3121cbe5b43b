"""How much faster is ``NeuralNetwork.train_many`` than the book's training loop?

Run:  python -m benchmarks.train_speed              (about 3 minutes on 2 cores)
      python -m benchmarks.train_speed --quick      (a few seconds; no full epoch)
      python -m benchmarks.train_speed --book-best  (about 2 minutes; see below)

For 784-100-10, 784-200-10 (MNIST digits) and 3-3-3 (random MNIST-like rows),
at learning rate 0.1, the same starting weights and the same sample order are
trained twice in this run:

- fast:      the project's ``network.train_many`` (nn/fast/), and
- textbook:  the book's per-sample loop, written here from the equations:
             column vectors, ``numpy.dot``, a fresh temporary per product.

Printed: samples per second for each and their ratio (median of several paired
runs on a subset; each pair runs both on the same rows, in alternating order;
wall clock, the goal's measure, and CPU time, helper process included, for comparison),
the BLAS thread count, and, after a full 60,000-sample epoch, the seconds each
took and the largest difference between the two sets of weights (the fast path
is the same per-sample SGD, so it must stay below 1e-9).

The machine may be shared: absolute figures are noisy, the paired ratio is
what counts; the load average is printed so a reader can judge.

``--book-best`` measures the book's best configuration instead (784-300-10,
learning rate 0.01, each image followed by its +/-10 degree rotations, as
``python -m nn.mnist --hidden 300 --lr 0.01 --epochs 30 --rotate 10`` trains):
paired fast/textbook runs on the first rotated rows, then the fast path alone
on a longer slice, and the time 30 epochs of 180,000 samples would take at
that rate (a projection: training only, wall clock and CPU time).
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from scipy.special import expit

if __package__ in (None, ""):  # run as a file: make the project importable without installing it
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nn import NeuralNetwork, fast  # noqa: E402
from nn.fast import two_process  # noqa: E402
from nn.augment import augment  # noqa: E402
from nn.data import make_targets, scale_inputs  # noqa: E402

ASSETS = Path(__file__).resolve().parent.parent / "assets"
LEARNING_RATE = 0.1
EPOCH_SAMPLES = 60_000
SHAPES = [(784, 100, 10), (784, 200, 10), (3, 3, 3)]
#: The speed goals of issue 2 (fast / textbook, same run).
GOALS = {(784, 100, 10): "goal 6x, stretch 8x", (3, 3, 3): "goal 5x"}

#: The book's best run (issue 5: "under 10 minutes on a 2-core machine").
BOOK_BEST_SHAPE = (784, 300, 10)
BOOK_BEST_LEARNING_RATE = 0.01
BOOK_BEST_DEGREES = 10.0
BOOK_BEST_SAMPLES = 30 * 3 * EPOCH_SAMPLES  # 30 epochs of each image and its two rotations


def textbook_train(wih, who, inputs_list, targets_list, learning_rate):
    """One sample of the book's training, as the book writes it (weights changed in place)."""
    inputs = np.array(inputs_list, ndmin=2).T                   # (input, 1)
    targets = np.array(targets_list, ndmin=2).T                 # (output, 1)
    hidden_inputs = np.dot(wih, inputs)
    hidden_outputs = expit(hidden_inputs)
    final_inputs = np.dot(who, hidden_outputs)
    final_outputs = expit(final_inputs)
    output_errors = targets - final_outputs
    hidden_errors = np.dot(who.T, output_errors)
    who += learning_rate * np.dot(output_errors * final_outputs * (1.0 - final_outputs),
                                  np.transpose(hidden_outputs))
    wih += learning_rate * np.dot(hidden_errors * hidden_outputs * (1.0 - hidden_outputs),
                                  np.transpose(inputs))


def textbook_epoch(wih, who, inputs, targets, learning_rate):
    for inputs_list, targets_list in zip(inputs, targets):
        textbook_train(wih, who, inputs_list, targets_list, learning_rate)


def mnist_training_set():
    """The 60,000 MNIST training digits, scaled as in the book (gzip + numpy only)."""
    pixels, labels = mnist_pixels()
    return scale_inputs(pixels), make_targets(labels)


def mnist_pixels():
    """The 60,000 MNIST training digits as uint8 (60000, 28, 28) and their labels."""
    with gzip.open(ASSETS / "train-images-idx3-ubyte.gz") as file:
        pixels = np.frombuffer(file.read(), np.uint8, offset=16).reshape(-1, 28, 28)
    with gzip.open(ASSETS / "train-labels-idx1-ubyte.gz") as file:
        labels = np.frombuffer(file.read(), np.uint8, offset=8)
    return pixels, labels


def rotated_training_rows(images):
    """The book's last experiment's rows: each image, then its +/-10 degree copies, scaled."""
    pixels, labels = mnist_pixels()
    pixels, labels = augment(pixels[:images], labels[:images], BOOK_BEST_DEGREES)
    return scale_inputs(pixels), make_targets(labels)


def random_training_set(input_nodes, output_nodes, samples, seed=0):
    """MNIST-like rows for tiny networks: inputs in [0.01, 1], one-hot 0.01/0.99 targets."""
    rng = np.random.default_rng(seed)
    inputs = rng.uniform(0.01, 1.0, (samples, input_nodes))
    return inputs, make_targets(rng.integers(0, output_nodes, samples), output_nodes)


def blas_threads() -> str:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "unknown (install threadpoolctl to see it; train_many then keeps BLAS's default)"
    pools = [f"{pool['num_threads']} ({pool['internal_api']} in {pool['prefix']})"
             for pool in threadpool_info() if pool["user_api"] == "blas"]
    return (", ".join(pools) or "unknown") + "; train_many limits BLAS to 1 thread while it trains"


def train_many(network, inputs, targets):
    network.train_many(inputs, targets)


def train_fast_in_one_process(network, inputs, targets):
    """``train_many`` without its helper process (what the dashboard's server uses)."""
    fast.train_many(network, inputs, targets, helper_process=False)


def train_textbook(network, inputs, targets):
    textbook_epoch(network.wih, network.who, inputs, targets, network.learning_rate)


def timed(train, network, inputs, targets):
    """(wall-clock seconds, CPU seconds) for one training run.

    CPU time counts this process and the helper process ``train_many`` may fork
    for long runs (nn/fast/two_process.py); a child's CPU time is known once it has
    been waited for, so the run's helper is waited for after the wall clock stops.
    """
    wall, cpu = time.perf_counter(), cpu_seconds()
    train(network, inputs, targets)
    wall = time.perf_counter() - wall
    two_process.reap_ended_helpers(wait=True)
    return wall, cpu_seconds() - cpu


def cpu_seconds():
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def paired_runs(start, inputs, targets, pairs, train_fast):
    """Timings of fast and textbook runs over the same rows from the same weights, paired."""
    for train in (train_fast, train_textbook):  # warm up: caches, code generation, first-call costs
        train(start.copy(), inputs[:100], targets[:100])
    fast_runs, textbook_runs = [], []
    for pair in range(pairs):
        runs = [(fast_runs, train_fast), (textbook_runs, train_textbook)]
        for timings, train in runs if pair % 2 == 0 else reversed(runs):
            timings.append(timed(train, start.copy(), inputs, targets))
    return fast_runs, textbook_runs


def full_epoch(start, inputs, targets, train_fast):
    fast, textbook = start.copy(), start.copy()
    fast_seconds = timed(train_fast, fast, inputs, targets)
    textbook_seconds = timed(train_textbook, textbook, inputs, targets)
    difference = max(np.abs(fast.wih - textbook.wih).max(), np.abs(fast.who - textbook.who).max())
    return fast_seconds, textbook_seconds, difference


def book_best(pairs, quick, train_fast):
    """Samples/s of the book's best configuration, and the 30-epoch time that rate projects."""
    name = "-".join(map(str, BOOK_BEST_SHAPE))
    inputs, targets = rotated_training_rows(2_000 if quick else 10_000)
    start = NeuralNetwork(*BOOK_BEST_SHAPE, BOOK_BEST_LEARNING_RATE, seed=0)
    subset = 600 if quick else 6_000  # 6,000: long enough for train_many's helper process
    fast_runs, textbook_runs = paired_runs(start, inputs[:subset], targets[:subset], pairs, train_fast)
    wall_ratios = [slow[0] / quick_run[0] for quick_run, slow in zip(fast_runs, textbook_runs)]
    cpu_ratios = [slow[1] / quick_run[1] for quick_run, slow in zip(fast_runs, textbook_runs)]
    textbook_seconds = statistics.median(run[0] for run in textbook_runs)
    print(f"{name}, learning rate {BOOK_BEST_LEARNING_RATE}, MNIST digits each followed by its "
          f"+/-{BOOK_BEST_DEGREES:g} degree rotations")
    print(f"  {pairs} paired runs of {subset:,} samples:")
    print(f"    fast      {subset / statistics.median(run[0] for run in fast_runs):>10,.0f} samples/s")
    print(f"    textbook  {subset / textbook_seconds:>10,.0f} samples/s")
    print(f"    ratio     {statistics.median(wall_ratios):>10.2f}x  wall clock (median; pairs: "
          f"{', '.join(f'{ratio:.1f}' for ratio in wall_ratios)})")
    print(f"              {statistics.median(cpu_ratios):>10.2f}x  CPU time, helper process included (median)")

    # the fast path alone on a longer slice: a steadier rate to project from
    wall, cpu = timed(train_fast, start.copy(), inputs, targets)
    print(f"  fast path alone, {len(inputs):,} samples: {len(inputs) / wall:,.0f} samples/s wall clock, "
          f"{len(inputs) / cpu:,.0f} per CPU second")
    print(f"  projected training time of the book's best ({BOOK_BEST_SAMPLES:,} samples, 30 epochs) "
          f"at these rates: {BOOK_BEST_SAMPLES * wall / len(inputs) / 60:.1f} min wall clock, "
          f"{BOOK_BEST_SAMPLES * cpu / len(inputs) / 60:.1f} min of CPU time "
          f"(textbook loop: {BOOK_BEST_SAMPLES * textbook_seconds / subset / 3600:.1f} h wall clock)")
    print("  (a projection from this slice, training only; the real run also rotates the images "
          "once and scores the test set after each epoch)\n")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="smaller subsets, fewer pairs, no full epoch (a few seconds)")
    parser.add_argument("--pairs", type=int, default=None, help="paired runs per network (default 5, quick 3)")
    parser.add_argument("--shapes", default=None,
                        help="comma-separated networks, e.g. 784-100-10,3-3-3 (default: all three)")
    parser.add_argument("--one-process", action="store_true",
                        help="measure train_many without its helper process (nn/fast/two_process.py), "
                             "as it runs inside the dashboard's multi-threaded server")
    parser.add_argument("--book-best", action="store_true",
                        help="measure the book's best configuration (784-300-10, lr 0.01, +/-10 degree "
                             "rotations) and project its 30-epoch time, instead of the networks above")
    args = parser.parse_args(argv)
    train_fast = train_fast_in_one_process if args.one_process else train_many
    pairs = args.pairs or (3 if args.quick else 5)
    if args.book_best:
        print(f"BLAS threads: {blas_threads()}")
        print(f"load average at start: {' '.join(f'{load:.2f}' for load in os.getloadavg())} "
              f"on {os.cpu_count()} CPUs (a shared machine makes figures noisy)\n")
        book_best(pairs, args.quick, train_fast)
        print(f"load average at end: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
        return
    shapes = SHAPES if not args.shapes else [tuple(int(n) for n in s.split("-")) for s in args.shapes.split(",")]

    mnist_inputs, mnist_targets = mnist_training_set()
    print(f"BLAS threads: {blas_threads()}")
    print(f"load average at start: {' '.join(f'{load:.2f}' for load in os.getloadavg())} "
          f"on {os.cpu_count()} CPUs (a shared machine makes figures noisy; the ratio is what counts)")
    print(f"learning rate {LEARNING_RATE}, per-sample SGD, float64, same start and order for both\n")

    for shape in shapes:
        name = "-".join(map(str, shape))
        if shape[0] == 784 and shape[2] == 10:
            inputs, targets, data = mnist_inputs, mnist_targets, "MNIST digits"
        else:
            inputs, targets = random_training_set(shape[0], shape[2], EPOCH_SAMPLES)
            data = "random rows in [0.01, 1]"
        start = NeuralNetwork(*shape, LEARNING_RATE, seed=2024)
        # 20,000 rows: a run of train_many on a big network starts with about 15 ms of set-up
        # (forking its helper process), which would be 8% of an 8,000-row run and is 1% of an epoch
        subset = (1000 if args.quick else 20000) if shape[0] * shape[1] > 1000 else (20000 if args.quick else 60000)

        fast_runs, textbook_runs = paired_runs(start, inputs[:subset], targets[:subset], pairs, train_fast)
        wall_ratios = [slow[0] / quick[0] for quick, slow in zip(fast_runs, textbook_runs)]
        cpu_ratios = [slow[1] / quick[1] for quick, slow in zip(fast_runs, textbook_runs)]
        print(f"{name} ({data}), {pairs} paired runs of {subset:,} samples:")
        print(f"  fast      {subset / statistics.median(run[0] for run in fast_runs):>10,.0f} samples/s")
        print(f"  textbook  {subset / statistics.median(run[0] for run in textbook_runs):>10,.0f} samples/s")
        goal = f"; {GOALS[shape]}" if shape in GOALS else ""
        print(f"  ratio     {statistics.median(wall_ratios):>10.2f}x  wall clock (median{goal}; pairs: "
              f"{', '.join(f'{ratio:.1f}' for ratio in wall_ratios)})")
        print(f"            {statistics.median(cpu_ratios):>10.2f}x  CPU time, helper process included (median; pairs: "
              f"{', '.join(f'{ratio:.1f}' for ratio in cpu_ratios)})")

        if not args.quick:
            (fast_wall, fast_cpu), (textbook_wall, textbook_cpu), difference = full_epoch(
                start, inputs[:EPOCH_SAMPLES], targets[:EPOCH_SAMPLES], train_fast)
            print(f"  full epoch of {EPOCH_SAMPLES:,} samples (one run each, so noisier than the pairs):")
            print(f"            fast {fast_wall:.2f} s, textbook {textbook_wall:.2f} s "
                  f"({textbook_wall / fast_wall:.2f}x); CPU time {fast_cpu:.2f} s vs {textbook_cpu:.2f} s "
                  f"({textbook_cpu / fast_cpu:.2f}x)")
            print(f"            largest weight difference {difference:.2e}")
        print()
    print(f"load average at end: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")


if __name__ == "__main__":
    main()
