"""A change of setting is judged from two measured runs: faster, slower, about the same, or fails."""

from __future__ import annotations

import numpy as np
import pytest

from nn import NeuralNetwork
from nn.comparison import ABOUT_SAME, FAILS, FASTER, SAME_BAND, SLOWER, compare_runs, running_mean_at, stalled
from nn.teaching_sets import TEACHING_SETS
from nn.training import TrainingRun


def falling(start: float, end: float, count: int = 200) -> list[float]:
    return list(np.linspace(start, end, count))


def test_a_lower_running_mean_after_the_same_samples_is_faster_and_a_higher_one_slower():
    base = falling(0.5, 0.10)
    assert compare_runs(base, falling(0.5, 0.05), 200, 20).outcome == FASTER
    assert compare_runs(base, falling(0.5, 0.20), 200, 20).outcome == SLOWER


def test_running_means_within_the_band_are_about_the_same():
    base = falling(0.5, 0.10)
    mean = running_mean_at(base, 200, 20)
    nudged = list(np.array(base) * (1 + 0.9 * SAME_BAND))
    assert running_mean_at(nudged, 200, 20) == pytest.approx(mean * (1 + 0.9 * SAME_BAND))
    assert compare_runs(base, nudged, 200, 20).outcome == ABOUT_SAME
    assert compare_runs(base, list(np.array(base) * (1 + 1.1 * SAME_BAND)), 200, 20).outcome == SLOWER


def test_a_run_that_diverged_or_stalled_fails():
    base = falling(0.5, 0.10)
    diverged = compare_runs(base, base[:50], 200, 20, after_diverged=True)
    assert diverged.outcome == FAILS and diverged.diverged and diverged.mean_after is None
    flat = [0.3] * 200
    assert stalled(flat, 20)
    result = compare_runs(base, flat, 200, 20)
    assert result.outcome == FAILS and result.stalled


def test_a_change_that_rescues_a_failing_run_is_faster():
    assert compare_runs([0.3] * 200, falling(0.5, 0.2), 200, 20).outcome == FASTER


def test_the_running_mean_is_the_mean_of_the_last_window_at_the_sample_count():
    errors = list(range(1, 101))
    assert running_mean_at(errors, 50, 10) == pytest.approx(np.mean(range(41, 51)))


def measured(learning_rate: float, samples: int = 600):
    data = TEACHING_SETS["3-3-3: the book's first network"]
    run = TrainingRun(NeuralNetwork(3, 3, 3, learning_rate, seed=1), data.inputs, data.targets)
    run.train(samples)
    return run


@pytest.mark.parametrize("learning_rate, outcome", [(0.01, SLOWER), (3.0, FASTER)])
def test_measured_runs_from_the_same_seed_are_judged_by_their_curves(learning_rate, outcome):
    before, after = measured(0.3), measured(learning_rate)
    result = compare_runs(before.errors, after.errors, 600, 21)
    assert result.outcome == outcome
    assert result.mean_before == pytest.approx(np.mean(before.errors[-21:]))
    assert result.mean_after == pytest.approx(np.mean(after.errors[-21:]))
