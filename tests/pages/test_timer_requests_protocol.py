"""ui/timer_requests against a real `streamlit run`: a timer's request that arrives during a run
waits for that run to end and be sent, so no update is computed and then thrown away.

What it prevents (ui/timer_requests.py): Streamlit queues such a request, so the fragment's
next run starts as the last one ends; when the event loop handles that start before its next
flush, the last run's unsent messages are cleared. A tiny app makes that happen every time,
with no timing: its fragment's first own run waits for the test's word, then puts a task on
the event loop that holds it until the run's thread has either started its next run or stopped
with nothing to do, so the run's last messages are still unsent when that is decided.
The tab is benchmarks/streamlit_protocol.py's client, sending each timer request itself.
"""

from __future__ import annotations

import asyncio
import time

import pytest
from streamlit.proto.ClientState_pb2 import ClientState

from benchmarks.streamlit_protocol import Learner
from conftest import start_streamlit
from double_delivery import last_markdown, run, stop
from ui import timer_requests
from ui.timer_requests import is_timer_request

#: Only a guard against a hung server; each step waits for the one before.
PATIENCE_SECONDS = 120

APP = """
import time
from pathlib import Path

import streamlit as st
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequestType

import ui  # installs ui/timer_requests, as every page of the dashboard does
from ui.server_push import this_session

FOLDER = Path(FOLDER_PATH)
st.session_state.setdefault("runs", 0)


def hold_the_loop_until_the_thread_moves_on(session_id: str, runs: int) -> None:
    # Runs on the event loop, so the run's last events (sent after this was queued) wait behind it.
    runner = Runtime.instance().get_app_session(session_id)._scriptrunner
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if (FOLDER / f"started {runs + 1}").exists() or runner._requests._state == ScriptRequestType.STOP:
            return
        time.sleep(0.005)


@st.fragment
def followed():
    st.session_state.runs += 1
    runs = st.session_state.runs
    (FOLDER / f"started {runs}").write_text("")
    if runs == 2:  # the fragment's first own run
        (FOLDER / "blocked").write_text("")
        while not (FOLDER / "release").exists():
            time.sleep(0.01)
        loop = Runtime.instance()._get_async_objs().eventloop
        loop.call_soon_threadsafe(hold_the_loop_until_the_thread_moves_on, this_session().session_id, runs)
    st.write(f"fragment {this_session().fragment_id} runs {runs}")


followed()
"""


@pytest.fixture()
def app(tmp_path):
    (tmp_path / "app.py").write_text(APP.replace("FOLDER_PATH", repr(str(tmp_path))))
    process, url = start_streamlit(str(tmp_path / "app.py"))
    yield url, tmp_path
    stop(process)


async def wait_for_file(path, patience: float = PATIENCE_SECONDS) -> None:
    deadline = time.monotonic() + patience
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name} never came"
        await asyncio.sleep(0.02)


def test_timer_requests_that_arrive_during_a_run_make_one_run_after_it_and_no_update_is_thrown_away(app):
    url, folder = app

    async def scenario():
        learner = Learner(url, keep_text=True)
        await learner.open(timeout=PATIENCE_SECONDS)
        learner.stop_timers()
        fragment_id = last_markdown(learner, r"^fragment (\S+) runs 1$").group(1)
        await learner.send_timer_request(fragment_id)  # its run waits for the word
        await wait_for_file(folder / "blocked")
        await learner.send_timer_request(fragment_id)  # two more ticks while it runs
        await learner.send_timer_request(fragment_id)
        await learner.sync(PATIENCE_SECONDS)  # the server has handled both
        (folder / "release").write_text("")
        await learner.wait_until(lambda: len(learner.record.updates) >= 2, PATIENCE_SECONDS)
        await learner.sync(PATIENCE_SECONDS)
        await learner.close()
        return learner

    learner = run(scenario())
    # Both runs reached the tab, the blocked one and one run for the two requests that came during it,
    # each whole: its element, and its end as a finished run (not one cut short).
    seen = [text.split()[-1] for text in learner.markdown if text.startswith("fragment ")]
    assert seen == ["1", "2", "3"]
    assert len(learner.record.updates) == 2 and learner.record.interrupted == 0
    assert not (folder / "started 4").exists()
    assert learner.record.problems() == []


def timer_request(**fields) -> ClientState:
    state = ClientState(fragment_id="f1", is_auto_rerun=True)
    for name, value in fields.items():
        setattr(state, name, value)
    return state


def test_only_a_fragment_timers_request_with_no_click_in_it_waits():
    assert is_timer_request(timer_request())
    assert not is_timer_request(None)  # a rerun of the page as it is (a saved script file)
    assert not is_timer_request(timer_request(is_auto_rerun=False))  # a click inside the fragment
    assert not is_timer_request(timer_request(fragment_id=""))  # a whole page's rerun
    with_values = timer_request()
    with_values.widget_states.widgets.add(id="slider", double_value=0.3)
    with_values.widget_states.widgets.add(id="button", trigger_value=False)
    assert is_timer_request(with_values)  # a browser sends every widget's value with each request
    for click in ({"trigger_value": True}, {"string_trigger_value": {"data": "x"}}, {"json_trigger_value": "{}"}):
        carrying = timer_request()
        carrying.widget_states.widgets.add(id="clicked", **click)
        assert not is_timer_request(carrying), click  # a timer that fired between a click and its request


def test_each_request_notes_when_it_reached_the_session_held_or_not(monkeypatch):
    """A run judges how late the browser was when it asked (ui/live/drawn.py), not when the run took it up."""
    from streamlit.runtime.app_session import AppSession

    class Clock:
        now = 100.0

        def monotonic(self):
            return self.now

    clock = Clock()
    monkeypatch.setattr(timer_requests, "time", clock)
    timer_requests.install()
    class BusySession:  # a session with a run in progress: all that the held request's path reads
        _scriptrunner, _state = object(), None

    busy = BusySession()
    assert timer_requests.arrived_at(busy) is None
    AppSession._handle_rerun_script_request(busy, timer_request())
    assert timer_requests.held(busy)["f1"] == timer_request()  # held: its run comes later
    assert timer_requests.arrived_at(busy) == 100.0
    clock.now = 100.5
    AppSession._handle_rerun_script_request(busy, timer_request())
    assert timer_requests.arrived_at(busy) == 100.5
    assert timer_requests.arrival(busy).is_set()
