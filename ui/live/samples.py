"""What the network answers now: every sample of a small set, the XOR-like decision surface,
the mean error over the data set, and the plain-words note when the sigmoids have saturated.

Every number is what nn/ returns for the session's network as it is now
(``query``, ``sample_error``, ``nn.saturation``); this module only lays them out.
"""

from __future__ import annotations

import base64
import functools
import html
import math
import weakref
from typing import Optional

import numpy as np
import streamlit as st
from PIL import Image, ImageDraw

from nn.gradient_check import sample_error
from nn.saturation import Saturation, saturation
from ui import charts
from ui.datasets import MNIST
from ui.i18n import N_, _, ngettext, numbers, pgettext, speaking
from ui.live.block import HtmlBlock, side_by_side
from ui.live.counter import Counter
from ui.live.written import fixed
from ui.node_names import network_labels
from ui.session import Lab

#: Data sets with at most this many samples get the table of every sample.
MAX_SAMPLES_IN_TABLE = 16
#: Up to this many inputs (or outputs) are written as numbers; more are shown as a picture (or the answer's name).
MAX_NUMBERS = 4
#: Samples of the last window the MNIST mean error is taken over.
MNIST_ERROR_WINDOW = 100
#: Points along each side of the decision surface, and screen pixels per point.
SURFACE_POINTS, SURFACE_ZOOM = 49, 4
#: Samples whose hidden outputs are checked for saturation (the first of the data set).
SATURATION_SAMPLES = 50

# Whole sentences with placeholders, for translation (those with a count are ngettext's, where they are used).
MEAN_ERROR_HELP = N_("The error ½Σ(target − output)² of every sample of the data set, with the weights as they "
                     "are now, averaged: it is small only when every sample is answered well.")
LAST_ERROR_NAME = N_("Last sample's error")
PICTURE_INPUTS = N_("inputs (dark = high)")
LAST_ERROR_HELP = N_("The error ½Σ(target − output)² of the latest sample alone, measured before its update.")
SURFACE_HEADING = N_("The network's answer over every pair of inputs")
SURFACE_CAPTION = N_("Each point is the output for one pair of inputs: {across} grows left to right, {up} bottom "
                     "to top. Dark = high: white is 0, black is 1, as in the digit pictures. Circles are the "
                     "samples, filled black where the target is high and white where it is low; a sample is "
                     "answered well when its circle matches the shade around it.")


def shows_samples(lab: Lab) -> bool:
    return lab.dataset != MNIST and lab.run.epoch_size <= MAX_SAMPLES_IN_TABLE


def sample_errors(lab: Lab) -> tuple[float, ...]:
    """Each sample's error ½Σ(t − o)² with the weights as they are now (nn.gradient_check.sample_error).

    A live update shows them twice (the mean error counter, the table of every sample): they are
    worked out once for each state of the weights.
    """
    global _last_errors
    network, run = lab.network, lab.run
    weights = network.wih.tobytes() + network.who.tobytes()
    last = _last_errors  # read once: another session's thread may replace it
    if last and last[0]() is network and last[1]() is run and last[2] == weights:
        return last[3]
    errors = tuple(sample_error(network, inputs, targets) for inputs, targets in zip(run.inputs, run.targets))
    _last_errors = (weakref.ref(network), weakref.ref(run), weights, errors)
    return errors


#: The last :func:`sample_errors` worked out: (its network and run, weakly held so a closed session's
#: are freed, the network's weights' bytes, the errors).
_last_errors: tuple = ()


def error_counters(lab: Lab) -> list[Counter]:
    """The live counters of the error: the mean over the data set, then the last sample's."""
    run = lab.run
    last = Counter(LAST_ERROR_NAME, _(LAST_ERROR_NAME), numbers.decimal(run.errors[-1], 4) if run.errors else "–",
                   _(LAST_ERROR_HELP))
    if shows_samples(lab):
        mean = float(np.mean(sample_errors(lab)))
        name = _counter_name(_mean_error_name, run.epoch_size)
        return [Counter(*name, numbers.decimal(mean, 4), _(MEAN_ERROR_HELP)), last]
    window = min(MNIST_ERROR_WINDOW, len(run.errors))
    value = numbers.decimal(float(np.mean(run.errors[-window:])), 4) if window else "–"
    count = MNIST_ERROR_WINDOW
    help_text = ngettext("The error ½Σ(target − output)² of the last sample trained, measured before its update.",
                         "The error ½Σ(target − output)² of each of the last {count} samples trained, measured "
                         "before its update, averaged.", count)
    return [Counter(*_counter_name(_mnist_mean_error_name, count), value,
                    help_text.format(count=numbers.integer(count))), last]


def _mean_error_name(count: int) -> str:
    return ngettext("Mean error (all {count} sample)", "Mean error (all {count} samples)", count)


def _mnist_mean_error_name(count: int) -> str:
    return ngettext("Mean error (last {count} sample)", "Mean error (last {count} samples)", count)


def _counter_name(name_of, count: int) -> tuple[str, str]:
    """A counter's key (its English name, ``Counter.key``) and its name in the session's language."""
    with speaking("en"):
        key = name_of(count).format(count=count)
    return key, name_of(count).format(count=numbers.integer(count))


def saturation_window(epoch_size: int) -> int:
    """Whole epochs of a small set (at least 50 samples), so every sample counts alike; 500 of MNIST."""
    return 500 if epoch_size > MAX_SAMPLES_IN_TABLE * 10 else epoch_size * math.ceil(50 / epoch_size)


def stall(lab: Lab) -> Optional[Saturation]:
    """nn.saturation's figures for the session's run, or None."""
    run = lab.run
    window = saturation_window(run.epoch_size)
    inputs = run.prepare_inputs(run.inputs[:SATURATION_SAMPLES])
    # Only the two windows it compares: the whole history, turned into an array on every live
    # update, cost more the longer the run.
    return saturation(lab.network, inputs, run.errors[-2 * window:], window)


def stall_ui(lab: Lab) -> None:
    found = stall(lab)
    if found is not None:
        st.warning(stall_message(found))


def stall_message(found: Saturation) -> str:
    """The stall in plain words, with nn.saturation's figures."""
    return ngettext(
        "Training has stalled: {pinned} of the hidden nodes' outputs are pinned near 0 or 1, where the sigmoid's "
        "slope is almost zero, so the weight changes are almost zero too. The mean error over the last {window} "
        "sample stays at {now} (it was {before} the {window} before). A smaller learning rate will not undo it; "
        "press Reset (or choose other starting weights) to start again.",
        "Training has stalled: {pinned} of the hidden nodes' outputs are pinned near 0 or 1, where the sigmoid's "
        "slope is almost zero, so the weight changes are almost zero too. The mean error over the last {window} "
        "samples stays at {now} (it was {before} the {window} before). A smaller learning rate will not undo it; "
        "press Reset (or choose other starting weights) to start again.",
        found.window,
    ).format(pinned=numbers.percent(found.pinned_share, 0), window=numbers.integer(found.window),
             now=numbers.decimal(found.error_now, 3), before=numbers.decimal(found.error_before, 3))


def samples_ui(lab: Lab, block: HtmlBlock) -> None:
    """For a small data set: every sample's inputs, target, the answer now and its error; for two inputs, the surface."""
    if not shows_samples(lab):
        return
    table = samples_table_html(lab)
    if lab.network.input_nodes == 2:
        block.add(side_by_side([(table, 3), (surface_html(lab), 2)]))
    else:
        block.add(table)


def samples_table_html(lab: Lab) -> str:
    network, data, run = lab.network, lab.teaching_set, lab.run
    names = network_labels(network, data)
    answers = network.query(run.inputs)                                   # (samples, outputs)
    errors = sample_errors(lab)
    few_inputs, few_outputs = network.input_nodes <= MAX_NUMBERS, network.output_nodes <= MAX_NUMBERS
    # The sign is looked up once for the table: its cells are written by Python's formatting, not
    # Babel's, as the table is redrawn on every live update (ui/live/written.py).
    sign = numbers.decimal_sign()
    # Translators: between the numbers (or names) listed in one cell; Russian, with its decimal comma, uses "; "
    listed = pgettext("live samples table", ", ")
    outputs_named = listed.join(names["outputs"])
    head = [_("sample"),
            listed.join(names["inputs"]) if few_inputs else _(PICTURE_INPUTS) if data.image_shape else _("inputs"),
            _("target: {outputs}").format(outputs=outputs_named) if few_outputs else _("target"),
            _("answer now: {outputs}").format(outputs=outputs_named) if few_outputs
            else _("answer now (biggest output)"),
            _("error ½Σ(t − o)²")]
    cell = "padding:2px 10px;text-align:right;font-variant-numeric:tabular-nums;border-bottom:1px solid #eee"
    rows = ["<tr>" + "".join(f'<th style="{cell};font-weight:600">{html.escape(h)}</th>' for h in head) + "</tr>"]
    for index in range(run.epoch_size):
        inputs, targets, outputs = run.inputs[index], run.targets[index], answers[index]
        if few_inputs:
            shown_inputs = html.escape(listed.join(fixed(value, 2, sign) for value in inputs))
        elif data.image_shape:
            picture = _sample_png(np.asarray(inputs, dtype=np.float64).tobytes(), data.image_shape)
            shown_inputs = _inline_png(picture, _("the sample as a picture"))
        else:
            shown_inputs = html.escape(ngettext("{count} number", "{count} numbers", len(inputs)).format(
                count=numbers.integer(len(inputs))))
        if few_outputs:
            shown_targets = listed.join(fixed(value, 2, sign) for value in targets)
            shown_answer = listed.join(fixed(value, 3, sign) for value in outputs)
        else:
            wanted, biggest = int(np.argmax(targets)), int(np.argmax(outputs))
            shown_targets = names["outputs"][wanted]
            shown_answer = _("{answer} ({output})").format(answer=names["outputs"][biggest],
                                                            output=fixed(outputs[biggest], 3, sign))
        rows.append(
            f'<tr class="sample-row"><td style="{cell}">{index + 1}</td><td style="{cell}">{shown_inputs}</td>'
            f'<td style="{cell}">{html.escape(shown_targets)}</td>'
            f'<td class="answer" style="{cell}">{html.escape(shown_answer)}</td>'
            f'<td class="error" style="{cell}">{fixed(errors[index], 4, sign)}</td></tr>'
        )
    heading = ngettext("What the network answers now, for every sample ({count}), with the weights as they are",
                       "What the network answers now, for every sample ({count}), with the weights as they are",
                       run.epoch_size).format(count=numbers.integer(run.epoch_size))
    return (f"<p style='font-weight:600;margin:0.6rem 0 0.3rem'>{html.escape(heading)}</p>"
            f'<table class="samples-table" style="border-collapse:collapse">{"".join(rows)}</table>')


def surface_outputs(network) -> np.ndarray:
    """The network's only output over a grid of the input square, row 0 at the top (input B = 1). (points, points)"""
    axis = np.linspace(0.0, 1.0, SURFACE_POINTS)
    across, up = np.meshgrid(axis, axis[::-1])
    outputs = network.query(np.column_stack([across.ravel(), up.ravel()]))  # (points², outputs)
    return outputs[:, 0].reshape(SURFACE_POINTS, SURFACE_POINTS)


def surface_image(network, inputs: np.ndarray, targets: np.ndarray) -> Image.Image:
    """The surface in grey (dark = high), each sample a circle filled by its target."""
    grey = np.rint(255.0 * (1.0 - np.clip(surface_outputs(network), 0.0, 1.0))).astype(np.uint8)
    picture = Image.fromarray(np.kron(grey, np.ones((SURFACE_ZOOM, SURFACE_ZOOM), dtype=np.uint8))).convert("RGB")
    draw = ImageDraw.Draw(picture)
    side = SURFACE_POINTS * SURFACE_ZOOM - 1
    for (across, up), target in zip(inputs, targets[:, 0]):
        x, y = across * side, (1.0 - up) * side
        fill = (0, 0, 0) if target > 0.5 else (255, 255, 255)
        draw.ellipse((x - 9, y - 9, x + 9, y + 9), fill=fill, outline=(230, 120, 0), width=3)
    return picture


def surface_html(lab: Lab) -> str:
    network, run = lab.network, lab.run
    names = network_labels(network, lab.teaching_set)["inputs"]
    picture = surface_image(network, run.inputs, run.targets)
    caption = _(SURFACE_CAPTION).format(across=names[0], up=names[1])
    return (f"<p style='font-weight:600;margin:0.6rem 0 0.3rem'>{html.escape(_(SURFACE_HEADING))}</p>"
            + _inline_png(_png(picture), _("the network's output over the input square"), css_class="decision-surface")
            + _inline_png(_brightness_legend_png(), _("brightness legend: white 0, black 1"))
            + f'<p style="font-size:0.85rem;color:inherit;opacity:0.8;margin:0.2rem 0">{html.escape(caption)}</p>')


def _sample_picture(inputs: np.ndarray, shape: tuple, zoom: int = 5) -> Image.Image:
    grey = np.rint(255.0 * (1.0 - np.clip(inputs.reshape(shape), 0.0, 1.0))).astype(np.uint8)
    return Image.fromarray(np.kron(grey, np.ones((zoom, zoom), dtype=np.uint8)))


@functools.lru_cache(maxsize=1024)
def _sample_png(inputs: bytes, shape: tuple) -> str:
    """A sample's picture as base64 PNG: a sample never changes, so it is encoded once per server
    process, not on every live update (``inputs``: its float64 values' bytes)."""
    return _png(_sample_picture(np.frombuffer(inputs), shape))


@functools.cache
def _brightness_legend_png() -> str:
    """The surface's legend, the same on every update: encoded once per server process."""
    return _png(Image.fromarray(np.kron(
        np.rint(255.0 * (1.0 - np.linspace(0.0, 1.0, 49)))[None, :].astype(np.uint8), np.ones((12, 4), dtype=np.uint8))))


def _png(image: Image.Image) -> str:
    return base64.b64encode(charts.png_bytes(image)).decode("ascii")


def _inline_png(data: str, alt: str, css_class: str = "") -> str:
    """A picture (``data``: base64 PNG) inside the page itself (see ui.live.view: an st.image URL can
    vanish between live updates)."""
    return (f'<img class="{css_class}" src="data:image/png;base64,{data}" alt="{html.escape(alt)}" '
            f'style="image-rendering:pixelated;display:block;max-width:100%">')
