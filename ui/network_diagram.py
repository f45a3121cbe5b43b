"""The network drawn as circles and lines: one picture of every weight, or of the strongest ones.

Columns left to right: input, hidden, output nodes (numbered from 1, as the
book numbers them). A bias node, when the network has one, is a grey square
at the foot of the input and hidden columns. Each line is one weight: in the
palette's positive colour (blue by default) when positive, and dashed in its
negative colour (red) when negative, so the sign shows without colour too;
thicker when larger in size. Hovering a line's midpoint shows e.g.
``hidden 3 <- input 7: 0.1234``.

``highlight`` names what a stage of the pass touches; everything else is
faded. It is a collection of any of:

    "inputs", "hidden", "outputs"   a whole column of nodes
    "wih", "who"                    every weight of that matrix
    ("inputs", i), ("hidden", j), ("outputs", k)    one node (0-based index;
                                    index == layer size means the bias node)
    ("wih", j, i), ("who", k, j)    one weight, by (row, column) of the matrix

A pure function of the network: it reads ``wih``/``who`` and the layer sizes,
and knows nothing of pages or session state. Its words and numbers are in the
session's language (ui.i18n).
"""

from __future__ import annotations

import dataclasses
import html
import math
from collections import defaultdict
from typing import Iterable, Mapping, Optional, Sequence

import numpy as np
import plotly.graph_objects as go

from ui.charts import PLOTLY_FONT_FAMILY, chart_text_width, text_width
from ui.i18n import N_, _, ngettext, numbers
from ui.node_names import bias_name, node_labels
from ui.palettes import DEFAULT_PALETTE, Palette

#: Weight colours come from the page's palette (ui/palettes.py), shared with the heatmaps.
POSITIVE_COLOUR = DEFAULT_PALETTE.positive   # blue
NEGATIVE_COLOUR = DEFAULT_PALETTE.negative   # red
NEGATIVE_DASH = "dash"
HIGHLIGHT_COLOUR = "#ff9900"       # the ring round a node the current stage touches
BIAS_COLOUR = "#9e9e9e"

#: Columns wider than this are summarised: only the nodes with the strongest links are drawn.
MAX_DRAWN_NODES = 12
#: At most this many lines are drawn; the strongest weights win.
MAX_DRAWN_LINKS = 200

LAYERS = ("inputs", "hidden", "outputs")
#: Each column's trace name (not shown: the trace's ``meta`` holds its layer for code that looks for it).
NODE_TRACE_NAMES = {"inputs": N_("input nodes"), "hidden": N_("hidden nodes"), "outputs": N_("output nodes")}
#: Each column's heading, translated where it is drawn.
LAYER_TITLES = {"inputs": N_("input layer"), "hidden": N_("hidden layer"), "outputs": N_("output layer")}
WEIGHT_LAYERS = {"wih": ("inputs", "hidden"), "who": ("hidden", "outputs")}

_NODE_SIZE = 26      # a node's circle, in pixels
_RING = 4            # the widest ring round a node (a lit one's), in pixels
#: From a node's centre to where plotly starts the text beside it (plotly.js: radius / 0.8 + 1).
_LABEL_OFFSET = _NODE_SIZE / 2 / 0.8 + 1
_FONT_SIZE = 12      # pixels; every word of the diagram, in Streamlit's font (ui.charts.PLOTLY_FONT_FAMILY)
_EDGE = 6            # the least room, in pixels, between any word and the chart's edge
_TITLE_FONT_SIZE = 13
_TITLE_LINE = 17     # pixels from one line of the summary to the next
#: The narrowest the diagram is drawn, in pixels: a phone's column is 358 px; beside the step page's maths it
#: is 344 px at 1400 px with the sidebar open, and narrower windows put it under the maths (ui/accessibility.py).
NARROWEST_DIAGRAM_PX = 340
_FADED = 0.12        # opacity of what the current stage does not touch
_WIDTH_STEPS = 6     # line widths are grouped into this many steps (one plotly trace each)


def network_figure(
    network,
    highlight: Optional[Iterable] = None,
    *,
    node_values: Optional[Mapping[str, np.ndarray]] = None,
    max_nodes: int = MAX_DRAWN_NODES,
    max_links: int = MAX_DRAWN_LINKS,
    labels: Optional[Mapping[str, Sequence[str]]] = None,
    palette: Palette = DEFAULT_PALETTE,
) -> go.Figure:
    """A diagram of ``network``'s nodes and weights, with ``highlight`` lit and the rest faded.

    ``node_values`` optionally maps "inputs"/"hidden"/"outputs" to one number per
    real node (e.g. a trace's ``hidden_outputs``), printed next to the node and
    in its hover text, to 4 significant figures (the step page's precision).
    ``labels`` names the nodes (ui.node_names.network_labels: "digit 0", "hidden 3");
    without it they are "input 1", "hidden 1", "output 1".
    """
    labels = labels or {}
    marks = _Highlight(highlight)
    drawing = _Drawing.of(network, max_nodes, max_links, marks)
    sizes, bias, shown, positions, links = drawing.sizes, drawing.bias, drawing.shown, drawing.positions, drawing.links

    figure = go.Figure()
    _draw_links(figure, links, positions, drawing.largest, marks, sizes, labels, palette)
    _draw_nodes(figure, positions, sizes, bias, marks, node_values or {}, shown, labels)
    _draw_legend_entries(figure, marks.any, palette)

    summary = _summary_lines(drawing.summary())
    figure.update_layout(
        title={"text": "<br>".join(summary), "font": {"size": _TITLE_FONT_SIZE}, "x": 0.01, "xanchor": "left",
               # plotly hangs a title of several lines from its first baseline: one line's height more room
               "yref": "container", "y": 1, "yanchor": "top", "pad": {"t": _EDGE + _TITLE_FONT_SIZE}}
        if summary else None,
        showlegend=True,
        legend={"orientation": "h", "yanchor": "top", "y": -0.02, "xanchor": "center", "x": 0.5},
        # The columns span the plot area exactly; the nodes and the words beside them stand in the margins,
        # which are as wide, in pixels, as the words measure in the font they are drawn in: a chart's
        # width in pixels is the browser's to decide, so no room in axis units fits every screen.
        xaxis={"visible": False, "range": [0, len(LAYERS) - 1], "fixedrange": True},
        yaxis={"visible": False, "fixedrange": True},
        font={"family": PLOTLY_FONT_FAMILY, "size": _FONT_SIZE},
        plot_bgcolor="white",
        margin={"l": _side_room(figure, "inputs", drawing.bias), "r": _side_room(figure, "outputs"),
                "t": 35 + (_TITLE_LINE * len(summary) + _EDGE + _TITLE_FONT_SIZE if summary else 0), "b": 10},
        hovermode="closest",
        height=max(320, 52 * max(len(v) + bias for v in shown.values()) + 80),
    )
    for x, layer in enumerate(LAYERS):
        figure.add_annotation(
            text=_(LAYER_TITLES[layer]), x=x, y=1.0, xref="x", yref="paper", showarrow=False, yanchor="bottom"
        )
    return figure


def _summary_lines(summary: str) -> list[str]:
    """The summary in lines that fit the narrowest diagram, as measured in the chart's font ([] for none)."""
    room = NARROWEST_DIAGRAM_PX - 2 * _EDGE - 10  # the title starts 1 % in from the left
    return _wrapped(summary.replace("<br>", " "), room, lambda text: chart_text_width(text, _TITLE_FONT_SIZE))


def _side_room(figure: go.Figure, layer: str, bias: bool = False) -> int:
    """The margin, in pixels, beside an outer column: its nodes' rings, the widest line printed beside
    them, and half of what is centred on the column: its heading, the bias node's words under it."""
    lines = [line for trace in figure.data if trace.meta == layer for text in (trace.text or ())
             for line in str(text).split("<br>")]
    beside = max((chart_text_width(line, _FONT_SIZE) for line in lines), default=0.0)
    centred = [_(LAYER_TITLES[layer]), *([_bias_text()] if bias else [])]
    half = max(chart_text_width(text, _FONT_SIZE) for text in centred) / 2
    return math.ceil(max(_NODE_SIZE / 2 + _RING, _LABEL_OFFSET + beside, half) + _EDGE)


def lines_caption(palette: Palette = DEFAULT_PALETTE) -> str:
    """What the diagram's lines mean, in words: colour, dash and thickness."""
    return _("Lines: {positive} and solid = positive weight, {negative} and dashed = negative, thicker = larger.").format(
        positive=palette.positive_word, negative=palette.negative_word)


def node_name(layer: str, index: int, size: int, labels: Optional[Mapping[str, Sequence[str]]] = None) -> str:
    """``input 7`` for index 6 of the input layer (or its name in ``labels``: ``digit 6``);
    ``bias`` for the extra node at index ``size``."""
    if index == size:
        return bias_name()
    names = (labels or {}).get(layer)
    if names is not None and len(names) == size:
        return names[index]
    return node_labels(size, size, size)[layer][index]


def link_hover(matrix: str, row: int, column: int, value: float, sizes: Mapping[str, int],
               labels: Optional[Mapping[str, Sequence[str]]] = None) -> str:
    """``hidden 3 <- input 7: 0.1234`` for wih[2, 6] (``скрытый 3 <- вход 7: 0,1234`` in Russian)."""
    source, target = WEIGHT_LAYERS[matrix]
    return (
        f"{node_name(target, row, sizes[target], labels)} <- {node_name(source, column, sizes[source], labels)}: "
        f"{numbers.decimal(value, 4)}"
    )


def significant(value: float, digits: int = 4) -> str:
    """``value`` to ``digits`` significant figures, trailing zeros kept (0.5000 / 0,5000): a node's value."""
    return f"{float(value):#.{digits}g}".replace(".", numbers.decimal_sign())


# -- what to draw ----------------------------------------------------------------------


class _Highlight:
    """Answers "is this node / weight lit?" for the highlight collection described above."""

    def __init__(self, highlight):
        self.any = highlight is not None and len(list(highlight)) > 0
        items = list(highlight or ())
        self.layers = {item for item in items if isinstance(item, str) and item in LAYERS}
        self.matrices = {item for item in items if isinstance(item, str) and item in WEIGHT_LAYERS}
        self.nodes = {tuple(item) for item in items if not isinstance(item, str) and len(item) == 2}
        self.weights = {tuple(item) for item in items if not isinstance(item, str) and len(item) == 3}
        unknown = [
            item for item in items
            if isinstance(item, str) and item not in LAYERS and item not in WEIGHT_LAYERS
        ]
        if unknown:
            raise ValueError(
                f"highlight names must be among {', '.join(LAYERS + tuple(WEIGHT_LAYERS))}; got {unknown}"
            )

    def node(self, layer: str, index: int) -> bool:
        return not self.any or layer in self.layers or (layer, index) in self.nodes

    def link(self, matrix: str, row: int, column: int) -> bool:
        return not self.any or matrix in self.matrices or (matrix, row, column) in self.weights

    def named_nodes(self, layer: str) -> set:
        """Nodes named one by one, plus the ends of weights named one by one: always drawn."""
        named = {index for name, index in self.nodes if name == layer}
        for matrix, row, column in self.weights:
            source, target = WEIGHT_LAYERS[matrix]
            if layer == source:
                named.add(column)
            if layer == target:
                named.add(row)
        return named


def _nodes_to_draw(layer, sizes, weights, max_nodes, marks) -> list:
    """Indices of the real nodes drawn in one column: all, or the ``max_nodes`` with the strongest links."""
    size = sizes[layer]
    if size <= max_nodes:
        return list(range(size))
    strength = np.zeros(size)
    if layer in ("inputs", "hidden"):  # outgoing links
        outgoing = weights["wih"] if layer == "inputs" else weights["who"]
        strength += np.abs(outgoing[:, :size]).sum(axis=0)
    if layer in ("hidden", "outputs"):  # incoming links
        incoming = weights["wih"] if layer == "hidden" else weights["who"]
        strength += np.abs(incoming).sum(axis=1)
    named = [i for i in sorted(marks.named_nodes(layer)) if i < size]
    strongest = [int(i) for i in np.argsort(-strength, kind="stable") if int(i) not in named]
    return sorted(named + strongest[: max(0, max_nodes - len(named))])


def _positions(shown, bias) -> dict:
    """(layer, index) -> (x, y). Each column is centred on y = 0; the bias node sits at the foot."""
    positions = {}
    for x, layer in enumerate(LAYERS):
        column = list(shown[layer]) + (["bias"] if bias and layer != "outputs" else [])
        for slot, index in enumerate(column):
            positions[(layer, index)] = (x, (len(column) - 1) / 2 - slot)
    return positions


def _links_to_draw(weights, shown, bias, sizes, max_links, marks) -> list:
    """(matrix, row, column, value) of the lines drawn: among drawn nodes, the strongest first."""
    links = []
    for matrix, (source, target) in WEIGHT_LAYERS.items():
        columns = list(shown[source]) + ([sizes[source]] if bias else [])
        for row in shown[target]:
            for column in columns:
                links.append((matrix, row, column, float(weights[matrix][row, column])))
    if len(links) > max_links:
        named = [link for link in links if (link[0], link[1], link[2]) in marks.weights]
        rest = sorted((link for link in links if link not in named), key=lambda link: -abs(link[3]))
        links = named + rest[: max(0, max_links - len(named))]
    return links


def _shown_of(layer: str, shown: int, total: int) -> str:
    """How many of a layer's nodes a summary draws, in words: "12 of 784 input nodes"."""
    if layer == "inputs":
        words = ngettext("{shown} of {total} input node", "{shown} of {total} input nodes", total)
    elif layer == "hidden":
        words = ngettext("{shown} of {total} hidden node", "{shown} of {total} hidden nodes", total)
    else:
        words = ngettext("{shown} of {total} output node", "{shown} of {total} output nodes", total)
    return words.format(shown=shown, total=total)


def _summary(shown, sizes, links, weights, bias) -> str:
    """One sentence saying what was left out, or "" when everything is drawn."""
    parts = [
        _shown_of(layer, len(shown[layer]), sizes[layer])
        for layer in LAYERS if len(shown[layer]) < sizes[layer]
    ]
    total = weights["wih"].size + weights["who"].size
    if not parts and len(links) == total:
        return ""
    drawn = ngettext("the {drawn} strongest of {total} weight", "the {drawn} strongest of {total} weights",
                     total).format(drawn=len(links), total=total)
    if parts:
        # Translators: {nodes} lists "12 of 784 input nodes, ..."; {weights} is "the 200 strongest of 7,940 weights"
        return _("Summary: showing {nodes}<br>(those with the strongest links) and {weights}.").format(
            nodes=", ".join(parts), weights=drawn)
    return _("Summary: showing {weights}.").format(weights=drawn)


@dataclasses.dataclass(frozen=True)
class _Drawing:
    """What a diagram of a network draws: which nodes, where, and which weights (shared by the figure and the SVG)."""

    sizes: dict       # layer -> number of real nodes
    weights: dict     # "wih"/"who" -> matrix
    bias: bool
    shown: dict       # layer -> indices of the real nodes drawn
    positions: dict   # (layer, index or "bias") -> (x, y)
    links: list       # (matrix, row, column, value) of the lines drawn
    largest: float    # the largest weight drawn, in size: the thickest line

    @classmethod
    def of(cls, network, max_nodes: int, max_links: int, marks: "_Highlight") -> "_Drawing":
        sizes = {"inputs": network.input_nodes, "hidden": network.hidden_nodes, "outputs": network.output_nodes}
        weights = {"wih": np.asarray(network.wih), "who": np.asarray(network.who)}
        bias = bool(network.bias)
        shown = {layer: _nodes_to_draw(layer, sizes, weights, max_nodes, marks) for layer in LAYERS}
        links = _links_to_draw(weights, shown, bias, sizes, max_links, marks)
        largest = max((abs(w) for *_, w in links), default=1.0) or 1.0
        return cls(sizes, weights, bias, shown, _positions(shown, bias), links, largest)

    def summary(self) -> str:
        return _summary(self.shown, self.sizes, self.links, self.weights, self.bias)


# -- drawing ---------------------------------------------------------------------------


def _rgba(colour, alpha) -> str:
    return f"rgba({colour[0]},{colour[1]},{colour[2]},{alpha})"


def _node_key(layer, index, sizes):
    return (layer, "bias" if index == sizes[layer] else index)


def _draw_links(figure, links, positions, largest, marks, sizes, labels, palette) -> None:
    # Lines grouped by (sign, width step, lit) so a 784-input summary is a handful of traces.
    groups = defaultdict(lambda: ([], []))
    hover = defaultdict(lambda: ([], [], []))
    for matrix, row, column, value in links:
        source, target = WEIGHT_LAYERS[matrix]
        x0, y0 = positions[_node_key(source, column, sizes)]
        x1, y1 = positions[_node_key(target, row, sizes)]
        step = min(_WIDTH_STEPS - 1, int(abs(value) / largest * _WIDTH_STEPS))
        lit = marks.link(matrix, row, column)
        xs, ys = groups[(value >= 0, step, lit)]
        xs += [x0, x1, None]
        ys += [y0, y1, None]
        mx, my, text = hover[(value >= 0, lit)]
        # hover point a little towards the target, so lines meeting at a node stay apart
        mx.append(x0 + 0.6 * (x1 - x0))
        my.append(y0 + 0.6 * (y1 - y0))
        text.append(link_hover(matrix, row, column, value, sizes, labels))
    for (positive, step, lit), (xs, ys) in sorted(groups.items(), key=lambda item: item[0][2]):
        colour = palette.positive if positive else palette.negative
        figure.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
            line={"color": _rgba(colour, 0.85 if lit else _FADED), "width": 0.6 + 1.2 * step,
                  "dash": "solid" if positive else NEGATIVE_DASH},
        ))
    for (positive, lit), (mx, my, text) in hover.items():
        colour = palette.positive if positive else palette.negative
        figure.add_trace(go.Scatter(
            x=mx, y=my, mode="markers", hovertext=text, hoverinfo="text", showlegend=False,
            marker={"size": 4, "color": _rgba(colour, 0.5 if lit else _FADED)},
        ))


def _draw_nodes(figure, positions, sizes, bias, marks, node_values, shown_in, labels) -> None:
    for layer in LAYERS:
        xs, ys, text, hover, opacity, ring = [], [], [], [], [], []
        values = node_values.get(layer)
        for (name, index), (x, y) in positions.items():
            if name != layer or index == "bias":
                continue
            lit = marks.node(layer, index)
            xs.append(x)
            ys.append(y)
            label = node_name(layer, index, sizes[layer], labels)
            if values is not None:
                value = significant(values[index])
                # in a summary only some nodes are drawn, so say which one this is
                named = layer == "outputs" or len(shown_in[layer]) < sizes[layer]
                # the name above its value: half as wide beside the node as on one line
                text.append(f"{label}:<br>{value}" if named else value)
                hover.append(f"{label}: {value}")
            else:
                text.append(label if layer == "outputs" else str(index + 1))
                hover.append(label)
            opacity.append(1.0 if lit else 0.25)
            ring.append(HIGHLIGHT_COLOUR if (lit and marks.any) else "#444444")
        outer = layer != "hidden"
        if not outer:  # lines run both ways from a hidden node: its label sits above it, on white
            for x, y, label in zip(xs, ys, text):
                figure.add_annotation(  # a name above its value (two lines) sits higher, clear of the node
                    x=x, y=y, text=label, showarrow=False, yshift=27 if "<br>" in label else 20,
                    bgcolor="rgba(255,255,255,0.85)",
                )
        figure.add_trace(go.Scatter(
            x=xs, y=ys, mode="markers+text" if outer else "markers", text=text if outer else None,
            hovertext=hover, hoverinfo="text",
            textposition="middle left" if layer == "inputs" else "middle right",
            cliponaxis=False,  # the outer columns' nodes and words stand in the margins (see network_figure)
            showlegend=False, name=_(NODE_TRACE_NAMES[layer]), meta=layer,
            marker={
                "size": _NODE_SIZE, "color": "#f4f4f4", "opacity": opacity,
                "line": {"color": ring, "width": [4 if r == HIGHLIGHT_COLOUR else 1.5 for r in ring]},
            },
        ))
    if bias:
        bias_nodes = [(layer, positions[(layer, "bias")]) for layer in ("inputs", "hidden")]
        figure.add_trace(go.Scatter(
            x=[x for _layer, (x, _y) in bias_nodes], y=[y for _layer, (_x, y) in bias_nodes],
            mode="markers+text", text=[_bias_text()] * 2,
            # the words under each square, as wide as the column needs them, not beside the inputs
            textposition="bottom center", cliponaxis=False,
            hovertext=[_bias_hover(layer) for layer, _xy in bias_nodes],
            hoverinfo="text", name=_("bias node (always {value})").format(value=numbers.decimal(1.0, 1)),
            marker={
                "symbol": "square", "size": 22, "color": BIAS_COLOUR,
                "opacity": [1.0 if marks.node(layer, sizes[layer]) else 0.25 for layer, _xy in bias_nodes],
                "line": {"color": "#444444", "width": 1.5},
            },
        ))


def _bias_text() -> str:
    """What is written beside a bias node: its name and its value, always 1.0."""
    # Translators: beside the bias node's square: "bias 1.0"
    return _("bias {value}").format(value=numbers.decimal(1.0, 1))


def _bias_hover(layer: str) -> str:
    """A bias node's hover text: a whole sentence for each layer, as the layer's name changes its words."""
    value = numbers.decimal(1.0, 1)
    if layer == "inputs":
        return _("bias node of the input layer: always {value}").format(value=value)
    return _("bias node of the hidden layer: always {value}").format(value=value)


def _weight_key(palette: Palette) -> tuple:
    """(words, colour, is dashed) of the two kinds of line, for a legend."""
    return ((_("positive weight ({colour})").format(colour=palette.positive_word), palette.positive, False),
            (_("negative weight ({colour}, dashed)").format(colour=palette.negative_word), palette.negative, True))


def _draw_legend_entries(figure, highlighting: bool, palette: Palette) -> None:
    """Legend-only traces saying what the colours and dashes mean."""
    for label, colour, dashed in _weight_key(palette):
        dash = NEGATIVE_DASH if dashed else "solid"
        figure.add_trace(go.Scatter(
            x=[None], y=[None], mode="lines", name=label,
            line={"color": _rgba(colour, 0.85), "width": 4, "dash": dash},
        ))
    if not highlighting:
        return
    figure.add_trace(go.Scatter(
        x=[None], y=[None], mode="markers", name=_("touched by this step"),
        marker={"size": 14, "color": "#f4f4f4", "line": {"color": HIGHLIGHT_COLOUR, "width": 4}},
    ))


# -- the same diagram as a static picture -----------------------------------------------


_SVG_DASH = ' stroke-dasharray="6 4"'   # a negative weight, readable without colour
_SVG_ROUND = ' stroke-linecap="round"'


def network_svg(network, *, labels: Optional[Mapping[str, Sequence[str]]] = None, width: int = 640,
                max_nodes: int = MAX_DRAWN_NODES, max_links: int = MAX_DRAWN_LINKS,
                palette: Palette = DEFAULT_PALETTE) -> str:
    """The diagram of :func:`network_figure`, nothing lit, as a self-contained SVG string.

    For the front door, which must draw at once: a static picture needs none of
    plotly's JavaScript in the browser. The same nodes and lines are chosen, in the
    same colours and widths; hover is left to the step page's interactive diagram.
    Every text is measured (:func:`ui.charts.text_width`) and the columns, the wrapped
    summary and the key are placed so that all of it lies inside the picture, in any
    language: ``width`` grows if the labels need more.
    """
    labels = labels or {}
    drawing = _Drawing.of(network, max_nodes, max_links, _Highlight(None))
    sizes, bias, positions = drawing.sizes, drawing.bias, drawing.positions
    layout = _SvgLayout.of(drawing, labels, width, palette)
    width, height, columns = layout.width, layout.height, layout.columns
    rows = max(len(column) + bias for column in drawing.shown.values())
    top, bottom = layout.top, layout.bottom
    span = max(rows - 1, 1)

    def at(layer, index):
        x, y = positions[_node_key(layer, index, sizes)]
        # the top node sits low enough that a hidden node's number above it clears the heading
        return columns[x], top + 34 + (height - top - bottom - 60) * (span / 2 - y) / span

    picture_name = _("the network")  # (gettext finds no call inside an f-string)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
             f'font-family="sans-serif" font-size="{_SVG_FONT}" fill="#444" role="img" '
             f'aria-label="{html.escape(picture_name)}">'
             f'<path d="M0 0H{width}V{height}H0Z" fill="#fff"/>']  # readable on a dark theme too
    for number, line in enumerate(layout.summary_lines):
        parts.append(f'<text x="{_SVG_MARGIN_LEFT}" y="{18 + _SVG_LINE * number}">{html.escape(line)}</text>')
    for x, layer in enumerate(LAYERS):
        parts.append(f'<text x="{columns[x]:.1f}" y="{top}" text-anchor="middle">'
                     f"{html.escape(_(LAYER_TITLES[layer]))}</text>")
    for matrix, row, column, value in drawing.links:
        source, target = WEIGHT_LAYERS[matrix]
        (x0, y0), (x1, y1) = at(source, column), at(target, row)
        step = min(_WIDTH_STEPS - 1, int(abs(value) / drawing.largest * _WIDTH_STEPS))
        colour = _rgba(palette.positive if value >= 0 else palette.negative, 0.85)
        parts.append(f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" stroke="{colour}" '
                     f'stroke-width="{0.6 + 1.2 * step:.1f}"{_SVG_DASH if value < 0 else _SVG_ROUND}/>')
    for (layer, index) in positions:
        x, y = at(layer, sizes[layer] if index == "bias" else index)
        if index == "bias":
            parts.append(f'<rect x="{x - 11:.1f}" y="{y - 11:.1f}" width="22" height="22" fill="{BIAS_COLOUR}" '
                         f'stroke="#444444" stroke-width="1.5"/><text x="{x - 16:.1f}" y="{y + 4:.1f}" '
                         f'text-anchor="end">{html.escape(_bias_text())}</text>')
            continue
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="13" fill="#f4f4f4" stroke="#444444" stroke-width="1.5"/>')
        text, dx, anchor, dy = _svg_node_text(layer, index, sizes, labels)
        parts.append(f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}">{html.escape(text)}</text>')
    for (label, colour, dashed), (x, y) in zip(_weight_key(palette), layout.key_at):
        parts.append(f'<line x1="{x}" x2="{x + 24}" y1="{y - 4}" y2="{y - 4}" '
                     f'stroke="{_rgba(colour, 0.85)}" stroke-width="4"{_SVG_DASH if dashed else _SVG_ROUND}/>'
                     f'<text x="{x + 30}" y="{y}">{html.escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


_SVG_FONT = 12          # pixels; every text of the SVG
_SVG_LINE = 16          # from one line of text to the next
_SVG_MARGIN_LEFT = 20   # where the summary and the key start
_SVG_EDGE = 6           # the least room between any text and the picture's edge
#: The columns' places in a 640-wide picture when the labels leave room: input, hidden, output.
_SVG_COLUMNS = (132.5, 320.0, 507.5)
_SVG_NARROWEST = 200    # the least distance between the input and the output column


def _svg_node_text(layer: str, index: int, sizes, labels) -> tuple:
    """(text, dx, anchor, dy) written beside a node: numbers for inputs and hidden nodes, names for outputs."""
    return {
        "inputs": (str(index + 1), -18, "end", 4),
        "hidden": (str(index + 1), 0, "middle", -17),
        "outputs": (node_name(layer, index, sizes[layer], labels), 18, "start", 4),
    }[layer]


@dataclasses.dataclass(frozen=True)
class _SvgLayout:
    """Where the SVG's columns, summary and key go, from the widths of the texts it will write."""

    width: int
    height: int
    columns: tuple        # x of the input, hidden and output columns
    top: int              # y of the layer headings
    bottom: int           # room below the nodes for the key
    summary_lines: tuple
    key_at: tuple         # (x, y) of each entry of the key (the y of its text's baseline)

    @classmethod
    def of(cls, drawing: _Drawing, labels, width: int, palette: Palette) -> "_SvgLayout":
        def wide(text: str) -> float:
            return text_width(text, _SVG_FONT)

        sizes = drawing.sizes
        headings = [wide(_(LAYER_TITLES[layer])) for layer in LAYERS]
        input_texts = [wide(_svg_node_text("inputs", i, sizes, labels)[0]) for i in drawing.shown["inputs"]]
        output_texts = [wide(_svg_node_text("outputs", i, sizes, labels)[0]) for i in drawing.shown["outputs"]]
        # room left of the input column (its numbers, its bias node's words) and right of the output column
        left = max([13, headings[0] / 2, *(18 + w for w in input_texts),
                    *([16 + wide(_bias_text())] if drawing.bias else [])]) + _SVG_EDGE
        right = max([13, headings[2] / 2, *(18 + w for w in output_texts)]) + _SVG_EDGE
        scale = width / 640
        first, last = max(_SVG_COLUMNS[0] * scale, left), _SVG_COLUMNS[2] * scale
        width = max(width, math.ceil(first + _SVG_NARROWEST + right))  # very long labels: a wider picture
        last = min(max(last, first + _SVG_NARROWEST), width - right)
        columns = (first, (first + last) / 2, last)

        summary_lines = tuple(_wrapped(drawing.summary().replace("<br>", " "), width - _SVG_MARGIN_LEFT - _SVG_EDGE,
                                       wide))
        key = [wide(label) for label, _colour, _dashed in _weight_key(palette)]
        # The key's second entry goes beside the first if both fit, else on a line of its own.
        beside = _SVG_MARGIN_LEFT + max(250, 30 + key[0] + 20)
        one_line = beside + 30 + key[1] + _SVG_EDGE <= width
        rows = max(len(column) + drawing.bias for column in drawing.shown.values())
        top = 30 + (22 + _SVG_LINE * (len(summary_lines) - 1) if summary_lines else 0)
        bottom = 28 + (0 if one_line else _SVG_LINE + 2)
        height = max(320, 52 * rows + 80) + max(0, top - 52) + (bottom - 28)
        key_at = ((_SVG_MARGIN_LEFT, height - 8), (beside, height - 8)) if one_line else (
            (_SVG_MARGIN_LEFT, height - 8 - _SVG_LINE - 2), (_SVG_MARGIN_LEFT, height - 8))
        return cls(width, height, columns, top, bottom, summary_lines, key_at)


def _wrapped(text: str, room: float, wide) -> list[str]:
    """``text`` in lines no wider than ``room`` (as ``wide`` measures), broken between words."""
    lines: list[str] = []
    for word in text.split():
        if lines and wide(lines[-1] + " " + word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines
