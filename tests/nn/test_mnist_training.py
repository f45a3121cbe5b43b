"""nn.mnist_training: whole epochs over MNIST images give what the book's loop of train calls gives."""

from __future__ import annotations

import numpy as np
import pytest

from nn import NeuralNetwork
from nn.augment import augment
from nn.data import load_mnist, make_targets, scale_inputs
from nn.mnist_training import train_epoch, train_mnist
from nn.scoring import accuracy


def small_network(seed=0, **settings) -> NeuralNetwork:
    return NeuralNetwork(784, 20, 10, 0.1, seed=seed, **settings)


def test_train_epoch_gives_the_same_weights_as_the_books_loop_of_train_calls():
    images, labels = load_mnist("train", limit=250)
    network, book = small_network(seed=4), small_network(seed=4)
    reports = []
    errors = train_epoch(network, images, labels, chunk=100, progress=lambda done, total: reports.append((done, total)))
    book_errors = [book.train(x, t) for x, t in zip(scale_inputs(images), make_targets(labels))]
    assert reports == [(100, 250), (200, 250), (250, 250)]
    assert np.abs(errors - book_errors).max() < 1e-9
    assert np.abs(network.wih - book.wih).max() < 1e-9 and np.abs(network.who - book.who).max() < 1e-9


def test_train_mnist_with_rotations_trains_each_image_then_its_two_turned_copies_every_epoch():
    images, labels = load_mnist("train", limit=12)
    network, book = small_network(seed=5), small_network(seed=5)
    seen = []
    scores = train_mnist(
        network, images, labels, epochs=2, degrees=10.0, test=load_mnist("test", limit=50), chunk=7,
        progress=lambda epoch, done, total: seen.append((epoch, done, total)),
    )
    more_images, more_labels = augment(images, labels, 10.0)
    for _ in range(2):
        for x, t in zip(scale_inputs(more_images), make_targets(more_labels)):
            book.train(x, t)
    assert np.abs(network.wih - book.wih).max() < 1e-9
    assert seen[-1] == (2, 36, 36) and seen[0] == (1, 7, 36)
    assert len(scores) == 2 and scores[-1] == accuracy(network, *load_mnist("test", limit=50))


def test_train_mnist_without_test_images_reports_no_scores_and_refuses_zero_epochs():
    images, labels = load_mnist("train", limit=5)
    assert train_mnist(small_network(), images, labels, epochs=2) == [None, None]
    with pytest.raises(ValueError, match="epochs"):
        train_mnist(small_network(), images, labels, epochs=0)


# -- the book's figure ------------------------------------------------------------------------


@pytest.mark.slow
def test_the_books_performance_is_reproduced_100_hidden_nodes_lr_0_1_one_epoch():
    """The book: 784-100-10, learning rate 0.1, one epoch of 60,000 -> 0.9523; runs vary about +/-0.5%."""
    network = NeuralNetwork(784, 100, 10, 0.1, seed=0)
    [performance] = train_mnist(network, *load_mnist("train"), epochs=1, test=load_mnist("test"))
    assert abs(performance - 0.9523) <= 0.005, f"performance {performance:.4f}, the book's 0.9523 +/- 0.005"
