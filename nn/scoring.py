"""The book's test: query each image, take the biggest output as the answer, count the answers that are right.

The book keeps a "scorecard" of 1s and 0s and reports its mean as the
"performance"; here that fraction is :func:`accuracy` (one number) or
:class:`Scorecard` (what a page shows beyond it: every image's outputs, the
answers, the confusion matrix and the images got wrong). Both count right
answers with :func:`fraction_right`, so they cannot disagree.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from nn.data import scale_inputs
from nn.network import NeuralNetwork


def answers_of(final_outputs) -> np.ndarray:
    """Each row's answer: the index of its biggest output, as in the book (int (n,))."""
    return np.argmax(np.atleast_2d(final_outputs), axis=1)


def fraction_right(answers, labels) -> float:
    """The book's "performance": the fraction of answers equal to their label."""
    return float(np.mean(np.asarray(answers) == np.asarray(labels)))


def predictions(network: NeuralNetwork, images, chunk: int = 10_000) -> np.ndarray:
    """The network's answer for each image (int (n,)), queried ``chunk`` images at a time.

    images: uint8 pixels (n, 28, 28) or (n, 784), scaled here the book's way; or
    float inputs (n, input_nodes) already scaled (:func:`nn.data.scale_inputs`).
    """
    inputs = _as_inputs(images)
    answers = np.empty(len(inputs), dtype=np.intp)
    for start in range(0, len(inputs), chunk):
        answers[start:start + chunk] = answers_of(network.query(inputs[start:start + chunk]))
    return answers


def accuracy(network: NeuralNetwork, images, labels) -> float:
    """The fraction of ``images`` (as :func:`predictions` takes them) whose answer is their label."""
    labels = np.asarray(labels)
    if len(labels) == 0:
        raise ValueError("accuracy needs at least one image")
    if len(labels) != len(images):
        raise ValueError(f"images and labels must pair up; got {len(images)} images and {len(labels)} labels")
    return fraction_right(predictions(network, images), labels)


def _as_inputs(images) -> np.ndarray:
    images = np.asarray(images)
    if images.dtype == np.uint8:
        return scale_inputs(images)
    return images.reshape(len(images), -1).astype(np.float64, copy=False)


@dataclasses.dataclass(frozen=True)
class Scorecard:
    """final_outputs (n, 10); answers and labels (n,); confusion[label, answer] counts (10, 10)."""

    final_outputs: np.ndarray
    answers: np.ndarray
    labels: np.ndarray
    confusion: np.ndarray

    @property
    def performance(self) -> float:
        """Fraction of test images whose biggest output is at the true label."""
        return fraction_right(self.answers, self.labels)

    @property
    def mistakes(self) -> np.ndarray:
        """Indices of the images got wrong, in test-set order."""
        return np.flatnonzero(self.answers != self.labels)


def score(network: NeuralNetwork, images, labels) -> Scorecard:
    """Query ``network`` on uint8 images (n, 28, 28) and score against ``labels`` (n,)."""
    labels = np.asarray(labels).astype(np.intp)
    final_outputs = np.atleast_2d(network.query(scale_inputs(images)))  # (n, 10)
    answers = answers_of(final_outputs)
    confusion = np.zeros((network.output_nodes, network.output_nodes), dtype=np.int64)
    np.add.at(confusion, (labels, answers), 1)
    return Scorecard(final_outputs, answers, labels, confusion)
