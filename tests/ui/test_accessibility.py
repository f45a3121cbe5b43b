"""ui/accessibility.py: the shortcuts the page states are the ones the script presses, and motion calms down."""

from __future__ import annotations

import json

from ui import accessibility


def test_each_shortcut_is_named_on_the_page_with_the_button_it_presses():
    caption = accessibility.shortcuts_caption("live_start", "live_step_sample", "live_reset")
    assert caption.startswith("Keyboard: S Start or Pause training · N Step: train 1 sample · R Reset")
    assert accessibility.shortcut_of("step_predict_commit_3") == "V"
    assert accessibility.shortcut_of("live_step_epoch") == ""


def test_the_script_carries_every_shortcut_and_no_placeholder_is_left(monkeypatch):
    sent = []
    monkeypatch.setattr(accessibility.st, "html", lambda body, **options: sent.append((body, options)))
    accessibility.accessibility_ui()
    body, options = sent[0]
    assert options == {"unsafe_allow_javascript": True}
    assert "__" + "SHORTCUTS" not in body and "__COOKIE__" not in body
    assert json.dumps({key: [name, what] for key, (name, what) in accessibility.SHORTCUTS.items()}) in body


def test_reduced_motion_slows_the_live_tick_and_leaves_a_paused_page_alone(monkeypatch):
    monkeypatch.setattr(accessibility, "prefers_reduced_motion", lambda: True)
    assert accessibility.calmer_tick(0.15) == accessibility.CALM_TICK_SECONDS
    assert accessibility.calmer_tick(3.0) == 3.0
    assert accessibility.calmer_tick(None) is None
    monkeypatch.setattr(accessibility, "prefers_reduced_motion", lambda: False)
    assert accessibility.calmer_tick(0.15) == 0.15
