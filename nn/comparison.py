"""Did a change of setting make the network learn faster, slower, about the same, or fail?

Answered from two measured runs on the same data set, each started from the same
seed and trained for the same number of samples: the running mean of the error
at that sample count is compared (:data:`SAME_BAND` either way counts as about
the same). A run fails when it diverges (:class:`nn.training.Divergence`) or
stalls: its running mean at the end is no lower than over its first window, so
nothing was learned. Reasons and figures only; the page words them.
"""

from __future__ import annotations

import dataclasses
from typing import Optional, Sequence

import numpy as np

FASTER, SLOWER, ABOUT_SAME, FAILS = "faster", "slower", "about_same", "fails"
OUTCOMES = (FASTER, SLOWER, ABOUT_SAME, FAILS)

#: Running means within this fraction of each other count as "about the same".
SAME_BAND = 0.10
#: A run whose final running mean is above this fraction of its first window's has stalled.
STALL_FRACTION = 0.95


@dataclasses.dataclass(frozen=True)
class RunComparison:
    """The outcome and the figures it was decided from.

    samples      the sample count both running means are read at
    window       samples in each running mean
    mean_before  the first run's running mean error at ``samples`` (None if it diverged first)
    mean_after   the second run's (None if it diverged first)
    diverged     whether the second run diverged; ``stalled``: whether it learned nothing
    """

    outcome: str
    samples: int
    window: int
    mean_before: Optional[float]
    mean_after: Optional[float]
    diverged: bool
    stalled: bool
    before_failed: bool


def running_mean_at(errors: Sequence[float], samples: int, window: int) -> float:
    """Mean of the errors of samples ``samples - window + 1 .. samples`` (1-based), as the live chart draws it."""
    errors = np.asarray(errors, dtype=float)[:samples]
    return float(np.mean(errors[-window:]))


def stalled(errors: Sequence[float], window: int) -> bool:
    """True when the last window's mean error is no lower than the first window's (to STALL_FRACTION)."""
    errors = np.asarray(errors, dtype=float)
    if errors.size < 2 * window:
        return False  # too short to tell
    return float(np.mean(errors[-window:])) > STALL_FRACTION * float(np.mean(errors[:window]))


def compare_runs(before_errors: Sequence[float], after_errors: Sequence[float], samples: int, window: int,
                 *, before_diverged: bool = False, after_diverged: bool = False) -> RunComparison:
    """How the second run (after the change) learned, against the first, both read at ``samples``.

    A run that diverged has fewer than ``samples`` errors (its blown-up chunk was rolled back).
    """
    if samples < 1 or window < 1:
        raise ValueError(f"samples and window must be at least 1; got {samples} and {window}")
    after_short = after_diverged or len(after_errors) < samples
    before_short = before_diverged or len(before_errors) < samples
    mean_before = None if before_short else running_mean_at(before_errors, samples, window)
    mean_after = None if after_short else running_mean_at(after_errors, samples, window)
    after_stalled = not after_short and stalled(after_errors[:samples], window)
    before_failed = before_short or stalled(before_errors[:samples], window)
    if after_short or after_stalled:
        outcome = FAILS
    elif before_failed or mean_after < (1 - SAME_BAND) * mean_before:
        outcome = FASTER
    elif mean_after > (1 + SAME_BAND) * mean_before:
        outcome = SLOWER
    else:
        outcome = ABOUT_SAME
    return RunComparison(outcome, samples, window, mean_before, mean_after, after_short, after_stalled, before_failed)
