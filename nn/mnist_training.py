"""The book's MNIST training: whole epochs over uint8 images, in the file's order, scaled chunk by chunk.

The algorithm is the book's: one sample at a time, in the file's order, every
epoch the same order; inputs scaled ``x/255*0.99+0.01``, targets 0.01/0.99
(:mod:`nn.data`). Training goes through ``NeuralNetwork.train_many`` in chunks,
which gives the same weights as calling ``train`` per image, only faster, and
lets progress be shown. Used by the ``python -m nn.mnist`` command
(:mod:`nn.mnist`) and the MNIST workshop's experiments (:mod:`nn.experiments`).
"""

from __future__ import annotations

from typing import Callable, Optional

import numpy as np

from nn.augment import augment
from nn.data import PIXELS, make_targets, scale_inputs
from nn.network import NeuralNetwork
from nn.scoring import accuracy

#: Images scaled and trained per call to ``train_many``: big enough that the
#: call overhead vanishes and that the command's runs are long enough for
#: ``train_many``'s helper process (nn/fast/two_process.py, from 4,096 samples),
#: small enough that the scaled float64 copy stays modest (10,000 x 784 x 8
#: bytes = 63 MB, not 376 MB for the whole set) and progress updates often.
CHUNK = 10_000

#: (samples done in this epoch, samples in the epoch)
Progress = Callable[[int, int], None]


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
    # the scaling itself, most of all just after train_many's helper process ran (docs/speed.md).
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
