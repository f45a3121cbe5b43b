"""nn.saturation: the hidden outputs it judges are the network's own, and its verdict follows its figures."""

from __future__ import annotations

import numpy as np
import pytest

from nn import NeuralNetwork
from nn.saturation import PINNED_SHARE, hidden_outputs, saturation


@pytest.mark.parametrize("bias", [False, True])
def test_hidden_outputs_are_each_samples_hidden_outputs_in_its_trace(bias):
    network = NeuralNetwork(6, 5, 3, 0.3, bias=bias, seed=4)
    inputs = np.random.default_rng(4).uniform(0.01, 0.99, size=(9, 6))
    traced = np.array([network.trace(row, np.full(3, 0.5)).hidden_outputs[:5] for row in inputs])
    batched = hidden_outputs(network, inputs)
    assert batched.shape == (9, 5)
    assert np.max(np.abs(batched - traced)) < 1e-12  # one product for all rows: the same sums, another order


def test_a_network_with_pinned_hidden_nodes_and_a_flat_high_error_is_saturated_and_one_learning_is_not():
    network = NeuralNetwork(4, 6, 2, 0.3, init="positive", seed=1)
    network.wih *= 40  # every hidden input far from zero: sigmoids pinned at 1
    inputs = np.full((10, 4), 0.9)
    flat = [0.4] * 40
    found = saturation(network, inputs, flat, window=20)
    assert found is not None and found.pinned_share >= PINNED_SHARE
    assert (found.error_before, found.error_now, found.window) == (pytest.approx(0.4), pytest.approx(0.4), 20)
    falling = list(np.linspace(0.4, 0.1, 40))
    assert saturation(network, inputs, falling, window=20) is None
