"""Spot the mistakes: the round mixes wrong and right answers, is the same for the same seed, and is marked fairly."""

import numpy as np
import pytest

from nn.spotting import ROUND_SIZE, WRONG_SHARE, grade_flags, pick_images


def answers_and_labels(count=500, wrong_every=7):
    labels = np.arange(count) % 10
    answers = labels.copy()
    answers[::wrong_every] = (labels[::wrong_every] + 1) % 10
    return answers, labels


def test_a_round_mixes_mistakes_with_right_answers_and_repeats_for_the_same_seed():
    answers, labels = answers_and_labels()
    first = pick_images(answers, labels, np.random.default_rng([3, 0]))
    again = pick_images(answers, labels, np.random.default_rng([3, 0]))
    other = pick_images(answers, labels, np.random.default_rng([4, 0]))
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, other)
    wrong = int(np.sum(answers[first] != labels[first]))
    assert len(first) == ROUND_SIZE and len(set(first)) == ROUND_SIZE
    assert wrong == round(ROUND_SIZE * WRONG_SHARE) and 0 < wrong < ROUND_SIZE


def test_a_network_with_few_mistakes_shows_all_it_has():
    labels = np.arange(100) % 10
    answers = labels.copy()
    answers[5] = 0
    picked = pick_images(answers, labels, np.random.default_rng(0))
    assert 5 in picked and len(picked) == ROUND_SIZE


def test_flags_are_marked_as_found_missed_and_false_alarms():
    answers, labels = answers_and_labels()
    indices = [0, 1, 7, 8, 14]  # 0, 7, 14 are wrong
    result = grade_flags(indices, [0, 1], answers, labels)
    assert result.wrong == (0, 7, 14) and result.found == (0,) and result.missed == (7, 14)
    assert result.false_alarms == (1,) and not result.all_right
    assert grade_flags(indices, [0, 7, 14], answers, labels).all_right
    with pytest.raises(ValueError, match="among the round"):
        grade_flags(indices, [3], answers, labels)
