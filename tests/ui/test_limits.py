"""One limit for one setting on every page: hidden nodes, learning rate and seed are checked alike everywhere."""

from __future__ import annotations

import pytest

from ui.live.settings import LIVE_SETTINGS
from ui.mnist.experiments import _parse_values
from ui.mnist.settings import MNIST_SETTINGS
from ui.saved_work import MAX_UPLOAD_HIDDEN_NODES
from ui.settings.network import MAX_LIVE_HIDDEN_NODES
from ui.settings.setting import SettingError
from ui.step.settings import STEP_SETTINGS

HIDDEN_NODE_ROWS = [(LIVE_SETTINGS, "hidden_nodes"), (STEP_SETTINGS, "hidden_nodes"),
                    (MNIST_SETTINGS, "hidden_nodes"), (MNIST_SETTINGS, "sweep_hidden_nodes")]


@pytest.mark.parametrize("table, name", HIDDEN_NODE_ROWS, ids=lambda row: getattr(row, "key_prefix", row))
def test_every_page_allows_the_same_hidden_node_counts_as_uploads(table, name):
    row = table[name]
    assert (row.low, row.high) == (1, MAX_LIVE_HIDDEN_NODES) == (1, MAX_UPLOAD_HIDDEN_NODES)
    assert row.check(str(MAX_LIVE_HIDDEN_NODES)) == MAX_LIVE_HIDDEN_NODES
    with pytest.raises(SettingError, match=f"1 to {MAX_LIVE_HIDDEN_NODES}"):
        row.check(str(MAX_LIVE_HIDDEN_NODES + 1))


@pytest.mark.parametrize("setting, text, words", [
    ("hidden_nodes", "100, 2000", "hidden_nodes must be a whole number from 1 to 200; got '2000'"),
    ("learning_rate", "0.1, 1e-300", "learning_rate must be a number from 0.001 to 100"),
    ("epochs", "1, 31", "epochs must be a whole number from 1 to 30"),
    ("hidden_nodes", "10, ten", "got 'ten'"),
])
def test_sweep_values_are_checked_by_the_same_rows_as_the_train_form(setting, text, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(")):
        _parse_values(setting, text)


def test_learning_rate_and_seed_limits_agree_between_the_live_page_and_the_mnist_workshop():
    for name in ("learning_rate", "seed"):
        live, mnist = LIVE_SETTINGS[name], MNIST_SETTINGS[name]
        assert (live.low, live.high) == (mnist.low, mnist.high), name
    with pytest.raises(SettingError):
        MNIST_SETTINGS["seed"].check(str(2**64 - 1))
    with pytest.raises(SettingError):
        MNIST_SETTINGS["learning_rate"].check("1e-300")
