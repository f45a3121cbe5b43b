"""The load client speaks Streamlit's protocol (benchmarks/streamlit_protocol.py): checked against a tiny app.

The app counts, in files, the fragment runs it begins and those that drew, and stops its timer
after a known number; the client must account for every run it began, as an update or as a run
stopped early, however fast or busy the machine is.
"""

from __future__ import annotations

import asyncio
import concurrent.futures

import pytest

from benchmarks.streamlit_protocol import Learner
from conftest import start_streamlit, stop_streamlit

#: Fragment runs the tiny app makes after Start before it stops its own timer.
UPDATES = 7

TINY_APP = """
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

DRAWN = Path(DRAWN_FILE)  # fragment runs that drew, as the app counts them
STARTED = Path(DRAWN_FILE + ".started")  # fragment runs that began

st.session_state.setdefault("updates", 0)
if st.button("Start", key="start"):
    st.session_state.running = True
if st.button("Raise", key="raise"):
    raise RuntimeError("the tiny app raised on purpose")
if st.button("Complain", key="complain"):
    st.error("an error box")
if st.button("Rewrite the address", key="rewrite"):
    del st.query_params["seed"]
    st.query_params["rewritten"] = "yes"
st.write(f"query {sorted(st.query_params.items())}")

@st.fragment(run_every=0.05 if st.session_state.get("running") else None)
def counter():
    own_run = bool(get_script_run_ctx().fragment_ids_this_run)  # not the full run's
    if own_run:
        STARTED.write_text(str(int(STARTED.read_text()) + 1))
    if own_run and st.session_state.get("running"):
        st.session_state.updates += 1
        if st.session_state.updates >= UPDATES:
            st.session_state.running = False
            st.rerun()  # the whole page, before drawing: the timer is declared no more
    st.write(f"updates {st.session_state.updates}")
    if own_run:
        DRAWN.write_text(str(int(DRAWN.read_text()) + 1))

counter()
"""


def write_app(folder) -> tuple[str, object]:
    drawn = folder / "drawn.txt"
    drawn.write_text("0")
    (folder / "drawn.txt.started").write_text("0")
    script = folder / "tiny_app.py"
    script.write_text(TINY_APP.replace("DRAWN_FILE", repr(str(drawn))).replace("UPDATES", str(UPDATES)))
    return str(script), drawn


@pytest.fixture(scope="module")
def tiny_app(tmp_path_factory):
    script, drawn = write_app(tmp_path_factory.mktemp("tiny"))
    process, url = start_streamlit(script)
    yield url, drawn
    stop_streamlit(process)


def run(coroutine):
    """Run the scenario in a thread of its own: a test that ran before may have left an event
    loop running in this one (Streamlit's AppTest does), where asyncio.run is refused."""
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        return thread.submit(lambda: asyncio.run(asyncio.wait_for(coroutine, 120))).result()


def test_the_client_counts_exactly_the_fragment_runs_the_app_made(tiny_app):
    url, drawn = tiny_app

    async def scenario():
        learner = Learner(url, query="seed=3")
        await learner.open()
        assert learner.record.full_runs == 1 and not learner.record.updates
        assert {"start", "raise", "complain"} <= set(learner.widget_ids)
        await learner.press("start")
        assert list(learner.intervals.values()) == [pytest.approx(0.05)]  # the declared run_every
        stopped = await learner.wait_until(lambda: learner.record.full_runs >= 3, timeout=60)
        await asyncio.sleep(1.0)  # a timer request sent just before the stop has run by now
        await learner.close()
        return learner, stopped

    learner, stopped = run(scenario())
    assert stopped, "the app's own st.rerun after the last update never came"
    record = learner.record
    started = int((drawn.parent / "drawn.txt.started").read_text())
    # Every fragment run the app began is accounted for, as an update (its elements reached the
    # client) or as stopped early with none: the last stops before drawing, in the full rerun it
    # asks for; on a busy server a newer request may stop others, and Streamlit drops a run's
    # elements still waiting to be sent when the next run starts.
    assert len(record.updates) + record.interrupted == started >= UPDATES
    assert len(record.updates) >= 1 and int(drawn.read_text()) >= 1
    # a latency for each update that answered a request (two runs may answer one request)
    assert 0 < len(learner.record.latencies) <= len(learner.record.updates)
    assert all(latency > 0 for latency in learner.record.latencies)
    assert learner.intervals == {}  # the last full run declared no timer, so the client stopped asking
    assert learner.record.problems() == []


def test_the_client_sees_an_exception_and_an_error_box(tiny_app):
    async def scenario():
        learner = Learner(tiny_app[0])
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


def test_the_client_asks_with_the_address_the_page_rewrote_as_a_browser_does(tiny_app):
    async def scenario():
        learner = Learner(tiny_app[0], query="seed=3&lesson=2", keep_text=True)
        await learner.open()
        opened = learner.markdown[-2]
        await learner.press("rewrite")
        await learner.press("complain")  # any later run: it sees the address the browser now has
        await learner.close()
        return opened, learner.markdown[-2], learner.query

    opened, later, query = run(scenario())
    assert opened == "query [('lesson', '2'), ('seed', '3')]"
    assert later == "query [('lesson', '2'), ('rewritten', 'yes')]"
    assert query == "lesson=2&rewritten=yes"


def test_the_client_reports_a_connection_the_server_dropped(tmp_path):
    script, _ = write_app(tmp_path)
    process, url = start_streamlit(script)

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


#: Fragment runs that draw two big elements (Streamlit caches messages of 10 KB and more by their hash):
#: one new on every run, one the same on every run (sent as a reference once the browser has it).
BIG_APP = """
import streamlit as st

st.session_state.setdefault("updates", 0)
if st.button("Start", key="start"):
    st.session_state.running = True

@st.fragment(run_every=0.05 if st.session_state.get("running") else None)
def big():
    if st.session_state.get("running"):
        st.session_state.updates += 1
        if st.session_state.updates > 40:
            st.session_state.running = False
            st.rerun()
    st.html("<p>changing " + "word " * 3000 + str(st.session_state.updates) + "</p>")
    st.html("<p>the same " + "word " * 3000 + "</p>")

big()
"""


def test_the_client_forgets_cached_messages_as_a_browser_does_and_reads_references_from_its_cache(tmp_path):
    script = tmp_path / "big_app.py"
    script.write_text(BIG_APP)
    process, url = start_streamlit(str(script))

    async def scenario():
        learner = Learner(url, keep_text=True)
        await learner.open()
        await learner.press("start")
        stopped = await learner.wait_until(lambda: learner.record.full_runs >= 3, timeout=60)
        await learner.close()
        return learner, stopped

    try:
        learner, stopped = run(scenario())
    finally:
        stop_streamlit(process)
    assert stopped and len(learner.record.updates) >= 10
    assert learner.record.problems() == []  # no reference to a message the client had forgotten
    # Each run's "changing" message is new; a browser keeps it for two more runs, then drops it:
    # the hashes a request carries stay a few, however many updates came before.
    assert len(learner.cached_hashes) <= 5
    # After the first run the unchanged message comes as a reference, read from the cache: the client
    # reads it on run after run, not once. (Not exactly once a run: on a busy server a run cut short,
    # or a newer element for the same place still queued, changes what is sent.)
    changing = [body for body in learner.html if body.startswith("<p>changing")]
    same = [body for body in learner.html if body.startswith("<p>the same")]
    assert len(changing) >= 10 and len(same) >= 10
