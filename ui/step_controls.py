"""What the step-through page steps through: which network, which rule, which sample.

The page never changes the session's network except through "Apply this
update". Switching the rule views a copy of the network with the same weights
and the other rule, so the learner can compare without losing anything.
"""

from __future__ import annotations

import math
from typing import Optional

import numpy as np
import streamlit as st

from nn import NeuralNetwork
from nn.network import RULES

SESSION_NETWORK = "this session's network"
FRESH_NETWORK = "a fresh small network"
FRESH_HIDDEN_NODES = 3
#: Typed vectors longer than this are refused: a text box is no way to enter an image.
MAX_TYPED = 30


def parse_vector(text: str, field: str, length: int, open_unit_interval: bool = False):
    """(array, None) for a good comma-separated vector, else (None, a message naming the field)."""
    pieces = [piece.strip() for piece in text.replace(";", ",").split(",") if piece.strip()]
    if len(pieces) != length:
        return None, f"{field}: expected {length} numbers separated by commas; got {len(pieces)}."
    values = []
    for position, piece in enumerate(pieces, start=1):
        try:
            value = float(piece)
        except ValueError:
            return None, f"{field}: number {position} ({piece!r}) is not a number."
        if not math.isfinite(value):
            return None, f"{field}: number {position} must be finite; got {piece}."
        if open_unit_interval and not 0.0 < value < 1.0:
            return None, (
                f"{field}: number {position} must lie strictly between 0 and 1 (a sigmoid never reaches "
                f"0 or 1; the book uses 0.01 and 0.99); got {piece}."
            )
        values.append(value)
    return np.array(values), None


def vector_text(values) -> str:
    return ", ".join(f"{float(v):.4g}" for v in values)


def network_ui(lab, source_column, rule_column) -> tuple[NeuralNetwork, bool]:
    """The network to step through, and whether it is the session's own (so Apply can commit to it)."""
    with source_column:
        source = st.radio(
            "Network", [SESSION_NETWORK, FRESH_NETWORK], key="step_source",
            help="This session's network is the one the live page trains; Apply commits this step to it. "
            f"A fresh small network has {FRESH_HIDDEN_NODES} hidden nodes and starting weights from the seed.",
        )
        network = lab.network
        if source == FRESH_NETWORK:
            seed = st.number_input(
                "Seed of the fresh network", 0, 2**31 - 1, 1, key="step_seed",
                help="The same seed gives the same starting weights on every screen.",
            )
            network = NeuralNetwork(
                lab.network.input_nodes, FRESH_HIDDEN_NODES, lab.network.output_nodes, lab.network.learning_rate,
                bias=lab.network.bias, rule=lab.network.rule, seed=int(seed),
            )
    with rule_column:
        rule = st.radio(
            "Rule for the hidden errors", RULES, index=RULES.index(network.rule), key="step_rule",
            help="book: hidden_errors = who.T · output_errors (the book's simplification). "
            "gradient: who.T · (output_errors * o(1 − o)), the exact derivative of the error. "
            "Switching shows a copy of the same weights with the other rule; the session's network keeps its own.",
        )
    if rule != network.rule:
        network = network.copy()
        network.rule = rule
    own = source == SESSION_NETWORK and rule == lab.network.rule
    return network, own


def _teaching_set(lab):
    """The session's data set with its labels, if the session can name it (older labs cannot)."""
    try:
        return getattr(lab, "teaching_set", None)
    except (KeyError, ValueError):
        return None


def sample_ui(lab, network: NeuralNetwork) -> Optional[tuple[np.ndarray, np.ndarray]]:
    """(inputs, targets) picked from the data set or typed; None (after a message) if typed badly."""
    inputs, targets = lab.run.inputs, lab.run.targets
    teaching_set = _teaching_set(lab)
    labels = getattr(teaching_set, "output_labels", None)
    shape = tuple(getattr(teaching_set, "image_shape", ()) or ())
    typed = st.toggle(
        "Type my own input and target", key="step_own",
        disabled=network.input_nodes > MAX_TYPED,
        help=f"Enter your own numbers instead of a sample from the data set (networks up to {MAX_TYPED} inputs).",
    )
    if not typed or network.input_nodes > MAX_TYPED:
        index = st.number_input(
            f"Sample (1 to {len(inputs)}) from {lab.dataset}", 1, len(inputs), 1, key="step_sample",
            help="Which row of the session's data set to push through the network.",
        ) - 1
        if labels is not None and len(labels) == len(targets[index]):
            st.caption(f"Target: **{labels[int(np.argmax(targets[index]))]}**")
        if shape and int(np.prod(shape)) == len(inputs[index]):
            picture = np.clip(np.asarray(inputs[index]).reshape(shape), 0.0, 1.0)
            st.image(picture, width=84, clamp=True, caption="the sample as a picture")
        return inputs[index], targets[index]

    first, second = st.columns(2)
    typed_inputs = first.text_input(
        f"Inputs ({network.input_nodes} numbers)", vector_text(inputs[0]), key="step_inputs",
        help="Comma-separated, finite numbers; the book scales inputs to 0.01 .. 1.",
    )
    typed_targets = second.text_input(
        f"Targets ({network.output_nodes} numbers)", vector_text(targets[0]), key="step_targets",
        help="Comma-separated, each strictly between 0 and 1 (the book uses 0.01 and 0.99).",
    )
    own_inputs, inputs_problem = parse_vector(typed_inputs, "Inputs", network.input_nodes)
    own_targets, targets_problem = parse_vector(typed_targets, "Targets", network.output_nodes, open_unit_interval=True)
    for problem in (inputs_problem, targets_problem):
        if problem:
            st.error(problem)
    if inputs_problem or targets_problem:
        return None
    return own_inputs, own_targets
