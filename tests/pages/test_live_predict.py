"""Predict before a change on the live page: the change waits, both runs are trained from the same seed,
the verdict is what the measured curves say, and the earlier run is drawn faintly behind (and can be cleared)."""

from __future__ import annotations

import base64
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from nn.comparison import FASTER, SLOWER, compare_runs
from test_live_page import click, lab_of, open_page, set_widget
from ui.live.predict import MIN_COMPARE_SAMPLES, OUTCOME_WORDS
from ui.live.curve import curve_window
from ui.session import build_lab
from ui.live.settings import LIVE_SETTINGS


def predict_on(at: AppTest) -> AppTest:
    [toggle] = [t for t in at.sidebar.get("toggle") if t.key == "live_predict_changes"]
    toggle.set_value(True).run()
    assert not at.exception
    return at


def curve_svg(at: AppTest) -> str:
    for element in at.get("html"):
        body = element.proto.body
        if 'class="error-curve"' in body:
            curve = r'class="error-curve" src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)'  # the pictures share the element
            return base64.b64decode(re.search(curve, body).group(1)).decode()
    raise AssertionError("no error curve")


def measured(settings: dict, samples: int):
    lab = build_lab(settings)
    lab.run.train(samples)
    return lab.run


@pytest.mark.parametrize("new_rate, prediction", [(0.01, SLOWER), (3.0, SLOWER)])
def test_a_changed_learning_rate_waits_for_a_prediction_then_the_curves_answer(new_rate, prediction):
    at = predict_on(open_page())
    network = lab_of(at).network
    set_widget(at, "learning_rate", new_rate)
    assert lab_of(at).network is network and network.learning_rate == 0.3, "nothing changes before the prediction"
    question = next(m.value for m in at.markdown if m.value.startswith("**Predict first.**"))
    assert "learning rate 0.3 to learning rate" in question and f"{MIN_COMPARE_SAMPLES:,} samples" in question
    at.radio(key="live_change_prediction").set_value(prediction)
    click(at, "live_change_commit")

    old = LIVE_SETTINGS.defaults()
    before, after = measured(old, MIN_COMPARE_SAMPLES), measured({**old, "learning_rate": new_rate}, MIN_COMPARE_SAMPLES)
    window = curve_window(before.epoch_size)
    truth = compare_runs(before.errors, after.errors, MIN_COMPARE_SAMPLES, window).outcome
    lab = lab_of(at)
    assert lab.network.learning_rate == new_rate and lab.run.errors == after.errors, "the new run carries on"
    verdicts = [e.value for e in at.success] + [e.value for e in at.error]
    [verdict] = [v for v in verdicts if "you predicted" in v]
    assert verdict.startswith("Right:" if truth == prediction else "Not this time:")
    assert f"the new network learned {OUTCOME_WORDS[truth]}" in verdict
    assert f"{np.mean(before.errors[-window:]):.4g} with learning rate 0.3" in verdict
    assert f"{np.mean(after.errors[-window:]):.4g} with learning rate {new_rate:g}" in verdict
    assert truth == (SLOWER if new_rate == 0.01 else FASTER)  # what this page's own defaults measure

    svg = curve_svg(at)
    assert svg.count('class="earlier-run"') == 1 and "learning rate 0.3</text>" in svg
    click(at, "live_clear_earlier")
    assert 'class="earlier-run"' not in curve_svg(at)


def test_keeping_the_old_settings_forgets_the_change():
    at = predict_on(open_page())
    set_widget(at, "hidden_nodes", 5)
    click(at, "live_change_cancel")
    assert lab_of(at).network.hidden_nodes == 3
    assert not any(m.value.startswith("**Predict first.**") for m in at.markdown)
    [box] = [w for w in at.sidebar.get("number_input") if w.key == "live_hidden_nodes"]
    assert box.value == 3


def test_without_predict_a_new_network_keeps_the_old_curve_behind_it():
    at = open_page()
    click(at, "live_step_epoch")
    click(at, "live_step_epoch")
    set_widget(at, "hidden_nodes", 4)
    assert lab_of(at).network.hidden_nodes == 4
    click(at, "live_step_epoch")
    svg = curve_svg(at)
    assert svg.count('class="earlier-run"') == 1 and "hidden nodes 3</text>" in svg


def test_a_prediction_must_be_picked_before_committing():
    at = predict_on(open_page())
    set_widget(at, "rule", "gradient")
    click(at, "live_change_commit")
    assert any("pick one of the four" in e.value for e in at.error)
    assert lab_of(at).network.rule == "book"


def test_an_mnist_comparison_waits_for_a_free_heavy_job_slot():
    from ui.heavy_jobs import SLOTS
    at = predict_on(open_page(dataset="MNIST"))
    network = lab_of(at).network
    set_widget(at, "learning_rate", 0.1)
    at.radio(key="live_change_prediction").set_value(SLOWER)
    others = [f"another learner {n}" for n in range(SLOTS.size)]
    try:
        for holder in others:
            assert SLOTS.claim(holder, lease=None)
        click(at, "live_change_commit")
        assert any("server is busy" in e.value for e in at.error)
        assert lab_of(at).network is network, "nothing was trained"
    finally:
        for holder in others:
            SLOTS.release(holder)
