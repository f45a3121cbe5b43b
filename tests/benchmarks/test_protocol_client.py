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
from conftest import start_streamlit, state_by_id, stop_streamlit
from every_widget_app import every_widget_app

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
        timers_after_the_stop = dict(learner.intervals)
        # A timer request sent just before the stop may still be waiting for its run, or running (for as long
        # as a busy machine takes): one more full run, asked for now, comes after it (the server takes a tab's
        # requests in order and runs one script at a time, folding a waiting fragment request into the full
        # one), so once that run is over, every fragment run the server began has reached the client.
        await learner.go(learner.page, learner.query)
        await learner.close()
        return learner, stopped, timers_after_the_stop

    learner, stopped, timers_after_the_stop = run(scenario())
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
    assert all(latency > 0 and finished in learner.record.updates for finished, latency in learner.record.latencies)
    assert timers_after_the_stop == {}  # the app's last full run declared no timer, so the client stopped asking
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



#: What the app holds before any change, and what each change (as a learner makes it: the option as
#: the widget shows it) gives it.
DRAWN_VALUES = {
    "checkbox": True, "toggle": False, "radio": "two", "radio_none": None, "selectbox": "c",
    "multiselect": ["z", "x"], "select_slider": 0.1, "set_rate": 0.03, "slider": 20, "range": (0.25, 0.75),
    "number_int": 3, "number_float": 0.5, "number_none": None, "text_input": "hello", "text_area": "lines",
    "file_uploader": None, "colour": "#3366cc", "set_colour": "#00002a", "form_text": "typed", "tab_number": 4,
    "expander_toggle": True,
}
#: The state of each as Chromium sends it before any change (its kind of value and value), captured off its
#: websocket on this app; tests/browser/test_browser_widget_states.py compares the two live. A lenient
#: deserializer reads a value it does not know as the widget's default, so the app alone cannot tell.
SENT_AT_FIRST = {
    "checkbox": ("bool_value", True), "toggle": ("bool_value", False), "radio": ("string_value", "two"),
    "radio_none": (None, None), "selectbox": ("string_value", "C"), "multiselect": ("string_array_value", ["z", "x"]),
    "select_slider": ("string_array_value", ["0.1"]), "set_rate": ("string_array_value", ["0.03"]),
    "slider": ("double_array_value", [20.0]), "range": ("double_array_value", [0.25, 0.75]),
    "number_int": ("int_value", 3), "number_float": ("double_value", 0.5), "number_none": (None, None),
    "text_input": ("string_value", "hello"), "text_area": ("string_value", "lines"),
    "file_uploader": ("file_uploader_state_value", ""), "colour": ("string_value", "#3366cc"),
    "set_colour": ("string_value", "#00002a"), "form_text": ("string_value", "typed"),
    "tab_number": ("int_value", 4), "expander_toggle": ("bool_value", True),
}
CHANGES = {
    "checkbox": (False, False), "radio": ("three", "three"), "radio_none": ("one", "one"),
    "selectbox": ("A", "a"), "multiselect": (["y"], ["y"]), "select_slider": ("0.3", 0.3), "slider": (35, 35),
    "range": ([0.5, 1.0], (0.5, 1.0)), "number_int": (150, 150), "number_float": (2.25, 2.25),
    "number_none": (7.5, 7.5), "text_input": ("bye", "bye"), "text_area": ("more\nlines", "more\nlines"),
    "toggle": (True, True), "colour": ("#aa0011", "#aa0011"),
}


def test_the_client_sends_every_widgets_state_encoded_as_the_app_reads_it_back(tmp_path):
    script = tmp_path / "every_widget.py"
    script.write_text(every_widget_app(tick_seconds=60))  # the test sends each fragment request itself
    process, url = start_streamlit(str(script))

    async def scenario():
        learner = Learner(url, keep_text=True, keep_requests=True)
        await learner.open()
        learner.stop_timers()  # the test sends each fragment request itself
        fragment_id = next(iter(learner.intervals))
        seen = []

        async def fragment_run():
            await learner.rerun_fragment(fragment_id)
            seen.append((eval(learner.text[-2]), eval(learner.text[-1]), learner.requests[-1]))

        await fragment_run()
        await fragment_run()  # the states the first request carried are now the app's "old" ones
        await learner.press("bump")
        await fragment_run()
        for key, (shown, _) in CHANGES.items():
            await learner.change(key, shown)
        await fragment_run()
        await learner.change("toggle", False)
        await fragment_run()
        await learner.close()
        return learner, seen

    try:
        learner, seen = run(scenario())
    finally:
        stop_streamlit(process)
    assert learner.record.problems() == []
    ids = learner.widget_ids
    sent_keys = lambda request: {widget.id.split("-", 2)[2] for widget in request.widget_states.widgets}  # noqa: E731

    # Before any change: every widget the app drew (not the button) went with the fragment's own
    # request, and the app read each back as the value it drew: no on_change fired.
    values, changed, request = seen[1]
    assert {key.split("-", 2)[2]: sent for key, sent in state_by_id(request).items()} == SENT_AT_FIRST
    assert values == DRAWN_VALUES and changed == []
    assert request.is_auto_rerun and request.context_info.locale == "en-US"
    assert request.context_info.url == url + "/"
    # The app set a widget's value: the client took it up, so its later requests did not undo it.
    values, changed, request = seen[2]
    assert values["set_rate"] == 0.3 and values["set_colour"] == "#00002b" and changed == []
    assert not any(widget.trigger_value for widget in request.widget_states.widgets)  # the click went once
    # Each change the client made reached the app as that value, fired that widget's on_change once,
    # and stayed in every later request; the widget drawn only while the toggle is on went with them.
    values, changed, request = seen[3]
    assert values == {**DRAWN_VALUES, "set_rate": 0.3, "set_colour": "#00002b", "while_toggle": "shown",
                      **{key: value for key, (_, value) in CHANGES.items()}}
    assert changed == list(CHANGES)
    assert sent_keys(request) == set(DRAWN_VALUES) | {"while_toggle"}
    # A widget the page no longer draws is forgotten, as the browser forgets it.
    values, changed, request = seen[4]
    assert "while_toggle" not in sent_keys(request) and ids["while_toggle"] not in learner.widget_states.states
    assert values["toggle"] is False and changed == list(CHANGES) + ["toggle"]


#: Updates each run of the streaming app draws, one over the other.
STREAMED = 5

STREAMING_APP = """
import time

import streamlit as st

if st.button("Start", key="start"):
    st.session_state.runs = 0

@st.fragment(run_every=0.5 if "runs" in st.session_state else None)
def streamed():
    if "runs" in st.session_state:
        st.session_state.runs += 1
        if st.session_state.runs > 4:  # three runs of its own (the first was inside the full run): stop
            del st.session_state["runs"]
            st.rerun()
    for number in range(STREAMED):  # each drawing over the last, as a streamed live page's run does
        slot = st.empty() if number == 0 else slot
        slot.text(f"run {st.session_state.get('runs', 0)} update {number}")
        time.sleep(0.01)

streamed()
"""


def test_a_run_that_draws_over_its_own_elements_again_is_an_update_each_time(tmp_path):
    script = tmp_path / "streaming_app.py"
    script.write_text(STREAMING_APP.replace("STREAMED", str(STREAMED)))
    process, url = start_streamlit(str(script))
    try:
        async def scenario():
            learner = Learner(url, keep_text=True)
            await learner.open()
            await learner.press("start")  # a full run: its fragment draws STREAMED updates too
            stopped = await learner.wait_until(lambda: learner.record.full_runs >= 3, timeout=60)  # open, Start, stop
            await learner.close()
            return learner, stopped

        learner, stopped = run(scenario())
    finally:
        stop_streamlit(process)
    assert stopped
    record = learner.record
    assert record.fragment_runs == 3 and record.problems() == []
    assert len(record.updates) == 3 * STREAMED  # the full runs' drawings are not live updates
    assert len(record.latencies) == 3  # each run's first update answered its timer's request, the others none
    assert f"run 4 update {STREAMED - 1}" in learner.text  # run 1: the fragment inside the full run
