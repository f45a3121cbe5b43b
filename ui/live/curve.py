"""The live error curve's points: a fixed budget of them, however long the run, at a cost that does not grow.

Each point's running mean needs the sum of every error before it. Recomputed from the whole
history on every update (``TrainingRun.running_mean``), that cost grows with the run: about
2 ms a live update at 100,000 samples, for a curve that draws 400 points. ``ErrorHistory``
keeps the errors and their prefix sums as arrays and extends them with each update's new
errors only; the sums are added in the same order as ``running_mean``'s, so every mean is the
same float.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np


def curve_window(epoch_size: int) -> int:
    """The curve's running-mean window: whole epochs of a small set (about 20 samples), so every sample
    counts equally and the mean does not zigzag with the order of the set; 100 samples of MNIST."""
    return min(epoch_size * math.ceil(20 / epoch_size), 100)


@dataclass(frozen=True)
class CurvePoints:
    """The points to draw: ``samples`` (1-based sample numbers), and at each its error and running mean."""

    samples: np.ndarray   # (points,) int
    errors: np.ndarray    # (points,)
    means: np.ndarray     # (points,)
    samples_seen: int
    largest_error: float  # over the whole history, for the vertical axis


class ErrorHistory:
    """A run's per-sample errors as arrays, following the run's history of errors as it grows."""

    def __init__(self):
        self._reset(None)

    def _reset(self, source) -> None:
        self._source = source
        self._count = 0
        self._errors = np.empty(1024)
        self._sums = np.zeros(1025)  # _sums[i] = sum of the first i errors
        self._largest = 0.0

    def follow(self, errors: Sequence[float]) -> None:
        """Take in the errors appended to ``errors`` since the last call.

        ``errors`` is a run's history (``TrainingRun.errors``, an ``array.array``) or a list; its
        new tail is read as a slice, a copy, so no numpy view is left to stop the run growing.
        A different history, a shorter one (a run that diverged drops its last slice) or one
        whose last known error changed starts again from the whole history.
        """
        count = self._count
        if (errors is not self._source or len(errors) < count
                or (count and errors[count - 1] != self._errors[count - 1])):
            self._reset(errors)
            count = 0
        new = np.asarray(errors[count:], dtype=float)
        if not new.size:
            return
        end = count + new.size
        if end > self._errors.size:
            capacity = max(end, 2 * self._errors.size)
            self._errors = np.concatenate([self._errors[:count], np.empty(capacity - count)])
            self._sums = np.concatenate([self._sums[:count + 1], np.empty(capacity - count)])
        self._errors[count:end] = new
        # Added one after another from the last sum, exactly as np.cumsum over the whole history adds.
        self._sums[count:end + 1] = np.cumsum(np.concatenate([self._sums[count:count + 1], new]))
        self._largest = max(self._largest, float(new.max()))
        self._count = end

    def points(self, window: int, most: int) -> CurvePoints:
        """At most ``most`` evenly spread samples, each with its error and the mean of the last ``window``."""
        count = self._count
        if count <= most:
            keep = np.arange(count)
        else:  # spaced at least one apart, so rounding half up keeps them distinct
            keep = np.floor(np.linspace(0, count - 1, most) + 0.5).astype(int)
        ends = keep + 1
        starts = np.maximum(ends - window, 0)
        means = (self._sums[ends] - self._sums[starts]) / (ends - starts)
        return CurvePoints(ends, self._errors[keep].copy(), means, count, self._largest)


def spread_out(points: list, most: int) -> list:
    """At most ``most`` of ``points``, evenly spread, the first and the last among them: the MNIST
    test accuracy (measured every so often: ui/live/training.py), drawn at no more points than the error curve."""
    if len(points) <= most:
        return points
    keep = np.floor(np.linspace(0, len(points) - 1, most) + 0.5).astype(int)
    return [points[index] for index in keep]
