"""Charts as functions from arrays to pictures: no network, no session state.

Weights use one colour code everywhere, from a palette (ui/palettes.py; by
default blue = positive, red = negative, white = zero) on a symmetric scale
-scale .. +scale (values beyond are drawn at full colour). Sign never rests on
colour alone: hovers carry a minus sign, numbers in cells a + or − sign, and
legends name each end in words. Images (PIL) are for pictures that change several times a
second: they are cheap to send and never flicker; so are SVG strings (the error
curve). Plotly figures are for pictures the learner hovers over to read exact values.

Every word and number drawn is in the session's language (ui.i18n): titles, axes,
legends, hover texts (plotly writes numbers with the figure's ``separators``, which
:func:`number_separators` sets to the language's: 0,1234 in Russian).
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import html
import importlib.util
import io
import math
import struct
import zlib
from fractions import Fraction
from pathlib import Path
from typing import NamedTuple, Optional, Sequence

import numpy as np
import plotly.graph_objects as go
from babel.numbers import get_decimal_symbol, get_group_symbol
from PIL import Image, ImageFont

from ui.i18n import N_, _, current_language, numbers
from ui.node_names import INPUT_NAME
from ui.palettes import DEFAULT_PALETTE, RAMP, Palette

_RAMP = RAMP  # colours on the ramp; palette entry 255 is the grey between tiles
_GREY = RAMP
# Pictures are palette images (one byte per pixel): quick to encode and small to send.

#: The default palette's colours for plotly, so hover views match the live pictures.
PLOTLY_COLOURSCALE = DEFAULT_PALETTE.plotly_colourscale


#: Round numbers a colour scale may end at, in each power of ten: close enough
#: together that a growing scale never suddenly halves every colour.
SCALE_STEPS = (1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


#: SVG text is measured in DejaVu Sans (matplotlib ships it): what Debian's browsers draw
#: "sans-serif" with, and wider than Arial or Helvetica, so text measured to fit fits those too.
_MEASURING_FONT = Path(importlib.util.find_spec("matplotlib").origin).parent / "mpl-data/fonts/ttf/DejaVuSans.ttf"


#: The smallest words drawn in a picture, in CSS pixels as shown: readable on a phone (the error curve's
#: words at any width from NARROW_CURVE_LEAST up, weight tables' names and numbers).
SMALLEST_TEXT_PX = 11


#: Plotly charts are drawn in Streamlit's own font: its theme gives every chart "Source Sans", a file
#: Streamlit serves with the app (so every browser draws in it, offline too). Its glyphs are measured in
#: that very file, at the regular weight (400) of the variable font.
PLOTLY_FONT_FAMILY = '"Source Sans", sans-serif'
_PLOTLY_FONT = min((Path(importlib.util.find_spec("streamlit").origin).parent / "static/static/media")
                   .glob("SourceSansVF-Upright*.woff2"), default=None)
_REGULAR_WEIGHT = 400


@functools.lru_cache(maxsize=4096)
def text_width(text: str, font_size: int = 12) -> float:
    """How wide ``text`` is drawn in sans-serif at ``font_size`` pixels: for laying out SVG text."""
    return _measuring_font(font_size).getlength(text)


@functools.lru_cache(maxsize=4096)
def chart_text_width(text: str, font_size: int = 12) -> float:
    """How wide ``text`` is drawn in a plotly chart (:data:`PLOTLY_FONT_FAMILY`) at ``font_size`` pixels."""
    return _chart_font(font_size).getlength(text)


@functools.cache
def _measuring_font(font_size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(_MEASURING_FONT), font_size)


@functools.cache
def _chart_font(font_size: int) -> ImageFont.FreeTypeFont:
    if _PLOTLY_FONT is None:  # a Streamlit without its font file: DejaVu Sans is wider, so text still fits
        return _measuring_font(font_size)
    font = ImageFont.truetype(str(_PLOTLY_FONT), font_size)
    font.set_variation_by_axes([_REGULAR_WEIGHT])
    return font


def nice_scale(largest: float, steps: Sequence[float] = SCALE_STEPS) -> float:
    """The smallest round number (``steps`` x 10^k) at or above ``largest``: the end of a scale."""
    if not math.isfinite(largest) or largest <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(largest))
    for step in steps:
        if largest <= step * power * (1 + 1e-12):
            return step * power
    return 10.0 * power


def colour_indices(values: np.ndarray, scale: float) -> np.ndarray:
    """Each value's place on the colour ramp -scale .. +scale, as palette indices 0 .. 254 (uint8).

    NaN is drawn as zero (white). Computed in place in one scratch array: this runs on every
    live update for every weight (78,400 of them on MNIST).
    """
    middle = (_RAMP - 1) / 2
    position = np.multiply(values, middle / scale, dtype=float)  # a new array: -middle .. +middle
    position += middle
    np.clip(position, 0.0, _RAMP - 1, out=position)  # NaN stays NaN, infinities go to the ends
    if math.isnan(np.add.reduce(position, axis=None)):  # a sum is NaN only with a NaN: no array of flags
        np.copyto(position, middle, where=np.isnan(position))
    return np.rint(position, out=position).astype(np.uint8)


def diverging_colours(values: np.ndarray, scale: float, palette: Palette = DEFAULT_PALETTE) -> np.ndarray:
    """Each value as an RGB colour (uint8, shape ``values.shape + (3,)``) on -scale .. +scale."""
    return palette.lut[colour_indices(values, scale)]


def _palette_image(indices: np.ndarray, palette: Palette) -> Image.Image:
    image = Image.fromarray(indices, mode="P")
    image.putpalette(palette.pil_palette)
    return image


def png_bytes(image: Image.Image, compress_level: int = 1) -> bytes:
    """The picture as PNG, compressed lightly by default: these are redrawn several times a second.

    ``compress_level=0`` stores the pixels as they are, for pictures that zlib cannot shrink:
    weights look like noise to it (MNIST's wih picture: 8% fewer bytes at level 1, for 1.4 ms
    of CPU against 0.08 ms stored).
    """
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=compress_level)
    return buffer.getvalue()


def stored_palette_png(indices: np.ndarray, palette: Palette) -> bytes:
    """Palette indices (uint8 (rows, columns)) as a PNG of ``palette``'s colours, pixels stored uncompressed.

    What ``png_bytes(_palette_image(indices, palette), 0)`` makes, written here directly: the live
    page stores MNIST's wih and hidden-node pictures this way on every update, and making a PIL
    image and having it save one cost about 0.25 ms a picture, against 0.05 ms here.
    """
    height, width = indices.shape
    rows = np.empty((height, width + 1), np.uint8)
    rows[:, 0] = 0  # each row's filter: none
    rows[:, 1:] = indices
    header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)  # 8 bits a pixel, palette colours
    return b"".join([b"\x89PNG\r\n\x1a\n", _png_chunk(b"IHDR", header), _png_palette_chunk(palette),
                     _png_chunk(b"IDAT", zlib.compress(rows, 0)), _png_chunk(b"IEND", b"")])


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))


@functools.lru_cache(maxsize=16)
def _png_palette_chunk(palette: Palette) -> bytes:
    return _png_chunk(b"PLTE", bytes(palette.pil_palette))


def cell_size(rows: int, columns: int) -> tuple[int, int]:
    """Pixels per weight: large cells for small matrices, one pixel wide for 784 inputs."""
    width = int(np.clip(720 // columns, 1, 64))
    height = int(np.clip(max(width, 240 // rows), 1, 64))
    return height, width


def weights_image(weights: np.ndarray, scale: float, cell: tuple[int, int] | None = None,
                  palette: Palette = DEFAULT_PALETTE, colours: np.ndarray | None = None) -> Image.Image:
    """A weight matrix as a picture: one coloured cell per weight, rows = next layer, columns = previous layer.

    ``cell`` is (height, width) in pixels; by default :func:`cell_size` (a page may instead
    draw one pixel a weight and let the browser stretch it, which is cheaper to encode).
    ``colours``: ``colour_indices(weights, scale)``, when the caller has them already.
    """
    height, width = cell or cell_size(*weights.shape)
    cells = colour_indices(weights, scale) if colours is None else colours
    if (height, width) != (1, 1):
        cells = np.repeat(np.repeat(cells, height, axis=0), width, axis=1)
    return _palette_image(np.ascontiguousarray(cells), palette)


def colour_legend_image(width: int = 360, height: int = 16, palette: Palette = DEFAULT_PALETTE) -> Image.Image:
    """The colour bar from -scale (left, e.g. red) through 0 (white) to +scale (right, blue)."""
    ramp = np.linspace(-1.0, 1.0, width)[None, :].repeat(height, axis=0)
    return _palette_image(colour_indices(ramp, 1.0), palette)


#: What a legend's colours stand for, by the code word callers pass as ``what``.
LEGEND_SUBJECTS = {"weight": N_("weight"), "change": N_("change")}


def colour_legend_caption(scale: float, what: str = "weight", palette: Palette = DEFAULT_PALETTE) -> str:
    """The legend in words: which end is negative, so the sign is readable without telling colours apart.

    ``what`` is "weight" or "change" (:data:`LEGEND_SUBJECTS`), in the session's language.
    """
    return _(
        "left end, {negative} = negative {what} (full {negative} at {low} or below) · middle, {zero} = zero · "
        "right end, {positive} = positive {what} (full {positive} at +{high} or above)"
    ).format(negative=palette.negative_word, zero=palette.zero_word, positive=palette.positive_word,
             what=_(LEGEND_SUBJECTS.get(what, what)), low=numbers.general(-scale), high=numbers.general(scale))


def number_separators() -> str:
    """Plotly's ``layout.separators`` for the session's language: the decimal sign, then the thousands one.

    Plotly formats hover numbers in the browser (``%{z:.4f}``); this makes them 0,1234 in Russian.
    """
    language = current_language()
    return get_decimal_symbol(language) + get_group_symbol(language)


def weights_heatmap(
    weights: np.ndarray,
    scale: float,
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    title: str = "",
    palette: Palette = DEFAULT_PALETTE,
) -> go.Figure:
    """An interactive heatmap whose hover names each weight: "hidden 3 <- input 7: 0.1234"."""
    rows, columns = weights.shape
    figure = go.Figure(
        go.Heatmap(
            z=weights,
            x=list(range(1, columns + 1)),  # counted from 1, as the labels are
            y=list(range(1, rows + 1)),
            zmin=-scale,
            zmax=scale,
            colorscale=palette.plotly_colourscale,
            colorbar=dict(title=dict(text=_("weight")), thickness=12),
            customdata=_hover_names(row_labels, column_labels) if rows * columns <= 20_000 else None,
            hovertemplate=(
                "%{customdata}: %{z:.4f}<extra></extra>"
                if rows * columns <= 20_000
                else f"{_first_word(row_labels)} %{{y}} ← {_(INPUT_NAME).format(number='%{x}')}: "
                     "%{z:+.4f}<extra></extra>"
            ),
            xgap=1 if columns <= 60 else 0,
            ygap=1 if rows <= 60 else 0,
        )
    )
    figure.update_yaxes(autorange="reversed", showticklabels=rows <= 30, tickvals=list(range(1, rows + 1)),
                        ticktext=list(row_labels))
    figure.update_xaxes(showticklabels=columns <= 30, tickvals=list(range(1, columns + 1)),
                        ticktext=list(column_labels))
    figure.update_layout(title=title, margin=dict(l=10, r=10, t=40 if title else 10, b=10),
                         height=int(np.clip(40 + 28 * rows, 200, 420)), separators=number_separators())
    return figure


def _hover_names(row_labels: Sequence[str], column_labels: Sequence[str]) -> np.ndarray:
    return np.array([[f"{row} ← {column}" for column in column_labels] for row in row_labels], dtype=object)


def _first_word(labels: Sequence[str]) -> str:
    return str(labels[0]).split()[0] if len(labels) else ""


def hidden_node_images(
    wih: np.ndarray, image_shape: tuple[int, int], scale: float, columns: int = 10, zoom: int = 2, gap: int = 2,
    palette: Palette = DEFAULT_PALETTE, colours: np.ndarray | None = None,
) -> Image.Image:
    """Each hidden node's incoming weights drawn as a picture of the input: what that node looks for.

    ``wih`` is (hidden, input[+bias]); a bias column is left out. Nodes are
    laid out left to right, top to bottom, ``gap`` grey pixels between them.
    ``colours``: ``colour_indices(wih, scale)``, when the caller has them already (the live page
    draws wih itself on the same scale).
    """
    return _palette_image(hidden_node_sheet(wih, image_shape, scale, columns, zoom, gap, colours), palette)


def hidden_node_sheet(wih: np.ndarray, image_shape: tuple[int, int], scale: float, columns: int = 10,
                      zoom: int = 2, gap: int = 2, colours: np.ndarray | None = None) -> np.ndarray:
    """:func:`hidden_node_images` as palette indices (uint8 (rows, columns)), before it is a picture."""
    pixels = int(np.prod(image_shape))
    cells = colour_indices(wih[:, :pixels], scale) if colours is None else colours[:, :pixels]
    tiles = cells.reshape(-1, *image_shape)  # (hidden, rows, columns)
    if zoom != 1:
        tiles = np.repeat(np.repeat(tiles, zoom, axis=1), zoom, axis=2)
    count, tile_h, tile_w = tiles.shape
    rows_of_tiles, across = math.ceil(count / columns), min(columns, count)
    # A grid of tiles each with its gap above and to the left, then one more gap below and right.
    grid = np.full((rows_of_tiles * across, gap + tile_h, gap + tile_w), _GREY, np.uint8)
    grid[:count, gap:, gap:] = tiles
    sheet = grid.reshape(rows_of_tiles, across, gap + tile_h, gap + tile_w).transpose(0, 2, 1, 3).reshape(
        rows_of_tiles * (gap + tile_h), across * (gap + tile_w))
    return np.pad(sheet, ((0, gap), (0, gap)), constant_values=_GREY)


#: Most epoch starts the error curve marks: beyond that, every k-th (k a round number: MARK_STEPS).
MOST_EPOCH_MARKS = 40
#: Every how many epochs the curve marks once there are many: 1, 2, 5 times a power of ten. The x axis's
#: name says it ("the start of every 20 epochs"), so it is part of the curve's frame picture, which the
#: browser builds anew whenever it changes: rounded, it changes a few times a tenfold growth, where a step
#: of ceil(epochs / 40) changed every 40 epochs (every 6 live updates of 3-3-3, whose epochs are 3 samples).
MARK_STEPS = (1.0, 2.0, 5.0, 10.0)


def _thinned(marks: Sequence[int], most: int) -> list:
    """At most ``most`` of ``marks``, evenly spaced: every k-th epoch once there are many.

    ``marks`` may be a range: only the marks kept are made.
    """
    step = _mark_step(len(marks), most)
    return list(marks[step - 1::step])


def _mark_step(count: int, most: int) -> int:
    """Every how many of ``count`` marks one is drawn, so that at most ``most`` are: a round number
    (:data:`MARK_STEPS`), at least 1."""
    return max(1, round(nice_scale(count / most, MARK_STEPS))) if count > most else 1


#: The size, in the error curve's units, of one unit of its points' coordinates (written in tenths).
CURVE_UNIT = 0.1


def _tenths(values: np.ndarray) -> np.ndarray:
    """Coordinates in tenths of a unit, as whole numbers."""
    return np.rint(np.asarray(values, dtype=float) / CURVE_UNIT).astype(np.int64)


def _coordinates(template: str, xs: np.ndarray, ys: np.ndarray) -> str:
    """``template`` (two %-placeholders) filled with each (x, y) in turn: one format call, not one per point."""
    return (template * len(xs)) % tuple(np.column_stack([xs, ys]).ravel().tolist())


def _epoch_note(step: int) -> str:
    """The curve's x-axis name, when every ``step``-th epoch's start is marked."""
    if step == 1:
        return _("samples seen (dotted lines: a new epoch starts)")
    # Translators: the error curve's x-axis; {step} is 2 or more: a line marks every {step}-th epoch's start
    return _("samples seen (dotted lines: the start of every {step} epochs)").format(step=numbers.integer(step))


def _ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``top``."""
    step = nice_scale(top / count, (1.0, 2.0, 5.0, 10.0)) if top > 0 else 1.0
    return [step * i for i in range(int(math.ceil(top / step - 1e-9)) + 1)] or [0.0, step]


@dataclasses.dataclass(frozen=True)
class CurveFrame:
    """How an error curve is drawn, beyond its data: the options both curve functions take by keyword.

    ``max_points`` thins long histories (and ``earlier`` runs); ``width`` and ``height`` are the
    SVG's size in its own units; ``earlier`` holds (label, running mean) of earlier runs, drawn
    faintly behind, each labelled at its end.
    """

    max_points: int = 800
    width: int = 900
    height: int = 300
    earlier: Sequence[tuple[str, np.ndarray]] = ()


class CurveLayers(NamedTuple):
    """The error curve as two SVG pictures of the same size, shown one over the other
    (:func:`error_curve_image_html`).

    ``frame``: what stays while the axes' ranges do (both layouts' axes, grid lines, numbers, axis names and
    key), on a white ground; the same string from update to update until a tick, the epochs marked or the
    language change. ``data``: what each update moves (the dots, the running mean, the epoch marks, the
    accuracy line, earlier runs and their names), on a clear ground. The browser builds a picture's SVG
    document anew for every new data: URL and takes one it has seen from its memory cache: redrawn several
    times a second, one picture of both cost it a whole new document each time, words and all.
    """

    frame: str
    data: str


def error_curve_svg(
    errors: np.ndarray,
    running_mean: np.ndarray,
    epoch_starts: Sequence[int] = (),
    accuracy: Optional[Sequence[tuple[int, float]]] = None,
    **frame_options,
) -> CurveLayers:
    """Each sample's error (faint dots) and its running mean (line) against samples seen, as SVG pictures.

    Epochs are marked with dotted vertical lines. ``accuracy``, pairs of
    (samples seen, fraction right), adds a test-accuracy line on a right-hand axis.
    Long histories are thinned to about ``max_points`` points; the running mean
    is computed from every sample before thinning. SVG, not an interactive chart:
    the curve is redrawn while training runs, and an SVG is replaced in place
    without the blank frame an interactive chart shows while it redraws.
    ``frame_options`` are :class:`CurveFrame`'s fields (``max_points``, ``width``, ``height``, ``earlier``).
    """
    max_points = CurveFrame(**frame_options).max_points
    errors = np.asarray(errors, dtype=float)
    keep = np.unique(np.linspace(0, errors.size - 1, min(errors.size, max_points)).round().astype(int))
    return error_curve_svg_of_points(
        keep + 1, errors[keep], np.asarray(running_mean, dtype=float)[keep] if errors.size else np.empty(0),
        errors.size, float(errors.max()) if errors.size else 0.0, epoch_starts, accuracy, **frame_options)


def error_curve_svg_of_points(
    samples: np.ndarray,
    errors: np.ndarray,
    running_mean: np.ndarray,
    samples_seen: int,
    largest_error: float,
    epoch_starts: Sequence[int] = (),
    accuracy: Optional[Sequence[tuple[int, float]]] = None,
    **frame_options,
) -> CurveLayers:
    """:func:`error_curve_svg` from points already chosen: for the live page, which keeps them up to date.

    ``samples`` are the 1-based sample numbers of the points drawn, ``errors`` and
    ``running_mean`` their values; ``samples_seen`` and ``largest_error`` (over the whole run)
    set the axes; ``epoch_starts`` may be a range. ``frame_options`` are :class:`CurveFrame`'s
    fields; its ``max_points`` thins ``earlier`` runs only.
    """
    frame = CurveFrame(**frame_options)
    max_points, width, height = frame.max_points, frame.width, frame.height
    earlier = frame.earlier
    errors = np.asarray(errors, dtype=float)
    running_mean = np.asarray(running_mean, dtype=float)
    earlier = [(label, np.asarray(mean, dtype=float)) for label, mean in earlier if len(mean)]
    left, right, top, bottom = 64, 64 if accuracy else 20, 34, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    x_ticks = _ticks(max(samples_seen, 10, *(mean.size for _label, mean in earlier)))
    y_ticks = _ticks(max([largest_error if samples_seen else 0.5,
                          *(float(np.nanmax(mean)) for _label, mean in earlier)]), 4)
    x_max, y_max = x_ticks[-1], y_ticks[-1]

    def x_at(count):
        return left + plot_w * np.asarray(count, dtype=float) / x_max

    def y_at(value, scale=y_max):
        return top + plot_h * (1.0 - np.asarray(value, dtype=float) / scale)

    # The lines and dots, in the wide layout's units, are written once in the data picture and shown by both
    # its layouts (<use>): the narrow one stretches them to its own plot, drawn by the frame picture.
    language = current_language()
    data = []
    marks = _thinned(epoch_starts, MOST_EPOCH_MARKS)
    if marks:
        xs = x_at(np.asarray(marks) + 0.5)  # one x_at, one format call a strip
        for strip in _strips(xs, left, plot_w):
            path = (f"M%.1f {top}V{top + plot_h}" * strip.size) % tuple(strip.tolist())
            data.append(f'<path d="{path}" stroke="#999" stroke-dasharray="2 3" stroke-width="1"/>')
    wide_labels = []
    for label, mean in earlier:  # behind the current run: grey, dashed, named at the right end
        keep = np.unique(np.linspace(0, mean.size - 1, min(mean.size, max_points)).round().astype(int))
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(x_at(keep + 1), y_at(mean[keep])))
        data.append(f'<polyline class="earlier-run" points="{line}" fill="none" stroke="#8c8c8c" '
                    f'stroke-opacity="0.7" stroke-width="2" stroke-dasharray="6 3"/>')
        end_x, end_y = x_at(mean.size), y_at(mean[-1])
        wide_labels.append(f'<text class="earlier-label" x="{end_x - 4:.1f}" y="{end_y - 6:.1f}" text-anchor="end" '
                           f'fill="#666">{html.escape(label)}</text>')
    if errors.size:
        # In tenths of a unit, in a group scaled by 0.1: whole numbers are written in less than half
        # the time of "%.1f" (the live page redraws these 800 points on every update), and the
        # points fall where they did. Stroke widths are in tenths too.
        xs = _tenths(x_at(samples))
        ys = _tenths(y_at(errors))
        # Faint as a whole: the group's opacity, not each path's, so that dots overlapping across a strip's
        # edge are no darker than dots overlapping within one (one path's stroke is drawn once where it overlaps).
        dots = "".join(
            f'<path class="dots" d="{_coordinates("M%d %dh0", xs[strip], ys[strip])}"/>'
            for strip in _strips(xs * CURVE_UNIT, left, plot_w, indices=True))
        line = _coordinates("%d,%d ", xs, _tenths(y_at(running_mean))).rstrip()
        data.append(f'<g transform="scale({CURVE_UNIT})"><g opacity="0.6" stroke="#9a9a9a" stroke-width="40" '
                    f'stroke-linecap="round">{dots}</g>'
                    f'<polyline class="running-mean" points="{line}" fill="none" stroke="#1f4e9c" stroke-width="25"/>'
                    '</g>')
    if accuracy:
        counts, fractions = zip(*accuracy)
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(x_at(counts), y_at(np.asarray(fractions) * 100, 100)))
        data.append(f'<polyline points="{line}" fill="none" stroke="#2a9d3c" stroke-width="2"/>')
    # The frame (both layouts' axes, grid and words) changes only when the ticks, the epochs marked (every
    # k-th) or the language do: made once for each, into a picture whose data: URL stays the same from update
    # to update. (Keyed on the epoch count, it was made again on nearly every update of a small set, whose
    # epochs are a few samples long.)
    epoch_step = _mark_step(len(epoch_starts), MOST_EPOCH_MARKS)
    wide = _wide_frame(tuple(x_ticks), tuple(y_ticks), width, height, left, top, plot_w, plot_h, bool(accuracy),
                       bool(earlier), epoch_step, language)
    narrow_left = _narrow_left(tuple(y_ticks), language)
    narrow_ticks = _narrow_ticks(max(samples_seen, 10, *(mean.size for _label, mean in earlier)), narrow_left,
                                 bool(accuracy))
    narrow = _narrow_frame(tuple(narrow_ticks), tuple(y_ticks), narrow_left, (left, top, plot_w, plot_h, x_max),
                           bool(accuracy), bool(earlier), epoch_step, language)
    narrow_labels = [
        f'<text class="earlier-label" x="{100 * narrow.share * mean.size / narrow.x_max:.2f}%" '
        f'dx="{narrow.left - 4}" y="{narrow.y_at(mean[-1], y_max) - 6:.1f}" text-anchor="end" '
        f'fill="#666">{html.escape(label)}</text>' for label, mean in earlier]
    return CurveLayers(
        _frame_svg(wide.frame, narrow.frame, width, height, language),
        "".join([_curve_opening(width, height, language), '<defs><g id="curve-data">', *data, "</g></defs>",
                 wide.data_opening, *wide_labels, wide.data_closing,
                 narrow.data_opening, *narrow_labels, narrow.data_closing, "</svg>"]))


@functools.lru_cache(maxsize=64)
def _frame_svg(wide: str, narrow: str, width: int, height: int, language: str) -> str:
    """The frame picture of both layouts: one string for as long as its layouts stay the same, so that the
    page's <img> of it keeps its data: URL and the browser its picture (:func:`error_curve_image_html`)."""
    return _curve_opening(width, height, language) + wide + narrow + "</svg>"


#: The epoch marks and the dots are drawn as this many paths, each over its own strip of the plot's width.
#: The browser rasters the page in tiles (256 pixels square in Chromium's software raster) and, in each tile
#: the picture covers, draws every path whose bounds reach it: one path across the plot was dashed, stroked
#: and clipped again in every tile (half of the curve's raster time was its dashed marks), a strip's only in
#: the one or two tiles it crosses. Constant in number, whatever the points.
CURVE_STRIPS = 8


def _strips(xs: np.ndarray, left: float, plot_w: float, indices: bool = False) -> list[np.ndarray]:
    """``xs`` (ascending, in the picture's units) cut into the CURVE_STRIPS strips of the plot, the empty ones
    left out: their values, or with ``indices`` their positions in ``xs``."""
    xs = np.asarray(xs, dtype=float)
    edges = left + plot_w * np.arange(1, CURVE_STRIPS) / CURVE_STRIPS
    cuts = np.searchsorted(xs, edges)
    pieces = np.split(np.arange(xs.size) if indices else xs, cuts)
    return [piece for piece in pieces if piece.size]


class _Layout(NamedTuple):
    """One layout of the error curve: its part of the frame picture (all of it); its part of the data picture
    before and after what changes on every update; and (for the narrow one) where its plot is: ``left``
    pixels from the picture's left edge, ``share`` of the picture's width, from ``top``, ``plot_h`` pixels
    high, showing samples 0 to ``x_max``."""

    frame: str
    data_opening: str
    data_closing: str
    left: float = 0.0
    share: float = 1.0
    top: float = 0.0
    plot_h: float = 0.0
    x_max: float = 1.0

    def y_at(self, value: float, scale: float) -> float:
        return self.top + self.plot_h * (1.0 - value / scale)


#: Below this width (CSS pixels) the error curve is shown in its narrow layout, whose words are drawn at
#: their own size (12 px) however wide the picture is: the wide layout, drawn 900 units wide and scaled to
#: the picture, writes them 4.8 px high in a phone's 358-pixel column. A tablet's (736 px) is narrow too;
#: a laptop's main column, 820 px beside the sidebar on a 1280-px screen, keeps the wide layout.
NARROW_CURVE_BELOW = 768
#: The narrow layout's height, in CSS pixels: taller than a third of its width at any width, so the picture's
#: shape tells the layouts apart (:func:`_curve_opening`).
NARROW_CURVE_HEIGHT = 300
#: The wide layout's words, in its units: 12, or larger in a picture too narrow for 12 to be SMALLEST_TEXT_PX.
CURVE_FONT_SIZE = 12
#: The narrowest picture the narrow layout is made to fit: a 320-pixel phone's column is 288 pixels wide.
NARROW_CURVE_LEAST = 280
_NARROW_LINE = 16  # pixels from one line of words to the next


def _curve_opening(width: int, height: int, language: str) -> str:
    """The error curve's outermost element and the style that picks its layout.

    It has no size of its own: the page gives the picture its shape (:func:`error_curve_image_html`), wide
    (``width`` : ``height``) or, in a narrow column, NARROW_CURVE_HEIGHT high; the picture shows the layout
    made for that shape. The narrow layout stretches the wide one's lines to its own plot, their strokes
    kept at their width in pixels (``--strokes``, inherited by what a <use> shows).
    """
    narrowest_wide = width / height
    if NARROW_CURVE_BELOW / NARROW_CURVE_HEIGHT >= narrowest_wide:
        raise ValueError(f"an error curve {width} x {height} is no wider in shape than its narrow layout")
    threshold = Fraction((narrowest_wide + NARROW_CURVE_BELOW / NARROW_CURVE_HEIGHT) / 2).limit_denominator(100)
    readable_from, larger = _wide_words_readable_from(width), _wide_font_sizes(width)[-1]
    picture_name = _("error curve")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="100%" font-family="sans-serif" '
        f'font-size="{CURVE_FONT_SIZE}" fill="#444" role="img" aria-label="{html.escape(picture_name)}">'
        f"<style>.narrow{{display:none}}"
        f"@media (max-aspect-ratio:{threshold.numerator}/{threshold.denominator})"
        "{.wide{display:none}.narrow{display:inline}}"
        + (f"@media (max-width:{readable_from - 0.02}px){{.wide{{font-size:{larger}px}}}}"
           if larger > CURVE_FONT_SIZE else "") +
        "#curve-data *{vector-effect:var(--strokes,none)}"
        "#curve-data .dots{stroke-width:var(--dot-width,40px)}"
        "#curve-data .running-mean{stroke-width:var(--mean-width,25px)}</style>"
    )


def _wide_words_readable_from(width: int) -> int:
    """The narrowest picture (CSS pixels) in which the wide layout (``width`` units) draws CURVE_FONT_SIZE
    as SMALLEST_TEXT_PX: 825 for 900 units."""
    return math.ceil(width * SMALLEST_TEXT_PX / CURVE_FONT_SIZE)


def _wide_font_sizes(width: int) -> tuple[int, ...]:
    """The sizes the wide layout (``width`` units) writes its words at: CURVE_FONT_SIZE, and, if the
    narrowest picture it is shown in (NARROW_CURVE_BELOW) would draw that smaller than SMALLEST_TEXT_PX,
    the size that is at least SMALLEST_TEXT_PX there (13 for 900 units) up to the width that is."""
    larger = math.ceil(SMALLEST_TEXT_PX * width / NARROW_CURVE_BELOW)
    return (CURVE_FONT_SIZE, larger) if larger > CURVE_FONT_SIZE else (CURVE_FONT_SIZE,)


@functools.lru_cache(maxsize=256)
def _wide_frame(x_ticks: tuple, y_ticks: tuple, width: int, height: int, left: int, top: int, plot_w: int,
                plot_h: int, accuracy: bool, earlier: bool, epoch_step: int, language: str) -> _Layout:
    """The wide layout (``width`` x ``height`` units, scaled to the picture): axes, key and frame; its data
    (``#curve-data``) drawn in the same units."""
    opening = f'<svg class="wide" viewBox="0 0 {width} {height}">'
    parts = [opening, _curve_axes(x_ticks, y_ticks, width, height, left, top, plot_w, plot_h, language)]
    if accuracy:
        for percent in (0, 25, 50, 75, 100):
            y = top + plot_h * (1.0 - percent / 100)
            parts.append(f'<text x="{left + plot_w + 6}" y="{y + 4:.1f}" fill="#2a9d3c">'
                         f'{numbers.percent(percent / 100, 0)}</text>')
    parts.append(
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#bbb"/>'
        f'<text x="{left + plot_w / 2}" y="{height - 6}" text-anchor="middle">{_epoch_note(epoch_step)}</text>'
    )
    parts.append(_curve_key(width, left, top, plot_h, accuracy, earlier, language, _wide_font_sizes(width)[-1]))
    parts.append("</svg>")
    return _Layout("".join(parts), opening + '<use href="#curve-data"/>', "</svg>")


@functools.lru_cache(maxsize=256)
def _narrow_frame(x_ticks: tuple, y_ticks: tuple, left: float, wide_plot: tuple, accuracy: bool, earlier: bool,
                  epoch_step: int, language: str) -> _Layout:
    """The narrow layout, in CSS pixels (12-pixel words at any width): the key in as many rows as it needs,
    the plot as wide as the picture allows (``left`` pixels of margin, then a share of the width), fewer
    numbers along the bottom (``x_ticks``: :func:`_narrow_ticks`), and the bottom axis's name on as many
    lines as it needs.

    ``wide_plot`` is the wide layout's plot (left, top, width, height, last sample number): the lines drawn
    there are stretched to this plot.
    """
    del language  # in the cache's key: the words below are in it
    y_max = y_ticks[-1]
    y_labels = [numbers.general(value) for value in y_ticks]
    rows, key = _narrow_key(accuracy, earlier)
    top = _NARROW_LINE * rows + 10
    note = _wrapped(_epoch_note(epoch_step), NARROW_CURVE_LEAST - 8)
    plot_h = NARROW_CURVE_HEIGHT - top - 20 - 15 * len(note) - 4
    x_max = x_ticks[-1]
    right = (10 + text_width(numbers.percent(1, 0)) if accuracy
             else 4 + text_width(numbers.integer(round(x_max))) / 2)
    share = (NARROW_CURVE_LEAST - left - right) / NARROW_CURVE_LEAST

    def x_at(count: float) -> str:
        return f'x="{100 * share * count / x_max:.2f}%" dx="{left:g}"'

    def y_at(value: float, scale: float = y_max) -> float:
        return top + plot_h * (1.0 - value / scale)

    # Centred: laid out from the left of a NARROW_CURVE_LEAST-wide picture, everything moves right by half
    # of what a wider picture has to spare (a share of its width, less the margins).
    centred = (f'<svg x="{50 * (1 - share):.2f}%" overflow="visible">'
               f'<g transform="translate({-(left + right) / 2:.1f})">')
    parts = ['<svg class="narrow" overflow="visible"><rect width="100%" height="100%" fill="#fff"/>', centred, key]
    for value, label in zip(y_ticks, y_labels):
        parts.append(f'<text x="{left - 6:g}" y="{y_at(value) + 4:.1f}" text-anchor="end">{label}</text>')
    for value in x_ticks:
        parts.append(f'<text {x_at(value)} y="{top + plot_h + 16:.0f}" text-anchor="middle">'
                     f'{numbers.integer(round(value))}</text>')
    if accuracy:
        for percent in (0, 25, 50, 75, 100):
            parts.append(f'<text x="{100 * share:.2f}%" dx="{left + 6:g}" y="{y_at(percent, 100) + 4:.1f}" '
                         f'fill="#2a9d3c">{numbers.percent(percent / 100, 0)}</text>')
    for number, line in enumerate(note):
        parts.append(f'<text x="{50 * share:.2f}%" dx="{left:g}" y="{top + plot_h + 34 + 15 * number:.0f}" '
                     f'text-anchor="middle">{html.escape(line)}</text>')
    parts.append(f'<text transform="translate(14 {top + plot_h / 2:.0f}) rotate(-90)" text-anchor="middle">'
                 f'{html.escape(_("error"))}</text>')
    # The plot: the wide layout's, from its left edge to this layout's last sample, stretched to fit; the data
    # picture stretches the curve's lines into the same place.
    wide_left, wide_top, wide_w, wide_h, wide_x_max = wide_plot
    plot = (f'<svg x="{left:g}" y="{top}" width="{100 * share:.2f}%" height="{plot_h}" overflow="visible" '
            f'viewBox="{wide_left} {wide_top} {wide_w * x_max / wide_x_max:g} {wide_h}" preserveAspectRatio="none">')
    grid = "".join(f"M{wide_left} {wide_top + wide_h * (1.0 - value / y_max):.1f}h{wide_w}" for value in y_ticks)
    parts.append(
        f'{plot}<path d="{grid}" stroke="#e6e6e6" vector-effect="non-scaling-stroke"/>'
        f'<rect x="{wide_left}" y="{wide_top}" width="{wide_w * x_max / wide_x_max:g}" height="{wide_h}" '
        'fill="none" stroke="#bbb" vector-effect="non-scaling-stroke"/></svg>'
    )
    closing = "</g></svg></svg>"
    return _Layout("".join(parts) + closing,
                   '<svg class="narrow" overflow="visible">' + centred + plot
                   + '<use href="#curve-data" style="--strokes:non-scaling-stroke;--dot-width:3px;--mean-width:2px"/>'
                   "</svg>", closing, left, share, top, plot_h, x_max)


@functools.lru_cache(maxsize=256)
def _narrow_left(y_ticks: tuple, language: str) -> float:
    """The narrow layout's left margin, in pixels: room for the word "error", turned, and the numbers
    along the left (``language``: the session's, which they are written in)."""
    return 22 + max(text_width(numbers.general(value)) for value in y_ticks) + 6


def _narrow_key(accuracy: bool, earlier: bool) -> tuple[int, str]:
    """The narrow layout's key: its entries left to right, on as many rows as the narrowest picture needs."""
    entries = [(lambda x, y: f'<circle cx="{x + 6}" cy="{y - 4}" r="3" fill="#9a9a9a"/>', 14, _("error of each sample")),
               (lambda x, y: _key_line(x, "#1f4e9c", 2.5, y=y - 4), 30, _("running mean"))]
    if accuracy:
        entries.append((lambda x, y: _key_line(x, "#2a9d3c", 2, y=y - 4), 30, _("test accuracy (right axis)")))
    if earlier:
        entries.append((lambda x, y: _key_line(x, "#8c8c8c", 2, ' stroke-dasharray="6 3"', y=y - 4), 30,
                        _("earlier runs (running mean)")))
    parts, x, row = [], 4, 0
    for mark, text_offset, text in entries:
        needed = math.ceil(text_offset + text_width(text))
        if x > 4 and x + needed > NARROW_CURVE_LEAST:
            x, row = 4, row + 1
        y = 15 + _NARROW_LINE * row
        parts.append(mark(x, y) + f'<text x="{x + text_offset}" y="{y}">{html.escape(text)}</text>')
        x += needed + 12
    return row + 1, "".join(parts)


def _narrow_ticks(samples_top: float, left: float, accuracy: bool) -> list[float]:
    """The most round numbers along the narrow layout's bottom whose labels do not touch in its narrowest plot."""
    language = current_language()
    for count in (5, 4, 3):
        ticks = _ticks(samples_top, count)
        if _narrow_labels_fit(tuple(ticks), left, accuracy, language):
            return ticks
    return _ticks(samples_top, 2)


@functools.lru_cache(maxsize=1024)
def _narrow_labels_fit(ticks: tuple, left: float, accuracy: bool, language: str) -> bool:
    """Whether the labels of ``ticks``, written in ``language``, stand apart in the narrowest narrow plot."""
    widest = max(text_width(numbers.integer(round(value))) for value in ticks)
    right = 10 + text_width(numbers.percent(1, 0)) if accuracy else 4 + widest / 2
    return (NARROW_CURVE_LEAST - left - right) / (len(ticks) - 1) >= widest + 10


def _wrapped(text: str, width: float) -> list[str]:
    """``text`` in lines no wider than ``width`` pixels, broken between words (a longer word keeps a line)."""
    lines = []
    for word in text.split(" "):
        if lines and text_width(lines[-1] + " " + word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


@functools.lru_cache(maxsize=256)
def _curve_axes(x_ticks: tuple, y_ticks: tuple, width: int, height: int, left: int, top: int, plot_w: int,
                plot_h: int, language: str) -> str:
    """The wide error curve's background, its horizontal grid lines and both axes' numbers (``language``: the
    session's, which they are written in)."""
    x_max, y_max = x_ticks[-1], y_ticks[-1]
    parts = [f'<path d="M0 0H{width}V{height}H0Z" fill="#fff"/>']  # readable on a dark theme too
    for value in y_ticks:
        y = top + plot_h * (1.0 - np.asarray(value, dtype=float) / y_max)
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e6e6e6"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{numbers.general(value)}</text>')
    for value in x_ticks:
        x = left + plot_w * np.asarray(value, dtype=float) / x_max
        parts.append(f'<text x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="middle">{numbers.integer(round(value))}</text>')
    return "".join(parts)


@functools.lru_cache(maxsize=64)
def _curve_key(width: int, left: int, top: int, plot_h: int, accuracy: bool, earlier: bool, language: str,
               font_size: int = CURVE_FONT_SIZE) -> str:
    """The wide error curve's vertical axis name and its key along the top, in ``language``, spaced for words
    as large as ``font_size`` within the picture's ``width``."""
    error_word = _("error")  # (gettext finds no call inside an f-string)
    parts = [f'<text transform="translate(14 {top + plot_h / 2}) rotate(-90)" text-anchor="middle">'
             f'{html.escape(error_word)}</text>']
    # The key along the top: each entry (its mark, where its words start, the words, its least width)
    # starts after the one before has ended, as measured: Russian runs longer than English.
    key = [(lambda x: f'<circle cx="{x + 6}" cy="14" r="3" fill="#9a9a9a"/>', 14, _("error of each sample"), 160),
           (lambda x: _key_line(x, "#1f4e9c", 2.5), 30, _("running mean"), 130)]
    if accuracy:
        key.append((lambda x: _key_line(x, "#2a9d3c", 2), 30, _("test accuracy (right axis)"), 210))
    if earlier:
        key.append((lambda x: _key_line(x, "#8c8c8c", 2, ' stroke-dasharray="6 3"'), 30,
                    _("earlier runs (running mean)"), 0))
    spans = [max(least, math.ceil(text_offset + text_width(text, font_size) + 12)) for _m, text_offset, text, least in key]
    _mark, last_offset, last_text, _least = key[-1]
    # From the plot's left edge, or further left if the last words would run off the picture's right edge.
    x = max(4, min(left, math.floor(width - 4 - sum(spans[:-1]) - last_offset - text_width(last_text, font_size))))
    for (mark, text_offset, text, _least), span in zip(key, spans):
        parts.append(mark(x) + f'<text x="{x + text_offset}" y="18">{html.escape(text)}</text>')
        x += span
    return "".join(parts)


def _key_line(x: float, colour: str, width: float, dash: str = "", y: float = 14) -> str:
    return f'<line x1="{x}" x2="{x + 24}" y1="{y}" y2="{y}" stroke="{colour}" stroke-width="{width}"{dash}/>'


def svg_image_html(svg: str, alt: str, css_class: str, style: str = "width:100%") -> str:
    """An SVG as an ``<img>`` tag (st.html's sanitiser drops inline ``<svg>`` elements); ``alt=""`` for a
    picture that only adorns another, hidden from screen readers."""
    data = base64.b64encode(svg.encode()).decode("ascii")
    hidden = "" if alt else ' aria-hidden="true"'
    return (f'<img class="{css_class}" src="data:image/svg+xml;base64,{data}" alt="{html.escape(alt)}"{hidden} '
            f'style="{style}">')


#: Both pictures of the error curve in the one cell of a grid: the same place and size, whatever the width.
_CURVE_LAYER_STYLE = "grid-area:1/1;width:100%"


@functools.lru_cache(maxsize=16)
def _frame_image_html(frame_svg: str) -> str:
    """The error curve's frame picture as an <img>: written once for as long as the frame stays the same."""
    return svg_image_html(frame_svg, "", "error-curve-frame", _CURVE_LAYER_STYLE)


def error_curve_image_html(layers: CurveLayers, alt: str, frame: CurveFrame = CurveFrame()) -> str:
    """An error curve (:func:`error_curve_svg`) as two images one over the other, each the shape of the wide
    layout (``frame``'s width and height) or, when the picture is narrower than NARROW_CURVE_BELOW pixels,
    NARROW_CURVE_HEIGHT pixels high: their own style sheets then show their narrow layout (a browser without
    container queries shows the wide one, as before there was a narrow one).

    The data picture, on top, is the ``img.error-curve`` and carries ``alt``: the curve has one name for a
    screen reader. The frame picture under it is decorative (``alt=""``) and, while the axes stay, the same
    tag from update to update: the browser takes its picture from its memory cache.
    """
    shape = "img.error-curve,img.error-curve-frame"
    return (
        '<div style="container-type:inline-size"><style>'
        f"{shape}{{aspect-ratio:{frame.width}/{frame.height}}}"
        f"@container (width < {NARROW_CURVE_BELOW}px){{{shape}{{aspect-ratio:auto;"
        f"height:{NARROW_CURVE_HEIGHT}px}}}}</style>"
        '<div class="error-curve-layers" style="display:grid">'
        + _frame_image_html(layers.frame) + svg_image_html(layers.data, alt, "error-curve", _CURVE_LAYER_STYLE)
        + "</div></div>"
    )


#: Matrices up to this many weights are drawn as labelled tables with hover text.
TABLE_MAX_WEIGHTS = 500
#: Cells at least this wide (pixels) show their value written in them, to two decimals.
NUMBER_CELL_SIZE = 36


def table_cell_size(columns: int, width: int = 560) -> int:
    """Pixels per cell for tables of ``columns`` cells in all, side by side, to fill about ``width`` pixels."""
    return int(np.clip(width // max(columns, 1), 12, 80))


def weights_table_html(
    weights: np.ndarray, scale: float, row_labels: Sequence[str], column_labels: Sequence[str], what: str = "weight",
    cell_size: int | None = None, palette: Palette = DEFAULT_PALETTE,
) -> str:
    """A small weight matrix as an HTML table of coloured cells, rows and columns named.

    Hovering a cell shows e.g. "hidden 3 ← input 7: 0.1234" (the cell's title), so
    exact values can be read even while training runs; and being plain HTML it
    is replaced in place without a blank frame. ``cell_size`` (pixels) lets tables
    shown side by side share one size; by default the table is about 560 pixels wide.
    If the space given is narrower still, the table scrolls sideways rather than
    spilling over what stands to its right.

    The live page redraws it on every update: the table around the cells (names, sizes, styles)
    is made once per shape and names (:func:`_table_layout`), each colour's style and ink once per
    palette (:func:`_cell_colours`), so an update writes only each weight's numbers and colour.
    """
    rows, columns = weights.shape
    size = cell_size or table_cell_size(columns)
    # Numbers in the cells when there is room: hover does not exist on a touch screen.
    numbers_in_cells = size >= NUMBER_CELL_SIZE
    layout = _table_layout(tuple(str(row_labels[row]) for row in range(rows)),
                           tuple(str(label) for label in column_labels), columns, size, numbers_in_cells)
    backgrounds, inks = _cell_colours(palette)
    indices = colour_indices(weights, scale).ravel().tolist()
    values = weights.ravel().tolist()
    hovers = numbers.decimals(values, 4)
    if numbers_in_cells:
        cells = [(hover, inks[index], backgrounds[index], text)
                 for hover, index, text in zip(hovers, indices, signed_each(values, 2))]
    else:
        cells = [(hover, backgrounds[index]) for hover, index in zip(hovers, indices)]
    return layout % tuple(part for cell in cells for part in cell)


@functools.lru_cache(maxsize=64)
def _table_layout(row_labels: tuple, column_labels: tuple, columns: int, size: int, numbers_in_cells: bool) -> str:
    """The weight table's HTML with a %-placeholder for each cell's varying parts (a row of
    ``row_labels``, ``columns`` cells each): its hover's number, then (``numbers_in_cells``) its ink,
    then its background, then (``numbers_in_cells``) its number.

    What every cell shares (size, border, font) is said once, in the table's own style sheet, not in
    each cell: the browser parses and sanitises each cell's style attribute anew on every live update
    (st.html's DOMPurify, then innerHTML), and those repeated declarations were half the characters of
    a 5x5-digits update (docs/speed.md, "What the browser does with a live update").
    """
    # Scoped to the cell size, so two tables of different sizes on one page keep their own.
    table_class = f"weight-cells-{size}"
    # The number's size: a quarter of the cell, from 11 px (the smallest words we ask a learner on a phone
    # to read; "+12.34" is 30 px wide at 11 px, in the narrowest cell that shows numbers) to 13. Set on a
    # span of its own: the cell's line keeps the page's font size (its height), so the number stands where
    # it stood when each span carried its own style, to the pixel.
    number_font = (f".{table_class} td.weight-cell span{{font-size:{_number_font_size(size)}px;"
                   "font-variant-numeric:tabular-nums}" if numbers_in_cells else "")
    upright = size >= 60  # wide cells have room for a column's name; narrow ones turn it on its side
    column_name_style = "text-align:center" if upright else \
        "writing-mode:vertical-rl;transform:rotate(180deg);text-align:left;height:70px"
    name_style = f"font-size:{SMALLEST_TEXT_PX}px;color:inherit;opacity:0.8"
    style_sheet = (
        f"<style>.{table_class} td.weight-cell{{width:{size}px;height:{min(size, 48)}px;padding:0;"
        f"text-align:center;border:1px solid #fff}}{number_font}"
        f".{table_class} th.row-name{{{name_style};padding:0 6px 0 0;text-align:right;white-space:nowrap}}"
        f".{table_class} th.column-name{{{name_style};font-weight:normal;padding-top:3px;{column_name_style}}}"
        "</style>"
    )
    cell = ('<td class="weight-cell" title="{hover}%s" style="color:%s;background:%s"><span>%s</span></td>'
            if numbers_in_cells
            else '<td class="weight-cell" title="{hover}%s" style="background:%s"></td>')
    parts = [f'<div class="weights-table" style="overflow-x:auto;max-width:100%%">{style_sheet}'
             f'<table class="{table_class}" style="border-collapse:collapse;border:none;margin:0">']
    for row in row_labels:
        parts.append(f'<tr><th class="row-name">{_percent_safe(html.escape(row))}</th>')
        for column in column_labels[:columns]:
            parts.append(cell.format(hover=_percent_safe(html.escape(f"{row} ← {column}: "))))
        parts.append("</tr>")
    if columns <= 30:  # beyond that the names overlap; hover still names every cell
        parts.append("<tr><th></th>")
        for label in column_labels:
            parts.append(f'<th class="column-name">{_percent_safe(html.escape(label))}</th>')
        parts.append("</tr>")
    parts.append("</table></div>")
    return "".join(parts)


def _number_font_size(cell_size: int) -> int:
    """The font size (pixels) of the numbers written in weight cells ``cell_size`` pixels wide."""
    return min(13, max(SMALLEST_TEXT_PX, cell_size // 4))


def _percent_safe(text: str) -> str:
    """``text`` (a name) written into a %-template as it is."""
    return text.replace("%", "%%")


@functools.lru_cache(maxsize=16)
def _cell_colours(palette: Palette) -> tuple[list[str], list[str]]:
    """For each colour index of ``palette``: the cell's background and the ink its number is written in
    (black or white, whichever contrasts more)."""
    backgrounds, inks = [], []
    for red, green, blue in palette.lut[:_RAMP].tolist():
        backgrounds.append(f"rgb({red},{green},{blue})")
        inks.append("#000" if _contrast_with_black(red, green, blue) >= _contrast_with_white(red, green, blue)
                    else "#fff")
    return backgrounds, inks


def signed(value: float, digits: int) -> str:
    """``value`` with its sign always written, the session's way: +0.25 / +0,25 (sign never rests on colour)."""
    return _signed(value, digits, numbers.decimal_sign())


def signed_each(values, digits: int) -> list[str]:
    """:func:`signed` of each of ``values``, the language looked up once: for a table's cells."""
    sign = numbers.decimal_sign()
    return [_signed(value, digits, sign) for value in values]


def _signed(value: float, digits: int, decimal_sign: str) -> str:
    return f"{value:+.{digits}f}".replace(".", decimal_sign)


def _luminance(red: int, green: int, blue: int) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    def linear(channel):
        channel /= 255
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def _contrast_with_black(red, green, blue) -> float:
    return (_luminance(red, green, blue) + 0.05) / 0.05


def _contrast_with_white(red, green, blue) -> float:
    return 1.05 / (_luminance(red, green, blue) + 0.05)
