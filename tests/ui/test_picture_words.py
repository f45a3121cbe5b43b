"""Pictures in words: the summaries say what the arrays behind the pictures say."""

from __future__ import annotations

import numpy as np

from nn import NeuralNetwork
from ui import picture_words
from ui.node_names import network_labels


def test_the_error_summary_names_the_latest_and_lowest_running_mean_and_a_falling_trend():
    running_mean = np.linspace(0.5, 0.1, 300)
    running_mean[150] = 0.05
    summary = picture_words.error_curve_summary(np.arange(1, 301), running_mean)
    assert "after 300 samples the running mean error is 0.1000" in summary
    assert "lowest on the curve 0.0500, after sample 151" in summary
    assert "falling over the last 100 samples" in summary


def test_the_trend_is_rising_or_level_as_the_running_mean_is():
    samples = np.arange(1, 301)
    assert picture_words.error_trend(samples, np.linspace(0.1, 0.3, 300)) == ("rising", 100)
    assert picture_words.error_trend(samples, np.full(300, 0.2)) == ("about level", 100)
    assert picture_words.error_trend(samples[::30], np.linspace(0.3, 0.1, 10)) == ("falling", 120), "the drawn point at least 100 back"
    assert picture_words.error_trend(np.array([1]), np.array([0.2])) == ("about level", 0)
    assert picture_words.error_curve_summary(np.array([]), np.array([])) == "Error curve: no samples trained yet."


def test_the_weights_alt_text_counts_signs_and_gives_the_range():
    alt = picture_words.weights_alt("wih", np.array([[0.5, -0.25, 0.0]]), "hidden nodes", "inputs")
    assert alt == ("wih as colours: 1 rows (hidden nodes) by 3 columns (inputs); values from -0.25 to +0.50; "
                   "1 positive, 1 negative.")


def test_the_weights_list_names_every_weight_with_its_exact_value_and_the_bias():
    network = NeuralNetwork(2, 2, 1, 0.3, seed=3, bias=True)
    frame = picture_words.weights_list(network.wih, network.who, network_labels(network))
    assert len(frame) == network.wih.size + network.who.size
    values = dict(zip(frame["weight"], frame["value"]))
    names = network_labels(network)
    assert values[f"{names['hidden'][1]} ← {names['inputs'][0]}"] == network.wih[1, 0]
    assert values[f"{names['outputs'][0]} ← bias"] == network.who[0, 2]


def test_a_big_network_lists_its_largest_weights_only():
    network = NeuralNetwork(784, 100, 10, 0.1, seed=1)
    frame = picture_words.weights_list(network.wih, network.who, network_labels(network), most=50)
    everything = np.abs(np.concatenate([network.wih.ravel(), network.who.ravel()]))
    assert len(frame) == 50
    assert np.isclose(frame["value"].abs().min(), np.sort(everything)[-50])
