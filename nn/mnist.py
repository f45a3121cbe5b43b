"""The book's MNIST experiment: train on the 60,000 training images, score the 10,000 test images.

As a command (progress on stderr, results on stdout)::

    python -m nn.mnist --hidden 100 --lr 0.1 --epochs 1
    python -m nn.mnist --hidden 200 --lr 0.1 --epochs 5 --seed 0 --save net.npz
    python -m nn.mnist --hidden 300 --lr 0.01 --epochs 30 --rotate 10   # the book's best

As functions, for the MNIST pages: :func:`accuracy`, :func:`train_epoch`, :func:`train_mnist`.

The algorithm is the book's: one sample at a time, in the file's order, every
epoch the same order; inputs scaled ``x/255*0.99+0.01``, targets 0.01/0.99.
Training goes through ``NeuralNetwork.train_many`` in chunks, which gives the
same weights as calling ``train`` per image, only faster, and lets progress be shown.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from typing import Callable, Optional

import numpy as np

from nn.augment import augment
from nn.data import PIXELS, SPLIT_SIZES, load_mnist, make_targets, scale_inputs
from nn.network import INITS, MAX_NODES, RULES, NeuralNetwork, check_learning_rate

#: Images scaled and trained per call to ``train_many``: big enough that the
#: call overhead vanishes and that the command's runs are long enough for
#: ``train_many``'s helper process (nn/fast/two_process.py, from 4,096 samples),
#: small enough that the scaled float64 copy stays modest (10,000 x 784 x 8
#: bytes = 63 MB, not 376 MB for the whole set) and progress updates often.
CHUNK = 10_000

#: (samples done in this epoch, samples in the epoch)
Progress = Callable[[int, int], None]


# -- scoring -------------------------------------------------------------------------------


def predictions(network: NeuralNetwork, images, chunk: int = 10_000) -> np.ndarray:
    """The network's answer for each image: the index of its largest output (int (n,))."""
    inputs = _as_inputs(images)
    answers = np.empty(len(inputs), dtype=np.intp)
    for start in range(0, len(inputs), chunk):
        answers[start:start + chunk] = np.argmax(network.query(inputs[start:start + chunk]), axis=1)
    return answers


def accuracy(network: NeuralNetwork, images, labels) -> float:
    """The book's "performance": the fraction of images whose largest output is at their label.

    images: uint8 pixels (n, 28, 28) or (n, 784), scaled here the book's way;
    or float inputs (n, 784) already scaled with :func:`nn.data.scale_inputs`.
    """
    labels = np.asarray(labels)
    if len(labels) == 0:
        raise ValueError("accuracy needs at least one image")
    if len(labels) != len(images):
        raise ValueError(f"images and labels must pair up; got {len(images)} images and {len(labels)} labels")
    return float(np.mean(predictions(network, images) == labels))


def _as_inputs(images) -> np.ndarray:
    images = np.asarray(images)
    if images.dtype == np.uint8:
        return scale_inputs(images)
    return images.reshape(len(images), -1).astype(np.float64, copy=False)


# -- training ------------------------------------------------------------------------------


def train_epoch(
    network: NeuralNetwork,
    images: np.ndarray,
    labels: np.ndarray,
    *,
    chunk: int = CHUNK,
    progress: Optional[Progress] = None,
) -> np.ndarray:
    """One pass over uint8 ``images`` (n, 28, 28) with their ``labels``, in order.

    Scales each chunk just before training it, so the 60,000 images never
    exist as 376 MB of float64 at once. Returns each sample's error, before its update.
    """
    if len(images) != len(labels):
        raise ValueError(f"images and labels must pair up; got {len(images)} images and {len(labels)} labels")
    errors = np.empty(len(images))
    # One buffer for every chunk's inputs: on a VM, fresh memory can cost several times
    # the scaling itself (measured up to 180 ms for 63 MB just after train_many's helper ran).
    scaled = np.empty((min(chunk, len(images)), PIXELS))
    for start in range(0, len(images), chunk):
        stop = min(start + chunk, len(images))
        errors[start:stop] = network.train_many(
            scale_inputs(images[start:stop], out=scaled), make_targets(labels[start:stop], network.output_nodes)
        )
        if progress:
            progress(stop, len(images))
    return errors


def train_mnist(
    network: NeuralNetwork,
    images: np.ndarray,
    labels: np.ndarray,
    *,
    epochs: int = 1,
    degrees: Optional[float] = None,
    test: Optional[tuple[np.ndarray, np.ndarray]] = None,
    chunk: int = CHUNK,
    progress: Optional[Callable[[int, int, int], None]] = None,
    on_epoch: Optional[Callable[[int, Optional[float]], None]] = None,
) -> list[Optional[float]]:
    """Train ``epochs`` passes over the images, as the book does; score after each.

    degrees: when given, each image is followed by its copies rotated by
    +degrees and -degrees (the book's last experiment), tripling the epoch.
    test: (images, labels) to score after each epoch. progress(epoch, done,
    total) is called after each chunk; on_epoch(epoch, accuracy) after each
    epoch (epochs count from 1). Returns the accuracy after each epoch (None without ``test``).
    """
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 1:
        raise ValueError(f"epochs must be a whole number 1 or more; got {epochs!r}")
    if degrees is not None:
        images, labels = augment(images, labels, degrees)
    scores: list[Optional[float]] = []
    for epoch in range(1, epochs + 1):
        report = None if progress is None else (lambda done, total, e=epoch: progress(e, done, total))
        train_epoch(network, images, labels, chunk=chunk, progress=report)
        scores.append(None if test is None else accuracy(network, *test))
        if on_epoch:
            on_epoch(epoch, scores[-1])
    return scores


# -- the command ---------------------------------------------------------------------------


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
