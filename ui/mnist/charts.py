"""Pictures only the MNIST workshop needs: functions from arrays to images and figures.

None of them knows about the network or the session. Digits are drawn as
the book draws them (``imshow(cmap="Greys")``): ink dark on white paper.
Weights and the error curve come from :mod:`ui.charts`, shared by every page.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ui.i18n import N_, _, numbers

ACCURACY_COLOUR = "#1f77b4"
BOOK_COLOUR = "#ff7f0e"

#: Every workshop chart is drawn without plotly's mode bar (zoom, pan, download): each writes its numbers on
#: itself and shows them again on hover or a tap, so a learner needs none of its buttons. On a touch screen
#: plotly shows the bar all the time, its buttons 44 px wide there (ui/accessibility.py), and it covered the
#: chart's top line: the confusion table's "the network's answer", the experiment's legend. Streamlit's own
#: fullscreen button stays.
CHART_CONFIG = {"displayModeBar": False}


def digit_picture(ink, pixel_size: int = 6) -> np.ndarray:
    """A 28 x 28 (or any 2-D) array of ink 0..1 (or 0..255) -> uint8 grey, ink dark, pixels enlarged."""
    ink = np.asarray(ink, dtype=np.float64)
    if ink.max() > 1.0:
        ink = ink / 255.0
    grey = np.rint(255.0 * (1.0 - np.clip(ink, 0.0, 1.0))).astype(np.uint8)
    return np.kron(grey, np.ones((pixel_size, pixel_size), dtype=np.uint8))


#: The one brightness convention of every digit picture (MNIST images, handwriting steps, backquery).
#: Marked here, translated where it is shown (its caption).
BRIGHTNESS_LEGEND = N_("Dark = high: white is an input of 0.01, black an input of 1.00 (ink), as the book draws "
                       "digits.")


def brightness_legend(width: int = 160, height: int = 14) -> np.ndarray:
    """A strip from 0.01 (white, left) to 1.00 (black, right), drawn with :func:`digit_picture`'s mapping."""
    ramp = np.linspace(0.01, 1.0, width)[None, :].repeat(height, axis=0)
    return digit_picture(ramp, 1)


def digit_strip(inks, pixel_size: int = 3, gap: int = 4) -> np.ndarray:
    """Several 28 x 28 digits side by side, left to right, as one picture with white gaps."""
    pictures = [digit_picture(ink, pixel_size) for ink in inks]
    spacer = np.full((pictures[0].shape[0], gap), 255, dtype=np.uint8)
    return np.hstack([part for picture in pictures for part in (picture, spacer)][:-1])


def confusion_chart(confusion) -> go.Figure:
    """Counts of (true label, network's answer); the diagonal is what it got right."""
    confusion = np.asarray(confusion)
    digits = [str(d) for d in range(confusion.shape[0])]
    off_diagonal = confusion * (1 - np.eye(len(digits), dtype=confusion.dtype))
    figure = go.Figure(go.Heatmap(
        # The counts at one size: left to plotly, they shrink to fit the cells (7 px on a 390-px phone).
        z=off_diagonal, x=digits, y=digits, text=confusion, texttemplate="%{text}", textfont=dict(size=12),
        # The colour bar under the table, not beside it: on a phone that width is what lets a cell hold "1135".
        colorscale="Reds", colorbar=dict(title=dict(text=_("mistakes"), side="top"), orientation="h", thickness=12,
                                         y=-0.04, yanchor="top", len=1.0),
        # Translators: hover text of a cell of the confusion table; keep %{y}, %{x} and %{text} as they are
        hovertemplate=_("true %{y}, answered %{x}: %{text} images") + "<extra></extra>",
    ))
    figure.update_xaxes(title_text=_("the network's answer"), side="top", type="category")
    figure.update_yaxes(title_text=_("true label"), autorange="reversed", type="category")
    figure.update_layout(height=540, margin=dict(l=10, r=10, t=40, b=10), separators=_separators())
    return figure


def outputs_chart(final_outputs, highlight=None, height: int = 180) -> go.Figure:
    """The ten output nodes as bars; the ``highlight`` digit (e.g. the true label) in another colour."""
    final_outputs = np.asarray(final_outputs)
    colours = [ACCURACY_COLOUR if digit == highlight else "#aaaaaa" for digit in range(len(final_outputs))]
    figure = go.Figure(go.Bar(x=[str(d) for d in range(len(final_outputs))], y=final_outputs,
                              marker_color=colours,
                              # Translators: hover text of a bar; keep %{x} and %{y:.3f} as they are
                              hovertemplate=_("digit %{x}: %{y:.3f}") + "<extra></extra>"))
    figure.update_yaxes(range=[0, 1], title_text=_("output"))
    digits = [str(d) for d in range(len(final_outputs))]
    figure.update_xaxes(type="category", title_text=_("digit"), tickmode="array", tickvals=digits, ticktext=digits)
    figure.update_layout(height=height, margin=dict(l=5, r=5, t=5, b=5), showlegend=False, separators=_separators())
    return figure


def sweep_chart(label: str, measured, book, categorical: bool = False) -> go.Figure:
    """Accuracy against one setting: ``measured`` and ``book`` are lists of (value, accuracy)."""
    figure = go.Figure()
    if measured:
        values, scores = zip(*measured)
        figure.add_trace(go.Scatter(x=list(map(str, values)) if categorical else values, y=scores,
                                    mode="lines+markers+text", name=_("this run (blue line)"),
                                    text=[numbers.percent(s, 2) for s in scores],
                                    textposition=label_positions(scores), line=dict(color=ACCURACY_COLOUR)))
    if book:
        values, scores = zip(*book)
        figure.add_trace(go.Scatter(x=list(map(str, values)) if categorical else values, y=scores,
                                    mode="markers", name=_("the book, all 60,000 images (orange diamonds)"),
                                    marker=dict(color=BOOK_COLOUR, size=12, symbol="diamond")))
    figure.update_xaxes(title_text=label, type="category" if categorical else "linear")
    figure.update_yaxes(title_text=_("accuracy on the test images"), tickformat=".0%",
                        range=_padded_range([score for _value, score in [*measured, *book]]))
    # The legend stands on the plot's top edge and grows upwards, so one line or two (a phone's width, the
    # Russian names) push the plot down rather than cover it: plotly widens the top margin to hold it.
    figure.update_layout(height=420, margin=dict(l=10, r=10, t=10, b=10), separators=_separators(),
                         legend=dict(orientation="h", x=0, xanchor="left", y=1.02, yanchor="bottom"))
    return figure


def label_positions(scores) -> list[str]:
    """Where each point's number goes so the line through the points never crosses it: above a peak (or a
    lone point), below a dip; beside a point the line climbs through, on the side the line leaves free (above
    left where it rises, above right where it falls). An end point counts as a peak or a dip by its one
    neighbour, as a centred number fits where the line is not, and one beside it could leave the plot."""
    positions = []
    for index, score in enumerate(scores):
        neighbours = [scores[n] for n in (index - 1, index + 1) if 0 <= n < len(scores)]
        if all(other <= score for other in neighbours):
            positions.append("top center")
        elif all(other >= score for other in neighbours):
            positions.append("bottom center")
        else:  # a middle point the line climbs or falls through
            positions.append("top left" if scores[index - 1] < score else "top right")
    return positions


def _padded_range(scores, fraction: float = 0.18, least: float = 0.02) -> list[float] | None:
    """The accuracy axis's range: the scores with room above and below for a number over a peak or under a
    dip (plotly sizes the axis to the points alone, and cuts off a number that leaves the plot)."""
    if not scores:
        return None
    low, high = min(scores), max(scores)
    pad = max((high - low) * fraction, least)
    return [low - pad, high + pad]


def _separators() -> str:
    """Plotly's decimal sign and thousands separator, the session's way (".," in English, ", " in Russian)."""
    return numbers.decimal_sign() + ("," if numbers.decimal_sign() == "." else "\u00a0")
