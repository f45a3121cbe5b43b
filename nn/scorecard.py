"""The book's test: query every test image, compare the biggest output with the label.

The book keeps a "scorecard" of 1s and 0s and reports its mean as the
performance. :class:`Scorecard` keeps what a page needs to show more than
that mean: every image's ten outputs, the answers, the confusion matrix and
which images were got wrong.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from nn.data import scale_inputs
from nn.network import NeuralNetwork


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
        return float(np.mean(self.answers == self.labels))

    @property
    def mistakes(self) -> np.ndarray:
        """Indices of the images got wrong, in test-set order."""
        return np.flatnonzero(self.answers != self.labels)


def score(network: NeuralNetwork, images, labels) -> Scorecard:
    """Query ``network`` on uint8 images (n, 28, 28) and score against ``labels`` (n,)."""
    labels = np.asarray(labels).astype(np.intp)
    final_outputs = network.query(scale_inputs(images))              # (n, 10)
    final_outputs = np.atleast_2d(final_outputs)
    answers = np.argmax(final_outputs, axis=1)                      # the book: the biggest output wins
    confusion = np.zeros((network.output_nodes, network.output_nodes), dtype=np.int64)
    np.add.at(confusion, (labels, answers), 1)
    return Scorecard(final_outputs, answers, labels, confusion)
