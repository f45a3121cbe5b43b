"""Every widget has help text, and a help text that gives a range gives the setting's own limits."""

from __future__ import annotations

import re

import pytest

from ui.live.settings import LIVE_SETTINGS
from ui.mnist.settings import MNIST_SETTINGS
from ui.step.settings import STEP_SETTINGS

ROWS = [pytest.param(row, id=f"{table.key_prefix}-{name}")
        for table in (LIVE_SETTINGS, STEP_SETTINGS, MNIST_SETTINGS) for name, row in table.items()]


@pytest.mark.parametrize("row", ROWS)
def test_a_help_text_that_gives_a_range_gives_the_settings_own_limits(row):
    text = row.help_text
    assert text and "{" not in text and "}" not in text
    for low, high in re.findall(r"\((\d[\d.,]*) to (\d[\d.,]*\d)", text):
        assert float(low.replace(",", "")) == pytest.approx(row.low), (row.name, text)
        assert float(high.replace(",", "")) == pytest.approx(row.high), (row.name, text)


def test_a_range_follows_the_limits_when_they_change():
    row = MNIST_SETTINGS["sweep_train_count"]
    assert "(100 to 60,000)" in row.help_text
    assert "(100 to 5,000)" in row.bounded(high=5000).help_text
    assert "(0.001 to 100)" in MNIST_SETTINGS["learning_rate"].help_text
