"""What the live page draws from the session's lab: counters, weights, error curve.

Small weight matrices are HTML tables of coloured cells whose hover names
each weight and its exact value. Large ones (MNIST's wih) are PNG pictures
while training runs (cheap, never blank between updates) and interactive
heatmaps with the same hover once it is paused.
"""

from __future__ import annotations

import base64
import html

import numpy as np
import streamlit as st
from PIL import Image

from nn.teaching_sets import TeachingSet
from ui import charts
from ui.session import Lab
from ui.settings import MNIST


def counters_ui(lab: Lab) -> None:
    run = lab.run
    columns = st.columns(5 if lab.dataset == MNIST else 4)
    columns[0].metric("Samples seen", f"{run.samples_seen:,}", help="Samples trained so far, one backprop step each.")
    columns[1].metric(
        "Epochs done", f"{run.epoch:,}",
        help=f"Complete passes through the {run.epoch_size:,} samples of the data set "
        f"({run.position:,} samples into the next one).",
    )
    columns[2].metric(
        "Current error", f"{run.errors[-1]:.4f}" if run.errors else "–",
        help="Error of the latest sample, ½Σ(target − output)², measured before its update.",
    )
    columns[3].metric(
        "Samples / s", f"{lab.samples_per_second:,.0f}" if lab.running else "paused",
        help="Training speed during the latest live update, drawing included.",
    )
    if lab.dataset == MNIST:
        latest = f"{100 * lab.test_accuracy[-1][1]:.1f}%" if lab.test_accuracy else "–"
        columns[4].metric("Test accuracy", latest, help="Share of 1,000 MNIST test images the network gets right.")


def weights_ui(lab: Lab, show_change: bool, interactive: bool) -> None:
    """wih and who side by side (wih alone on a row when it is wide), with the colour legend."""
    network, data = lab.network, lab.teaching_set
    hidden = [f"hidden {h + 1}" for h in range(network.hidden_nodes)] + (["bias"] if network.bias else [])
    inputs = list(data.input_labels) + (["bias"] if network.bias else [])
    matrices = {
        "wih": (network.wih, hidden[: network.hidden_nodes], inputs, "wih: input → hidden (rows: hidden nodes, columns: inputs)"),
        "who": (network.who, list(data.output_labels), hidden, "who: hidden → output (rows: output nodes, columns: hidden nodes)"),
    }
    wide = network.wih.shape[1] > 40
    places = [st.container(), st.container()] if wide else st.columns(
        [max(network.wih.shape[1], 3), max(network.who.shape[1], 3)]
    )
    for place, (name, (weights, rows, columns, title)) in zip(places, matrices.items()):
        shown, scale, what = _shown_values(lab, name, weights, show_change)
        with place:
            st.markdown(f"**{title}**")
            if weights.size <= charts.TABLE_MAX_WEIGHTS:
                st.html(charts.weights_table_html(shown, scale, rows, columns, what))
            elif interactive:
                st.plotly_chart(
                    charts.weights_heatmap(shown, scale, rows, columns), key=f"live_heatmap_{name}",
                    config={"displayModeBar": False},
                )
            else:
                picture_ui(charts.weights_image(shown, scale), f"{name} as colours")
            picture_ui(charts.colour_legend_image(), "colour legend", charts.colour_legend_caption(scale, what), stretch=True)


def _shown_values(lab: Lab, name: str, weights: np.ndarray, show_change: bool):
    """The matrix to draw, its colour scale and what its colours mean."""
    if show_change:
        before = lab.before_update[0 if name == "wih" else 1] if lab.before_update else weights
        change = weights - before if before.shape == weights.shape else np.zeros_like(weights)
        # The change shrinks as learning settles, so its scale follows it.
        return change, charts.nice_scale(float(np.abs(change).max(initial=0.0))), "change"
    # A scale that only grows, so a colour means the same value from one update to the next.
    scale = max(lab.colour_scales.get(name, 0.0), charts.nice_scale(float(np.abs(weights).max(initial=0.0))))
    lab.colour_scales[name] = scale
    return weights, scale, "weight"


def error_curve_ui(lab: Lab) -> None:
    run = lab.run
    st.markdown("**Error while learning**: each sample's error ½Σ(target − output)² before its update, and the running mean")
    svg = charts.error_curve_svg(
        np.asarray(run.errors), run.running_mean(_window(run.epoch_size)), run.epoch_starts(),
        lab.test_accuracy if lab.dataset == MNIST else None,
    )
    # As an <img>: st.html's sanitiser drops inline <svg> elements.
    data = base64.b64encode(svg.encode()).decode("ascii")
    st.html(f'<img class="error-curve" src="data:image/svg+xml;base64,{data}" alt="error curve" style="width:100%">')


def _window(epoch_size: int) -> int:
    """Running-mean window: one epoch of a small set, a hundred samples of MNIST."""
    return int(np.clip(epoch_size, 4, 100))


def hidden_nodes_ui(lab: Lab, data: TeachingSet) -> None:
    """For picture data sets: each hidden node's incoming weights, drawn as the picture it looks for."""
    if not data.image_shape:
        return
    wih = lab.network.wih
    scale = lab.colour_scales.get("wih") or charts.nice_scale(float(np.abs(wih).max()))
    st.markdown("**What each hidden node looks for** (its incoming weights, drawn as a picture)")
    picture = charts.hidden_node_images(wih, data.image_shape, scale, zoom=2 if data.image_shape[0] > 10 else 12)
    picture_ui(picture, "each hidden node's incoming weights", charts.colour_legend_caption(scale))


def picture_ui(image: Image.Image, alt: str, caption: str = "", stretch: bool = False) -> None:
    """A picture sent inside the page itself (a data: URL) rather than as a media file.

    st.image serves each picture from a URL that the next live update deletes;
    at several updates a second the browser often asks too late and shows a
    blank. Inline pictures arrive with the update and cannot go missing.
    """
    data = base64.b64encode(charts.png_bytes(image)).decode("ascii")
    width = "100%" if stretch else f"{image.width}px"
    caption_html = (
        f'<figcaption style="font-size:0.85rem;color:#6b6b76;text-align:center">{html.escape(caption)}</figcaption>'
        if caption else ""
    )
    st.html(
        f'<figure style="margin:0"><img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" '
        f'style="width:{width};max-width:100%;image-rendering:pixelated;display:block">{caption_html}</figure>'
    )
