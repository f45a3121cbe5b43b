"""The network core against independent oracles.

Oracles used here, none of which calls the code under test for the answer:
finite differences of the error 1/2 sum (t - o)^2; the book's equations
retyped in plain Python (math.exp, loops); the book's own printed numbers.
"""

from __future__ import annotations

import math
import pickle
import subprocess
import sys
import zipfile

import numpy as np
import pytest

from nn import MAX_LEARNING_RATE, MAX_NODES, NeuralNetwork
from nn.network import BadSetting, check_learning_rate
from nn.teaching_sets import TEACHING_SETS


def sample(network, seed=0):
    """A random input and target pair of the right sizes, in the book's ranges."""
    rng = np.random.default_rng(seed)
    inputs = rng.uniform(0.01, 1.0, network.input_nodes)
    targets = rng.choice([0.01, 0.99], network.output_nodes)
    return inputs, targets


# -- gradients: finite differences of 1/2 sum (t - o)^2 ---------------------------------


def error_of(network, inputs, targets) -> float:
    final_outputs = network.query(inputs)
    return 0.5 * float(np.sum((targets - final_outputs) ** 2))


def numerical_gradient(network, name, inputs, targets, step=1e-6) -> np.ndarray:
    """d error / d weight for every entry of ``network.<name>``, by central differences."""
    weights = getattr(network, name)
    gradient = np.zeros_like(weights)
    for index in np.ndindex(weights.shape):
        kept = weights[index]
        weights[index] = kept + step
        above = error_of(network, inputs, targets)
        weights[index] = kept - step
        below = error_of(network, inputs, targets)
        weights[index] = kept
        gradient[index] = (above - below) / (2 * step)
    return gradient


def largest_difference(a, b) -> float:
    return float(np.max(np.abs(np.asarray(a) - np.asarray(b))))


@pytest.mark.parametrize("bias", [False, True], ids=["no bias", "bias"])
def test_gradient_rule_deltas_are_minus_learning_rate_times_the_finite_difference_gradient(bias):
    network = NeuralNetwork(5, 4, 3, 0.3, rule="gradient", bias=bias, seed=1)
    inputs, targets = sample(network)
    step = network.trace(inputs, targets)

    for name, delta in (("wih", step.delta_wih), ("who", step.delta_who)):
        expected = -network.learning_rate * numerical_gradient(network, name, inputs, targets)
        worst = largest_difference(delta, expected)
        assert delta.shape == getattr(network, name).shape
        assert worst < 1e-9, f"delta_{name} differs from -lr * finite-difference gradient by up to {worst:.3g}"
        # the oracle is not trivially zero
        assert np.abs(expected).max() > 1e-4


@pytest.mark.parametrize("bias", [False, True], ids=["no bias", "bias"])
def test_book_rule_who_is_the_gradient_and_wih_is_the_books_formula_not_the_gradient(bias):
    network = NeuralNetwork(5, 4, 3, 0.3, rule="book", bias=bias, seed=2)
    inputs, targets = sample(network, seed=3)
    step = network.trace(inputs, targets)

    expected_who = -network.learning_rate * numerical_gradient(network, "who", inputs, targets)
    worst = largest_difference(step.delta_who, expected_who)
    assert worst < 1e-9, f"delta_who differs from -lr * finite-difference gradient by up to {worst:.3g}"

    # The book's formula, retyped: hidden_errors = who^T . output_errors (no output slope).
    ones = [1.0] if bias else []
    x = np.concatenate([inputs, ones])
    hidden_outputs = 1 / (1 + np.exp(-(network.wih @ x)))
    h = np.concatenate([hidden_outputs, ones])
    final_outputs = 1 / (1 + np.exp(-(network.who @ h)))
    hidden_errors = network.who[:, : network.hidden_nodes].T @ (targets - final_outputs)
    books_delta_wih = network.learning_rate * np.outer(hidden_errors * hidden_outputs * (1 - hidden_outputs), x)
    worst = largest_difference(step.delta_wih, books_delta_wih)
    assert worst < 1e-12, f"delta_wih differs from the book's formula by up to {worst:.3g}"

    gradient_delta_wih = -network.learning_rate * numerical_gradient(network, "wih", inputs, targets)
    gap = largest_difference(step.delta_wih, gradient_delta_wih)
    assert gap > 0.5 * np.abs(gradient_delta_wih).max(), (
        f"the book's delta_wih should differ measurably from the gradient; largest difference {gap:.3g}, "
        f"largest gradient entry {np.abs(gradient_delta_wih).max():.3g}"
    )


def test_both_rules_give_the_same_delta_who_and_different_delta_wih():
    book = NeuralNetwork(4, 3, 2, 0.2, rule="book", seed=5)
    gradient = NeuralNetwork(4, 3, 2, 0.2, rule="gradient", seed=5)
    inputs, targets = sample(book)
    book_step, gradient_step = book.trace(inputs, targets), gradient.trace(inputs, targets)
    assert np.array_equal(book_step.delta_who, gradient_step.delta_who)
    assert largest_difference(book_step.delta_wih, gradient_step.delta_wih) > 1e-4


# -- hand-checked numbers ------------------------------------------------------------------


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


# The book's worked three-layer example (3 nodes per layer).
BOOK_INPUTS = [0.9, 0.1, 0.8]
BOOK_WIH = [[0.9, 0.3, 0.4], [0.2, 0.8, 0.2], [0.1, 0.5, 0.6]]
BOOK_WHO = [[0.3, 0.7, 0.5], [0.6, 0.5, 0.2], [0.8, 0.1, 0.9]]


def book_example(learning_rate=0.5, rule="book") -> NeuralNetwork:
    network = NeuralNetwork(3, 3, 3, learning_rate, rule=rule, seed=0)
    network.wih = np.array(BOOK_WIH)
    network.who = np.array(BOOK_WHO)
    return network


def test_query_reproduces_the_books_printed_three_layer_example():
    final_outputs = book_example().query(BOOK_INPUTS)
    # the book prints these to three decimals, worked from hidden outputs rounded to three decimals
    assert final_outputs == pytest.approx([0.726, 0.708, 0.778], abs=1e-3)


@pytest.mark.parametrize("rule", ["book", "gradient"])
def test_trace_of_the_books_example_matches_every_number_worked_by_hand(rule):
    learning_rate = 0.5
    targets = [0.01, 0.99, 0.01]
    step = book_example(learning_rate, rule).trace(BOOK_INPUTS, targets)

    # Every number below is worked out in plain Python, one node at a time.
    hidden_inputs = [sum(BOOK_WIH[j][i] * BOOK_INPUTS[i] for i in range(3)) for j in range(3)]
    assert hidden_inputs == pytest.approx([1.16, 0.42, 0.62], abs=1e-12)  # the book's X_hidden
    hidden_outputs = [sigmoid(x) for x in hidden_inputs]
    final_inputs = [sum(BOOK_WHO[k][j] * hidden_outputs[j] for j in range(3)) for k in range(3)]
    final_outputs = [sigmoid(x) for x in final_inputs]
    output_errors = [targets[k] - final_outputs[k] for k in range(3)]
    output_slopes = [o * (1 - o) for o in final_outputs]
    passed_back = output_errors if rule == "book" else [output_errors[k] * output_slopes[k] for k in range(3)]
    hidden_errors = [sum(BOOK_WHO[k][j] * passed_back[k] for k in range(3)) for j in range(3)]
    delta_who = [
        [learning_rate * output_errors[k] * output_slopes[k] * hidden_outputs[j] for j in range(3)] for k in range(3)
    ]
    delta_wih = [
        [learning_rate * hidden_errors[j] * hidden_outputs[j] * (1 - hidden_outputs[j]) * BOOK_INPUTS[i] for i in range(3)]
        for j in range(3)
    ]
    error = 0.5 * sum(e * e for e in output_errors)

    assert step.hidden_inputs.tolist() == pytest.approx(hidden_inputs, abs=1e-12)
    assert step.hidden_outputs.tolist() == pytest.approx(hidden_outputs, abs=1e-12)
    assert step.final_inputs.tolist() == pytest.approx(final_inputs, abs=1e-12)
    assert step.final_outputs.tolist() == pytest.approx(final_outputs, abs=1e-12)
    assert step.output_errors.tolist() == pytest.approx(output_errors, abs=1e-12)
    assert step.hidden_errors.tolist() == pytest.approx(hidden_errors, abs=1e-12)
    for row, expected in zip(step.delta_who.tolist(), delta_who):
        assert row == pytest.approx(expected, abs=1e-12)
    for row, expected in zip(step.delta_wih.tolist(), delta_wih):
        assert row == pytest.approx(expected, abs=1e-12)
    assert step.error == pytest.approx(error, abs=1e-12)


def test_one_weight_update_matches_the_books_worked_example():
    # The book updates w11 = 2.0 (hidden -> output) with hidden outputs 0.4 and 0.5,
    # w21 = 3.0, output error 0.8 and learning rate 0.1: the weight grows by about 0.00265.
    network = NeuralNetwork(1, 2, 1, 0.1, seed=0)
    network.wih = np.array([[math.log(0.4 / 0.6)], [0.0]])  # hidden outputs 0.4 and 0.5 for input 1.0
    network.who = np.array([[2.0, 3.0]])
    target = sigmoid(2.3) + 0.8
    step = network.trace([1.0], [target])
    assert step.hidden_outputs.tolist() == pytest.approx([0.4, 0.5], abs=1e-12)
    expected = 0.1 * 0.8 * sigmoid(2.3) * (1 - sigmoid(2.3)) * 0.4
    assert step.delta_who[0, 0] == pytest.approx(expected, abs=1e-15)
    assert step.delta_who[0, 0] == pytest.approx(0.00265, abs=1e-5)  # the book's rounded figure


def test_bias_node_is_a_constant_one_appended_to_input_and_hidden_layers():
    network = NeuralNetwork(3, 2, 2, 0.1, bias=True, seed=4)
    network.wih = np.array([[0.1, 0.2, 0.3, 0.5], [-0.4, 0.0, 0.2, -1.0]])
    network.who = np.array([[0.7, -0.3, 0.25], [0.1, 0.9, -0.6]])
    inputs, targets = [0.2, 0.4, 0.6], [0.99, 0.01]
    step = network.trace(inputs, targets)

    hidden_inputs = [0.1 * 0.2 + 0.2 * 0.4 + 0.3 * 0.6 + 0.5, -0.4 * 0.2 + 0.2 * 0.6 - 1.0]
    hidden_outputs = [sigmoid(x) for x in hidden_inputs]
    final_inputs = [0.7 * hidden_outputs[0] - 0.3 * hidden_outputs[1] + 0.25,
                    0.1 * hidden_outputs[0] + 0.9 * hidden_outputs[1] - 0.6]
    assert step.inputs.tolist() == [0.2, 0.4, 0.6, 1.0]
    assert step.hidden_inputs.tolist() == pytest.approx(hidden_inputs, abs=1e-12)
    assert step.hidden_outputs.tolist() == pytest.approx(hidden_outputs + [1.0], abs=1e-12)
    assert step.final_inputs.tolist() == pytest.approx(final_inputs, abs=1e-12)
    assert step.hidden_errors.shape == (2,)  # the bias node has no error: nothing feeds it
    assert step.delta_wih.shape == (2, 4) and step.delta_who.shape == (2, 3)
    # the bias weights learn like any other: their input is 1.0
    assert step.delta_wih[:, 3].tolist() == pytest.approx((step.delta_wih[:, 0] / 0.2).tolist(), rel=1e-12)


# -- train, trace, query -----------------------------------------------------------------------


@pytest.mark.parametrize("bias", [False, True])
@pytest.mark.parametrize("rule", ["book", "gradient"])
def test_train_changes_the_weights_by_exactly_the_deltas_trace_computes(rule, bias):
    network = NeuralNetwork(6, 5, 4, 0.4, rule=rule, bias=bias, seed=7)
    inputs, targets = sample(network)
    before = network.copy()
    step = network.trace(inputs, targets)
    error = network.train(inputs, targets)
    assert np.array_equal(network.wih, before.wih + step.delta_wih)
    assert np.array_equal(network.who, before.who + step.delta_who)
    assert error == step.error
    assert step.error == pytest.approx(error_of(before, inputs, targets), abs=1e-15)  # measured before the update


def test_trace_changes_nothing():
    network = NeuralNetwork(4, 3, 2, 0.3, seed=8)
    inputs, targets = sample(network)
    wih, who = network.wih.copy(), network.who.copy()
    first = network.trace(inputs, targets)
    second = network.trace(inputs, targets)
    assert np.array_equal(network.wih, wih) and np.array_equal(network.who, who)
    assert network.learning_rate == 0.3
    assert np.array_equal(first.delta_wih, second.delta_wih)


def test_trace_is_a_frozen_record():
    network = NeuralNetwork(2, 2, 2, 0.3, seed=0)
    step = network.trace([0.5, 0.5], [0.01, 0.99])
    with pytest.raises(AttributeError):
        step.error = 0.0


def test_query_of_one_sample_is_1d_and_of_rows_is_2d_with_the_same_numbers():
    network = NeuralNetwork(4, 3, 2, 0.3, seed=9)
    rows = np.random.default_rng(0).uniform(0.01, 1, (5, 4))
    assert network.query(rows[0]).shape == (2,)
    assert network.query(rows[0].tolist()).shape == (2,)
    assert network.query(rows).shape == (5, 2)
    assert network.query(rows[:1]).shape == (1, 2)
    for row, outputs in zip(rows, network.query(rows)):
        assert largest_difference(network.query(row), outputs) < 1e-15
    assert network.query(rows[0]).tolist() == pytest.approx(network.trace(rows[0], [0.5, 0.5]).final_outputs.tolist())


def test_query_with_one_output_node_still_returns_an_array():
    network = NeuralNetwork(2, 2, 1, 0.3, seed=0)
    assert network.query([0.1, 0.2]).shape == (1,)


def test_learning_rate_can_change_between_samples_and_train_uses_the_new_value():
    network = NeuralNetwork(4, 3, 2, 0.1, seed=10)
    inputs, targets = sample(network)
    slow = network.trace(inputs, targets)
    network.learning_rate = 0.5
    fast = network.trace(inputs, targets)
    assert largest_difference(fast.delta_wih, 5 * slow.delta_wih) < 1e-15
    before = network.copy()
    network.train(inputs, targets)
    assert np.array_equal(network.who, before.who + fast.delta_who)


def test_copy_is_independent():
    network = NeuralNetwork(3, 3, 3, 0.3, seed=0)
    twin = network.copy()
    twin.train([0.1, 0.5, 0.9], [0.99, 0.01, 0.01])
    twin.learning_rate = 0.9
    assert not np.array_equal(twin.wih, network.wih)
    assert network.learning_rate == 0.3


# -- starting weights ------------------------------------------------------------------------


@pytest.mark.parametrize("init", ["normal", "uniform", "positive"])
@pytest.mark.parametrize("bias", [False, True])
def test_the_same_seed_gives_the_same_weights_and_another_seed_does_not(init, bias):
    first = NeuralNetwork(5, 4, 3, 0.1, init=init, bias=bias, seed=123)
    again = NeuralNetwork(5, 4, 3, 0.1, init=init, bias=bias, seed=123)
    other = NeuralNetwork(5, 4, 3, 0.1, init=init, bias=bias, seed=124)
    assert np.array_equal(first.wih, again.wih) and np.array_equal(first.who, again.who)
    assert not np.array_equal(first.wih, other.wih)
    unseeded = [NeuralNetwork(5, 4, 3, 0.1, init=init, bias=bias) for _ in range(2)]
    assert not np.array_equal(unseeded[0].wih, unseeded[1].wih)


def test_normal_init_has_the_books_spread_one_over_root_incoming_nodes():
    network = NeuralNetwork(784, 200, 10, 0.1, init="normal", seed=0)
    assert network.wih.shape == (200, 784) and network.who.shape == (10, 200)
    assert network.wih.dtype == np.float64
    assert network.wih.std() == pytest.approx(784**-0.5, rel=0.02)
    assert abs(network.wih.mean()) < 0.002
    assert network.who.std() == pytest.approx(200**-0.5, rel=0.05)


def test_uniform_init_fills_minus_half_to_half_and_positive_init_zero_to_one():
    uniform = NeuralNetwork(784, 100, 10, 0.1, init="uniform", seed=0).wih
    assert -0.5 <= uniform.min() < -0.49 and 0.49 < uniform.max() < 0.5
    assert abs(uniform.mean()) < 0.005
    positive = NeuralNetwork(784, 100, 10, 0.1, init="positive", seed=0).wih
    assert 0.0 <= positive.min() < 0.01 and 0.99 < positive.max() < 1.0
    assert positive.mean() == pytest.approx(0.5, abs=0.005)


def test_bias_adds_one_column_to_each_weight_matrix():
    plain = NeuralNetwork(5, 4, 3, 0.1, seed=0)
    biased = NeuralNetwork(5, 4, 3, 0.1, bias=True, seed=0)
    assert plain.wih.shape == (4, 5) and plain.who.shape == (3, 4)
    assert biased.wih.shape == (4, 6) and biased.who.shape == (3, 5)
    assert biased.query([0.5] * 5).shape == (3,)


# -- backquery -------------------------------------------------------------------------------


def test_backquery_gives_one_value_per_input_node_in_the_books_range():
    network = NeuralNetwork(25, 10, 5, 0.3, seed=0)
    image = network.backquery([0.99, 0.01, 0.01, 0.01, 0.01])
    assert image.shape == (25,)
    assert image.min() == pytest.approx(0.01) and image.max() == pytest.approx(0.99)


def rescale_by_hand(values):
    low, high = min(values), max(values)
    return [(v - low) / (high - low) * 0.98 + 0.01 for v in values]


@pytest.mark.parametrize("bias", [False, True], ids=["no bias", "bias"])
def test_backquery_follows_the_books_steps_worked_by_hand(bias):
    # 5-4-3 with irregular weights: in a layer of two nodes, or with weights whose rows happen to
    # span (1, 1, ...), the rescaling to 0.01..0.99 would hide a mistake
    rng = np.random.default_rng(42)
    wih = np.round(rng.uniform(-1, 1, (4, 6)), 2).tolist()  # last column: the bias node's weights
    who = np.round(rng.uniform(-1, 1, (3, 5)), 2).tolist()
    network = NeuralNetwork(5, 4, 3, 0.1, bias=bias, seed=0)
    network.wih = np.array([row[: 6 if bias else 5] for row in wih])
    network.who = np.array([row[: 5 if bias else 4] for row in who])
    targets = [0.99, 0.01, 0.3]

    logit = lambda p: math.log(p / (1 - p))  # the inverse of the sigmoid
    final_inputs = [logit(t) - (who[k][4] if bias else 0.0) for k, t in enumerate(targets)]
    hidden_outputs = rescale_by_hand([sum(who[k][j] * final_inputs[k] for k in range(3)) for j in range(4)])
    hidden_inputs = [logit(h) - (wih[j][5] if bias else 0.0) for j, h in enumerate(hidden_outputs)]
    inputs = rescale_by_hand([sum(wih[j][i] * hidden_inputs[j] for j in range(4)) for i in range(5)])

    assert network.backquery(targets).tolist() == pytest.approx(inputs, abs=1e-12)


@pytest.mark.parametrize("bias", [False, True])
def test_querying_a_backqueried_image_favours_its_label_on_a_trained_network(bias):
    digits = TEACHING_SETS["5x5 digits"]
    network = NeuralNetwork(25, 8, 5, 0.3, bias=bias, seed=0)
    for _ in range(1000):
        network.train_many(digits.inputs, digits.targets)
    for label, targets in enumerate(digits.targets):
        image = network.backquery(targets)
        assert 0.01 - 1e-12 <= image.min() and image.max() <= 0.99 + 1e-12
        assert int(np.argmax(network.query(image))) == label


@pytest.mark.parametrize("targets", [[0.0, 0.5], [0.5, 1.0], [1.5, 0.5], [np.nan, 0.5]])
def test_backquery_refuses_targets_outside_zero_to_one(targets):
    network = NeuralNetwork(3, 3, 2, 0.3, seed=0)
    with pytest.raises(ValueError, match="targets"):
        network.backquery(targets)


# -- save and load ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "settings",
    [dict(), dict(bias=True, rule="gradient", init="uniform"), dict(init="positive", seed=None)],
    ids=["book", "bias-gradient-uniform", "positive-unseeded"],
)
def test_save_then_load_gives_back_exactly_the_same_network(tmp_path, settings):
    settings = {"seed": 11, **settings}
    network = NeuralNetwork(7, 5, 3, 0.25, **settings)
    network.train(*sample(network))
    path = tmp_path / "net.npz"
    network.save(path)
    loaded = NeuralNetwork.load(path)
    assert np.array_equal(loaded.wih, network.wih) and np.array_equal(loaded.who, network.who)
    assert loaded.wih.dtype == np.float64
    for name in ("input_nodes", "hidden_nodes", "output_nodes", "learning_rate", "init", "bias", "rule", "seed"):
        assert getattr(loaded, name) == getattr(network, name), name
    inputs, targets = sample(network, seed=1)
    assert loaded.train(inputs, targets) == network.train(inputs, targets)


def test_load_reads_from_an_open_file(tmp_path):
    network = NeuralNetwork(3, 3, 3, 0.3, seed=0)
    network.save(tmp_path / "net.npz")
    with open(tmp_path / "net.npz", "rb") as handle:
        assert np.array_equal(NeuralNetwork.load(handle).who, network.who)


def saved_fields(**changes) -> dict:
    network = NeuralNetwork(4, 3, 2, 0.3, seed=0)
    fields = dict(
        format_version=np.int64(1), wih=network.wih, who=network.who, input_nodes=np.int64(4),
        hidden_nodes=np.int64(3), output_nodes=np.int64(2), learning_rate=np.float64(0.3),
        init=np.str_("normal"), bias=np.bool_(False), rule=np.str_("book"), seed=np.int64(0),
    )
    fields.update(changes)
    return {name: value for name, value in fields.items() if value is not None}


def write_bad_file(kind: str, path) -> None:
    good = tmp = path.with_name("good.npz")
    NeuralNetwork(4, 3, 2, 0.3, seed=0).save(good)
    if kind == "truncated":
        path.write_bytes(tmp.read_bytes()[:300])
    elif kind == "random bytes":
        path.write_bytes(np.random.default_rng(0).bytes(2000))
    elif kind == "empty file":
        path.write_bytes(b"")
    elif kind == "a pickle":
        path.write_bytes(pickle.dumps({"wih": np.zeros((3, 4)), "who": np.zeros((2, 3))}))
    elif kind == "a plain .npy array":
        with open(path, "wb") as handle:
            np.save(handle, np.zeros((3, 4)))
    elif kind == "an object array":
        np.savez(path, **saved_fields(wih=np.array([object(), 1], dtype=object)))
    elif kind == "a zip of other things":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("readme.txt", "hello")
    elif kind == "no arrays":
        np.savez(path)
    elif kind == "missing who":
        np.savez(path, **saved_fields(who=None))
    elif kind == "missing format_version":
        np.savez(path, **saved_fields(format_version=None))
    elif kind == "wrong wih shape":
        np.savez(path, **saved_fields(wih=np.zeros((4, 3))))
    elif kind == "wrong who shape":
        np.savez(path, **saved_fields(who=np.zeros((2, 4))))
    elif kind == "integer weights":
        np.savez(path, **saved_fields(wih=np.zeros((3, 4), dtype=np.int64)))
    elif kind == "NaN weights":
        wih = np.zeros((3, 4)); wih[1, 2] = np.nan
        np.savez(path, **saved_fields(wih=wih))
    elif kind == "infinite weights":
        who = np.zeros((2, 3)); who[0, 0] = np.inf
        np.savez(path, **saved_fields(who=who))
    elif kind == "future format version":
        np.savez(path, **saved_fields(format_version=np.int64(99)))
    elif kind == "node count as text":
        np.savez(path, **saved_fields(input_nodes=np.str_("4")))
    elif kind == "zero hidden nodes":
        np.savez(path, **saved_fields(hidden_nodes=np.int64(0)))
    elif kind == "unknown init":
        np.savez(path, **saved_fields(init=np.str_("magic")))
    elif kind == "negative learning rate":
        np.savez(path, **saved_fields(learning_rate=np.float64(-1.0)))
    elif kind == "learning rate as an array":
        np.savez(path, **saved_fields(learning_rate=np.array([0.3, 0.3])))
    else:
        raise AssertionError(kind)


BAD_FILES = [
    "truncated", "random bytes", "empty file", "a pickle", "a plain .npy array", "an object array",
    "a zip of other things", "no arrays", "missing who", "missing format_version", "wrong wih shape",
    "wrong who shape", "integer weights", "NaN weights", "infinite weights", "future format version",
    "node count as text", "zero hidden nodes", "unknown init", "negative learning rate",
    "learning rate as an array",
]


@pytest.mark.parametrize("kind", BAD_FILES)
def test_loading_a_file_that_is_not_a_saved_network_raises_value_error(tmp_path, kind):
    path = tmp_path / "bad.npz"
    write_bad_file(kind, path)
    with pytest.raises(ValueError) as caught:
        NeuralNetwork.load(path)
    assert str(caught.value), "the error must say what is wrong"


@pytest.mark.parametrize(
    "kind, words",
    [("missing who", "who"), ("wrong wih shape", "wih"), ("NaN weights", "NaN"),
     ("future format version", "version"), ("a pickle", "pickle")],
)
def test_load_errors_say_what_is_wrong(tmp_path, kind, words):
    path = tmp_path / "bad.npz"
    write_bad_file(kind, path)
    with pytest.raises(ValueError, match=words):
        NeuralNetwork.load(path)


def test_loading_a_missing_file_raises_value_error(tmp_path):
    with pytest.raises(ValueError, match="not a saved network"):
        NeuralNetwork.load(tmp_path / "nowhere.npz")


def test_load_never_unpickles(tmp_path):
    # a pickle that runs code (here: notes that it ran) if loaded with allow_pickle=True
    path = tmp_path / "evil.npz"
    np.savez(path, **saved_fields(wih=np.array([RunsCodeWhenUnpickled()], dtype=object)))
    UNPICKLED.clear()
    with pytest.raises(ValueError, match="pickle"):
        NeuralNetwork.load(path)
    assert UNPICKLED == [], "load unpickled an object: it must use allow_pickle=False"


UNPICKLED: list = []


class RunsCodeWhenUnpickled:
    def __reduce__(self):
        return (_note_unpickled, ())


def _note_unpickled():
    UNPICKLED.append(True)
    return 0.0


# -- bad arguments -------------------------------------------------------------------------


GOOD = dict(input_nodes=3, hidden_nodes=3, output_nodes=3, learning_rate=0.3)
BAD_ARGUMENTS = [
    ("input_nodes", 0), ("input_nodes", -1), ("input_nodes", MAX_NODES + 1), ("input_nodes", 2.5),
    ("input_nodes", "3"), ("input_nodes", True), ("input_nodes", None),
    ("hidden_nodes", 0), ("hidden_nodes", 10**9), ("hidden_nodes", 3.0),
    ("output_nodes", 0), ("output_nodes", MAX_NODES + 1), ("output_nodes", [3]),
    ("learning_rate", 0), ("learning_rate", -0.1), ("learning_rate", float("nan")),
    ("learning_rate", float("inf")), ("learning_rate", MAX_LEARNING_RATE * 1.01), ("learning_rate", "0.1"),
    ("learning_rate", True), ("learning_rate", None), ("learning_rate", 1j),
    ("init", "gaussian"), ("init", None), ("rule", "exact"), ("rule", ""),
    ("bias", "yes"), ("bias", 1), ("bias", None),
    ("seed", -1), ("seed", 1.5), ("seed", "0"), ("seed", True),
]


@pytest.mark.parametrize("name, value", BAD_ARGUMENTS)
def test_every_bad_constructor_argument_raises_value_error_naming_it(name, value):
    arguments = {**GOOD, name: value}
    with pytest.raises(BadSetting, match=name) as refused:
        NeuralNetwork(
            arguments["input_nodes"], arguments["hidden_nodes"], arguments["output_nodes"],
            arguments["learning_rate"], **{k: v for k, v in arguments.items() if k not in GOOD},
        )
    assert isinstance(refused.value, ValueError)
    assert refused.value.field == name and refused.value.value is value


def test_the_largest_allowed_sizes_and_learning_rate_are_accepted():
    network = NeuralNetwork(MAX_NODES, 1, 1, MAX_LEARNING_RATE)
    assert network.wih.shape == (1, MAX_NODES)
    assert check_learning_rate(np.float32(0.5)) == 0.5


@pytest.mark.parametrize("value", [0, -1, float("nan"), float("inf"), "fast", None])
def test_setting_a_bad_learning_rate_raises_and_keeps_the_old_one(value):
    network = NeuralNetwork(3, 3, 3, 0.3)
    with pytest.raises(ValueError, match="learning_rate"):
        network.learning_rate = value
    assert network.learning_rate == 0.3


BAD_SIGNALS = [[0.1, 0.2], [0.1, 0.2, 0.3, 0.4], [0.1, np.nan, 0.3], [0.1, np.inf, 0.3], ["a", "b", "c"],
               [[[0.1, 0.2, 0.3]]], 0.5]


@pytest.mark.parametrize("inputs", BAD_SIGNALS)
def test_bad_inputs_raise_value_error_naming_inputs(inputs):
    network = NeuralNetwork(3, 3, 3, 0.3, seed=0)
    before = network.copy()
    for call in (network.query, lambda x: network.trace(x, [0.5] * 3), lambda x: network.train(x, [0.5] * 3),
                 lambda x: network.train_many(x, [[0.5] * 3])):
        with pytest.raises(ValueError, match="inputs"):
            call(inputs)
    assert np.array_equal(network.wih, before.wih) and np.array_equal(network.who, before.who)


@pytest.mark.parametrize("targets", BAD_SIGNALS)
def test_bad_targets_raise_value_error_naming_targets(targets):
    network = NeuralNetwork(3, 3, 3, 0.3, seed=0)
    for call in (network.trace, network.train):
        with pytest.raises(ValueError, match="targets"):
            call([0.5] * 3, targets)
    with pytest.raises(ValueError, match="targets"):
        network.backquery(targets)


def test_train_many_refuses_rows_of_inputs_and_targets_that_do_not_pair_up():
    network = NeuralNetwork(3, 3, 3, 0.3, seed=0)
    with pytest.raises(ValueError, match="same number of rows"):
        network.train_many(np.full((4, 3), 0.5), np.full((3, 3), 0.5))


def test_trace_keeps_its_own_copy_of_the_inputs():
    network = NeuralNetwork(3, 3, 3, 0.3, seed=0)
    inputs = np.array([0.1, 0.2, 0.3])
    step = network.trace(inputs, [0.5] * 3)
    inputs[0] = 9.0
    assert step.inputs[0] == 0.1


# -- nn stays free of the user interface ----------------------------------------------------


def test_importing_nn_does_not_import_streamlit_or_plotting_libraries():
    # every module in the package and its sub-packages, so a new one is checked as soon as it exists
    code = (
        "import importlib, pkgutil, sys, nn\n"
        "names = [m.name for m in pkgutil.walk_packages(nn.__path__, 'nn.')]\n"
        "for name in names: importlib.import_module(name)\n"
        "print(len(names), sorted(m for m in ('streamlit', 'plotly', 'matplotlib', 'PIL') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    imported, ui_libraries = result.stdout.strip().split(" ", 1)
    assert int(imported) >= 5, result.stdout
    assert ui_libraries == "[]"
