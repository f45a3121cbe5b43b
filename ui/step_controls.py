"""What the step-through page steps through: which network, which rule, which sample.

The page never changes the session's network except through "Apply this
update". Switching the rule views a copy of the network with the same weights
and the other rule, so the learner can compare without losing anything.

Every choice is a row of :data:`ui.settings.STEP_SETTINGS`, so it is in the URL
(``?source=fresh&seed=4&rule=gradient&sample=2&stage=7``) and a link sets it.
"""

from __future__ import annotations

import math
from typing import Optional

import numpy as np
import streamlit as st

from nn import NeuralNetwork
from ui.settings import (FRESH_HIDDEN_NODES, FRESH_NETWORK, SESSION_NETWORK, STEP_SETTINGS, Table, check_all,
                         link_in_url, link_problem, setting_ui)

KEY_PREFIX = STEP_SETTINGS.key_prefix
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


def step_table(lab) -> Table:
    """The page's settings, with the sample number bounded by the session's data set."""
    return STEP_SETTINGS.with_row(STEP_SETTINGS["sample"].bounded(high=len(lab.run.inputs)))


def settings_from_link(table: Table) -> None:
    """When a link arrives (on opening, or later in this tab), show its settings in the widgets.

    A setting the link leaves out starts where the page starts it (this session's
    network, its own rule, sample 1, stage 1); a bad value is named and ignored.
    """
    link = link_in_url(table)
    if link is None:
        return
    good, problems = link
    for problem in problems:
        st.error(link_problem(problem))
    if not good:
        return
    for name in table:
        if name in good:
            st.session_state[table.key(name)] = good[name]
        else:
            st.session_state.pop(table.key(name), None)


def _checked(table: Table, name: str, value):
    """The value if the table allows it, else None after a message naming the setting."""
    good, problems = check_all({name: value}, table)
    for problem in problems:
        st.error(f"{problem}.")
    return good.get(name)


def network_ui(lab, source_column, rule_column, values: Optional[dict] = None,
               table: Table = STEP_SETTINGS) -> tuple[Optional[NeuralNetwork], bool]:
    """The network to step through, and whether it is the session's own (so Apply can commit to it).

    The choices made are put in ``values`` (for the URL). None if the seed typed is not allowed.
    """
    values = {} if values is None else values
    with source_column:
        source = values["source"] = setting_ui("source", SESSION_NETWORK, KEY_PREFIX, table=table)
        network = lab.network
        if source == FRESH_NETWORK:
            seed = values["seed"] = _checked(table, "seed", setting_ui("seed", table["seed"].default, KEY_PREFIX, table=table))
            if seed is None:
                return None, False
            network = NeuralNetwork(
                lab.network.input_nodes, FRESH_HIDDEN_NODES, lab.network.output_nodes, lab.network.learning_rate,
                bias=lab.network.bias, rule=lab.network.rule, seed=seed,
            )
    with rule_column:
        rule = values["rule"] = setting_ui("rule", network.rule, KEY_PREFIX, table=table)
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


def sample_ui(lab, network: NeuralNetwork, values: Optional[dict] = None,
              table: Table = STEP_SETTINGS) -> Optional[tuple[np.ndarray, np.ndarray]]:
    """(inputs, targets) picked from the data set or typed; None (after a message) if typed badly.

    The choices made are put in ``values`` (for the URL).
    """
    values = {} if values is None else values
    inputs, targets = lab.run.inputs, lab.run.targets
    teaching_set = _teaching_set(lab)
    labels = getattr(teaching_set, "output_labels", None)
    shape = tuple(getattr(teaching_set, "image_shape", ()) or ())
    can_type = network.input_nodes <= MAX_TYPED
    typed = setting_ui("own", False, KEY_PREFIX, table=table, disabled=not can_type)
    values["own"] = bool(typed and can_type)
    if not values["own"]:
        chosen = setting_ui("sample", 1, KEY_PREFIX, table=table, label=f"Sample (1 to {len(inputs)}) from {lab.dataset}")
        number = values["sample"] = _checked(table, "sample", chosen)
        if number is None:
            return None
        index = number - 1
        if labels is not None and len(labels) == len(targets[index]):
            st.caption(f"Target: **{labels[int(np.argmax(targets[index]))]}**")
        if shape and int(np.prod(shape)) == len(inputs[index]):
            picture = np.clip(np.asarray(inputs[index]).reshape(shape), 0.0, 1.0)
            st.image(picture, width=84, clamp=True, caption="the sample as a picture")
        return inputs[index], targets[index]

    first, second = st.columns(2)
    with first:
        typed_inputs = values["inputs"] = setting_ui(
            "inputs", vector_text(inputs[0]), KEY_PREFIX, table=table, label=f"Inputs ({network.input_nodes} numbers)")
    with second:
        typed_targets = values["targets"] = setting_ui(
            "targets", vector_text(targets[0]), KEY_PREFIX, table=table, label=f"Targets ({network.output_nodes} numbers)")
    own_inputs, inputs_problem = parse_vector(typed_inputs, "Inputs", network.input_nodes)
    own_targets, targets_problem = parse_vector(typed_targets, "Targets", network.output_nodes, open_unit_interval=True)
    for problem in (inputs_problem, targets_problem):
        if problem:
            st.error(problem)
    if inputs_problem or targets_problem:
        return None
    return own_inputs, own_targets
