"""The book's experiments: change one setting, train, test, compare.

Tariq Rashid's book improves its MNIST network one setting at a time
(learning rate, epochs, hidden nodes, starting weights) and charts the
accuracy ("performance") on the 10,000 test images against the setting.
:func:`sweep` does the same on any subset of the data, and
:data:`BOOK_RESULTS` holds the figures the book published, so a chart can
draw them alongside. :func:`estimate_seconds` says how long a sweep will
take before it starts, from a measured training speed.
"""

from __future__ import annotations

import dataclasses
import time
from typing import Callable, Optional, Sequence

import numpy as np

from nn.augment import augment
from nn.data import scale_inputs
from nn.mnist_training import train_epoch
from nn.network import NeuralNetwork
from nn.scoring import accuracy


@dataclasses.dataclass(frozen=True)
class Config:
    """One training run of the book's 784-hidden-10 network."""

    hidden_nodes: int = 100
    learning_rate: float = 0.1
    epochs: int = 1
    init: str = "normal"
    seed: int = 0

    def network(self) -> NeuralNetwork:
        return NeuralNetwork(784, self.hidden_nodes, 10, self.learning_rate, init=self.init, seed=self.seed)


#: The settings a sweep can vary: fields of :class:`Config` (a page words and orders them).
SWEEPABLE = ("learning_rate", "hidden_nodes", "epochs", "init")


@dataclasses.dataclass(frozen=True)
class BookResult:
    """A figure the book published: this configuration, trained on all 60,000, scored this."""

    config: Config
    accuracy: float
    note: str = ""


#: The book's published accuracies on the 10,000 test images (all 60,000 training images).
BOOK_RESULTS = (
    BookResult(Config(100, 0.01, 1), 0.9241),
    BookResult(Config(100, 0.1, 1), 0.9523),
    BookResult(Config(100, 0.3, 1), 0.9473),
    BookResult(Config(100, 0.6, 1), 0.9047),
    BookResult(Config(200, 0.1, 5), 0.975, "about"),
)


def book_results_for(setting: str, base: Config) -> list[BookResult]:
    """The book's results that differ from ``base`` only in ``setting`` (seed ignored)."""
    _check_setting(setting)
    fixed = [name for name in ("hidden_nodes", "learning_rate", "epochs", "init") if name != setting]
    return [
        result for result in BOOK_RESULTS
        if all(getattr(result.config, name) == getattr(base, name) for name in fixed)
    ]


@dataclasses.dataclass(frozen=True)
class SweepPoint:
    value: object
    accuracy: float
    seconds: float


@dataclasses.dataclass(frozen=True)
class Stage:
    """Where a run of experiments is: the run's value (None for a lone run), its epoch of epochs."""

    value: object
    epoch: int   # from 1
    epochs: int


Progress = Callable[[float, Optional[Stage]], None]  # fraction done 0..1, where it is (None: all done)


def train_and_test(
    config: Config,
    train_images: np.ndarray,
    train_labels: np.ndarray,
    test_images: np.ndarray,
    test_labels: np.ndarray,
    progress: Optional[Progress] = None,
) -> tuple[NeuralNetwork, float]:
    """Train a fresh network ``config.epochs`` times over the training images, in order; test it.

    Returns the network and its accuracy on the test images.
    """
    network = config.network()
    for epoch in range(config.epochs):
        def step(done: int, total: int, epoch=epoch) -> None:
            if progress:
                progress((epoch + done / total) / config.epochs, Stage(None, epoch + 1, config.epochs))

        step(0, len(train_images))
        train_epoch(network, train_images, train_labels, progress=step)
    return network, accuracy(network, test_images, test_labels)


def sweep(
    setting: str,
    values: Sequence,
    base: Config,
    train_images: np.ndarray,
    train_labels: np.ndarray,
    test_images: np.ndarray,
    test_labels: np.ndarray,
    progress: Optional[Progress] = None,
) -> list[SweepPoint]:
    """Train and test one network per value of ``setting``, everything else as in ``base``."""
    _check_setting(setting)
    runs = []
    for value in values:
        config = dataclasses.replace(base, **{setting: value})
        config.network()  # bad values fail here, before any time is spent
        runs.append((value, config, train_images, train_labels))
    return _train_and_test_each(runs, test_images, test_labels, progress)


def compare_rotations(
    config: Config,
    train_images: np.ndarray,
    train_labels: np.ndarray,
    test_images: np.ndarray,
    test_labels: np.ndarray,
    degrees: float = 10.0,
    progress: Optional[Progress] = None,
) -> list[SweepPoint]:
    """The book's last experiment: the same network trained without, then with, rotated copies.

    Returns two points whose values are the degrees rotated copies were turned by:
    0 for the originals alone, ``degrees`` for the originals and their rotations.
    """
    rotated_images, rotated_labels = augment(train_images, train_labels, degrees)
    runs = [
        (0.0, config, train_images, train_labels),
        (degrees, config, rotated_images, rotated_labels),
    ]
    return _train_and_test_each(runs, test_images, test_labels, progress)


def _train_and_test_each(runs, test_images, test_labels, progress: Optional[Progress]) -> list[SweepPoint]:
    """Train and test one fresh network per run (value, config, images, labels), in order.

    ``progress`` hears the fraction of all the runs done, and which run is going.
    """
    points = []
    for index, (value, config, images, labels) in enumerate(runs):
        def step(fraction: float, stage: Stage, index=index, value=value) -> None:
            if progress:
                progress((index + fraction) / len(runs), dataclasses.replace(stage, value=value))

        started = time.perf_counter()
        _, score = train_and_test(config, images, labels, test_images, test_labels, step)
        points.append(SweepPoint(value, score, time.perf_counter() - started))
    if progress:
        progress(1.0, None)
    return points


def samples_per_second(hidden_nodes: int, train_images: np.ndarray, budget: float = 0.3) -> float:
    """Measure how many samples a second this machine trains with ``hidden_nodes``.

    Trains a throwaway network on the first images, in growing chunks, for
    about ``budget`` seconds (so the fast path's per-call overhead is included).
    """
    network = Config(hidden_nodes=hidden_nodes).network()
    inputs = scale_inputs(train_images[:4096])
    targets = np.full((len(inputs), 10), 0.01)
    network.train_many(inputs[:64], targets[:64])  # warm-up: first-call costs are not training speed
    done, chunk, started = 0, 64, time.perf_counter()
    while True:
        rows = np.arange(done, done + chunk) % len(inputs)
        network.train_many(inputs[rows], targets[rows])
        done += chunk
        elapsed = time.perf_counter() - started
        if elapsed >= budget:
            return done / elapsed
        chunk = min(chunk * 2, 4096)


def estimate_seconds(
    setting: str, values: Sequence, base: Config, train_count: int, speed: Callable[[int], float]
) -> float:
    """Seconds a :func:`sweep` will take: samples to train / measured samples per second.

    ``speed(hidden_nodes)`` gives samples per second (e.g. :func:`samples_per_second`).
    Testing takes a small share and is left out.
    """
    _check_setting(setting)
    total = 0.0
    for value in values:
        config = dataclasses.replace(base, **{setting: value})
        total += config.epochs * train_count / speed(config.hidden_nodes)
    return total


def _check_setting(setting: str) -> None:
    if setting not in SWEEPABLE:
        raise ValueError(f"setting must be one of {', '.join(SWEEPABLE)}; got {setting!r}")
