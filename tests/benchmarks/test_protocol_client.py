"""The load client speaks Streamlit's protocol (benchmarks/streamlit_protocol.py): checked against a tiny app.

The app counts every fragment run it starts and stops its timer after a known number. The
client must account for each of them: as a live update, or as a run stopped early for a newer
request (the last one, by the app's own st.rerun; on a busy machine also a run that the next
timer request overtook). That holds however fast or busy the machine is.
"""

from __future__ import annotations

import asyncio
import subprocess

import pytest

from benchmarks.streamlit_protocol import Learner
from conftest import start_streamlit

#: Fragment runs the tiny app makes after Start before it stops its own timer.
UPDATES = 7

TINY_APP = f"""
import streamlit as st

st.session_state.setdefault("updates", 0)
if st.button("Start", key="start"):
    st.session_state.running = True
if st.button("Raise", key="raise"):
    raise RuntimeError("the tiny app raised on purpose")
if st.button("Complain", key="complain"):
    st.error("an error box")
st.write("query", dict(st.query_params))

@st.fragment(run_every=0.05 if st.session_state.get("running") else None)
def counter():
    from streamlit.runtime.scriptrunner import get_script_run_ctx
    if get_script_run_ctx().fragment_ids_this_run:  # a fragment's own run, not the full run
        st.session_state.updates += 1
        if st.session_state.updates >= {UPDATES}:
            st.session_state.running = False
            st.rerun()  # the whole page: the timer is declared no more
    st.write(f"updates {{st.session_state.updates}}")

counter()
"""


@pytest.fixture(scope="module")
def tiny_app(tmp_path_factory):
    script = tmp_path_factory.mktemp("tiny") / "tiny_app.py"
    script.write_text(TINY_APP)
    process, url = start_streamlit(str(script))
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, 120))


def test_the_client_accounts_for_every_fragment_run_the_app_made(tiny_app):
    async def scenario():
        learner = Learner(tiny_app, query="seed=3")
        await learner.open()
        assert learner.record.full_runs == 1 and not learner.record.updates
        assert {"start", "raise", "complain"} <= set(learner.widget_ids)
        await learner.press("start")
        assert list(learner.intervals.values()) == [pytest.approx(0.05)]  # the declared run_every
        # At least: a timer request already on its way can run the fragment once more after the stop,
        # and its own st.rerun makes a fourth full run, possibly before this loop looks again.
        stopped = await learner.wait_until(lambda: learner.record.full_runs >= 3, timeout=60)
        await asyncio.sleep(0.3)  # any run after the stop would be counted now
        await learner.close()
        return learner, stopped

    learner, stopped = run(scenario())
    assert stopped, "the app's own st.rerun after the last update never came"
    record = learner.record
    # The last fragment run ends early, in the full rerun it asks for: at most the others are updates,
    # and none the app made is lost (a busy server may also stop a run early, or before it starts).
    assert 1 <= len(record.updates) <= UPDATES - 1
    assert len(record.updates) + record.interrupted >= UPDATES
    # a latency for each update that answered a request of its own (two runs may answer one request)
    assert 0 < len(record.latencies) <= len(record.updates)
    assert all(latency > 0 for latency in learner.record.latencies)
    assert learner.intervals == {}  # the last full run declared no timer, so the client stopped asking
    assert learner.record.problems() == []


def test_the_client_sees_an_exception_and_an_error_box(tiny_app):
    async def scenario():
        learner = Learner(tiny_app)
        await learner.open()
        await learner.press("raise")
        raised = list(learner.record.exceptions)
        await learner.press("complain")
        await learner.close()
        return raised, learner.record

    raised, record = run(scenario())
    assert raised == ["RuntimeError: the tiny app raised on purpose"]
    assert record.error_boxes == ["an error box"]
    assert len(record.problems()) == 2


def test_the_client_reports_a_connection_the_server_dropped(tmp_path):
    script = tmp_path / "tiny_app.py"
    script.write_text(TINY_APP)
    process, url = start_streamlit(str(script))

    async def scenario():
        learner = Learner(url)
        await learner.open()
        process.terminate()
        process.wait(timeout=30)
        await learner.wait_until(lambda: bool(learner.record.lost), timeout=30)
        await learner.close()
        return learner.record

    try:
        record = run(scenario())
    finally:
        process.kill()
    assert record.lost
    assert any(problem.startswith("connection lost") for problem in record.problems())
