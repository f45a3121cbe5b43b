"""The session's network and its training history, kept in one place.

Every browser tab has its own Streamlit session, so its own :class:`Lab`; the
live page trains it, the step-through page reads it and can apply one step.
Never put a trainable network in ``st.cache_resource``: that is shared by every visitor.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import streamlit as st

from nn import NeuralNetwork
from nn.teaching_sets import TEACHING_SETS
from nn.training import TrainingRun

SESSION_KEY = "lab"
DEFAULT_DATASET = next(iter(TEACHING_SETS))


@dataclasses.dataclass
class Lab:
    """What this session is learning on: the data set's name and the training run (with its network)."""

    dataset: str
    run: TrainingRun

    @property
    def network(self) -> NeuralNetwork:
        return self.run.network

    def apply_step(self, inputs, targets) -> float:
        """Train the session's network on one sample (from the step-through page) and record its error."""
        error = self.network.train(inputs, targets)
        self.run.errors.append(error)
        return error


def default_lab() -> Lab:
    """A small network on the first teaching set: what a fresh visitor sees before any click."""
    teaching_set = TEACHING_SETS[DEFAULT_DATASET]
    network = NeuralNetwork(
        teaching_set.input_nodes, 3, teaching_set.output_nodes, 0.3, seed=1
    )
    return Lab(DEFAULT_DATASET, TrainingRun(network, teaching_set.inputs, teaching_set.targets))


def get_lab() -> Lab:
    """This session's lab, made on first use."""
    if SESSION_KEY not in st.session_state:
        st.session_state[SESSION_KEY] = default_lab()
    return st.session_state[SESSION_KEY]


def set_lab(lab: Lab) -> None:
    st.session_state[SESSION_KEY] = lab
