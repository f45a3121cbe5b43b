"""Check backpropagation against the derivative itself, measured by finite differences.

The error of one sample is E = 1/2 sum (targets - final_outputs)^2. Nudging one
weight w by +h and -h on a copy of the network and querying again gives

    dE/dw  ~  (E(w + h) - E(w - h)) / (2 h)        (central difference, error ~ h^2)

Gradient descent changes w by -learning_rate * dE/dw, so the change that
backpropagation computes, divided by -learning_rate, should equal this number.
With ``rule="gradient"`` it does for every weight. With the book's rule it does
for ``who`` but not for ``wih``: the book's hidden_errors = who^T . output_errors
leaves out each output node's sigmoid slope o (1 - o).
"""

from __future__ import annotations

import dataclasses
from typing import Iterable, Optional

import numpy as np

#: Nudge for the central difference: small enough that the h^2 error is ~1e-10,
#: large enough that rounding (~1e-16 / h) stays below it.
STEP = 1e-5

MATRICES = ("wih", "who")


@dataclasses.dataclass(frozen=True)
class WeightCheck:
    """One weight: the derivative backprop implies and the one measured by nudging."""

    matrix: str          # "wih" or "who"
    row: int             # node in the next layer (0-based)
    column: int          # node in the previous layer (0-based; the last column is the bias node's, if any)
    backprop: float      # -delta / learning_rate, from the network's trace
    finite_difference: float

    @property
    def difference(self) -> float:
        return self.backprop - self.finite_difference


def sample_error(network, inputs, targets) -> float:
    """E = 1/2 sum (targets - final_outputs)^2 for one sample, from a plain query."""
    final_outputs = network.query(inputs)
    return 0.5 * float(np.sum((np.asarray(targets, dtype=np.float64) - final_outputs) ** 2))


def finite_difference(network, inputs, targets, matrix: str, row: int, column: int, step: float = STEP) -> float:
    """dE/dw for one weight by central differences, on a copy (``network`` is untouched)."""
    nudged = network.copy()
    weights = getattr(nudged, matrix)
    original = weights[row, column]
    weights[row, column] = original + step
    above = sample_error(nudged, inputs, targets)
    weights[row, column] = original - step
    below = sample_error(nudged, inputs, targets)
    return (above - below) / (2 * step)


def all_weights(network) -> list[tuple[str, int, int]]:
    """(matrix, row, column) of every weight, who first (the order backprop reaches them)."""
    return [
        (matrix, row, column)
        for matrix in ("who", "wih")
        for row, column in np.ndindex(getattr(network, matrix).shape)
    ]


def check_gradients(
    network, inputs, targets, weights: Optional[Iterable[tuple[str, int, int]]] = None, step: float = STEP
) -> list[WeightCheck]:
    """Backprop's derivative against the measured one, for ``weights`` (default: every weight)."""
    trace = network.trace(inputs, targets)
    deltas = {"wih": trace.delta_wih, "who": trace.delta_who}
    checks = []
    for matrix, row, column in all_weights(network) if weights is None else weights:
        if matrix not in MATRICES:
            raise ValueError(f"matrix must be wih or who; got {matrix!r}")
        checks.append(WeightCheck(
            matrix, int(row), int(column),
            backprop=float(-deltas[matrix][row, column] / network.learning_rate),
            finite_difference=finite_difference(network, inputs, targets, matrix, row, column, step),
        ))
    return checks


def largest_difference(checks: Iterable[WeightCheck], matrix: str) -> float:
    """The largest |backprop - finite difference| among the checks of one matrix (0.0 if none)."""
    return max((abs(check.difference) for check in checks if check.matrix == matrix), default=0.0)
