"""What the live page draws from the session's lab: counters, weights, error curve.

Small weight matrices are HTML tables of coloured cells whose hover names
each weight and its exact value. Large ones (MNIST's wih) are PNG pictures
while training runs (cheap, never blank between updates) and interactive
heatmaps with the same hover once it is paused.
"""

from __future__ import annotations

import base64
import html
import math

import numpy as np
import streamlit as st
from PIL import Image

from nn.teaching_sets import TeachingSet
from ui import charts
from ui.datasets import MNIST
from ui.node_names import BIAS_NAME, network_labels
from ui.live.samples import error_counters
from ui.session import Lab


def counters_ui(lab: Lab, speed_note: str = "") -> None:
    """Samples seen, epochs, current error, speed (and MNIST test accuracy), in one row.

    One HTML element rather than a st.metric each: every element costs the
    browser work on each live update, and these change on every one.
    """
    run = lab.run
    counters = [
        ("Samples seen", f"{run.samples_seen:,}", "Samples trained so far, one backprop step each."),
        ("Epochs done", f"{run.epoch:,}", f"Complete passes through the {run.epoch_size:,} samples of the data set "
                                           f"({run.position:,} samples into the next one)."),
        *error_counters(lab),  # the mean over the data set, then the last sample's (ui/live/samples.py)
        ("Samples / s", f"{lab.samples_per_second:,.0f}" if lab.running else "paused",
         " ".join(filter(None, ["Training speed during the latest live update, drawing included.", speed_note]))),
    ]
    if lab.dataset == MNIST:
        latest = f"{100 * lab.test_accuracy[-1][1]:.1f}%" if lab.test_accuracy else "–"
        counters.append(("Test accuracy", latest, "Share of 1,000 MNIST test images the network gets right."))
    boxes = "".join(
        f'<div class="live-counter" data-name="{html.escape(name)}" title="{html.escape(help_text)}" '
        f'style="flex:1;cursor:help"><div style="font-size:0.9rem;color:#555;text-decoration:underline dotted">'
        f'{html.escape(name)}</div>'
        f'<div class="value" style="font-size:2.1rem;line-height:1.3">{html.escape(value)}</div></div>'
        for name, value, help_text in counters
    )
    st.html(f'<div style="display:flex;gap:1rem">{boxes}</div>')


#: Pixels the two weight tables side by side may fill: the main area of a 1280-pixel
#: laptop or projector screen is about 820, less the gap between the columns.
SIDE_BY_SIDE_WIDTH = 780
#: Room for a table's row names ("hidden 8"), counted in cells.
TABLE_LABEL_CELLS = 3


def weights_ui(lab: Lab, show_change: bool, interactive: bool) -> None:
    """wih and who side by side (wih alone on a row when it is wide), each with its colour legend."""
    network, data = lab.network, lab.teaching_set
    names = network_labels(network, data)  # the same node names as every other page
    bias = [BIAS_NAME] if network.bias else []
    hidden = list(names["hidden"]) + bias
    inputs = list(names["inputs"]) + bias
    matrices = {
        "wih": (network.wih, hidden[: network.hidden_nodes], inputs, "wih: input → hidden (rows: hidden nodes, columns: inputs)"),
        "who": (network.who, list(names["outputs"]), hidden, "who: hidden → output (rows: output nodes, columns: hidden nodes)"),
    }
    wide = network.wih.shape[1] > 40
    places = [st.container(), st.container()] if wide else st.columns(
        [network.wih.shape[1] + TABLE_LABEL_CELLS, network.who.shape[1] + TABLE_LABEL_CELLS]
    )
    # Side by side, both tables share one cell size, fitted to the row (a 5x5 digits
    # network with 8 hidden nodes is 25 + 8 cells wide), so neither spills over.
    cell_size = None if wide else charts.table_cell_size(
        network.wih.shape[1] + network.who.shape[1] + 2 * TABLE_LABEL_CELLS, width=SIDE_BY_SIDE_WIDTH
    )
    for place, (name, (weights, rows, columns, title)) in zip(places, matrices.items()):
        shown, scale, what = _shown_values(lab, name, weights, show_change)
        heading = f"<p style='font-weight:600;margin:0 0 0.4rem'>{html.escape(title)}</p>"
        caption = charts.colour_legend_caption(scale, what)
        if show_change:
            caption += " · " + CHANGE_SIZE.format(largest=float(np.abs(shown).max(initial=0.0)), scale=scale)
        legend = _picture_html(charts.colour_legend_image(), "colour legend", caption)
        with place:
            if weights.size <= charts.TABLE_MAX_WEIGHTS:
                st.html(heading + charts.weights_table_html(shown, scale, rows, columns, what, cell_size) + legend)
            elif interactive:
                st.html(heading)
                st.plotly_chart(
                    charts.weights_heatmap(shown, scale, rows, columns), key=f"live_heatmap_{name}",
                    config={"displayModeBar": False},
                )
                st.html(legend)
            else:
                st.html(heading + _picture_html(charts.weights_image(shown, scale), f"{name} as colours") + legend)


#: Said under "Show the change": how big the latest changes are against the run's one scale.
CHANGE_SIZE = "largest change in the latest update: {largest:.2g} (one scale, ±{scale:g}, for the whole run)"


def _shown_values(lab: Lab, name: str, weights: np.ndarray, show_change: bool):
    """The matrix to draw, its colour scale and what its colours mean."""
    if show_change:
        before = lab.before_update[0 if name == "wih" else 1] if lab.before_update else weights
        change = weights - before if before.shape == weights.shape else np.zeros_like(weights)
        # One scale for the whole run, that only grows: a network that has nearly stopped
        # moving looks still, rather than rescaled to look busy.
        key = f"change_{name}"
        scale = max(lab.colour_scales.get(key, 0.0), charts.nice_scale(float(np.abs(change).max(initial=0.0))))
        lab.colour_scales[key] = scale
        return change, scale, "change"
    # A scale that only grows, so a colour means the same value from one update to the next.
    # It follows the bulk of the weights (99.5th percentile of their sizes): a few
    # outliers are drawn at full colour rather than fading every other weight.
    bulk = float(np.percentile(np.abs(weights), 99.5)) if weights.size else 0.0
    scale = max(lab.colour_scales.get(name, 0.0), charts.nice_scale(bulk))
    lab.colour_scales[name] = scale
    return weights, scale, "weight"


def error_curve_ui(lab: Lab, earlier=()) -> None:
    """The error curve; ``earlier``: (label, running mean) of earlier runs, drawn faintly behind."""
    run = lab.run
    svg = charts.error_curve_svg(
        np.asarray(run.errors), run.running_mean(_window(run.epoch_size)), run.epoch_starts(),
        lab.test_accuracy if lab.dataset == MNIST else None, earlier=earlier,
    )
    st.html(
        "<p style='margin:0'><b>Error while learning</b>: each sample's error ½Σ(target − output)² "
        "before its update, and the running mean</p>" + charts.svg_image_html(svg, "error curve", "error-curve")
    )


def _window(epoch_size: int) -> int:
    """Running-mean window: whole epochs of a small set (about 20 samples), so every sample
    counts equally and the mean does not zigzag with the order of the set; 100 samples of MNIST."""
    return min(epoch_size * math.ceil(20 / epoch_size), 100)


def hidden_nodes_ui(lab: Lab, data: TeachingSet) -> None:
    """For picture data sets: each hidden node's incoming weights, drawn as the picture it looks for."""
    if not data.image_shape:
        return
    wih = lab.network.wih
    scale = lab.colour_scales.get("wih") or charts.nice_scale(float(np.abs(wih).max()))
    picture = charts.hidden_node_images(wih, data.image_shape, scale, zoom=2 if data.image_shape[0] > 10 else 12)
    st.html(
        "<p style='margin:0 0 0.4rem'><b>What each hidden node looks for</b> "
        "(its incoming weights, drawn as a picture; hidden 1, 2, 3 … left to right, then the next row)</p>"
        + _picture_html(picture, "each hidden node's incoming weights", charts.colour_legend_caption(scale))
    )


def _picture_html(image: Image.Image, alt: str, caption: str = "") -> str:
    """A picture inside the page itself (a data: URL) rather than a media file.

    st.image serves each picture from a URL that the next live update deletes;
    at several updates a second the browser often asks too late and shows a
    blank. Inline pictures arrive with the update and cannot go missing.
    """
    data = base64.b64encode(charts.png_bytes(image)).decode("ascii")
    width = f"{image.width}px"
    caption_html = (
        f'<figcaption style="font-size:0.85rem;color:#6b6b76">{html.escape(caption)}</figcaption>'
        if caption else ""
    )
    return (
        f'<figure style="margin:0.3rem 0 0"><img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" '
        f'style="width:{width};max-width:100%;image-rendering:pixelated;display:block">{caption_html}</figure>'
    )
