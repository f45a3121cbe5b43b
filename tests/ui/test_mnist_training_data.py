"""The workshop's rotated training images: one copy for every session training on them, freed with the last."""

from __future__ import annotations

import gc
import weakref

import numpy as np

from nn.augment import augment
from nn.data import load_mnist
from ui.mnist.state import training_data


def test_sessions_training_on_the_same_rotated_images_share_one_read_only_copy_of_what_augment_makes():
    first_images, first_labels = training_data(300, rotations=True)
    second_images, second_labels = training_data(300, rotations=True)
    assert second_images is first_images  # one copy, however many sessions
    assert not first_images.flags.writeable
    expected_images, expected_labels = augment(*load_mnist("train", 300))
    assert np.array_equal(first_images, expected_images) and np.array_equal(first_labels, expected_labels)
    assert np.array_equal(second_labels, expected_labels)
    other, _labels = training_data(200, rotations=True)
    assert len(other) == 600 and not np.shares_memory(other, first_images)


def test_the_rotated_copies_are_freed_when_no_session_holds_them():
    images, _labels = training_data(250, rotations=True)
    held = weakref.ref(images)
    del images, _labels
    gc.collect()
    assert held() is None
    again, _labels = training_data(250, rotations=True)  # made afresh for the next session
    assert len(again) == 750


def test_without_rotations_the_images_are_the_loaders_own_shared_arrays():
    images, labels = training_data(100, rotations=False)
    assert np.shares_memory(images, load_mnist("train")[0]) and len(labels) == 100
