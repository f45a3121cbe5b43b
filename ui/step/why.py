""""Why this number": one weight's change taken apart into the factors that make it."""

from __future__ import annotations

from typing import Optional

import streamlit as st

from nn.chain_rule import product, weight_change_factors
from ui.i18n import N_, _
from ui.i18n.widget_language import redraw_in_language
from ui.network_diagram import network_figure, node_name
from ui.question_words import fmt
from ui.settings.display import current_palette
from ui import picture_words
from ui.step.record import StepRecord
from ui.step.render import number
from ui.step.shown import in_this_language

_ENDS = {"who": ("hidden", "outputs"), "wih": ("inputs", "hidden")}

#: Each factor of :func:`nn.chain_rule.weight_change_factors`, by its quantity, in words.
FACTOR_WORDS = {
    "learning_rate": N_("learning rate"),
    "output_errors": N_("output error at this output node"),
    "hidden_errors": N_("hidden error at this hidden node"),
    "final_outputs_slope": N_("sigmoid slope at this node"),
    "hidden_outputs_slope": N_("sigmoid slope at this node"),
    "hidden_outputs": N_("signal from the hidden node"),
    "inputs": N_("signal from the input node"),
}


def why_this_number_ui(record: StepRecord, labels: Optional[dict] = None, matrices: tuple = ("who", "wih")) -> None:
    """Pick a weight of one of ``matrices`` (in Predict mode, only those whose stage has been revealed)."""
    network, trace = record.before, record.trace
    sizes = {"inputs": network.input_nodes, "hidden": network.hidden_nodes, "outputs": network.output_nodes}
    matrix_column, to_column, from_column = st.columns(3)
    matrix = matrix_column.radio(
        _("Weight matrix"), matrices, key="step_why_matrix", horizontal=True,
        help=_("who: links hidden -> output (stage 8). wih: links input -> hidden (stage 9)."),
    )
    source, target = _ENDS[matrix]
    deltas = trace.delta_who if matrix == "who" else trace.delta_wih
    rows, columns = deltas.shape
    for key in (f"step_why_row_{matrix}", f"step_why_column_{matrix}"):
        redraw_in_language(key)  # a node's name is the language's words
    row = to_column.selectbox(
        _("Link into"), range(rows), key=f"step_why_row_{matrix}",
        format_func=in_this_language(lambda i: node_name(target, i, sizes[target], labels)),
        help=_("The node at the receiving end of the link (row of the matrix)."),
    )
    column = from_column.selectbox(
        _("Link from"), range(columns), key=f"step_why_column_{matrix}",
        format_func=in_this_language(lambda i: node_name(source, i, sizes[source], labels)),
        help=_("The node the signal comes from (column of the matrix); 'bias' is the constant 1.0 node."),
    )
    factors = weight_change_factors(trace, network.learning_rate, matrix, row, column)
    name = f"{matrix}[{row + 1},{column + 1}]"
    words, picture = st.columns([3, 2])
    with words:
        times = r" \times "
        st.latex(
            rf"\begin{{aligned}}\Delta w &= {times.join(f.symbol for f in factors)} \\"
            rf" &= {times.join(number(f.value) for f in factors)} \\ &= {number(product(factors))}\end{{aligned}}"
        )
        st.dataframe(
            {_("factor"): [_(FACTOR_WORDS[f.quantity]) for f in factors], _("value"): [fmt(f.value) for f in factors]},
            hide_index=True, key="step_why_factors",
        )
        st.markdown(" ".join((
            _("Multiplied out: {product}. The trace's change to **{name}** ({link}) is {delta}: the same number.").format(
                product=f"${number(product(factors))}$", name=name, delta=f"${number(deltas[row, column])}$",
                link=f"{node_name(target, row, sizes[target], labels)} ← "
                     f"{node_name(source, column, sizes[source], labels)}"),
            _("The error comes from stage 6 and the slope from the output node's answer (stage 5).")
            if matrix == "who" else
            _("The error is the hidden error of stage 7, so it depends on the rule chosen above."),
        )))
    with picture:
        st.plotly_chart(network_figure(network, {(matrix, row, column), (source, column), (target, row)}, labels=labels,
                                       palette=current_palette()), alt=picture_words.diagram_alt(network),
                        key="step_why_diagram", config={"displayModeBar": False})
