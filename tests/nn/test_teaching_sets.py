"""The small teaching sets: well formed, and each one learnable by the book's network."""

from __future__ import annotations

import numpy as np
import pytest

from nn import NeuralNetwork
from nn.teaching_sets import HIGH, LOW, TEACHING_SETS

SETS = list(TEACHING_SETS.values())
NAMES = list(TEACHING_SETS)


def test_there_are_at_least_the_books_example_and_two_more():
    assert len(TEACHING_SETS) >= 3
    assert any("3-3-3" in name for name in TEACHING_SETS)
    assert "XOR" in TEACHING_SETS


@pytest.mark.parametrize("teaching_set", SETS, ids=NAMES)
def test_each_set_is_well_formed(teaching_set):
    inputs, targets = teaching_set.inputs, teaching_set.targets
    worked_example = teaching_set.printed_weights is not None  # the book's one sample, to step through
    assert TEACHING_SETS[teaching_set.name] is teaching_set
    assert inputs.ndim == 2 and targets.ndim == 2 and len(inputs) == len(targets) >= (1 if worked_example else 3)
    assert inputs.dtype == np.float64 and targets.dtype == np.float64
    assert np.all(np.isfinite(inputs))
    assert len(teaching_set.input_labels) == teaching_set.input_nodes == inputs.shape[1]
    assert len(teaching_set.output_labels) == teaching_set.output_nodes == targets.shape[1]
    assert len(set(teaching_set.output_labels)) == teaching_set.output_nodes
    # targets use the book's reachable values, never 0 or 1
    assert set(np.unique(targets)) <= {LOW, HIGH}
    if teaching_set.output_nodes > 1:
        assert np.all((targets == HIGH).sum(axis=1) == 1), "exactly one output fires per sample"
        if not worked_example:
            assert set(np.argmax(targets, axis=1)) == set(range(teaching_set.output_nodes)), "every class is used"
    # no two samples that look the same ask for different answers
    for i in range(len(inputs)):
        for j in range(i + 1, len(inputs)):
            if np.array_equal(inputs[i], inputs[j]):
                assert np.array_equal(targets[i], targets[j])


@pytest.mark.parametrize("teaching_set", [s for s in SETS if s.image_shape], ids=[n for n, s in TEACHING_SETS.items() if s.image_shape])
def test_picture_sets_have_a_shape_that_holds_their_pixels_and_the_books_input_range(teaching_set):
    rows, columns = teaching_set.image_shape
    assert rows * columns == teaching_set.input_nodes
    assert teaching_set.inputs.min() >= LOW and teaching_set.inputs.max() <= 1.0
    assert len(set(teaching_set.input_labels)) == teaching_set.input_nodes


def test_the_books_example_set_carries_the_books_signal():
    book = next(s for s in SETS if "3-3-3" in s.name)
    assert book.input_nodes == book.output_nodes == 3
    assert [1.0, 0.5, -1.5] in book.inputs.tolist()


def test_xor_is_exactly_the_truth_table():
    xor = TEACHING_SETS["XOR"]
    on = xor.inputs > 0.5
    assert sorted(map(tuple, on.tolist())) == [(False, False), (False, True), (True, False), (True, True)]
    assert np.array_equal(xor.targets[:, 0] > 0.5, on[:, 0] ^ on[:, 1])


def answers_right(network, teaching_set) -> bool:
    outputs = network.query(teaching_set.inputs)
    if teaching_set.output_nodes == 1:
        return bool(np.all((outputs > 0.5) == (teaching_set.targets > 0.5)))
    return bool(np.all(np.argmax(outputs, axis=1) == np.argmax(teaching_set.targets, axis=1)))


@pytest.mark.parametrize("teaching_set", [s for s in SETS if s.name != "XOR"], ids=[n for n in NAMES if n != "XOR"])
def test_the_books_network_learns_each_set(teaching_set):
    network = NeuralNetwork(teaching_set.input_nodes, 8, teaching_set.output_nodes, 0.3, seed=0)
    assert not answers_right(network, teaching_set) or teaching_set.output_nodes == 1
    errors = [network.train_many(teaching_set.inputs, teaching_set.targets).mean() for _ in range(2000)]
    assert answers_right(network, teaching_set)
    assert errors[-1] < 0.01 and errors[-1] < 0.1 * errors[0], f"mean error {errors[0]:.3g} -> {errors[-1]:.3g}"


@pytest.mark.parametrize("seed", range(4))
def test_xor_is_learned_with_a_hidden_layer_and_a_bias_node(seed):
    xor = TEACHING_SETS["XOR"]
    network = NeuralNetwork(2, 4, 1, 1.0, bias=True, seed=seed)
    for _ in range(2000):
        errors = network.train_many(xor.inputs, xor.targets)
    assert answers_right(network, xor)
    assert errors.mean() < 0.01, f"mean error after 2000 epochs {errors.mean():.3g}"
