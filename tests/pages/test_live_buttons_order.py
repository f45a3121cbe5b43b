"""The live page's training buttons are met in the order they are seen: a keyboard's Tab goes left to right,
then down, as the buttons are laid out (Start, Reset / Step: 1 sample, Step: 1 epoch)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

PAGE = "pages/1_Watch_it_learn.py"


def test_tab_meets_the_training_buttons_row_by_row_as_they_are_drawn():
    """Streamlit writes a column's elements before the next column's, so with one column for Start and
    Step: 1 sample and another for Reset and Step: 1 epoch, Tab went Start, Step: 1 sample, Reset, Step:
    1 epoch: up and down the two columns, not along the rows the learner reads."""
    at = AppTest.from_file(f"../../{PAGE}", default_timeout=60)
    at.run()
    assert not at.exception
    keys = [button.key for button in at.sidebar.button
            if button.key in ("live_start", "live_reset", "live_step_sample", "live_step_epoch")]
    assert keys == ["live_start", "live_reset", "live_step_sample", "live_step_epoch"]
