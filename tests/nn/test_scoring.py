"""nn.scoring: the book's performance, one answer per image, and the scorecard a page shows."""

from __future__ import annotations

import numpy as np
import pytest

from nn import NeuralNetwork
from nn.data import load_mnist, scale_inputs
from nn.mnist_training import train_epoch
from nn.scoring import accuracy, predictions, score


def small_network(seed=0, **settings) -> NeuralNetwork:
    return NeuralNetwork(784, 20, 10, 0.1, seed=seed, **settings)


def test_accuracy_is_the_fraction_of_images_whose_largest_output_is_the_label():
    images, _ = load_mnist("test", limit=200)
    network = small_network()
    answers = predictions(network, images)
    assert answers.shape == (200,)
    wrong = (answers + 1) % 10
    assert accuracy(network, images, answers) == 1.0
    assert accuracy(network, images, wrong) == 0.0
    half = np.where(np.arange(200) % 2 == 0, answers, wrong)
    assert accuracy(network, images, half) == 0.5


def test_accuracy_takes_pixels_or_the_books_scaled_inputs_alike():
    images, labels = load_mnist("test", limit=300)
    network = small_network(seed=3)
    train_epoch(network, *load_mnist("train", limit=300))
    from_pixels = accuracy(network, images, labels)
    assert accuracy(network, scale_inputs(images), labels) == from_pixels
    assert accuracy(network, images.reshape(300, 784), labels) == from_pixels
    # each answer is the argmax of what query returns for that image alone
    answers = predictions(network, images)
    for index in (0, 17, 299):
        assert answers[index] == np.argmax(network.query(scale_inputs(images[index])[0]))


@pytest.mark.parametrize("labels", [np.zeros(3), np.zeros(0)], ids=["too few labels", "no images"])
def test_accuracy_refuses_images_and_labels_that_do_not_pair_up(labels):
    images, _ = load_mnist("test", limit=len(labels) + 1 if len(labels) else 0)
    with pytest.raises(ValueError):
        accuracy(small_network(), images, labels)


def test_the_scorecard_counts_what_accuracy_counts_and_each_mistake_once():
    images, labels = load_mnist("test", limit=400)
    network = small_network(seed=2)
    train_epoch(network, *load_mnist("train", limit=400))
    card = score(network, images, labels)
    assert card.performance == accuracy(network, images, labels)
    np.testing.assert_array_equal(card.answers, predictions(network, images))
    assert card.confusion.sum() == 400 and np.trace(card.confusion) == 400 - len(card.mistakes)
    assert all(card.answers[i] != labels[i] for i in card.mistakes)
