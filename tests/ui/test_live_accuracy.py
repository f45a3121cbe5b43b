"""When the live page measures MNIST's test accuracy (ui/live/training.py), and that what it shows is what nn/ measured."""

from __future__ import annotations

import numpy as np
import pytest

import nn.training
from conftest import SteppingClock
from nn.scoring import accuracy
from ui.datasets import labels_of, mnist_test_set
from ui.live import training
from ui.live.settings import LIVE_SETTINGS
from ui.live.training import ACCURACY_EVERY, ACCURACY_MOST_APART, accuracy_due
from ui.live.view import live_counters
from ui.session import build_lab


def measured_at(speed: int, samples: int) -> list[int]:
    """Samples seen at each measurement of a run trained ``speed`` samples an update."""
    points, last = [], None
    for seen in range(speed, samples + 1, speed):
        if accuracy_due(last, seen):
            points.append(last := seen)
    return points


def test_the_test_accuracy_is_measured_at_once_then_every_2000_samples():
    assert measured_at(200, 12_000) == [200, 2000, 4000, 6000, 8000, 10_000, 12_000]
    assert measured_at(1, 4001) == [1, 2000, 4000]
    assert measured_at(5000, 20_000) == [5000, 10_000, 15_000, 20_000]  # fast runs: every update past the step


def test_a_long_run_is_measured_every_tenth_of_its_samples_and_never_more_than_10000_apart():
    points = measured_at(200, 1_000_000)
    gaps = np.diff(points[1:])  # after the first, at 200 samples
    assert gaps.min() >= ACCURACY_EVERY and gaps.max() <= ACCURACY_MOST_APART
    for before, after in zip(points[1:-1], points[2:]):
        step = min(ACCURACY_MOST_APART, max(ACCURACY_EVERY, before // 10_000 * 1000))
        assert after == (before // step + 1) * step  # the next multiple of the step
    # about a tenth of the samples seen, in thousands, each a multiple of its step
    assert [seen for seen in points if 40_000 <= seen <= 70_000] == [42_000, 44_000, 48_000, 52_000, 55_000,
                                                                      60_000, 66_000]
    assert len(points) < 150  # a million samples: 1,000 measurements at the old every 1,000


@pytest.fixture
def mnist_lab(monkeypatch):
    monkeypatch.setattr(nn.training, "clock", SteppingClock(step=0.0))  # no budget runs out: speed samples an update
    lab = build_lab({**LIVE_SETTINGS.defaults(), "dataset": "MNIST", "hidden_nodes": 10, "speed": 300})
    lab.running = True
    return lab


def test_live_updates_measure_on_the_schedule_exactly_what_nn_scoring_says(mnist_lab):
    test = mnist_test_set()
    measured = []
    for _update in range(8):
        training.live_update(mnist_lab)
        if mnist_lab.test_accuracy[-1][0] == mnist_lab.run.samples_seen:
            measured.append(accuracy(mnist_lab.network, test.inputs, labels_of(test)))
    assert [seen for seen, _ in mnist_lab.test_accuracy] == [300, 2100]
    assert [fraction for _, fraction in mnist_lab.test_accuracy] == measured


def test_pausing_measures_the_accuracy_of_the_weights_as_they_are_and_the_counter_says_when(mnist_lab):
    for _update in range(3):
        training.live_update(mnist_lab)
    assert mnist_lab.test_accuracy[-1][0] == 300  # the last measurement is 600 samples old
    training.start_or_pause(mnist_lab, False)
    test = mnist_test_set()
    assert mnist_lab.test_accuracy[-1] == (900, accuracy(mnist_lab.network, test.inputs, labels_of(test)))
    training.start_or_pause(mnist_lab, False)  # a click delivered twice measures nothing more
    assert len(mnist_lab.test_accuracy) == 2
    [counter] = [counter for counter in live_counters(mnist_lab) if counter.key == "Test accuracy"]
    assert counter.value == f"{100 * mnist_lab.test_accuracy[-1][1]:.1f}%"
    assert counter.help.startswith("Share of 1,000 MNIST test images the network got right when it had trained "
                                   "900 samples.")
    assert "every 2,000 samples" in counter.help and "paused" in counter.help
