"""Pause on the live page, against `streamlit run`, when Streamlit delivers the click twice.

A browser sends a click a moment after it happens: its widget manager batches widget updates in
a zero-delay timeout. A request sent in that moment carries every widget's state, the pending
click included. The live fragment's timer (``run_every``, 20 times a second for one learner)
that fires in that moment sends the click inside the fragment's rerun; the click's own full
rerun follows. The server runs the button's callback in both runs (seen in Chromium: the two
requests, 20 ms apart, both carrying the click). A button whose callback flips training on and
off then undoes its own click.

The client below (benchmarks/streamlit_protocol.py) sends exactly those two requests, one after
the other, each once the server has finished the run before it: no timing decides the outcome.
"""

from __future__ import annotations

from benchmarks.streamlit_protocol import Learner
from conftest import start_streamlit
from double_delivery import click_carried_by_the_timer_then_sent, run, stop

LIVE_PAGE = "Watch_it_learn"

#: A button outside a fragment with a timer, whose callback counts its calls.
TWICE_APP = """
import streamlit as st

st.session_state.setdefault("calls", 0)
st.session_state.setdefault("running", False)

def count():
    st.session_state.calls += 1

def start():
    st.session_state.running = True

st.button("Start", key="start", on_click=start)
st.button(f"Pressed {st.session_state.calls}", key="press", on_click=count)

@st.fragment(run_every=0.5 if st.session_state.running else None)
def timer():
    st.write("tick")

timer()
"""


def test_streamlit_runs_an_outside_buttons_callback_in_the_timers_fragment_run_and_again_in_the_clicks_run(tmp_path):
    # The cause, pinned: if a Streamlit upgrade delivers the click once, this says so.
    script = tmp_path / "twice_app.py"
    script.write_text(TWICE_APP)
    process, url = start_streamlit(str(script))

    async def scenario():
        learner = Learner(url)
        await learner.open()
        await learner.press("start")
        learner.stop_timers()  # this test sends every request itself
        await click_carried_by_the_timer_then_sent(learner, "press")
        await learner.close()
        return learner.labels["press"]

    try:
        label = run(scenario())
    finally:
        stop(process)
    assert label == "Pressed 2"


def test_pause_pauses_even_when_the_live_timer_carries_the_click_before_the_click_itself(dashboard):
    async def scenario():
        learner = Learner(dashboard, LIVE_PAGE, "seed=3")
        await learner.open()
        assert learner.labels["live_start"] == "Start" and learner.intervals == {}
        await learner.press("live_start")
        assert learner.labels["live_start"] == "Pause"
        learner.stop_timers()  # from here the test sends every request itself
        (fragment_id,) = learner.intervals
        await learner.rerun_fragment(fragment_id)  # one live update, as the timer asks
        trained = len(learner.record.updates)
        await click_carried_by_the_timer_then_sent(learner, "live_start")
        label, intervals = learner.labels["live_start"], dict(learner.intervals)
        # Paused: the timer the page declares no more, so a fragment request for it is not run.
        await learner.close()
        return label, intervals, trained, learner.record

    label, intervals, trained, record = run(scenario())
    assert trained >= 1, "the live update before the click ran"
    assert label == "Start", "the click on Pause was undone"
    assert intervals == {}, "a paused page declares no live timer"
    assert record.problems() == []
