"""Pictures in words: alternative text and short summaries, for a learner who cannot see the picture.

Each function takes the same arrays the picture was drawn from and says what
the picture shows, so a screen reader (or anyone) gets the same facts. No
network and no session state, like ui/charts.py. Sentences are in the session's
language (whole sentences, one per case, so Russian can order its words its own way).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from ui.charts import signed
from ui.i18n import _, ngettext, numbers
from ui.node_names import bias_name

#: The error curve's trend compares the running mean now with this many samples ago.
TREND_SAMPLES = 100
#: A running mean that moved less than this fraction is "about level".
LEVEL_CHANGE = 0.05


def error_trend(samples: np.ndarray, running_mean: np.ndarray, span: int = TREND_SAMPLES) -> tuple[str, int]:
    """("falling", "rising" or "about level", over how many samples): the running mean at the last
    point against the point about ``span`` samples before it. ``samples`` are 1-based sample numbers."""
    samples, running_mean = np.asarray(samples), np.asarray(running_mean, dtype=float)
    if samples.size < 2:
        return "about level", 0
    earlier = max(0, int(np.searchsorted(samples, samples[-1] - span, side="right")) - 1)
    earlier = min(earlier, samples.size - 2)
    before, now = running_mean[earlier], running_mean[-1]
    trend = ("falling" if now < before * (1 - LEVEL_CHANGE) else
             "rising" if now > before * (1 + LEVEL_CHANGE) else "about level")
    return trend, int(samples[-1] - samples[earlier])


def error_curve_summary(samples: np.ndarray, running_mean: np.ndarray) -> str:
    """One line: the latest running mean, the lowest on the curve and where, and the trend.

    ``samples`` are the 1-based sample numbers the curve is drawn at (every one, or a thinned
    selection), ``running_mean`` the running mean there.
    """
    samples, running_mean = np.asarray(samples), np.asarray(running_mean, dtype=float)
    if not samples.size:
        return _("Error curve: no samples trained yet.")
    lowest = int(np.nanargmin(running_mean))
    trend, span = error_trend(samples, running_mean)
    where = _("Error curve: after {samples} samples the running mean error is {mean} "
              "(lowest on the curve {lowest}, after sample {lowest_sample}); ").format(
        samples=numbers.integer(samples[-1]), mean=numbers.decimal(running_mean[-1], 4),
        lowest=numbers.decimal(running_mean[lowest], 4), lowest_sample=numbers.integer(samples[lowest]))
    return where + _trend_sentence(trend, span)


def _trend_sentence(trend: str, span: int) -> str:
    """The end of the summary: which way the running mean went over the last ``span`` samples."""
    if not span:
        return _("one sample so far.")
    if trend == "falling":
        words = ngettext("falling over the last {span} sample.", "falling over the last {span} samples.", span)
    elif trend == "rising":
        words = ngettext("rising over the last {span} sample.", "rising over the last {span} samples.", span)
    else:
        words = ngettext("about level over the last {span} sample.", "about level over the last {span} samples.",
                         span)
    return words.format(span=numbers.integer(span))


def weights_alt(name: str, weights: np.ndarray, rows_are: str, columns_are: str) -> str:
    """``wih as colours: 3 rows (hidden nodes) by 4 columns (inputs); from -0.81 to +0.92; 7 positive, 5 negative.``

    ``name`` is the book's code name (never translated); ``rows_are`` and ``columns_are`` are
    already in the session's language.
    """
    weights = np.asarray(weights, dtype=float)
    positive, negative = int((weights > 0).sum()), int((weights < 0).sum())
    return _(
        "{name} as colours: {rows} rows ({rows_are}) by {columns} columns ({columns_are}); "
        "values from {low} to {high}; {positive} positive, {negative} negative."
    ).format(name=name, rows=weights.shape[0], rows_are=rows_are, columns=weights.shape[1], columns_are=columns_are,
             low=signed(weights.min(initial=0), 2), high=signed(weights.max(initial=0), 2),
             positive=positive, negative=negative)


def diagram_alt(network) -> str:
    """What the network diagram shows, in one sentence."""
    counts = dict(inputs=network.input_nodes, hidden=network.hidden_nodes, outputs=network.output_nodes,
                  wih=network.wih.size, who=network.who.size)
    if network.bias:
        return _(
            "Diagram of the network: {inputs} input, {hidden} hidden and {outputs} output nodes and a bias node "
            "in the input and hidden layers, joined by lines, one per weight ({wih} in wih, {who} in who)."
        ).format(**counts)
    return _(
        "Diagram of the network: {inputs} input, {hidden} hidden and {outputs} output nodes, "
        "joined by lines, one per weight ({wih} in wih, {who} in who)."
    ).format(**counts)


def weights_frame(weights: np.ndarray, row_labels: Sequence[str], column_labels: Sequence[str]) -> pd.DataFrame:
    """A weight matrix as a table of numbers: rows and columns named as on the picture."""
    return pd.DataFrame(np.asarray(weights), index=list(row_labels)[: len(weights)],
                        columns=list(column_labels)[: np.shape(weights)[1]])


def weights_list(wih: np.ndarray, who: np.ndarray, labels, most: int = 2000) -> pd.DataFrame:
    """Every weight as one row, "to ← from" and its value; beyond ``most`` weights, the largest in size."""
    matrices = (("wih", np.asarray(wih), labels["hidden"], labels["inputs"]),
                ("who", np.asarray(who), labels["outputs"], labels["hidden"]))
    values = np.concatenate([weights.ravel() for _matrix, weights, *_names in matrices])
    keep = np.arange(values.size)
    if values.size > most:  # the largest in size, in matrix order
        keep = np.sort(np.argpartition(-np.abs(values), most - 1)[:most])
    rows, start = [], 0
    for matrix, weights, targets, sources in matrices:
        for flat in keep[(keep >= start) & (keep < start + weights.size)] - start:
            row, column = divmod(int(flat), weights.shape[1])
            source = sources[column] if column < len(sources) else bias_name()
            rows.append((matrix, f"{targets[row]} ← {source}", float(weights[row, column])))
        start += weights.size
    # Translators: the column headers of the table listing every weight: which matrix, which weight, its value
    return pd.DataFrame(rows, columns=[_("matrix"), _("weight"), _("value")])
