""""Check it": backprop's change against the derivative of the error measured by nudging each weight."""

from __future__ import annotations

from typing import Optional

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from nn.gradient_check import STEP, check_gradients, largest_difference
from ui.i18n import N_, _, numbers
from ui.network_diagram import link_hover
from ui.step.record import StepRecord
from ui.step.render import number
from ui.step.settings import rule_name

#: What "Check it" says under the book's rule (measured by tests/ui/test_true_sentences.py).
BOOK_RULE_CHECK = N_(
    "Under the book's rule the who changes agree: they are the exact derivative. The wih changes do not: "
    "the book's hidden_errors = who.T · output_errors leave out each output node's sigmoid slope o(1 − o), "
    "so they are not the exact slope: for some samples a change is smaller than the exact one, for some "
    "larger, and for some it even has the opposite sign. Switch the rule above to 'gradient' and watch the "
    "differences drop to rounding error."
)

#: The same for a network with one output node (XOR): there the book's hidden errors are the exact ones
#: divided by that node's slope, so no change is smaller or of the other sign (tests/pages/test_step_page.py).
BOOK_RULE_CHECK_ONE_OUTPUT = N_(
    "Under the book's rule the who changes agree: they are the exact derivative. The wih changes do not: "
    "the book's hidden_errors = who.T · output_errors leave out the output node's sigmoid slope o(1 − o). "
    "With one output node, every wih change points the same way as the exact one and is 1/(o(1 − o)) times "
    "as large: at least 4 times, since o(1 − o) is at most 1/4. Switch the rule above to 'gradient' and "
    "watch the differences drop to rounding error."
)

#: Networks with more weights than this are checked on the weights that change most.
MAX_CHECKED = 300


def _weights_to_check(record: StepRecord):
    trace = record.trace
    everything = [(m, r, c) for m, d in (("who", trace.delta_who), ("wih", trace.delta_wih)) for r, c in np.ndindex(d.shape)]
    if len(everything) <= MAX_CHECKED:
        return everything, ""
    by_change = sorted(
        everything, key=lambda w: -abs((trace.delta_who if w[0] == "who" else trace.delta_wih)[w[1], w[2]])
    )
    half = MAX_CHECKED // 2  # the largest changes of each matrix, so both are always checked
    chosen = [w for w in by_change if w[0] == "who"][:half] + [w for w in by_change if w[0] == "wih"][:half]
    return chosen, _("This network has {count} weights; checked here: the {checked} that change most.").format(
        count=numbers.integer(len(everything)), checked=numbers.integer(len(chosen)))


def check_it_ui(record: StepRecord, labels: Optional[dict] = None) -> None:
    network = record.before
    weights, note = _weights_to_check(record)
    checks = check_gradients(network, record.inputs, record.targets, weights)
    sizes = {"inputs": network.input_nodes, "hidden": network.hidden_nodes, "outputs": network.output_nodes}
    who_gap, wih_gap = largest_difference(checks, "who"), largest_difference(checks, "wih")
    st.markdown(" ".join(filter(None, (_(
        "Gradient descent moves each weight by $-\\alpha \\, \\partial E / \\partial w$, so backprop's change "
        "divided by $-\\alpha$ should be the slope of the error. Here that slope is also measured directly: "
        "nudge the weight by ±{step} on a copy of the network and see how $E$ changes "
        "($\\partial E/\\partial w \\approx (E(w+h) - E(w-h)) / 2h$)."
    ).format(step=numbers.general(STEP)), note))))
    st.markdown(
        _("Largest difference, who: {who_gap}; wih: {wih_gap} (rule: **{rule}**).").format(
            who_gap=f"${number(who_gap)}$", wih_gap=f"${number(wih_gap)}$", rule=rule_name(network.rule))
    )
    if network.rule == "gradient":
        st.success(_("Under the gradient rule every weight agrees to many digits: backprop is just the derivative."))
    else:
        st.info(_(BOOK_RULE_CHECK_ONE_OUTPUT if network.output_nodes == 1 else BOOK_RULE_CHECK))
    figure = go.Figure()
    for matrix, colour in (("who", "#1b7837"), ("wih", "#762a83")):
        mine = [c for c in checks if c.matrix == matrix]
        figure.add_trace(go.Scatter(
            x=[c.finite_difference for c in mine], y=[c.backprop for c in mine], mode="markers", name=matrix,
            marker={"color": colour, "size": 8},
            hovertext=[link_hover(matrix, c.row, c.column, c.backprop, sizes, labels) for c in mine], hoverinfo="text",
        ))
    ends = [min(min(c.finite_difference, c.backprop) for c in checks), max(max(c.finite_difference, c.backprop) for c in checks)]
    figure.add_trace(go.Scatter(x=ends, y=ends, mode="lines", name=_("agree exactly"),
                                line={"color": "#888888", "dash": "dash"}))
    figure.update_layout(
        xaxis_title=_("measured: finite difference dE/dw"), yaxis_title=_("backprop: change / (−learning rate)"),
        separators=".," if numbers.decimal_sign() == "." else ",\u00a0",  # the axes' decimal sign
        height=420, margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "xanchor": "left", "x": 0},
    )
    picture, table = st.columns([2, 3])
    picture.plotly_chart(figure, key="step_check_chart", config={"displayModeBar": False},
                         alt=_("Scatter plot: each weight's backprop change against its measured slope; "
                               "the table beside it lists them."))
    picture.caption(_("Each dot is one weight; on the dashed line, backprop and the measured slope agree."))
    table.caption(_("The table shows 6 significant figures, so the agreement can be seen digit by digit."))
    numbers_in = (_("backprop −Δw/α"), _("finite difference"), _("difference"))
    table.dataframe(
        {
            _("weight"): [link_hover(c.matrix, c.row, c.column, 0.0, sizes, labels).rsplit(":", 1)[0] for c in checks],
            _("matrix"): [c.matrix for c in checks],
            numbers_in[0]: [c.backprop for c in checks],
            numbers_in[1]: [c.finite_difference for c in checks],
            numbers_in[2]: [c.difference for c in checks],
        },
        hide_index=True, key="step_check_table", height=380,
        column_config={name: st.column_config.NumberColumn(format="%.6g") for name in numbers_in},
    )
