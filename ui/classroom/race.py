"""The class race: each student trains the room's network with a learning rate of their choice
and posts its running-mean error curve; the projector compares them after the same samples.

Pure functions of the room's settings (no Streamlit), so a test can run a race.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Sequence

import numpy as np

from nn.training import TrainingRun
from ui.classroom.rooms.base import MAX_CURVE_POINTS
from ui.datasets import MNIST
from ui.session import build_lab

#: Samples each run trains: enough for a small set to learn or stall visibly; MNIST fewer, being slower.
RACE_SAMPLES, MNIST_RACE_SAMPLES = 3000, 1000
#: Points of each posted curve, evenly spread over the race's samples.
RACE_POINTS = 150
#: Running mean over this many samples (the live page's error curve uses the same kind of mean).
RACE_WINDOW = 100
assert RACE_POINTS <= MAX_CURVE_POINTS


def race_samples(values: dict) -> int:
    return MNIST_RACE_SAMPLES if values["dataset"] == MNIST else RACE_SAMPLES


@dataclasses.dataclass(frozen=True)
class RaceRun:
    curve: list          # running mean error at each of up to RACE_POINTS evenly spaced samples
    samples: int         # samples trained (fewer than the race's if the run blew up)
    blew_up: bool


def run_race(values: dict, learning_rate: float) -> RaceRun:
    """Train the room's network (its settings, this learning rate) for the race's samples."""
    values = {**values, "learning_rate": learning_rate}
    run: TrainingRun = build_lab(values).run
    total = race_samples(values)
    step = total // RACE_POINTS
    while run.samples_seen < total and not run.diverged:
        run.train(min(step * 10, total - run.samples_seen))
    mean = run.running_mean(RACE_WINDOW)
    marks = np.arange(step, run.samples_seen + 1, step) - 1  # the sample at each point
    return RaceRun([float(mean[n]) for n in marks], run.samples_seen, bool(run.diverged))


@dataclasses.dataclass(frozen=True)
class Standing:
    place: int
    name: str
    label: str
    final_error: float   # running mean error at the last point posted
    finished: bool       # trained every sample of the race


def standings(names: Sequence[str], labels: Sequence[str], curves: Sequence[Sequence[float]]) -> list[Standing]:
    """Runs that finished, lowest final running-mean error first; then those that blew up."""
    rows = [(len(curve) >= RACE_POINTS, curve[-1] if curve else math.inf, name, label)
            for name, label, curve in zip(names, labels, curves)]
    rows.sort(key=lambda row: (not row[0], row[1]))
    return [Standing(place, name, label, error, finished)
            for place, (finished, error, name, label) in enumerate(rows, start=1)]
