"""ui/runner_handover against a real `streamlit run`: a finished run's last messages are not lost.

The race (ui/runner_handover.py): a request that the server's event loop handles after a
session's script thread has finished its run and stopped, but before the loop has handled
that run's last events, makes a new ScriptRunner, and Streamlit drops the old one's events.

A tiny app makes that happen every time, with no timing: its "Lag" button's run first puts a
task on the event loop that holds it until the run's thread has stopped (so the run's later
events wait behind it on the loop's queue), then asks the session for a rerun of the page's
fragment, as a fragment timer's request arriving at that moment does. The tab is
benchmarks/streamlit_protocol.py's client, with no timers of its own.
"""

from __future__ import annotations

import pytest

from benchmarks.streamlit_protocol import Learner
from conftest import start_streamlit
from double_delivery import last_markdown, run, stop

#: Only a guard against a hung server; each step waits for the one before.
PATIENCE_SECONDS = 120

APP = """
import time

import streamlit as st
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequestType

import ui  # installs ui/runner_handover, as every page of the dashboard does
from ui.server_push import this_session

st.session_state.setdefault("fragment_runs", 0)


@st.fragment
def followed():
    st.session_state.fragment_runs += 1
    st.session_state.fragment_id = this_session().fragment_id
    st.write(f"fragment runs {st.session_state.fragment_runs}")


def hold_the_loop_then_ask_for_the_fragment(session_id: str, fragment_id: str) -> None:
    # Runs on the event loop, so the run's events (sent after this was queued) wait behind it.
    session = Runtime.instance().get_app_session(session_id)
    runner = session._scriptrunner
    deadline = time.monotonic() + 60
    while runner._requests._state != ScriptRequestType.STOP:  # the run ended and found nothing waiting
        if time.monotonic() > deadline:
            return
        time.sleep(0.005)
    state = ClientState()
    state.CopyFrom(session._client_state)
    state.fragment_id = fragment_id
    session.request_rerun(state)


followed()
lag = st.button("Lag", key="lag")
if lag:
    loop = Runtime.instance()._get_async_objs().eventloop
    loop.call_soon_threadsafe(hold_the_loop_then_ask_for_the_fragment, this_session().session_id,
                              st.session_state.fragment_id)
st.write(f"end of the page, lagged {lag}")
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("handover_app")
    (folder / "app.py").write_text(APP)
    process, url = start_streamlit(str(folder / "app.py"))
    yield url
    stop(process)


def test_a_run_that_ended_before_the_next_request_was_handled_still_reaches_the_browser_whole(app):
    async def scenario():
        learner = Learner(app, keep_text=True)
        await learner.open(timeout=PATIENCE_SECONDS)
        learner.stop_timers()
        full_runs = learner.record.full_runs
        await learner.press("lag", timeout=PATIENCE_SECONDS)  # fails by timing out without the handover
        after_press = learner.record.full_runs
        await learner.wait_until(lambda: learner.record.updates, PATIENCE_SECONDS)
        await learner.close()
        return full_runs, after_press, learner

    full_runs, after_press, learner = run(scenario())
    assert after_press == full_runs + 1, "the Lag run's script_finished reached the tab"
    assert last_markdown(learner, r"^end of the page, lagged (\w+)$").group(1) == "True", \
        "the Lag run's last element reached the tab"
    # The request that came in the lag ran too, after the run it followed: the fragment's second run.
    assert len(learner.record.updates) == 1
    assert last_markdown(learner, r"^fragment runs (\d+)$").group(1) == "3"
    assert learner.record.problems() == []
