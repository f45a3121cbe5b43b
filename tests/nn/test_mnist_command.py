"""python -m nn.mnist: the command line, what it prints, and the book's figure reproduced."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nn import NeuralNetwork
from nn.data import load_mnist, make_targets, scale_inputs
from nn.mnist import main
from nn.scoring import accuracy

ROOT = Path(__file__).resolve().parents[2]
PERFORMANCE = re.compile(r"^performance = (0\.\d{4})$", re.MULTILINE)


def small_network(seed=0, **settings) -> NeuralNetwork:
    return NeuralNetwork(784, 20, 10, 0.1, seed=seed, **settings)


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
