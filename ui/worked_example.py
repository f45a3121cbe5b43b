"""The book's worked example (part 1): its 3-3-3 network with the weights the book prints.

Choosing the data set "Worked example" on the live page or for the step page's fresh
network starts from the book's printed wih and who instead of random weights, so
the learner sees the book's numbers (hidden_inputs 1.16, 0.42, 0.62 ...) come out
of the code. The weights fit only the book's shape: 3 hidden nodes, no bias node.
"""

from __future__ import annotations

from typing import Optional

from nn.network import NeuralNetwork
from nn.teaching_sets import TeachingSet
from ui.i18n import N_, _

# Whole sentences, for translation.
PRINTED = N_("This network starts from the book's printed weights, with the book's input 0.9, 0.1, 0.8 (the "
           "book gives no target; here it is 0.01, 0.99, 0.01). Step through its first pass before training: "
           "stage 2 shows the book's hidden_inputs 1.16, 0.42, 0.62 and stage 5 its final_outputs "
           "0.726, 0.708, 0.778.")
NOT_PRINTED = N_("The book's printed weights fit 3 hidden nodes and no bias node, so this network starts from "
               "random weights; choose 3 hidden nodes and no bias node for the book's.")


def fits(network: NeuralNetwork, teaching_set: TeachingSet) -> bool:
    """Whether the set's printed weights have this network's shape."""
    if not teaching_set.printed_weights:
        return False
    wih, who = teaching_set.printed_weights
    return network.wih.shape == wih.shape and network.who.shape == who.shape


def with_printed_weights(network: NeuralNetwork, teaching_set: TeachingSet) -> NeuralNetwork:
    """The network with the set's printed weights, when it has some that fit; else unchanged."""
    if fits(network, teaching_set):
        wih, who = teaching_set.printed_weights
        network.wih, network.who = wih.astype(float).copy(), who.astype(float).copy()
    return network


def printed_weights_note(network: NeuralNetwork, teaching_set: TeachingSet) -> Optional[str]:
    """What to say about the weights, in the session's language, for a set that comes with printed ones; None otherwise."""
    if not teaching_set.printed_weights:
        return None
    return _(PRINTED if fits(network, teaching_set) else NOT_PRINTED)
