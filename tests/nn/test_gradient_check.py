"""Backpropagation is the derivative of the error: checked against finite differences, weight by weight."""


import numpy as np
import pytest
from scipy.special import expit

from nn import NeuralNetwork
from nn.chain_rule import product, weight_change_factors
from nn.gradient_check import check_gradients, finite_difference, largest_difference, sample_error

SAMPLE = (np.array([0.9, 0.1, 0.6]), np.array([0.01, 0.99]))


def test_finite_difference_matches_the_hand_derived_derivative_of_a_one_weight_chain():
    network = NeuralNetwork(1, 1, 1, 0.5, seed=0, bias=False)
    network.wih[:] = 0.7
    network.who[:] = -1.3
    x, t = 0.8, 0.99
    hidden = expit(0.7 * x)
    output = expit(-1.3 * hidden)
    # E = 1/2 (t - o)^2, o = sigmoid(who * h): dE/dwho = -(t - o) o (1 - o) h
    by_hand_who = -(t - output) * output * (1 - output) * hidden
    # dE/dwih = -(t - o) o (1 - o) who h (1 - h) x
    by_hand_wih = by_hand_who / hidden * -1.3 * hidden * (1 - hidden) * x
    assert finite_difference(network, [x], [t], "who", 0, 0) == pytest.approx(by_hand_who, abs=1e-9)
    assert finite_difference(network, [x], [t], "wih", 0, 0) == pytest.approx(by_hand_wih, abs=1e-9)


@pytest.mark.parametrize("bias", [False, True])
def test_under_the_gradient_rule_every_weight_agrees_to_many_digits(bias):
    network = NeuralNetwork(3, 4, 2, 0.3, bias=bias, rule="gradient", seed=11)
    checks = check_gradients(network, *SAMPLE)
    assert len(checks) == network.wih.size + network.who.size
    worst = max(abs(check.difference) for check in checks)
    assert worst < 1e-9, f"largest difference {worst:.2e}"
    # and the derivatives are not trivially zero
    assert max(abs(check.finite_difference) for check in checks) > 1e-3


@pytest.mark.parametrize("bias", [False, True])
def test_under_the_book_rule_who_agrees_and_wih_does_not(bias):
    network = NeuralNetwork(3, 4, 2, 0.3, bias=bias, rule="book", seed=11)
    checks = check_gradients(network, *SAMPLE)
    assert largest_difference(checks, "who") < 1e-9
    assert largest_difference(checks, "wih") > 1e-3
    # the book's wih change points the way of the gradient but misses the output sigmoid slope o(1-o) < 1/4,
    # so it is larger than the exact one
    wih = [c for c in checks if c.matrix == "wih" and abs(c.finite_difference) > 1e-6]
    assert all(abs(c.backprop) > abs(c.finite_difference) for c in wih if c.backprop * c.finite_difference > 0)


def test_checking_leaves_the_network_untouched():
    network = NeuralNetwork(3, 2, 2, 0.3, bias=True, seed=2)
    wih, who = network.wih.copy(), network.who.copy()
    check_gradients(network, *SAMPLE)
    assert np.array_equal(network.wih, wih) and np.array_equal(network.who, who)


def test_sample_error_is_the_error_trace_reports():
    network = NeuralNetwork(3, 2, 2, 0.3, bias=True, seed=2)
    assert sample_error(network, *SAMPLE) == pytest.approx(network.trace(*SAMPLE).error, rel=1e-15)


def test_a_chosen_list_of_weights_is_checked_in_order():
    network = NeuralNetwork(3, 2, 2, 0.3, seed=2)
    checks = check_gradients(network, *SAMPLE, weights=[("wih", 1, 2), ("who", 0, 1)])
    assert [(c.matrix, c.row, c.column) for c in checks] == [("wih", 1, 2), ("who", 0, 1)]


@pytest.mark.parametrize("rule", ["book", "gradient"])
@pytest.mark.parametrize("bias", [False, True])
def test_the_chain_of_factors_multiplies_out_to_the_delta_in_the_trace(rule, bias):
    network = NeuralNetwork(3, 4, 2, 0.3, bias=bias, rule=rule, seed=5)
    trace = network.trace(*SAMPLE)
    for matrix, deltas in (("who", trace.delta_who), ("wih", trace.delta_wih)):
        for row, column in np.ndindex(deltas.shape):
            factors = weight_change_factors(trace, network.learning_rate, matrix, row, column)
            assert [f.quantity for f in factors][0] == "learning_rate"
            assert product(factors) == pytest.approx(deltas[row, column], rel=1e-12, abs=1e-300)


def test_a_weight_outside_the_matrix_is_refused():
    network = NeuralNetwork(3, 4, 2, 0.3, seed=5)
    with pytest.raises(ValueError, match="who has rows 0..1"):
        weight_change_factors(network.trace(*SAMPLE), 0.3, "who", 2, 0)
