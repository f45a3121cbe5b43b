"""The record the step-through page shows: one sample, one trace, and the network either side of it.

Every number on the step-through page comes from here: ``trace`` is the one
call to :meth:`nn.network.NeuralNetwork.trace`; ``after`` is a copy of the
network with exactly that trace's deltas added (what ``train`` would do), and
``outputs_after``/``error_after`` are the same sample queried through it.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from nn import NeuralNetwork, Trace
from nn.gradient_check import sample_error


@dataclasses.dataclass(frozen=True)
class StepRecord:
    before: NeuralNetwork      # a copy: the weights the pass used (never the session's object)
    inputs: np.ndarray         # as typed or picked, without the bias node's 1.0
    targets: np.ndarray
    trace: Trace
    after: NeuralNetwork       # before + the trace's deltas
    outputs_after: np.ndarray  # final_outputs of the same sample through ``after``
    error_after: float         # 1/2 sum (targets - outputs_after)^2
    other_rule: Trace          # the same pass with the other hidden-error rule ("book" <-> "gradient")

    @property
    def small(self) -> bool:
        """Small enough to print every number in the formulas (else arrays are heatmaps)."""
        return max(self.before.input_nodes, self.before.hidden_nodes, self.before.output_nodes) <= SMALL_LAYER


#: Largest layer (bias node not counted) whose numbers are printed inside the formulas.
SMALL_LAYER = 6


def record_step(network: NeuralNetwork, inputs, targets) -> StepRecord:
    """One forward and backward pass of ``network`` on one sample; ``network`` is not changed."""
    before = network.copy()
    trace = before.trace(inputs, targets)
    after = before.copy()
    after.who += trace.delta_who
    after.wih += trace.delta_wih
    other = before.copy()
    other.rule = "gradient" if before.rule == "book" else "book"
    inputs = np.asarray(inputs, dtype=np.float64)
    targets = np.asarray(targets, dtype=np.float64)
    return StepRecord(
        before=before,
        inputs=inputs,
        targets=targets,
        trace=trace,
        after=after,
        outputs_after=after.query(inputs),
        error_after=sample_error(after, inputs, targets),
        other_rule=other.trace(inputs, targets),
    )
