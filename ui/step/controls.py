"""What the step-through page steps through: which network, which rule, which sample.

The page never changes the session's network except through "Apply this
update". Switching the rule views a copy of the network with the same weights
and the other rule, so the learner can compare without losing anything.

Every choice is a row of :data:`ui.step.settings.STEP_SETTINGS`, so it is in the URL
(``?source=fresh&dataset=xor&hidden_nodes=4&seed=4&rule=gradient&sample=2&stage=7``)
and a link sets it. A fresh network is built from the link's settings alone
(data set, hidden nodes, learning rate, init, bias, seed, rule), and its samples
come from its own data set, so a fresh link is the same on every screen; a session
link shows each learner's own network.
"""

from __future__ import annotations

import dataclasses
import math
import re
from typing import Optional

import numpy as np
import streamlit as st

from nn import NeuralNetwork
from nn.teaching_sets import TeachingSet
from ui import plain_text
from ui.datasets import dataset_name, live_dataset
from ui.i18n import N_, _, ngettext, numbers
from ui.node_names import shown_name
from ui.settings.setting import Table
from ui.settings.url import link_in_url, link_problem
from ui.settings.widgets import checked, setting_ui
from ui.step.settings import FRESH_NETWORK, FRESH_NETWORK_SETTINGS, SESSION_NETWORK, STEP_SETTINGS
from ui.worked_example import printed_weights_note, with_printed_weights

#: Typed vectors longer than this are refused: a text box is no way to enter an image.
MAX_TYPED = 30


def vector_pieces(text: str) -> list[str]:
    """The numbers of a typed vector, as text with a decimal point, in either language's way of writing it.

    "0.2, -0.7, 1.5" (commas between, points inside) and "0,2; -0,7; 1,5" (semicolons between,
    decimal commas inside) both work in both languages, so a link made in one opens in the other.
    Without a semicolon or a point, a Russian learner's comma is a decimal comma ("0,5") unless
    a space follows it ("1, 2, 3"); in English every comma separates, as before.
    """
    if ";" in text:
        pieces = [piece.replace(",", ".") if "." not in piece else piece for piece in text.split(";")]
    elif "." in text or numbers.decimal_sign() == ".":
        pieces = text.split(",")
    else:
        pieces = [piece.replace(",", ".") for piece in re.split(r",\s+", text)]
    return [piece.strip() for piece in pieces if piece.strip()]


def parse_vector(text: str, field: str, length: int, open_unit_interval: bool = False):
    """(array, None) for a good vector (see :func:`vector_pieces`), else (None, a message naming the field)."""
    pieces = vector_pieces(text)
    if len(pieces) != length:
        return None, ngettext("{field}: expected {length} number separated by commas; got {count}.",
                              "{field}: expected {length} numbers separated by commas; got {count}.",
                              length).format(field=field, length=length, count=len(pieces))
    values = []
    for position, piece in enumerate(pieces, start=1):
        try:
            value = float(piece)
        except ValueError:
            return None, _("{field}: number {position} ({piece}) is not a number.").format(
                field=field, position=position, piece=repr(piece))
        if not math.isfinite(value):
            return None, _("{field}: number {position} must be finite; got {piece}.").format(
                field=field, position=position, piece=piece)
        if open_unit_interval and not 0.0 < value < 1.0:
            return None, _(
                "{field}: number {position} must lie strictly between 0 and 1 (a sigmoid never reaches "
                "0 or 1; the book uses 0.01 and 0.99); got {piece}."
            ).format(field=field, position=position, piece=piece)
        values.append(value)
    return np.array(values), None


def vector_text(values) -> str:
    """A vector as a learner would type it: "0.9, 0.1, 0.8", or "0,9; 0,1; 0,8" in Russian."""
    between = "; " if numbers.decimal_sign() == "," else ", "
    return between.join(f"{float(v):.4g}".replace(".", numbers.decimal_sign()) for v in values)


@dataclasses.dataclass
class Stepped:
    """The network stepped through and the data set its samples come from."""

    network: NeuralNetwork
    own: bool                  # the session's network with its own rule: Apply may commit to it
    dataset: str               # the data set's name, as the page says it
    inputs: np.ndarray         # the data set's samples ...
    targets: np.ndarray        # ... and their targets
    teaching_set: TeachingSet  # labels and picture shape


def step_table(size: int) -> Table:
    """The page's settings, with the sample number bounded by the size of the data set stepped through."""
    return STEP_SETTINGS.with_row(STEP_SETTINGS["sample"].bounded(high=size))


def settings_from_link(lab) -> None:
    """When a link arrives (on opening, or later in this tab), show its settings in the widgets.

    A setting the link leaves out starts where the page starts it (this session's
    network, its own rule, sample 1, stage 1, and a fresh network's settings at
    their defaults, so a fresh link means the same network on every screen); a bad
    value is named and ignored. The sample number is checked against the data set
    the link steps through: the fresh network's when it asks for one, else the session's.
    """
    link = link_in_url(STEP_SETTINGS)
    if link is None:
        return
    good, problems = link
    if "sample" in st.query_params:
        # Checked again against the data set stepped through: the table alone allows MNIST's 60,000, so a
        # sample 0 of the 3-3-3 set was refused as "from 1 to 60000"
        fresh = good.get("source") == FRESH_NETWORK
        size = len(live_dataset(good.get("dataset", STEP_SETTINGS["dataset"].default)).inputs) if fresh \
            else len(lab.run.inputs)
        table = step_table(size)
        good, problems = table.check_all({name: st.query_params[name] for name in table if name in st.query_params})
    for problem in problems:
        plain_text.error(link_problem(problem))
    if not good:
        return
    for name in STEP_SETTINGS:
        if name in good:
            st.session_state[STEP_SETTINGS.key(name)] = good[name]
        else:
            st.session_state.pop(STEP_SETTINGS.key(name), None)


def _setting(name: str, start, table: Table, **options):
    """Draw one setting's widget, starting at ``start`` unless a link or an earlier run set it.

    A control a lesson link hides is not drawn, and keeps the value the link gave it.
    """
    return setting_ui(table, name, st.session_state.get(table.key(name), start), **options)


#: The caption of the sample drawn as a picture: the one brightness convention, said.
SAMPLE_PICTURE = N_("the sample as a picture: dark = high (white 0.01, black 1.00)")

#: Said beside the network choice: what a link to each kind of network shows.
LINK_NOTE = N_(
    "Shared as a link, **this session's network** shows each learner their own network (the one their "
    "live page trained); **a fresh network** is built from the settings in the link, so it is the "
    "same on every screen."
)


def network_ui(lab, source_column, rule_column, fresh_box, values: Optional[dict] = None,
               table: Table = STEP_SETTINGS) -> Optional[Stepped]:
    """The network to step through and its data set, or None (after a message) if a value typed is not allowed.

    A fresh network's settings are drawn in ``fresh_box`` (an ``st.empty``, so nothing shows
    for the session's). The choices made are put in ``values`` (for the URL), all of them
    even when one is refused.
    """
    values = {} if values is None else values
    with source_column:
        source = values["source"] = _setting("source", SESSION_NETWORK, table)
        st.caption(_(LINK_NOTE))
    if source != FRESH_NETWORK:
        with rule_column:
            rule = values["rule"] = _setting("rule", lab.network.rule, table)
        network = lab.network
        if rule != network.rule:
            network = network.copy()
            network.rule = rule
        return Stepped(network, rule == lab.network.rule, lab.dataset, lab.run.inputs, lab.run.targets,
                       lab.teaching_set)

    box = fresh_box.container(border=True)
    with box:
        st.markdown(_("**The fresh network**: built from these settings alone, and each of them is in the link."))
        first_row, second_row = st.columns(3), st.columns(3)
        for column, name in zip((*first_row, *second_row), FRESH_NETWORK_SETTINGS):
            with column:
                values[name] = _setting(name, table[name].default, table)
    with rule_column:
        values["rule"] = _setting("rule", table["rule"].default, table)
    good, problems = table.check_all({name: values[name] for name in (*FRESH_NETWORK_SETTINGS, "rule")})
    for name in (*FRESH_NETWORK_SETTINGS, "rule"):
        values[name] = good.get(name)  # a refused value is not written to the URL
    if problems:
        with box:
            for problem in problems:
                plain_text.error(_("{problem}. No network is drawn until it is changed.").format(problem=problem))
        return None
    data = live_dataset(good["dataset"])
    network = NeuralNetwork(
        data.input_nodes, good["hidden_nodes"], data.output_nodes, good["learning_rate"],
        init=good["init"], bias=good["bias"], rule=good["rule"], seed=good["seed"],
    )
    with_printed_weights(network, data)  # the book's worked example starts from its printed weights
    note = printed_weights_note(network, data)
    if note:
        with box:
            st.info(note)
    return Stepped(network, False, good["dataset"], data.inputs, data.targets, data)


def sample_ui(stepped: Stepped, values: Optional[dict] = None,
              table: Table = STEP_SETTINGS) -> Optional[tuple[np.ndarray, np.ndarray]]:
    """(inputs, targets) picked from the data set stepped through or typed; None (after a message) if typed badly.

    The choices made are put in ``values`` (for the URL).
    """
    values = {} if values is None else values
    network, inputs, targets = stepped.network, stepped.inputs, stepped.targets
    labels = stepped.teaching_set.output_labels
    shape = tuple(stepped.teaching_set.image_shape or ())
    can_type = network.input_nodes <= MAX_TYPED
    typed = _setting("own", False, table, disabled=not can_type)
    values["own"] = bool(typed and can_type)
    if not values["own"]:
        chosen = _setting("sample", 1, table, label=_("Sample (1 to {count}) from {dataset}").format(
            count=numbers.integer(len(inputs)), dataset=dataset_name(stepped.dataset)))
        number = values["sample"] = checked(table, "sample", chosen)
        if number is None:
            return None
        index = number - 1
        if labels is not None and len(labels) == len(targets[index]):
            st.caption(_("Target: **{label}**").format(label=shown_name(labels[int(np.argmax(targets[index]))])))
        if shape and int(np.prod(shape)) == len(inputs[index]):
            # dark = high, as every digit picture is drawn (the book's imshow "Greys")
            picture = 1.0 - np.clip(np.asarray(inputs[index]).reshape(shape), 0.0, 1.0)
            st.image(picture, width=84, clamp=True, caption=_(SAMPLE_PICTURE), alt=_("the sample as a picture"))
        return inputs[index], targets[index]

    first, second = st.columns(2)
    with first:
        typed_inputs = values["inputs"] = _setting(
            "inputs", vector_text(inputs[0]), table,
            label=ngettext("Inputs ({n} number)", "Inputs ({n} numbers)", network.input_nodes).format(
                n=network.input_nodes))
    with second:
        typed_targets = values["targets"] = _setting(
            "targets", vector_text(targets[0]), table,
            label=ngettext("Targets ({n} number)", "Targets ({n} numbers)", network.output_nodes).format(
                n=network.output_nodes))
    own_inputs, inputs_problem = parse_vector(typed_inputs, _("Inputs"), network.input_nodes)
    own_targets, targets_problem = parse_vector(typed_targets, _("Targets"), network.output_nodes,
                                                open_unit_interval=True)
    for problem in (inputs_problem, targets_problem):
        if problem:
            plain_text.error(problem)
    if inputs_problem or targets_problem:
        return None
    return own_inputs, own_targets
