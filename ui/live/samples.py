"""What the network answers now: every sample of a small set, the XOR-like decision surface,
the mean error over the data set, and the plain-words note when the sigmoids have saturated.

Every number is what nn/ returns for the session's network as it is now
(``query``, ``sample_error``, ``nn.saturation``); this module only lays them out.
"""

from __future__ import annotations

import base64
import html
import math
from typing import Optional

import numpy as np
import streamlit as st
from PIL import Image, ImageDraw

from nn.gradient_check import sample_error
from nn.saturation import Saturation, saturation
from ui import charts
from ui.datasets import MNIST
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

# Whole sentences with placeholders, for translation.
SAMPLES_HEADING = "What the network answers now, for every sample ({count}), with the weights as they are"
MEAN_ERROR_NAME = "Mean error (all {count} samples)"
MEAN_ERROR_HELP = ("The error ½Σ(target − output)² of every sample of the data set, with the weights as they "
                   "are now, averaged: it is small only when every sample is answered well.")
MNIST_MEAN_ERROR_NAME = "Mean error (last {count} samples)"
MNIST_MEAN_ERROR_HELP = ("The error ½Σ(target − output)² of each of the last {count} samples trained, measured "
                         "before its update, averaged.")
LAST_ERROR_NAME = "Last sample's error"
PICTURE_INPUTS = "inputs (dark = high)"
LAST_ERROR_HELP = "The error ½Σ(target − output)² of the latest sample alone, measured before its update."
SURFACE_HEADING = "The network's answer over every pair of inputs"
SURFACE_CAPTION = ("Each point is the output for one pair of inputs: {across} grows left to right, {up} bottom to "
                   "top. Dark = high: white is 0, black is 1, as in the digit pictures. Circles are the samples, "
                   "filled black where the target is high and white where it is low; a sample is answered well "
                   "when its circle matches the shade around it.")
SATURATED = ("Training has stalled: {pinned:.0%} of the hidden nodes' outputs are pinned near 0 or 1, where the "
             "sigmoid's slope is almost zero, so the weight changes are almost zero too. The mean error over the "
             "last {window:,} samples stays at {now:.3f} (it was {before:.3f} the {window:,} before). A smaller "
             "learning rate will not undo it; press Reset (or choose other starting weights) to start again.")


def shows_samples(lab: Lab) -> bool:
    return lab.dataset != MNIST and lab.run.epoch_size <= MAX_SAMPLES_IN_TABLE


def sample_errors(lab: Lab) -> list[float]:
    """Each sample's error ½Σ(t − o)² with the weights as they are now (nn.gradient_check.sample_error)."""
    run = lab.run
    return [sample_error(lab.network, inputs, targets) for inputs, targets in zip(run.inputs, run.targets)]


def error_counters(lab: Lab) -> list[tuple[str, str, str]]:
    """(name, value, help) for the live counters: the mean error over the data set, then the last sample's."""
    run = lab.run
    last = (LAST_ERROR_NAME, f"{run.errors[-1]:.4f}" if run.errors else "–", LAST_ERROR_HELP)
    if shows_samples(lab):
        mean = float(np.mean(sample_errors(lab)))
        return [(MEAN_ERROR_NAME.format(count=run.epoch_size), f"{mean:.4f}", MEAN_ERROR_HELP), last]
    window = min(MNIST_ERROR_WINDOW, len(run.errors))
    value = f"{float(np.mean(run.errors[-window:])):.4f}" if window else "–"
    return [(MNIST_MEAN_ERROR_NAME.format(count=MNIST_ERROR_WINDOW), value,
             MNIST_MEAN_ERROR_HELP.format(count=MNIST_ERROR_WINDOW)), last]


def saturation_window(epoch_size: int) -> int:
    """Whole epochs of a small set (at least 50 samples), so every sample counts alike; 500 of MNIST."""
    return 500 if epoch_size > MAX_SAMPLES_IN_TABLE * 10 else epoch_size * math.ceil(50 / epoch_size)


def stall(lab: Lab) -> Optional[Saturation]:
    """nn.saturation's figures for the session's run, or None."""
    run = lab.run
    inputs = run.prepare_inputs(run.inputs[:SATURATION_SAMPLES])
    return saturation(lab.network, inputs, run.errors, saturation_window(run.epoch_size))


def stall_ui(lab: Lab) -> None:
    found = stall(lab)
    if found is not None:
        st.warning(SATURATED.format(pinned=found.pinned_share, window=found.window, now=found.error_now,
                                    before=found.error_before))


def samples_ui(lab: Lab) -> None:
    """For a small data set: every sample's inputs, target, the answer now and its error; for two inputs, the surface."""
    if not shows_samples(lab):
        return
    table = samples_table_html(lab)
    if lab.network.input_nodes == 2:
        words, picture = st.columns([3, 2])
        with words:
            st.html(table)
        with picture:
            st.html(surface_html(lab))
    else:
        st.html(table)


def samples_table_html(lab: Lab) -> str:
    network, data, run = lab.network, lab.teaching_set, lab.run
    names = network_labels(network, data)
    answers = network.query(run.inputs)                                   # (samples, outputs)
    errors = sample_errors(lab)
    few_inputs, few_outputs = network.input_nodes <= MAX_NUMBERS, network.output_nodes <= MAX_NUMBERS
    head = ["sample",
            ", ".join(names["inputs"]) if few_inputs else PICTURE_INPUTS if data.image_shape else "inputs",
            "target: " + ", ".join(names["outputs"]) if few_outputs else "target",
            "answer now: " + ", ".join(names["outputs"]) if few_outputs else "answer now (biggest output)",
            "error ½Σ(t − o)²"]
    cell = "padding:2px 10px;text-align:right;font-variant-numeric:tabular-nums;border-bottom:1px solid #eee"
    rows = ["<tr>" + "".join(f'<th style="{cell};font-weight:600">{html.escape(h)}</th>' for h in head) + "</tr>"]
    for index in range(run.epoch_size):
        inputs, targets, outputs = run.inputs[index], run.targets[index], answers[index]
        if few_inputs:
            shown_inputs = html.escape(", ".join(f"{value:.2f}" for value in inputs))
        elif data.image_shape:
            shown_inputs = _inline_png(_sample_picture(inputs, data.image_shape), "the sample as a picture")
        else:
            shown_inputs = f"{len(inputs)} numbers"
        if few_outputs:
            shown_targets = ", ".join(f"{value:.2f}" for value in targets)
            shown_answer = ", ".join(f"{value:.3f}" for value in outputs)
        else:
            wanted, biggest = int(np.argmax(targets)), int(np.argmax(outputs))
            shown_targets = names["outputs"][wanted]
            shown_answer = f"{names['outputs'][biggest]} ({outputs[biggest]:.3f})"
        rows.append(
            f'<tr class="sample-row"><td style="{cell}">{index + 1}</td><td style="{cell}">{shown_inputs}</td>'
            f'<td style="{cell}">{html.escape(shown_targets)}</td>'
            f'<td class="answer" style="{cell}">{html.escape(shown_answer)}</td>'
            f'<td class="error" style="{cell}">{errors[index]:.4f}</td></tr>'
        )
    return (f"<p style='font-weight:600;margin:0.6rem 0 0.3rem'>"
            f"{html.escape(SAMPLES_HEADING.format(count=run.epoch_size))}</p>"
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
    legend = Image.fromarray(np.kron(
        np.rint(255.0 * (1.0 - np.linspace(0.0, 1.0, 49)))[None, :].astype(np.uint8), np.ones((12, 4), dtype=np.uint8)))
    caption = SURFACE_CAPTION.format(across=names[0], up=names[1])
    return (f"<p style='font-weight:600;margin:0.6rem 0 0.3rem'>{html.escape(SURFACE_HEADING)}</p>"
            + _inline_png(picture, "the network's output over the input square", css_class="decision-surface")
            + _inline_png(legend, "brightness legend: white 0, black 1")
            + f'<p style="font-size:0.85rem;color:inherit;opacity:0.8;margin:0.2rem 0">{html.escape(caption)}</p>')


def _sample_picture(inputs: np.ndarray, shape: tuple, zoom: int = 5) -> Image.Image:
    grey = np.rint(255.0 * (1.0 - np.clip(inputs.reshape(shape), 0.0, 1.0))).astype(np.uint8)
    return Image.fromarray(np.kron(grey, np.ones((zoom, zoom), dtype=np.uint8)))


def _inline_png(image: Image.Image, alt: str, css_class: str = "") -> str:
    """A picture inside the page itself (see ui.live.view: an st.image URL can vanish between live updates)."""
    data = base64.b64encode(charts.png_bytes(image)).decode("ascii")
    return (f'<img class="{css_class}" src="data:image/png;base64,{data}" alt="{html.escape(alt)}" '
            f'style="image-rendering:pixelated;display:block;max-width:100%">')
