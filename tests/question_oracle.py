"""The answer to a question read straight from the trace (or from train on a copy), without nn/questions.

Shared by the tests of nn/questions.py and of the pages that ask its questions.
"""

from __future__ import annotations

import numpy as np

from nn.gradient_check import sample_error
from nn.questions import ABOVE, BELOW, DOWN, FALLS, RISES, TOO_HIGH, TOO_LOW, UP, Question


def four_figures(value: float) -> float:
    """A number as the page prints it (4 significant figures), written independently of the page."""
    return float(f"{value:.4g}")


def expected_answer(network, inputs, targets, trace, question: Question):
    """The answer read straight from the trace (or from train on a copy), without nn/questions."""
    kind, quantity = question.kind, question.quantity
    if kind == "strongest_input":
        (j,) = question.subject
        return max(question.choices, key=lambda c: abs(network.wih[j, c[0]] * trace.inputs[c[0]]))
    if kind == "largest_node":
        return max(question.choices, key=lambda c: getattr(trace, quantity)[c])
    if kind in ("largest_error", "most_blame", "largest_change"):
        return max(question.choices, key=lambda c: abs(getattr(trace, quantity)[c]))
    if kind == "too_high_or_low":
        return TOO_HIGH if trace.final_outputs[question.subject] > trace.targets[question.subject] else TOO_LOW
    if kind == "above_half":
        return ABOVE if trace.final_outputs[question.subject] > 0.5 else BELOW
    if kind == "weight_direction":
        matrix = "who" if quantity == "delta_who" else "wih"
        trained = network.copy()
        trained.train(inputs, targets)
        moved = getattr(trained, matrix)[question.subject] - getattr(network, matrix)[question.subject]
        return UP if moved > 0 else DOWN
    if kind == "largest_move":
        trained = network.copy()
        trained.train(inputs, targets)
        moved = np.abs(trained.query(inputs) - network.query(inputs))
        return max(question.choices, key=lambda c: moved[c])
    if kind == "error_falls":
        trained = network.copy()
        trained.train(inputs, targets)
        return FALLS if sample_error(trained, inputs, targets) < sample_error(network, inputs, targets) else RISES
    if kind == "compute":
        return trace.error if quantity == "error" else getattr(trace, quantity)[question.subject]
    raise AssertionError(kind)
