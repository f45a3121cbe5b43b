"""Spot the mistakes: a handful of test images, some the network gets wrong; the learner flags the wrong ones.

:func:`pick_images` draws the handful from a seeded generator (the same round number
gives every student the same images), mixing images the network answers wrongly with
ones it answers rightly so that guessing "all wrong" does not pay. :func:`grade_flags`
compares the learner's flags with the network's answers computed at reveal time.
Codes and figures only; the page words them.
"""

from __future__ import annotations

import dataclasses
from typing import Optional, Sequence

import numpy as np

#: Images in one round, and at most this share of them answered wrongly (when there are that many mistakes).
ROUND_SIZE = 8
WRONG_SHARE = 0.375


def pick_images(answers: Sequence[int], labels: Sequence[int], rng: np.random.Generator,
                count: int = ROUND_SIZE, wrong_share: float = WRONG_SHARE) -> np.ndarray:
    """Indices (sorted) of ``count`` images: up to ``wrong_share`` of them answered wrongly, the rest rightly."""
    answers, labels = np.asarray(answers), np.asarray(labels)
    if answers.shape != labels.shape or answers.ndim != 1:
        raise ValueError(f"answers and labels must be two lists of the same length; "
                         f"got {answers.shape} and {labels.shape}")
    count = min(count, len(labels))
    wrong = np.flatnonzero(answers != labels)
    right = np.flatnonzero(answers == labels)
    take_wrong = min(len(wrong), int(round(count * wrong_share)), count)
    take_right = min(len(right), count - take_wrong)
    take_wrong = min(len(wrong), count - take_right)  # too few right answers: more mistakes make up the round
    chosen = np.concatenate([rng.choice(wrong, take_wrong, replace=False) if take_wrong else np.array([], int),
                             rng.choice(right, take_right, replace=False) if take_right else np.array([], int)])
    return np.sort(chosen.astype(int))


@dataclasses.dataclass(frozen=True)
class SpottingResult:
    """found: flagged and wrong; missed: wrong, not flagged; false_alarms: flagged but right."""

    wrong: tuple
    found: tuple
    missed: tuple
    false_alarms: tuple

    @property
    def all_right(self) -> bool:
        return not self.missed and not self.false_alarms


def grade_flags(indices: Sequence[int], flagged: Sequence[int], answers: Sequence[int],
                labels: Sequence[int]) -> SpottingResult:
    """Compare the images flagged as mistakes with the network's answers (computed now) and the true labels."""
    indices = [int(i) for i in indices]
    flagged = {int(i) for i in flagged}
    unknown = flagged - set(indices)
    if unknown:
        raise ValueError(f"flagged images must be among the round's; got {sorted(unknown)}")
    wrong = tuple(i for i in indices if int(answers[i]) != int(labels[i]))
    return SpottingResult(
        wrong=wrong,
        found=tuple(i for i in wrong if i in flagged),
        missed=tuple(i for i in wrong if i not in flagged),
        false_alarms=tuple(i for i in indices if i in flagged and i not in wrong),
    )
