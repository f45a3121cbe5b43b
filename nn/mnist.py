"""The book's MNIST experiment as a command: train on the 60,000 training images, score the 10,000 test images.

Progress on stderr, results on stdout::

    python -m nn.mnist --hidden 100 --lr 0.1 --epochs 1
    python -m nn.mnist --hidden 200 --lr 0.1 --epochs 5 --seed 0 --save net.npz
    python -m nn.mnist --hidden 300 --lr 0.01 --epochs 30 --rotate 10   # the book's best

Only the command line lives here; the training it runs is :func:`nn.mnist_training.train_mnist`
and the scoring :func:`nn.scoring.accuracy`.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from typing import Optional

import numpy as np

from nn.data import SPLIT_SIZES, load_mnist
from nn.mnist_training import train_mnist
from nn.network import INITS, MAX_NODES, RULES, NeuralNetwork, check_learning_rate


class ProgressLine:
    """One self-overwriting line on stderr: samples done, samples per second, time left."""

    def __init__(self, epochs: int, stream=sys.stderr, every: float = 0.5):
        self.epochs, self.stream, self.every = epochs, stream, every
        # the rate is measured from the first report on, so that loading and rotating the
        # images before training starts does not count as slow training
        self.first: Optional[tuple[float, int]] = None  # (time, samples trained) at the first report
        self.shown_at = -math.inf
        self.trained_before = 0  # samples of finished epochs

    def __call__(self, epoch: int, done: int, total: int) -> None:
        now = time.perf_counter()
        trained = self.trained_before + done
        if self.first is None:
            self.first = (now, trained)
        if now - self.shown_at < self.every and done < total:
            return
        self.shown_at = now
        seconds, samples = now - self.first[0], trained - self.first[1]
        rate = samples / seconds if seconds > 0 and samples > 0 else math.nan
        left = (self.epochs * total - trained) / rate
        self.stream.write(
            f"\repoch {epoch}/{self.epochs}: {done:,}/{total:,} samples, "
            f"{_rate(rate)} samples/s, ETA {_clock(left)}   "
        )
        self.stream.flush()
        if done == total:
            self.trained_before += total
            self.stream.write("\n")


def _rate(samples_per_second: float) -> str:
    return "?" if math.isnan(samples_per_second) else f"{samples_per_second:,.0f}"


def _clock(seconds: float) -> str:
    if not math.isfinite(seconds):
        return "?"
    minutes, seconds = divmod(int(round(seconds)), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}"


def _whole(low: int, high: Optional[int] = None):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number; got {text!r}") from None
        if value < low or (high is not None and value > high):
            allowed = f"from {low} to {high}" if high is not None else f"{low} or more"
            raise argparse.ArgumentTypeError(f"must be {allowed}; got {value}")
        return value

    return parse


def _learning_rate(text: str) -> float:
    try:
        return check_learning_rate(float(text))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc).replace("learning_rate ", "")) from None


def _degrees(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of degrees; got {text!r}") from None
    if not (math.isfinite(value) and 0 < value <= 180):
        raise argparse.ArgumentTypeError(f"must be above 0 and at most 180 degrees; got {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m nn.mnist",
        description="Train the book's three-layer network on MNIST and print its test performance.",
    )
    parser.add_argument("--hidden", type=_whole(1, MAX_NODES), default=100, help="hidden nodes (default 100)")
    parser.add_argument("--lr", type=_learning_rate, default=0.1, help="learning rate (default 0.1)")
    parser.add_argument("--epochs", type=_whole(1, 1000), default=1, help="passes over the training images (default 1)")
    parser.add_argument("--init", choices=INITS, default="normal", help="starting weights (default normal)")
    parser.add_argument("--seed", type=_whole(0), default=None, help="random seed (default: a fresh one, printed)")
    parser.add_argument(
        "--limit", type=_whole(1, SPLIT_SIZES["train"]), default=None,
        help="train on the first N training images only (default all 60,000)",
    )
    parser.add_argument("--rotate", type=_degrees, default=None, metavar="DEGREES",
                        help="also train on copies rotated by +/-DEGREES (the book uses 10)")
    parser.add_argument("--bias", action="store_true", help="add the constant 1.0 bias node")
    parser.add_argument("--rule", choices=RULES, default="book",
                        help="hidden-layer error: the book's or the exact gradient (default book)")
    parser.add_argument("--save", metavar="PATH.npz", default=None, help="save the trained network here")
    parser.add_argument("--quiet", action="store_true", help="no progress line")
    return parser


def main(argv: Optional[list[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.save is not None and not args.save.endswith(".npz"):
        parser.error(f"argument --save: must be a path ending in .npz; got {args.save!r}")
    seed = args.seed if args.seed is not None else int(np.random.default_rng().integers(2**31))

    train_images, train_labels = load_mnist("train", args.limit)
    test_images, test_labels = load_mnist("test")
    network = NeuralNetwork(784, args.hidden, 10, args.lr, init=args.init, bias=args.bias, rule=args.rule, seed=seed)
    print(
        f"{network!r}\ntraining on {len(train_images):,} images"
        + (f" and their +/-{args.rotate:g} degree rotations" if args.rotate else "")
        + f", {args.epochs} epoch{'s' * (args.epochs > 1)}; testing on {len(test_images):,}",
        flush=True,
    )

    started = time.perf_counter()
    scores = train_mnist(
        network, train_images, train_labels,
        epochs=args.epochs, degrees=args.rotate, test=(test_images, test_labels),
        progress=None if args.quiet else ProgressLine(args.epochs),
        on_epoch=lambda epoch, score: print(f"epoch {epoch}: performance = {score:.4f}", flush=True),
    )
    wall = time.perf_counter() - started

    print(f"performance = {scores[-1]:.4f}")
    print(f"wall time {wall:.1f} s")
    if args.save:
        network.save(args.save)
        print(f"saved to {args.save}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
