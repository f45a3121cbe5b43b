"""Tiny networks (3-3-3, XOR): the book's equations as straight-line Python floats.

For a handful of weights each numpy call costs more than its arithmetic
(about a microsecond per call), so the same equations are written out for the
network's sizes as straight-line Python: one line per node, every weight a
local variable. :func:`unrolled_source` shows the generated code; it reads
like the book's equations with the sums written out.
"""

from __future__ import annotations

import functools
import math

import numpy as np


def train_unrolled(network, inputs, targets) -> np.ndarray:
    """As :func:`nn.fast.train_many`, for a network small enough to write out (raises OverflowError
    past ``math.exp``'s range, with the weights untouched)."""
    train_rows = _unrolled_function(
        network.input_nodes, network.hidden_nodes, network.output_nodes, network.bias, network.rule
    )
    # One tuple (inputs..., targets...) per row, its floats made as the loop asks
    # for them: a quarter of the cost of .tolist(), which builds every row's list first.
    values = iter(memoryview(np.hstack([inputs, targets]).ravel()))
    rows = zip(*[values] * (inputs.shape[1] + targets.shape[1]))
    weights = network.wih.ravel().tolist() + network.who.ravel().tolist()
    weights, errors = train_rows(rows, weights, network.learning_rate, math.exp)
    split = network.wih.size
    # in place, like train: anyone holding network.wih sees the new weights
    network.wih[...] = np.reshape(weights[:split], network.wih.shape)
    network.who[...] = np.reshape(weights[split:], network.who.shape)
    return np.array(errors)


@functools.lru_cache(maxsize=64)
def _unrolled_function(input_nodes, hidden_nodes, output_nodes, bias, rule):
    namespace = {}
    exec(unrolled_source(input_nodes, hidden_nodes, output_nodes, bias, rule), namespace)
    return namespace["train_rows"]


def unrolled_source(input_nodes, hidden_nodes, output_nodes, bias=False, rule="book") -> str:
    """Python source of ``train_rows(rows, weights, learning_rate, exp)`` for these sizes.

    ``rows`` are lists ``inputs + targets``; ``weights`` is ``wih`` then ``who``,
    flattened row by row. Returns the new weights (same layout) and the errors.
    Each line is one of the book's equations for one node, e.g. for 3-3-3::

        hidden_output_0 = 1.0 / (1.0 + exp(-(wih_0_0*x_0 + wih_0_1*x_1 + wih_0_2*x_2)))
    """
    b = int(bias)
    inputs = [f"x_{i}" for i in range(input_nodes)] + ["1.0"] * b
    targets = [f"t_{k}" for k in range(output_nodes)]
    hidden_outputs = [f"hidden_output_{j}" for j in range(hidden_nodes)] + ["1.0"] * b
    wih = [[f"wih_{j}_{i}" for i in range(input_nodes + b)] for j in range(hidden_nodes)]
    who = [[f"who_{k}_{j}" for j in range(hidden_nodes + b)] for k in range(output_nodes)]
    all_weights = ", ".join(name for row in wih + who for name in row)
    back = "output_error" if rule == "book" else "output_gradient"

    def weighted_sum(weights, signals):  # the bias node's signal is 1.0: just the weight
        return " + ".join(w if s == "1.0" else f"{w}*{s}" for w, s in zip(weights, signals))

    def times(signal):
        return "" if signal == "1.0" else f" * {signal}"

    lines = [
        "def train_rows(rows, weights, learning_rate, exp):",
        f"    [{all_weights}] = weights",
        "    errors = []",
        f"    for {', '.join(inputs[:input_nodes] + targets)} in rows:",
        "        # forward: hidden_outputs = sigmoid(wih . inputs), final_outputs = sigmoid(who . hidden_outputs)",
    ]
    for j in range(hidden_nodes):
        lines.append(f"        hidden_output_{j} = 1.0 / (1.0 + exp(-({weighted_sum(wih[j], inputs)})))")
    for k in range(output_nodes):
        lines.append(f"        final_output_{k} = 1.0 / (1.0 + exp(-({weighted_sum(who[k], hidden_outputs)})))")
    lines.append("        # backward: errors and slopes, with who as it was before this sample")
    for k in range(output_nodes):
        lines.append(f"        output_error_{k} = t_{k} - final_output_{k}")
        lines.append(
            f"        output_gradient_{k} = output_error_{k} * final_output_{k} * (1.0 - final_output_{k})"
        )
    for j in range(hidden_nodes):
        hidden_error = " + ".join(f"{who[k][j]}*{back}_{k}" for k in range(output_nodes))
        lines.append(f"        hidden_error_{j} = {hidden_error}")
    lines.append("        # updates: who += learning_rate * output_gradient . hidden_outputs^T")
    for k in range(output_nodes):
        lines.append(f"        step = learning_rate * output_gradient_{k}")
        for j, signal in enumerate(hidden_outputs):
            lines.append(f"        {who[k][j]} += step{times(signal)}")
    lines.append("        # wih += learning_rate * (hidden_errors * hidden_outputs * (1 - hidden_outputs)) . inputs^T")
    for j in range(hidden_nodes):
        lines.append(
            f"        step = learning_rate * hidden_error_{j} * hidden_output_{j} * (1.0 - hidden_output_{j})"
        )
        for i, signal in enumerate(inputs):
            lines.append(f"        {wih[j][i]} += step{times(signal)}")
    squares = " + ".join(f"output_error_{k}*output_error_{k}" for k in range(output_nodes))
    lines.append(f"        errors.append(0.5 * ({squares}))")
    lines.append(f"    return [{all_weights}], errors")
    return "\n".join(lines) + "\n"
