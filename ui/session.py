"""The session's network and its training history, kept in one place.

Every browser tab has its own Streamlit session, so its own :class:`Lab`; the
live page trains it, the step-through page reads it and can apply one step.
Never put a trainable network in ``st.cache_resource``: that is shared by every visitor.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Optional

import streamlit as st

from nn import NeuralNetwork
from nn.teaching_sets import TeachingSet
from nn.training import TrainingRun
from ui.datasets import live_dataset
from ui.settings.network import LAB_SETTINGS
from ui.worked_example import with_printed_weights

SESSION_KEY = "lab"


@dataclasses.dataclass
class Lab:
    """What this session is learning on: the data set's name and the training run (with its network).

    :attr:`settings` are read from the network itself (one source of truth), so they
    outlive the widgets that show them: a learner who leaves the live page and comes
    back finds them as they were.
    """

    dataset: str
    run: TrainingRun
    #: Samples trained per live update.
    speed: int = LAB_SETTINGS["speed"].default
    #: The seed Reset starts from when the network has none of its own (an upload saved without one).
    fallback_seed: int = LAB_SETTINGS["seed"].default
    running: bool = False
    #: wih and who just before the latest update, for the "change since the last update" view.
    before_update: Optional[tuple] = None
    #: (samples seen, fraction of test images right), measured every so often on MNIST.
    test_accuracy: list = dataclasses.field(default_factory=list)
    #: Training speed of the latest live update, drawing included.
    samples_per_second: float = 0.0
    #: When the latest live update began (time.perf_counter), to measure samples_per_second.
    last_update_at: Optional[float] = None
    #: The colour scale of each weight picture: it only grows, so colours mean the
    #: same from one update to the next (see ui.live.view).
    colour_scales: dict = dataclasses.field(default_factory=dict)

    @property
    def network(self) -> NeuralNetwork:
        return self.run.network

    @property
    def settings(self) -> dict:
        """The value of every setting in :data:`ui.settings.network.LAB_SETTINGS`, as the network has it."""
        network = self.network
        return {
            "dataset": self.dataset, "hidden_nodes": network.hidden_nodes, "learning_rate": network.learning_rate,
            "init": network.init, "bias": network.bias, "rule": network.rule,
            "seed": self.fallback_seed if network.seed is None else network.seed, "speed": self.speed,
        }

    @property
    def teaching_set(self) -> TeachingSet:
        """The data set as a TeachingSet (labels, picture shape), MNIST included."""
        return live_dataset(self.dataset)

    def remember_weights(self) -> None:
        """Keep the weights as they are now, before an update changes them."""
        self.before_update = (self.network.wih.copy(), self.network.who.copy())

    def apply_step(self, inputs, targets) -> float:
        """Train the session's network on one sample (from the step-through page) and record its error."""
        self.remember_weights()
        error = self.network.train(inputs, targets)
        self.run.errors.append(error)
        return error


def build_lab(values: dict[str, Any]) -> Lab:
    """A fresh network and run from a full set of checked settings (same settings, same weights)."""
    teaching_set = live_dataset(values["dataset"])
    network = NeuralNetwork(
        teaching_set.input_nodes,
        values["hidden_nodes"],
        teaching_set.output_nodes,
        values["learning_rate"],
        init=values["init"],
        bias=values["bias"],
        rule=values["rule"],
        seed=values["seed"],
    )
    with_printed_weights(network, teaching_set)  # the book's worked example starts from its printed weights
    run = TrainingRun(network, teaching_set.inputs, teaching_set.targets)
    return Lab(values["dataset"], run, speed=values["speed"], fallback_seed=values["seed"])


def default_lab() -> Lab:
    """A small network on the first teaching set: what a fresh visitor sees before any click."""
    return build_lab(LAB_SETTINGS.defaults())


def get_lab() -> Lab:
    """This session's lab, made on first use."""
    if SESSION_KEY not in st.session_state:
        st.session_state[SESSION_KEY] = default_lab()
    return st.session_state[SESSION_KEY]


def set_lab(lab: Lab) -> None:
    st.session_state[SESSION_KEY] = lab


def change_settings(lab: Lab, values: dict[str, Any]) -> Lab:
    """Apply checked settings to the session: rebuild the network if one that shapes it changed.

    The learning rate and speed change the running network in place, so training
    carries on; the data set, node counts, init, bias, rule or seed start a new network.
    Returns the session's lab (a new one after a rebuild).
    """
    now = lab.settings
    wanted = {**now, **values}
    rebuild = any(wanted[name] != now[name] for name, setting in LAB_SETTINGS.items() if setting.rebuilds)
    if rebuild:
        fresh = build_lab(wanted)
        fresh.running = lab.running
        set_lab(fresh)
        return fresh
    if wanted["learning_rate"] != lab.network.learning_rate:
        lab.network.learning_rate = wanted["learning_rate"]
        lab.run.diverged = None  # a smaller rate may well train on from the rolled-back weights
    lab.speed = wanted["speed"]
    return lab


def reset_lab(lab: Lab) -> Lab:
    """Start again from the same settings: the same seed gives the same starting weights."""
    fresh = build_lab(lab.settings)
    set_lab(fresh)
    return fresh
