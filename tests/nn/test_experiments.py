"""nn.experiments: sweeps give what training each configuration by hand gives; the book's figures match up."""

import dataclasses

import numpy as np
import pytest

from nn.augment import augment
from nn.data import load_mnist, make_targets, scale_inputs
from nn.experiments import (
    BOOK_RESULTS, Config, book_results_for, compare_rotations, estimate_seconds, samples_per_second, sweep,
    train_and_test,
)
from nn.scoring import accuracy
from nn.network import NeuralNetwork


@pytest.fixture(scope="module")
def small_mnist():
    train_images, train_labels = load_mnist("train", 150)
    test_images, test_labels = load_mnist("test", 300)
    return train_images, train_labels, test_images, test_labels


def by_hand(config: Config, images, labels, test_images, test_labels) -> float:
    """The book's loop written out: a seeded network, one sample at a time, every epoch in order."""
    network = NeuralNetwork(784, config.hidden_nodes, 10, config.learning_rate, init=config.init, seed=config.seed)
    inputs, targets = scale_inputs(images), make_targets(labels)
    for _ in range(config.epochs):
        for sample, target in zip(inputs, targets):
            network.train(sample, target)
    return accuracy(network, test_images, test_labels)


def test_the_books_learning_rate_figures_are_found_for_100_hidden_nodes_and_one_epoch():
    found = book_results_for("learning_rate", Config(hidden_nodes=100, learning_rate=0.5, epochs=1))
    assert {r.config.learning_rate: r.accuracy for r in found} == {0.01: 0.9241, 0.1: 0.9523, 0.3: 0.9473, 0.6: 0.9047}


def test_a_book_figure_is_found_only_when_every_other_setting_matches():
    assert [r.accuracy for r in book_results_for("epochs", Config(200, 0.1, 1))] == [0.975]
    assert [r.accuracy for r in book_results_for("hidden_nodes", Config(7, 0.1, 5))] == [0.975]
    assert book_results_for("learning_rate", Config(100, 0.1, 2)) == []
    assert book_results_for("init", Config(100, 0.1, 1))[0].accuracy == 0.9523
    assert all(r.config.init == "normal" for r in BOOK_RESULTS)


def test_a_sweep_gives_for_each_value_what_training_that_configuration_by_hand_gives(small_mnist):
    base = Config(hidden_nodes=8, learning_rate=0.2, epochs=1, seed=4)
    points = sweep("epochs", [1, 2], base, *small_mnist)
    assert [p.value for p in points] == [1, 2]
    for point in points:
        expected = by_hand(dataclasses.replace(base, epochs=point.value), *small_mnist)
        assert point.accuracy == pytest.approx(expected, abs=1e-12)
        assert point.seconds > 0


def test_sweeping_starting_weights_changes_only_the_init(small_mnist):
    points = sweep("init", ["normal", "positive"], Config(hidden_nodes=8), *small_mnist)
    for point in points:
        assert point.accuracy == by_hand(Config(hidden_nodes=8, init=point.value), *small_mnist)


def test_progress_runs_from_0_to_1_and_names_the_value(small_mnist):
    seen = []
    sweep("learning_rate", [0.1, 0.3], Config(hidden_nodes=4), *small_mnist, progress=lambda f, stage: seen.append((f, stage)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[0] == 0 and fractions[-1] == 1
    assert any(stage is not None and stage.value == 0.3 for _, stage in seen)
    assert seen[-1][1] is None  # done


def test_a_bad_value_is_refused_before_any_training_with_the_field_named(small_mnist):
    with pytest.raises(ValueError, match="hidden_nodes"):
        sweep("hidden_nodes", [0], Config(), *small_mnist)
    with pytest.raises(ValueError, match="setting must be one of"):
        sweep("colour", [1], Config(), *small_mnist)


def test_rotations_compare_the_same_network_trained_without_and_with_rotated_copies(small_mnist):
    images, labels, test_images, test_labels = small_mnist
    config = Config(hidden_nodes=8)
    plain, rotated = compare_rotations(config, *small_mnist)
    assert (plain.value, rotated.value) == (0.0, 10.0)  # degrees the copies were turned by
    assert plain.accuracy == train_and_test(config, *small_mnist)[1]
    assert rotated.accuracy == train_and_test(config, *augment(images, labels), test_images, test_labels)[1]


def test_the_estimate_is_samples_to_train_over_the_measured_speed():
    speed = {50: 1000.0, 100: 500.0}.__getitem__
    seconds = estimate_seconds("hidden_nodes", [50, 100], Config(epochs=2), 3000, speed)
    assert seconds == pytest.approx(2 * 3000 / 1000 + 2 * 3000 / 500)
    assert estimate_seconds("epochs", [1, 3], Config(hidden_nodes=50), 1000, speed) == pytest.approx(4.0)


def test_the_measured_speed_is_a_positive_rate():
    rate = samples_per_second(10, load_mnist("train", 500)[0], budget=0.05)
    assert np.isfinite(rate) and rate > 0


@pytest.mark.slow
def test_the_books_first_result_is_reproduced_within_half_a_percent_on_all_60000_images():
    """100 hidden nodes, learning rate 0.1, 1 epoch: the book reports 0.9523."""
    train_images, train_labels = load_mnist("train")
    test_images, test_labels = load_mnist("test")
    (point,) = sweep("learning_rate", [0.1], Config(hidden_nodes=100, epochs=1, seed=0),
                     train_images, train_labels, test_images, test_labels)
    assert point.accuracy == pytest.approx(0.9523, abs=0.005)
