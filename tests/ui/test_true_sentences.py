"""Every sentence the pages tell a learner about the book and the maths, measured by running the code.

Each test names the sentence it checks. The sentences live in ui/ (settings help, stage notes,
handwriting captions); the measurements run nn/.
"""

from __future__ import annotations

import numpy as np
import pytest

from nn import NeuralNetwork
from nn.data import load_mnist
from nn.gradient_check import finite_difference
from nn.handwriting import DIGIT_BOX, SIDE, prepare
from ui.live.settings import LIVE_SETTINGS
from ui.mnist.settings import MNIST_SETTINGS
from ui.step.settings import STEP_SETTINGS
from ui.mnist.handwriting import HANDWRITING_INTRO, STEP_CAPTIONS
from ui.step.record import record_step
from ui.step.stages import BOOK_RULE_ASIDE, ERROR_ASIDE, STAGES

#: The book's worked example (part 1): a 3-3-3 network, its printed weights and input.
BOOK_INPUTS = [0.9, 0.1, 0.8]
BOOK_WIH = [[0.9, 0.3, 0.4], [0.2, 0.8, 0.2], [0.1, 0.5, 0.6]]
BOOK_WHO = [[0.3, 0.7, 0.5], [0.6, 0.5, 0.2], [0.8, 0.1, 0.9]]


def init_helps() -> list[str]:
    from ui.mnist.experiments import SWEEPS

    return [table["init"].help for table in (LIVE_SETTINGS, STEP_SETTINGS, MNIST_SETTINGS, SWEEPS)]


# -- "uniform: −0.5..0.5, the book's first try; positive: 0..1, not in the book" ---------------


def test_every_init_help_calls_uniform_the_books_first_try_and_positive_not_the_books():
    for help_text in init_helps():
        assert "uniform: " in help_text and "the book's first try" in help_text
        uniform = help_text[help_text.index("uniform:"):help_text.index("positive:")]
        assert "−0.5" in uniform and "0.5" in uniform and "first try" in uniform
        positive = help_text[help_text.index("positive:"):]
        assert "not in the book" in positive and "first try" not in positive


def test_uniform_weights_are_the_books_rand_minus_a_half_and_positive_ones_rand_alone():
    uniform = NeuralNetwork(100, 100, 10, 0.1, init="uniform", seed=3).wih
    positive = NeuralNetwork(100, 100, 10, 0.1, init="positive", seed=3).wih
    assert -0.5 <= uniform.min() < -0.49 and 0.49 < uniform.max() < 0.5      # rand - 0.5
    assert 0.0 <= positive.min() < 0.01 and 0.99 < positive.max() < 1.0      # rand alone


# -- "normal: standard deviation 1/√(incoming links): 1/√(input nodes) for wih, 1/√(hidden nodes) for who" -----


def test_normal_weights_spread_as_one_over_root_of_the_incoming_links_not_the_receiving_layer():
    network = NeuralNetwork(400, 100, 25, 0.1, init="normal", seed=5)
    assert network.wih.std() == pytest.approx(400**-0.5, rel=0.02)   # not 100**-0.5 = 0.1
    assert network.who.std() == pytest.approx(100**-0.5, rel=0.05)   # not 25**-0.5 = 0.2
    for help_text in init_helps():
        assert "1/√(incoming links)" in help_text and "receiving layer" in help_text


# -- stage 7: what is always true of the book's rule, with this sample's numbers ----------------------


def hidden_errors_both_rules(seed: int):
    network = NeuralNetwork(3, 3, 3, 0.3, seed=seed)
    rng = np.random.default_rng(seed)
    inputs, targets = rng.uniform(0.01, 1.0, 3), rng.uniform(0.01, 0.99, 3)
    record = record_step(network, inputs, targets)
    return record, record.trace.hidden_errors, record.other_rule.hidden_errors


def test_the_old_stage_7_sentence_was_false_some_book_hidden_errors_are_smaller_or_opposite():
    smaller = opposite = 0
    for seed in range(200):
        _, book, exact = hidden_errors_both_rules(seed)
        smaller += int(np.sum(np.abs(book) < np.abs(exact)))
        opposite += int(np.sum(np.sign(book) != np.sign(exact)))
    assert smaller > 0 and opposite > 0


def test_check_it_says_book_wih_changes_can_be_smaller_larger_or_opposite_to_the_exact_ones():
    from ui.step.check import BOOK_RULE_CHECK

    smaller = larger = opposite = 0
    for seed in range(200):
        record, _, _ = hidden_errors_both_rules(seed)
        book, exact = record.trace.delta_wih, record.other_rule.delta_wih
        smaller += int(np.sum(np.abs(book) < np.abs(exact)))
        larger += int(np.sum(np.abs(book) > np.abs(exact)))
        opposite += int(np.sum(np.sign(book) != np.sign(exact)))
    assert smaller > 0 and larger > 0 and opposite > 0
    assert "smaller" in BOOK_RULE_CHECK and "larger" in BOOK_RULE_CHECK and "opposite sign" in BOOK_RULE_CHECK
    assert "roughly downhill" not in BOOK_RULE_CHECK


def test_stage_7_says_the_book_leaves_out_each_outputs_slope_and_shows_this_samples_numbers():
    for seed in range(200):
        record, book, exact = hidden_errors_both_rules(seed)
        who, outputs, errors = record.before.who, record.trace.final_outputs, record.trace.output_errors
        slopes = outputs * (1 - outputs)
        np.testing.assert_allclose(book, who.T @ errors, rtol=1e-12)            # the slope left out
        np.testing.assert_allclose(exact, who.T @ (errors * slopes), rtol=1e-12)
    aside = STAGES[6](record).aside
    assert "leaves out" in aside and "o(1 − o)" in aside and "larger" not in aside
    for values in (slopes, exact, book):
        assert ", ".join(f"{value:.4f}" for value in values) in aside
    assert aside.startswith(BOOK_RULE_ASIDE.split("{")[0])


def test_stage_7_the_books_rule_is_the_proportional_split_with_its_denominator_dropped():
    record, book, _ = hidden_errors_both_rules(7)
    who, errors = record.before.who, record.trace.output_errors
    denominators = who.sum(axis=1)                                   # sum of the weights into each output
    proportional_split = (who / denominators[:, None]).T @ errors    # the book's split, shares summing to 1
    assert not np.allclose(proportional_split, book)
    np.testing.assert_allclose((who / denominators[:, None]).T @ (errors * denominators), book, rtol=1e-12)
    assert "denominator" in STAGES[6](record).aside


# -- stage 5: the app's error ½Σ(t − o)², the book's (t − o)², the same direction ----------------------------


def test_the_books_squared_error_has_twice_the_slope_of_the_apps_same_direction():
    network = NeuralNetwork(3, 3, 3, 0.3, seed=2)
    inputs, targets = [0.9, 0.1, 0.8], [0.01, 0.99, 0.01]
    trace = network.trace(inputs, targets)
    for matrix, row, column in (("who", 0, 1), ("who", 2, 2)):
        half = finite_difference(network, inputs, targets, matrix, row, column)  # slope of ½Σ(t − o)²
        delta = getattr(trace, f"delta_{matrix}")[row, column]
        assert delta == pytest.approx(-network.learning_rate * half, rel=1e-6)   # stage 8 steps down this slope
        twice = 2 * half  # the book's (t − o)², differentiated the same way, by the chain rule
        assert np.sign(twice) == np.sign(half) and twice == pytest.approx(2 * half)
    record = record_step(network, inputs, targets)
    assert STAGES[4](record).aside == ERROR_ASIDE
    assert "½Σ(t − o)²" in ERROR_ASIDE and "(t − o)²" in ERROR_ASIDE and "direction" in ERROR_ASIDE


# -- the bias node is not part of the book's network ---------------------------------------------------------


def test_the_book_network_has_no_bias_node_and_its_printed_numbers_come_out_without_one():
    network = NeuralNetwork(3, 3, 3, 0.3)
    assert network.bias is False and network.wih.shape == (3, 3)
    network.wih, network.who = np.array(BOOK_WIH), np.array(BOOK_WHO)
    trace = network.trace(BOOK_INPUTS, [0.01, 0.99, 0.01])
    np.testing.assert_allclose(trace.hidden_inputs, [1.16, 0.42, 0.62], atol=5e-3)
    for table in (LIVE_SETTINGS, STEP_SETTINGS):
        assert "The book's network has no bias node" in table["bias"].help


# -- handwriting: which step is the book's and which is how MNIST was made -------------------------------


def test_mnist_digits_are_centred_by_mass_in_a_20_pixel_box_which_the_book_does_not_do():
    images, _ = load_mnist("test", 500)
    from scipy import ndimage

    centres = np.array([ndimage.center_of_mass(image.astype(float)) for image in images])
    assert np.abs(centres - (SIDE - 1) / 2).max() < 1.5               # centred by centre of mass
    rows = np.array([np.ptp(np.nonzero(image.any(axis=1))[0]) + 1 for image in images])
    columns = np.array([np.ptp(np.nonzero(image.any(axis=0))[0]) + 1 for image in images])
    assert np.maximum(rows, columns).max() <= DIGIT_BOX                # inside a 20 x 20 box
    assert "how MNIST was made, not in the book" in STEP_CAPTIONS["cropped"]
    assert "centred by its centre of mass" in STEP_CAPTIONS["resized"] and "as MNIST was made" in STEP_CAPTIONS["resized"]
    assert "the book's steps" in HANDWRITING_INTRO and "how MNIST's own digits were made" in HANDWRITING_INTRO


def test_the_books_steps_invert_and_scale_give_the_inputs_from_the_centred_picture():
    picture = np.full((90, 60), 255.0)
    picture[10:50, 5:15] = 0.0  # a dark stroke, off centre, on white paper
    steps = prepare(picture)
    assert steps.inverted and "the book's step" in STEP_CAPTIONS["inverted"]
    np.testing.assert_allclose(steps.inputs, steps.resized.reshape(-1) / 255 * 0.99 + 0.01, rtol=1e-12)
    from scipy import ndimage

    assert np.allclose(ndimage.center_of_mass(steps.resized), (SIDE - 1) / 2, atol=1.0)


# -- the book's worked example: its printed numbers come out of nn/ ----------------------------------------


def test_the_books_worked_example_prints_what_nn_computes_to_the_books_three_decimals():
    from nn.teaching_sets import BOOK_EXAMPLE_INPUTS, BOOK_EXAMPLE_WHO, BOOK_EXAMPLE_WIH

    assert (list(BOOK_EXAMPLE_INPUTS), [list(r) for r in BOOK_EXAMPLE_WIH], [list(r) for r in BOOK_EXAMPLE_WHO]) == (
        BOOK_INPUTS, BOOK_WIH, BOOK_WHO)
    network = NeuralNetwork(3, 3, 3, 0.3)
    network.wih, network.who = np.array(BOOK_WIH), np.array(BOOK_WHO)
    trace = network.trace(BOOK_INPUTS, [0.01, 0.99, 0.01])
    printed = {  # as the book prints them (it cuts, rather than rounds, some last digits)
        "hidden_inputs": [1.16, 0.42, 0.62],
        "hidden_outputs": [0.761, 0.603, 0.650],
        "final_inputs": [0.975, 0.888, 1.254],
        "final_outputs": [0.726, 0.708, 0.778],
    }
    for name, values in printed.items():
        assert np.abs(getattr(trace, name) - values).max() < 1e-3, name


def test_the_worked_example_set_starts_from_the_printed_weights_and_its_note_quotes_nn():
    from nn.teaching_sets import TEACHING_SETS
    from ui.session import build_lab
    from ui.worked_example import NOT_PRINTED, PRINTED, printed_weights_note

    name = next(name for name in TEACHING_SETS if name.startswith("Worked example"))
    values = {**LIVE_SETTINGS.defaults(), "dataset": name, "hidden_nodes": 3, "bias": False}
    lab = build_lab(values)
    np.testing.assert_array_equal(lab.network.wih, BOOK_WIH)
    np.testing.assert_array_equal(lab.network.who, BOOK_WHO)
    trace = lab.network.trace(lab.run.inputs[0], lab.run.targets[0])
    assert printed_weights_note(lab.network, lab.teaching_set) == PRINTED
    assert "1.16, 0.42, 0.62" in PRINTED and np.allclose(trace.hidden_inputs, [1.16, 0.42, 0.62])
    assert "0.726, 0.708, 0.778" in PRINTED and np.abs(trace.final_outputs - [0.726, 0.708, 0.778]).max() < 1e-3
    other = build_lab({**values, "hidden_nodes": 4})
    assert printed_weights_note(other.network, other.teaching_set) == NOT_PRINTED
