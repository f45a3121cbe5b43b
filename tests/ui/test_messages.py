"""ui.messages: what nn/ reports (reasons and figures) worded for the learner, true to those figures."""

import numpy as np
import pytest

from nn import NeuralNetwork
from nn.handwriting import UnreadablePicture, prepare
from nn.network import BadSetting
from nn.training import EXPLODED_WEIGHT, TrainingRun
from ui.messages import divergence_message, nn_problem, picture_problem, setting_problem

XOR_INPUTS = np.array([[0.01, 0.01], [0.01, 0.99], [0.99, 0.01], [0.99, 0.99]])
XOR_TARGETS = np.array([[0.01], [0.99], [0.99], [0.01]])


def test_a_blown_up_run_is_explained_with_the_limit_nn_used_and_what_to_try():
    run = TrainingRun(NeuralNetwork(2, 2, 1, 0.3, seed=1), XOR_INPUTS, XOR_TARGETS)
    run.network.who[0, 0] = 2 * EXPLODED_WEIGHT  # as a far too large learning rate would leave it
    assert run.train(4) == 0
    message = divergence_message(run.diverged)
    assert message == (
        f"The weights blew up (the error became NaN or a weight grew past {EXPLODED_WEIGHT:g}), so training "
        "was paused and the weights from before it happened were kept. Try a smaller learning rate."
    )


def test_the_experiments_progress_names_the_run_and_epoch_as_nn_reports_them():
    from nn.experiments import Stage
    from ui.mnist.experiments import SWEEPS, rotation_run_name, stage_words

    label = lambda value: f"{SWEEPS['learning_rate'].label} = {value}"  # noqa: E731
    assert stage_words(Stage(0.3, 1, 2), label) == "learning rate = 0.3: epoch 1 of 2"
    assert stage_words(Stage(None, 2, 3), label) == "epoch 2 of 3"
    assert stage_words(None, label) == "done"
    assert stage_words(Stage(10.0, 1, 1), rotation_run_name) == "originals + rotations: epoch 1 of 1"
    assert rotation_run_name(0.0) == "originals"


def test_every_setting_nn_can_sweep_has_a_label_and_help_on_the_ui_side():
    from nn.experiments import SWEEPABLE
    from ui.mnist.experiments import SWEEPS

    assert tuple(SWEEPS) == SWEEPABLE
    assert all(s.label and s.help and s.values for s in SWEEPS.values())


@pytest.mark.parametrize("picture, complaint", [
    (np.full((50, 50), 255.0), "blank"),
    (np.zeros((4, 50)), "at least 8"),
    (np.zeros((20, 20, 2)), "grey (h, w), RGB"),
    (np.full((20, 20), 300.0), "0..255"),
    (np.array([["a"] * 20] * 20), "numbers"),
], ids=["blank", "too_small", "wrong_shape", "out_of_range", "not_numbers"])
def test_a_picture_nn_cannot_read_is_explained_in_words_naming_the_problem(picture, complaint):
    with pytest.raises(UnreadablePicture) as refused:
        prepare(picture)
    assert complaint in picture_problem(refused.value)


def test_every_reason_nn_gives_for_an_unreadable_picture_has_words():
    examples = {"not_numbers": {"dtype": "bool"}, "wrong_shape": {"shape": (3,)},
                "too_small": {"height": 2, "width": 3, "min_side": 8}, "out_of_range": {"low": -1.0, "high": 9.0},
                "blank": {"threshold": 40.0}, "vanished": {"side": 28}}
    assert set(examples) == set(UnreadablePicture.REASONS)
    words = {reason: picture_problem(UnreadablePicture(reason, **figures)) for reason, figures in examples.items()}
    assert words["too_small"] == "the picture is 2 x 3 pixels; at least 8 x 8 is needed to hold a digit"
    assert words["vanished"] == "the digit vanished when shrunk to 28 x 28: draw it with thicker strokes"
    assert len(set(words.values())) == len(words)  # each reason its own sentence


@pytest.mark.parametrize("arguments, words", [
    (((784, 0, 10, 0.1), {}), "hidden_nodes must be a whole number from 1 to 2000; got 0"),
    (((784, 10, 10, -2.0), {}), "learning_rate must be a finite number above 0 and at most 100; got -2.0"),
    (((784, 10, 10, 0.1), {"init": "gaussian"}), "init must be one of normal, uniform, positive; got 'gaussian'"),
    (((784, 10, 10, 0.1), {"bias": "yes"}), "bias must be True or False; got 'yes'"),
    (((784, 10, 10, 0.1), {"seed": -1}), "seed must be a whole number 0 or more, or none; got -1"),
], ids=["hidden_nodes", "learning_rate", "init", "bias", "seed"])
def test_a_refused_setting_is_worded_with_its_name_what_is_allowed_and_what_was_given(arguments, words):
    positional, keywords = arguments
    with pytest.raises(BadSetting) as refused:
        NeuralNetwork(*positional, **keywords)
    assert setting_problem(refused.value) == words
    assert nn_problem(refused.value) == words


def test_every_factor_of_a_weight_change_has_words_on_the_step_page():
    from nn.chain_rule import weight_change_factors
    from ui.step.why import FACTOR_WORDS

    network = NeuralNetwork(3, 3, 3, 0.3, bias=True, seed=1)
    trace = network.trace([0.9, 0.1, 0.5], [0.01, 0.99, 0.01])
    quantities = {factor.quantity for matrix in ("who", "wih")
                  for factor in weight_change_factors(trace, network.learning_rate, matrix, 0, 0)}
    assert quantities == set(FACTOR_WORDS)
