"""The book's MNIST experiment: the reusable functions, the command, and the book's figure reproduced."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nn import NeuralNetwork
from nn.augment import augment
from nn.data import load_mnist, make_targets, scale_inputs
from nn.mnist import accuracy, main, predictions, train_epoch, train_mnist

ROOT = Path(__file__).resolve().parents[2]
PERFORMANCE = re.compile(r"^performance = (0\.\d{4})$", re.MULTILINE)


def small_network(seed=0, **settings) -> NeuralNetwork:
    return NeuralNetwork(784, 20, 10, 0.1, seed=seed, **settings)


# -- accuracy --------------------------------------------------------------------------------


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


# -- training ----------------------------------------------------------------------------


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


# -- the command -------------------------------------------------------------------------


def test_the_command_trains_prints_the_books_performance_line_and_saves(tmp_path):
    saved = tmp_path / "net.npz"
    result = subprocess.run(
        [sys.executable, "-m", "nn.mnist", "--hidden", "30", "--lr", "0.2", "--limit", "400",
         "--epochs", "2", "--seed", "7", "--save", str(saved)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout
    assert re.search(r"^epoch 1: performance = 0\.\d{4}$", lines, re.MULTILINE), lines
    assert re.search(r"^wall time \d+\.\d s$", lines, re.MULTILINE), lines
    printed = float(PERFORMANCE.search(lines).group(1))
    # progress goes to stderr: samples done, rate, time left
    assert re.search(r"epoch 2/2: 400/400 samples, [\d,]+ samples/s, ETA \d+:\d\d:\d\d", result.stderr), result.stderr

    # what it printed is exactly the saved network's accuracy, and that network is the book's loop's
    network = NeuralNetwork.load(saved)
    test_images, test_labels = load_mnist("test")
    assert printed == round(accuracy(network, test_images, test_labels), 4)
    book = NeuralNetwork(784, 30, 10, 0.2, seed=7)
    images, labels = load_mnist("train", limit=400)
    for _ in range(2):
        for x, t in zip(scale_inputs(images), make_targets(labels)):
            book.train(x, t)
    assert np.abs(network.wih - book.wih).max() < 1e-9
    assert (network.hidden_nodes, network.learning_rate, network.seed) == (30, 0.2, 7)


def test_the_command_passes_bias_rule_init_and_rotation_through(tmp_path, capsys):
    saved = tmp_path / "net.npz"
    assert main(["--hidden", "5", "--limit", "20", "--rotate", "10", "--bias", "--rule", "gradient",
                 "--init", "uniform", "--seed", "3", "--quiet", "--save", str(saved)]) == 0
    output = capsys.readouterr().out
    assert "and their +/-10 degree rotations" in output
    network = NeuralNetwork.load(saved)
    assert (network.bias, network.rule, network.init, network.seed) == (True, "gradient", "uniform", 3)
    assert PERFORMANCE.search(output)


def test_without_a_seed_the_command_picks_one_and_prints_it(capsys):
    assert main(["--hidden", "3", "--limit", "10", "--quiet"]) == 0
    assert re.search(r"seed=\d+\)", capsys.readouterr().out)


@pytest.mark.parametrize(
    "arguments, field",
    [
        (["--hidden", "0"], "--hidden"), (["--hidden", "2001"], "--hidden"), (["--hidden", "ten"], "--hidden"),
        (["--lr", "0"], "--lr"), (["--lr", "-0.1"], "--lr"), (["--lr", "nan"], "--lr"), (["--lr", "1000"], "--lr"),
        (["--lr", "fast"], "--lr"), (["--epochs", "0"], "--epochs"), (["--epochs", "1.5"], "--epochs"),
        (["--limit", "0"], "--limit"), (["--limit", "60001"], "--limit"), (["--seed", "-1"], "--seed"),
        (["--rotate", "0"], "--rotate"), (["--rotate", "inf"], "--rotate"), (["--rotate", "200"], "--rotate"),
        (["--init", "zeros"], "--init"), (["--rule", "exact"], "--rule"), (["--save", "net.pkl"], "--save"),
    ],
)
def test_a_bad_argument_stops_the_command_with_a_message_naming_it(arguments, field, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(arguments)
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert f"argument {field}" in error and "Traceback" not in error


# -- the book's figure ------------------------------------------------------------------------


@pytest.mark.slow
def test_the_books_performance_is_reproduced_100_hidden_nodes_lr_0_1_one_epoch():
    """The book: 784-100-10, learning rate 0.1, one epoch of 60,000 -> 0.9523; runs vary about +/-0.5%."""
    network = NeuralNetwork(784, 100, 10, 0.1, seed=0)
    [performance] = train_mnist(network, *load_mnist("train"), epochs=1, test=load_mnist("test"))
    assert abs(performance - 0.9523) <= 0.005, f"performance {performance:.4f}, the book's 0.9523 +/- 0.005"
