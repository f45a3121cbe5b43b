"""A click waiting for the live update in progress ends its training at the next slice (ui/live/interrupt.py)."""

from __future__ import annotations

import types

import pytest
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData, ScriptRequests

import nn.training
from conftest import SteppingClock
from ui.live import interrupt, training
from ui.live.settings import LIVE_SETTINGS
from ui.session import build_lab


@pytest.fixture
def requests(monkeypatch):
    """The script run's requests, as Streamlit's own ScriptRequests keeps them."""
    requests = ScriptRequests()
    context = types.SimpleNamespace(script_requests=requests)
    monkeypatch.setattr(interrupt, "get_script_run_ctx", lambda suppress_warning=False: context)
    return requests


def test_nothing_waiting_lets_training_go_on(requests):
    assert not interrupt.rerun_waiting()


def test_the_fragments_own_timer_waits_for_the_update_and_lets_training_go_on(requests):
    requests.request_rerun(RerunData(fragment_id="live_pictures", is_auto_rerun=True))
    assert not interrupt.rerun_waiting()
    assert requests.on_scriptrunner_yield() is None  # Streamlit agrees: it does not end the run


def test_a_click_outside_the_fragment_ends_the_training(requests):
    requests.request_rerun(RerunData(query_string="", page_script_hash="live"))  # a full run: Pause, a setting
    assert interrupt.rerun_waiting()
    assert requests.on_scriptrunner_yield() is not None  # Streamlit ends the run at its next call too


def test_a_click_after_the_timer_still_ends_the_training(requests):
    requests.request_rerun(RerunData(fragment_id="live_pictures", is_auto_rerun=True))
    requests.request_rerun(RerunData(query_string="", page_script_hash="live"))
    assert interrupt.rerun_waiting()


def test_a_closed_session_ends_the_training(requests):
    requests.request_stop()
    assert interrupt.rerun_waiting()


def test_outside_a_script_run_training_goes_on():
    assert not interrupt.rerun_waiting()


def test_a_live_update_with_a_click_waiting_trains_one_slice_and_leaves_the_accuracy_to_the_pause(monkeypatch):
    monkeypatch.setattr(nn.training, "clock", SteppingClock(step=0.0))  # no budget runs out
    lab = build_lab({**LIVE_SETTINGS.defaults(), "dataset": "MNIST", "hidden_nodes": 10, "speed": 5000})
    lab.running = True
    monkeypatch.setattr(training, "rerun_waiting", lambda: True)
    assert training.live_update(lab) == nn.training.SAMPLES_PER_CLOCK_CHECK
    assert lab.test_accuracy == []
    training.start_or_pause(lab, False)  # the click: Pause
    assert [seen for seen, _ in lab.test_accuracy] == [nn.training.SAMPLES_PER_CLOCK_CHECK]
    monkeypatch.setattr(training, "rerun_waiting", lambda: False)
    lab.running = True
    assert training.live_update(lab) == 5000  # nothing waiting: the speed asked for
