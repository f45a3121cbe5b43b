"""Is training stalled because the sigmoids are saturated? Figures only; the pages word them.

A sigmoid pinned near 0 or 1 has a slope o(1 - o) near zero, and every weight
change into or out of that node is multiplied by it, so the weights stop moving
and the error stops falling while it is still large. That is the stall a too
large learning rate or 0..1 starting weights cause; it is not divergence (the
weights stay finite), so it needs its own check.
"""

from __future__ import annotations

import dataclasses
from typing import Optional

import numpy as np
from scipy.special import expit as sigmoid

#: An output below this or above 1 - this counts as pinned.
PINNED = 0.01
#: At least this share of the hidden outputs pinned makes a saturated network.
PINNED_SHARE = 0.9
#: The error has stopped falling when two windows' means differ by less than this share...
FLAT_CHANGE = 0.05
#: ...while still above this (a network that has learned is allowed to be flat).
UNLEARNED_ERROR = 0.05


@dataclasses.dataclass(frozen=True)
class Saturation:
    """What was measured: the share of hidden outputs pinned, and the error in the last two windows."""

    pinned_share: float    # of hidden outputs over the samples checked, 0..1
    error_before: float    # mean error, the window before last
    error_now: float       # mean error, the last window
    window: int            # samples in each window


def hidden_outputs(network, inputs) -> np.ndarray:
    """Each sample's hidden_outputs (real nodes), as ``query`` computes them: one product for all
    the samples rather than a ``trace`` each (fifty traces of MNIST's network cost the live page
    about 5 ms an update). (n, hidden)"""
    rows = np.atleast_2d(np.asarray(inputs, dtype=np.float64))        # (n, input)
    if network.bias:
        rows = np.column_stack([rows, np.ones(len(rows))])             # (n, input + 1)
    return sigmoid(rows @ network.wih.T)                               # (n, hidden)


def saturation(network, inputs, errors, window: int) -> Optional[Saturation]:
    """A Saturation when the hidden sigmoids are pinned and the error is flat and still large, else None.

    ``inputs``: samples to check the hidden outputs on; ``errors``: the run's error history
    (1/2 sum (t - o)^2 per sample); ``window``: samples per window (whole epochs of a small set).
    """
    errors = np.asarray(errors, dtype=np.float64)
    if errors.size < 2 * window:
        return None
    before, now = float(errors[-2 * window:-window].mean()), float(errors[-window:].mean())
    if now < UNLEARNED_ERROR or abs(now - before) > FLAT_CHANGE * max(before, now):
        return None
    outputs = hidden_outputs(network, inputs)
    share = float(np.mean((outputs < PINNED) | (outputs > 1 - PINNED)))
    if share < PINNED_SHARE:
        return None
    return Saturation(share, before, now, window)
