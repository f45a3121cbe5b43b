"""ui.messages: what nn/ reports (reasons and figures) worded for the learner, true to those figures."""

import numpy as np

from nn import NeuralNetwork
from nn.training import EXPLODED_WEIGHT, TrainingRun
from ui.messages import divergence_message

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
