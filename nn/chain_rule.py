"""Why one weight changes by the amount it does: the chain of factors, read from a trace.

For a weight w_jk from node j of one layer into node k of the next, the book's update is

    delta w_jk = learning_rate * E_k * O_k (1 - O_k) * O_j

where E_k is the error at node k (output_errors, or hidden_errors for wih),
O_k (1 - O_k) is node k's sigmoid slope, and O_j is the signal arriving along
the link (hidden_outputs for who, inputs for wih). The factors are read from
the record of one pass (:class:`nn.network.Trace`), and their product is the
delta that record holds.
"""

from __future__ import annotations

import dataclasses

import numpy as np


@dataclasses.dataclass(frozen=True)
class Factor:
    quantity: str  # which of the trace's quantities, by its book name (a page words it)
    symbol: str    # the book's notation, LaTeX
    value: float


def weight_change_factors(trace, learning_rate: float, matrix: str, row: int, column: int) -> list[Factor]:
    """The four factors whose product is ``trace.delta_<matrix>[row, column]``.

    Their quantities: ``learning_rate``; the error at node k (``output_errors`` for who,
    ``hidden_errors`` for wih); node k's sigmoid slope (``final_outputs_slope`` or
    ``hidden_outputs_slope``: o(1 - o) of that layer's output); the signal along the
    link (``hidden_outputs`` or ``inputs``).

    ``row`` is the receiving node k, ``column`` the sending node j (0-based;
    with a bias node the last column is the bias, whose signal is always 1.0).
    """
    if matrix == "who":
        errors, outputs, incoming = trace.output_errors, trace.final_outputs, trace.hidden_outputs
        error_name, slope_name, incoming_name = "output_errors", "final_outputs_slope", "hidden_outputs"
    elif matrix == "wih":
        errors, outputs, incoming = trace.hidden_errors, trace.hidden_outputs, trace.inputs
        error_name, slope_name, incoming_name = "hidden_errors", "hidden_outputs_slope", "inputs"
    else:
        raise ValueError(f"matrix must be wih or who; got {matrix!r}")
    if not (0 <= row < len(errors) and 0 <= column < len(incoming)):
        raise ValueError(
            f"{matrix} has rows 0..{len(errors) - 1} and columns 0..{len(incoming) - 1}; "
            f"got ({row}, {column})"
        )
    output = float(outputs[row])
    return [
        Factor("learning_rate", r"\alpha", float(learning_rate)),
        Factor(error_name, r"e_k", float(errors[row])),
        Factor(slope_name, r"o_k(1-o_k)", output * (1.0 - output)),
        Factor(incoming_name, r"o_j", float(incoming[column])),
    ]


def product(factors) -> float:
    """The factors multiplied out, in order."""
    return float(np.prod([factor.value for factor in factors]))
