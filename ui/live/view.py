"""What the live page draws from the session's lab: counters, weights, error curve.

Small weight matrices are HTML tables of coloured cells whose hover names
each weight and its exact value. Large ones (MNIST's wih) are PNG pictures
while training runs (cheap, never blank between updates) and interactive
heatmaps with the same hover once it is paused.
"""

from __future__ import annotations

import base64
import functools
import html
import math
from typing import NamedTuple, Optional

import numpy as np
import streamlit as st
from PIL import Image

from nn.teaching_sets import TeachingSet
from ui import charts
from ui.datasets import MNIST, MNIST_TEST_SAMPLES
from ui.i18n import N_, _, ngettext, numbers
from ui.live.block import HtmlBlock, side_by_side
from ui.live.counter import Counter
from ui.live.curve import ErrorHistory, curve_window, spread_out
from ui.node_names import bias_name, network_labels
from ui.live.samples import error_counters
from ui.live.training import ACCURACY_EVERY, ACCURACY_MOST_APART
from ui.live.written import significant
from ui.session import Lab
from ui.palettes import PALETTES
from ui.settings.display import current_palette
from ui import picture_words


def counters_ui(lab: Lab, block: HtmlBlock, speed_note: str = "") -> None:
    """Samples seen, epochs, current error, speed (and MNIST test accuracy), in one row.

    HTML rather than a st.metric each: every element costs the browser and the
    server work on each live update, and these change on every one.
    """
    block.add(counters_html(live_counters(lab, speed_note)))  # wraps on a phone


def live_counters(lab: Lab, speed_note: str = "") -> list[Counter]:
    """The counters of one live update, in the session's language."""
    run = lab.run
    counters = [
        Counter("Samples seen", _("Samples seen"), numbers.integer(run.samples_seen),
                _("Samples trained so far, one backprop step each.")),
        Counter("Epochs done", _("Epochs done"), numbers.integer(run.epoch), ngettext(
            "Complete passes through the {size} samples of the data set ({position} samples into the next one).",
            "Complete passes through the {size} samples of the data set ({position} samples into the next one).",
            run.epoch_size,
        ).format(size=numbers.integer(run.epoch_size), position=numbers.integer(run.position))),
        *error_counters(lab),  # the mean over the data set, then the last sample's (ui/live/samples.py)
        Counter("Samples / s", _("Samples / s"),
                numbers.integer(round(lab.samples_per_second)) if lab.running else _("paused"),
                " ".join(filter(None, [_("Training speed during the latest live update, drawing included."),
                                       speed_note]))),
    ]
    if lab.dataset == MNIST:
        counters.append(test_accuracy_counter(lab))
    return counters


def test_accuracy_counter(lab: Lab) -> Counter:
    """The latest MNIST test accuracy measured, and when (it is measured every so often: ui/live/training.py)."""
    images = numbers.integer(MNIST_TEST_SAMPLES)
    schedule = _(ACCURACY_SCHEDULE).format(every=numbers.integer(ACCURACY_EVERY),
                                           most=numbers.integer(ACCURACY_MOST_APART))
    if not lab.test_accuracy:
        return Counter("Test accuracy", _("Test accuracy"), "–", _(ACCURACY_HELP).format(images=images) + " " + schedule)
    seen, fraction = lab.test_accuracy[-1]
    when = ngettext("Share of {images} MNIST test images the network got right when it had trained {samples} sample.",
                    "Share of {images} MNIST test images the network got right when it had trained {samples} samples.",
                    seen).format(images=images, samples=numbers.integer(seen))
    return Counter("Test accuracy", _("Test accuracy"), numbers.percent(fraction, 1), when + " " + schedule)


#: The test accuracy counter's help before anything was measured, and when it is measured.
ACCURACY_HELP = N_("Share of {images} MNIST test images the network gets right.")
ACCURACY_SCHEDULE = N_("Measured every {every} samples (in a long run, every tenth of the samples seen, at most "
                       "every {most}) and when training is paused.")


def counters_html(counters: list[Counter]) -> str:
    boxes = "".join(
        # data-name is the counter's English name whatever the language: what scripts and tests look for.
        f'<div class="live-counter" data-name="{html.escape(counter.key)}" title="{html.escape(counter.help)}" '
        f'style="flex:1 1 6.5rem;cursor:help"><div style="font-size:0.9rem;color:inherit;opacity:0.8;text-decoration:underline dotted">'
        f'{html.escape(counter.name)}</div>'
        f'<div class="value" style="font-size:2.1rem;line-height:1.3">{html.escape(counter.value)}</div></div>'
        for counter in counters
    )
    return f'<div style="display:flex;flex-wrap:wrap;gap:1rem">{boxes}</div>'


#: Pixels the two weight tables side by side may fill: the main area of a 1280-pixel
#: laptop or projector screen is about 820, less the gap between the columns.
SIDE_BY_SIDE_WIDTH = 780
#: Room for a table's row names ("hidden 8"), counted in cells.
TABLE_LABEL_CELLS = 3


def weights_ui(lab: Lab, block: HtmlBlock, show_change: bool, interactive: bool,
               as_numbers: bool = False) -> Optional[np.ndarray]:
    """wih and who side by side (wih alone on a row when it is wide), each with its colour legend;
    ``as_numbers`` adds each matrix as a table of numbers (scrolling in its own box).

    While training, every picture is HTML (a table, or a PNG for a big matrix) and goes into
    ``block``; a paused big matrix's heatmap and the tables of numbers are elements of their own.
    Returns wih's colour indices on its scale when it drew wih's weights as a picture (else None),
    for the hidden-node pictures of the same weights.
    """
    network, data = lab.network, lab.teaching_set
    names = network_labels(network, data)  # the same node names as every other page
    bias = [bias_name()] if network.bias else []
    hidden = list(names["hidden"]) + bias
    inputs = list(names["inputs"]) + bias
    matrices = {
        "wih": (network.wih, hidden[: network.hidden_nodes], inputs,
                _("wih: input → hidden (rows: hidden nodes, columns: inputs)")),
        "who": (network.who, list(names["outputs"]), hidden,
                _("who: hidden → output (rows: output nodes, columns: hidden nodes)")),
    }
    wide = network.wih.shape[1] > 40
    palette = current_palette()
    shares = [network.wih.shape[1] + TABLE_LABEL_CELLS, network.who.shape[1] + TABLE_LABEL_CELLS]
    # Side by side, both tables share one cell size, fitted to the row (a 5x5 digits
    # network with 8 hidden nodes is 25 + 8 cells wide), so neither spills over.
    cell_size = None if wide else charts.table_cell_size(sum(shares), width=SIDE_BY_SIDE_WIDTH)
    drawn, wih_colours = [], None
    for name, (weights, rows, columns, title) in matrices.items():
        shown, scale, what = _shown_values(lab, name, weights, show_change)
        heading = f"<p style='font-weight:600;margin:0 0 0.4rem'>{html.escape(title)}</p>"
        caption = charts.colour_legend_caption(scale, what, palette)
        if show_change:
            caption += " · " + _(CHANGE_SIZE).format(largest=significant(float(np.abs(shown).max(initial=0.0)), 2),
                                                      scale=numbers.general(scale))
        legend = _picture_html(_legend_png(palette.name), _("colour legend"), caption, zoom=(LEGEND_HEIGHT, 1))
        if weights.size <= charts.TABLE_MAX_WEIGHTS:
            picture = charts.weights_table_html(shown, scale, rows, columns, what, cell_size, palette)
        elif not interactive:
            # One pixel a weight, stretched by the browser: half the pixels to encode of
            # the picture at its shown size (rows drawn two pixels high).
            colours = charts.colour_indices(shown, scale)
            if name == "wih" and not show_change:
                wih_colours = colours
            picture = _picture_html(EncodedPicture.one_pixel_a_weight(colours, palette), _weights_alt(name, shown),
                                    zoom=charts.cell_size(*shown.shape))
        else:
            picture = None
        drawn.append(_DrawnMatrix(name, shown, scale, rows, columns, heading, picture, legend))

    if not as_numbers and all(matrix.picture is not None for matrix in drawn):
        pictures = [matrix.heading + matrix.picture + matrix.legend for matrix in drawn]
        for row in (pictures if wide else [side_by_side(list(zip(pictures, shares)))]):  # wide: one above the other
            block.add(row)
        return wih_colours
    block.send()  # what came before it, then each matrix's own elements
    places = [st.container(), st.container()] if wide else st.columns(shares)
    for place, matrix in zip(places, drawn):
        with place:
            if matrix.picture is not None:
                st.html(matrix.heading + matrix.picture + matrix.legend)
            else:
                st.html(matrix.heading)
                st.plotly_chart(
                    charts.weights_heatmap(matrix.shown, matrix.scale, matrix.rows, matrix.columns, palette=palette),
                    key=f"live_heatmap_{matrix.name}", alt=_weights_alt(matrix.name, matrix.shown),
                    config={"displayModeBar": False},
                )
                st.html(matrix.legend)
            if as_numbers:
                st.dataframe(picture_words.weights_frame(matrix.shown, matrix.rows, matrix.columns),
                             height=min(400, 38 + 35 * len(matrix.shown)), key=f"live_numbers_{matrix.name}")
    return wih_colours


class _DrawnMatrix(NamedTuple):
    """One weight matrix as drawn: what is shown and on which colour scale, its row and column names,
    and its heading, picture (HTML, or None for a heatmap) and legend."""

    name: str
    shown: np.ndarray
    scale: float
    rows: list
    columns: list
    heading: str
    picture: Optional[str]
    legend: str


def _weights_alt(name: str, shown: np.ndarray) -> str:
    return picture_words.weights_alt(name, shown, *(_(axis) for axis in AXES[name]))


#: What the rows and columns of each weight matrix are, for the pictures' alternative text.
AXES = {"wih": (N_("hidden nodes"), N_("inputs")), "who": (N_("output nodes"), N_("hidden nodes"))}


#: Said under "Show the change": how big the latest changes are against the run's one scale.
CHANGE_SIZE = N_("largest change in the latest update: {largest} (one scale, ±{scale}, for the whole run)")


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
    scale = lab.colour_scales.get(name, 0.0)
    if not _bulk_within(weights, scale):  # the percentile itself only when the scale may grow
        bulk = float(np.percentile(np.abs(weights), BULK_PERCENTILE)) if weights.size else 0.0
        scale = max(scale, charts.nice_scale(bulk))
    lab.colour_scales[name] = scale
    return weights, scale, "weight"


#: The weights' colour scale follows this percentile of their sizes.
BULK_PERCENTILE = 99.5


def _bulk_within(weights: np.ndarray, scale: float) -> bool:
    """Whether the BULK_PERCENTILE-th percentile of ``abs(weights)`` is at most ``scale``,
    without sorting: it is when enough sizes are at most ``scale`` that the sizes the
    percentile interpolates between (ranks floor and ceil of q (n - 1)) both are."""
    if scale <= 0 or not weights.size:
        return False
    # 0-based rank of the upper size, one higher to be safe from rounding in q (n - 1)
    upper = math.ceil(BULK_PERCENTILE / 100 * (weights.size - 1)) + 1
    return np.count_nonzero(np.abs(weights) <= scale) >= min(upper, weights.size - 1) + 1


#: Points the live error curve draws, however long the run: about one every two pixels
#: of its 816-pixel-wide plot, where its 4-pixel dots overlap anyway.
CURVE_POINTS = 400
_ERROR_HISTORY_KEY = "live_error_history"


def error_curve_ui(lab: Lab, block: HtmlBlock, earlier=()) -> None:
    """The error curve; ``earlier``: (label, running mean) of earlier runs, drawn faintly behind."""
    run = lab.run
    history = st.session_state.get(_ERROR_HISTORY_KEY)
    if history is None:  # made once a session, not every update: its arrays are 16 KB
        history = st.session_state[_ERROR_HISTORY_KEY] = ErrorHistory()
    history.follow(run.errors)
    points = history.points(curve_window(run.epoch_size), CURVE_POINTS)
    curve = charts.error_curve_svg_of_points(
        points.samples, points.errors, points.means, points.samples_seen, points.largest_error,
        range(run.epoch_size, run.samples_seen + 1, run.epoch_size),  # each epoch's start after the first
        spread_out(lab.test_accuracy, CURVE_POINTS) if lab.dataset == MNIST else None, earlier=earlier,
    )
    summary = picture_words.error_curve_summary(points.samples, points.means)
    block.add(
        "<p style='margin:0'>" + _("<b>Error while learning</b>: each sample's error ½Σ(target − output)² "
                                   "before its update, and the running mean") + "</p>"
        + charts.error_curve_image_html(curve, summary)
        + f"<p class='error-summary' style='margin:0;font-size:0.9rem'>{html.escape(summary)}</p>"
    )


def hidden_nodes_ui(lab: Lab, block: HtmlBlock, data: TeachingSet, wih_colours: Optional[np.ndarray] = None) -> None:
    """For picture data sets: each hidden node's incoming weights, drawn as the picture it looks for.

    ``wih_colours``: what ``weights_ui`` returned in the same update (wih's colour indices on its scale).
    """
    if not data.image_shape:
        return
    wih = lab.network.wih
    scale = lab.colour_scales.get("wih") or charts.nice_scale(float(np.abs(wih).max()))
    palette = current_palette()
    if data.image_shape[0] > 10:
        # MNIST: made at one pixel a weight (and a one-pixel gap) and doubled by the browser,
        # a quarter of the pixels to encode of the picture at its shown size.
        shared = wih_colours if scale == lab.colour_scales.get("wih") else None
        picture = EncodedPicture.one_pixel_a_weight(
            charts.hidden_node_sheet(wih, data.image_shape, scale, zoom=1, gap=1, colours=shared), palette)
        zoom = 2
    else:
        picture, zoom = charts.hidden_node_images(wih, data.image_shape, scale, zoom=12, palette=palette), 1
    block.add(
        "<p style='margin:0 0 0.4rem'>" + _("<b>What each hidden node looks for</b> (its incoming weights, drawn "
                                            "as a picture; hidden 1, 2, 3 … left to right, then the next row)")
        + "</p>"
        + _picture_html(picture, _("each hidden node's incoming weights"),
                        charts.colour_legend_caption(scale, palette=palette), zoom=(zoom, zoom))
    )


@functools.cache
def _legend_png(palette_name: str) -> "EncodedPicture":
    """The colour bar is the same picture on every update, sent with each: encoded once per server process
    and palette, as small as it can be. One pixel high (the browser draws it LEGEND_HEIGHT high), in RGB
    (a palette image carries its 256 colours' table) and compressed hard: 400 characters, not 1,716."""
    legend = charts.colour_legend_image(height=1, palette=PALETTES[palette_name]).convert("RGB")
    return EncodedPicture.of(legend, compress_level=9)


#: How high the colour legend is drawn, in pixels.
LEGEND_HEIGHT = 16


class EncodedPicture:
    """A picture already encoded as base64 PNG, with its size in pixels."""

    def __init__(self, data: str, width: int, height: int):
        self.data, self.width, self.height = data, width, height

    @classmethod
    def of(cls, image: Image.Image, compress_level: int = 1) -> "EncodedPicture":
        return cls(base64.b64encode(charts.png_bytes(image, compress_level)).decode("ascii"), image.width, image.height)

    @classmethod
    def one_pixel_a_weight(cls, indices: np.ndarray, palette) -> "EncodedPicture":
        """Palette indices drawn one pixel a weight, as a PNG stored uncompressed: weights look like noise
        to zlib, which saved 8% of the bytes of MNIST's wih picture for 1.4 ms of CPU a live update
        (ui.charts.stored_palette_png); enlarged pictures (a small network's) do shrink, and are compressed."""
        height, width = indices.shape
        return cls(base64.b64encode(charts.stored_palette_png(indices, palette)).decode("ascii"), width, height)


def _picture_html(image: "Image.Image | EncodedPicture", alt: str, caption: str = "",
                  zoom: tuple[int, int] = (1, 1)) -> str:
    """A picture inside the page itself (a data: URL) rather than a media file, shown
    ``zoom`` (rows, columns) times its pixel size, pixels kept sharp.

    st.image serves each picture from a URL that the next live update deletes;
    at several updates a second the browser often asks too late and shows a
    blank. Inline pictures arrive with the update and cannot go missing.
    """
    picture = image if isinstance(image, EncodedPicture) else EncodedPicture.of(image)
    shown_width, shown_height = picture.width * zoom[1], picture.height * zoom[0]
    caption_html = (
        f'<figcaption style="font-size:0.85rem;color:inherit;opacity:0.8">{html.escape(caption)}</figcaption>'
        if caption else ""
    )
    return (
        f'<figure style="margin:0.3rem 0 0"><img src="data:image/png;base64,{picture.data}" '
        f'alt="{html.escape(alt)}" style="width:{shown_width}px;max-width:100%;height:auto;'
        # the shown shape, kept when a narrow screen shrinks the width
        f'aspect-ratio:{shown_width}/{shown_height};image-rendering:pixelated;display:block">{caption_html}</figure>'
    )
