"""The MNIST workshop's settings (pages/3_MNIST_workshop.py): the Train form, the open tab, the experiments."""

from __future__ import annotations

import dataclasses
from typing import Any

from nn.data import SPLIT_SIZES
from nn.experiments import SWEEPABLE
from nn.network import INITS, MAX_LEARNING_RATE
from ui.settings.network import MAX_LIVE_HIDDEN_NODES as MAX_HIDDEN_NODES, MAX_SEED
from ui.i18n import N_
from ui.settings.setting import Setting, Table

#: The MNIST workshop's tabs, in order, by their English names: the page, the URL and the tests know a
#: tab by these; ui/mnist/tabs.py shows them in the session's language. The first is open unless the URL
#: says otherwise.
MNIST_TABS = (
    # Translators: the MNIST workshop's six tabs, side by side in one row: keep them short
    N_("Train"), N_("Test"), N_("Predict it"), N_("Your handwriting"), N_("What it learned"), N_("Experiments"),
)

#: The MNIST workshop's Train form: the settings a new network is made from.
_MNIST_FORM = (
    Setting(
        "hidden_nodes", int, 100, N_("hidden nodes"),
        N_("Nodes in the hidden layer ({range}, as on every page). The book uses 100, then 200."),
        low=1, high=MAX_HIDDEN_NODES,
    ),
    Setting(
        "learning_rate", float, 0.1, N_("learning rate"),
        N_("How far each sample moves the weights ({range}). The book's best for one epoch: 0.1 to 0.3."),
        low=MAX_LEARNING_RATE / 1e5, high=MAX_LEARNING_RATE,
    ),
    Setting(
        "epochs", int, 1, N_("epochs"),
        N_("Passes over the training images ({range}). The book's best at lr 0.1: 5 to 7."),
        low=1, high=30,
    ),
    Setting(
        "init", str, "normal", N_("starting weights"),
        N_("normal: the book's final choice, standard deviation 1/√(incoming links), as the book's text says: "
           "1/√784 for wih, 1/√(hidden nodes) for who (some copies of its code use the receiving layer's size "
           "instead). uniform: −0.5..0.5, the book's first try. positive: 0..1, not in the book; it saturates "
           "the sigmoids."),
        choices=INITS,
    ),
    Setting(
        "seed", int, 0, N_("seed"),
        N_("Fixes the starting weights ({range}, as on every page): the same seed gives the same run "
           "on every screen."),
        low=0, high=MAX_SEED,
    ),
    Setting(
        "train_count", int, SPLIT_SIZES["train"], N_("training images"),
        N_("How many of the 60,000 training images to use, from the first. Fewer trains faster, learns less."),
        low=10, high=SPLIT_SIZES["train"], step=1000,
    ),
    Setting(
        "rotations", bool, False, N_("also train on copies rotated ±10°"),
        N_("The book's last chapter: each image, then it turned +10° and -10°. Triples the work; "
           "at most 20,000 originals here."),
        widget="checkbox",
    ),
)


def _for_sweep(name: str, help: str, **changes: Any) -> Setting:
    """The Train form's row ``name`` (same label, range and checks) as the Experiments tab's fixed value."""
    row = next(row for row in _MNIST_FORM if row.name == name)
    return dataclasses.replace(row, name=f"sweep_{name}", help=help, **changes)


MNIST_SETTINGS: Table = Table(
    "mnist",
    (
        *_MNIST_FORM,
        Setting(
            "tab", str, MNIST_TABS[0], N_("Tab"),
            N_("The part of the workshop shown: Train, Test, Predict it, Your handwriting, What it learned, "
               "Experiments."),
            choices=MNIST_TABS,
        ),
        # The Experiments tab: the setting a sweep varies, the others' fixed values, the rotation test's size.
        Setting(
            "sweep_setting", str, next(iter(SWEEPABLE)), N_("setting to vary"),
            N_("Which setting the experiment changes, one fresh network per value; the others stay fixed "
               "at the values below."),
            choices=tuple(SWEEPABLE), words=tuple(SWEEPABLE),
        ),
        _for_sweep("hidden_nodes", N_("Hidden nodes when they are not the setting swept ({range}).")),
        _for_sweep("learning_rate", N_("Learning rate when it is not the setting swept ({range}).")),
        _for_sweep("epochs", N_("Epochs when they are not the setting swept ({range}).")),
        _for_sweep("init", N_("Starting weights when they are not the setting swept.")),
        _for_sweep(
            "train_count",
            N_("The first N training images ({range}). The book used all 60,000; fewer is quicker."),
            default=10_000, low=100,
        ),
        Setting(
            "rotation_train_count", int, 5_000, N_("training images (each used three times)"),
            N_("The first N training images ({range}), with and without their two rotated copies; "
               "100 hidden nodes, learning rate 0.1, 1 epoch, seed 0."),
            low=100, high=20_000, step=1000,
        ),
    ),
)
