"""The step-through page's settings (pages/2_Step_through.py): which network, rule, sample and stage.

With ``source=fresh`` the link names the whole network (data set, hidden nodes,
learning rate, init, bias, seed, rule), so every screen that opens it builds the
same one and steps the same sample.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from nn.data import SPLIT_SIZES
from ui.i18n import N_, _
from ui.settings.network import network_row
from ui.settings.setting import Setting, Table
from ui.step.stages import STAGES

#: The page's choice of network (this session's, or a fresh one every screen builds alike).
SESSION_NETWORK = N_("this session's network")
FRESH_NETWORK = N_("a fresh network")


def rule_name(rule: str) -> str:
    """The hidden-error rule ("book" or "gradient", its value in code and links) as its radio names it
    (the names are ui/settings/network.py's CHOICE_NAMES), for a sentence that names the rule."""
    return _(rule)


def _for_fresh_network(name: str, help: str, **changes: Any) -> Setting:
    """The session network's row ``name`` (same choices, range and checks) as a setting of the fresh network."""
    return dataclasses.replace(network_row(name), help=help, **changes)


STEP_SETTINGS: Table = Table(
    "step",
    (
        Setting(
            "source", str, SESSION_NETWORK, N_("Network"),
            N_("This session's network is the one your live page trains, so a link to it shows each learner "
               "their own network; Apply commits this step to it. A fresh network is built from the "
               "settings shown below it (data set, hidden nodes, learning rate, starting weights, bias, seed), "
               "so a link to it shows the same network and the same numbers on every screen."),
            choices=(SESSION_NETWORK, FRESH_NETWORK), words=("session", "fresh"), widget="radio",
        ),
        _for_fresh_network(
            "dataset",
            N_("The data set of the fresh network: its input and output node counts, and the samples to pick from."),
        ),
        _for_fresh_network(
            "hidden_nodes",
            N_("Nodes in the fresh network's hidden layer ({range}). Up to 6 a layer, "
               "every number is written into the formulas; more are shown as heatmaps."),
        ),
        _for_fresh_network(
            "learning_rate",
            N_("The fresh network's learning rate: how far this one step moves the weights "
               "(stages 8 and 9 multiply by it). The book tries 0.6, 0.3, 0.1 and 0.01."),
        ),
        _for_fresh_network(
            "init",
            N_("The fresh network's starting weights. normal: the book's final choice, standard deviation "
               "1/√(incoming links), as the book's text says (some copies of its code use the receiving layer's "
               "size instead). uniform: between −0.5 and 0.5, the book's first try. positive: between 0 and 1, "
               "not in the book."),
        ),
        _for_fresh_network(
            "bias",
            N_("Give the fresh network a node that always outputs 1.0 in the input and hidden layers "
               "(wih and who gain a column). The book's network has no bias node."),
        ),
        _for_fresh_network(
            "seed",
            N_("Makes the fresh network's starting weights ({range}): the same seed and settings "
               "give the same network on every screen."),
            label=N_("Seed of the fresh network"),
        ),
        _for_fresh_network(
            "rule",
            N_("book: hidden_errors = who.T · output_errors, the book's rule: its \"split the error in proportion "
               "to the weights\" with the denominator dropped. "
               "gradient: who.T · (output_errors * o(1 − o)), the exact derivative of the error ½Σ(t − o)². "
               "For this session's network, switching shows a copy of the same weights with the other rule; "
               "the session's network keeps its own."),
            label=N_("Rule for the hidden errors"), widget="radio",
        ),
        Setting(
            "own", bool, False, N_("Type my own input and target"),
            N_("Enter your own numbers instead of a sample from the data set (networks up to 30 inputs)."),
        ),
        Setting(
            "sample", int, 1, N_("Sample"),
            N_("Which row of the data set to push through the network: the session's data set, "
               "or the fresh network's."),
            low=1, high=SPLIT_SIZES["train"],
        ),
        Setting(
            "inputs", str, "", N_("Inputs"),
            N_("Comma-separated, finite numbers; the book scales inputs to 0.01 .. 1."),
        ),
        Setting(
            "targets", str, "", N_("Targets"),
            N_("Comma-separated, each strictly between 0 and 1 (the book uses 0.01 and 0.99)."),
        ),
        Setting(
            "stage", int, 1, N_("Stage"),
            N_("Jump to any stage of the forward (1-5) and backward (6-10) pass."),
            choices=tuple(range(1, len(STAGES) + 1)),
        ),
        Setting(
            "predict", bool, False, N_("Predict first"),
            N_("Before each stage shows its numbers, answer one question about them (made from this sample's "
               "own numbers); then see the numbers, whether you were right, and why. Off: every stage shows at once."),
        ),
    ),
)

#: The settings that build the fresh network, in the order its widgets are drawn.
FRESH_NETWORK_SETTINGS = ("dataset", "hidden_nodes", "learning_rate", "init", "bias", "seed")
