"""ui/server_push against a real `streamlit run`: a thread of the server reruns a session's page or fragment.

A tiny two-page app shows its session's id and its fragment's id; a thread of the server
(started once by the app) carries out the test's orders, each a file: push this session
(its fragment, or its whole page), or say whether it is alive; it writes back the outcome.
The tab is benchmarks/streamlit_protocol.py's client; it sends no request of its own after
its clicks (no timers), so every run it sees after a push is the push's. Each step waits for
the one before; nothing depends on how fast the machine is.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import pytest

from benchmarks.streamlit_protocol import Learner
from conftest import start_streamlit
from double_delivery import last_markdown, run, stop

#: Only a guard against a hung server; a loaded 2-core machine may take long over each step.
PATIENCE_SECONDS = 240

MAIN_PAGE = """
import streamlit as st
st.write("main page")
"""

#: The page a tab follows: its runs, a text box, a button that counts its clicks, and a fragment.
SECOND_PAGE = """
import json
import os
import threading
import time
from pathlib import Path

import streamlit as st

from ui.server_push import SessionRef, is_alive, request_rerun, this_session

ORDERS = Path(os.environ["PUSH_TEST_ORDERS"])


@st.cache_resource
def order_taker():
    def take_orders():
        while True:
            for order_file in sorted(ORDERS.glob("*.order")):
                order = json.loads(order_file.read_text())
                if order["kind"] == "alive":
                    outcome = str(is_alive(order["session"]))
                else:
                    outcome = request_rerun(SessionRef(order["session"], order.get("fragment"))).result(60).value
                answer = order_file.with_suffix(".answer")
                answer.write_text(outcome)
                order_file.unlink()
                answer.rename(order_file.with_suffix(".done"))  # whole, or not at all, as the order came
            time.sleep(0.02)

    threading.Thread(target=take_orders, daemon=True).start()
    return True


order_taker()
st.session_state.setdefault("full_runs", 0)
st.session_state.setdefault("clicks", 0)
st.session_state.full_runs += 1
st.write(f"session {this_session().session_id}")
st.text_input("Name", key="name")


def count():
    st.session_state.clicks += 1


st.button("Count", key="count", on_click=count)
if st.button("Block", key="block"):
    (ORDERS / "blocked").write_text("yes")
    while not (ORDERS / "release").exists():
        time.sleep(0.02)
st.write(f"full runs {st.session_state.full_runs} clicks {st.session_state.clicks} "
         f"name {st.session_state.name} query {sorted(st.query_params.items())}")


@st.fragment
def followed():
    st.session_state.fragment_runs = st.session_state.get("fragment_runs", 0) + 1
    st.write(f"fragment {this_session().fragment_id} runs {st.session_state.fragment_runs} "
             f"clicks {st.session_state.clicks} name {st.session_state.name} "
             f"query {sorted(st.query_params.items())}")


followed()
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("push_app")
    (folder / "pages").mkdir()
    (folder / "main.py").write_text(MAIN_PAGE)
    (folder / "pages" / "second.py").write_text(SECOND_PAGE)
    orders = folder / "orders"
    orders.mkdir()
    process, url = start_streamlit(str(folder / "main.py"), env={"PUSH_TEST_ORDERS": str(orders)})
    yield url, orders
    stop(process)


class Orders:
    """The test's side of the app's order taker."""

    def __init__(self, folder: Path):
        self.folder, self.count = folder, 0

    async def give(self, **order) -> str:
        self.count += 1
        name = f"{time.monotonic_ns()}-{self.count}"
        pending = self.folder / f"{name}.tmp"
        pending.write_text(json.dumps(order))
        pending.rename(pending.with_suffix(".order"))  # whole, or not at all
        done = self.folder / f"{name}.done"
        deadline = time.monotonic() + PATIENCE_SECONDS
        while not done.exists():
            assert time.monotonic() < deadline, "the app's order taker did not answer"
            await asyncio.sleep(0.02)
        return done.read_text()


async def open_second_page(url: str) -> Learner:
    learner = Learner(url, "second", "lesson=7&lang=ru", keep_text=True)
    await learner.open()
    learner.stop_timers()
    return learner


def session_and_fragment(learner: Learner) -> tuple[str, str]:
    session = last_markdown(learner, r"^session (\S+)$").group(1)
    fragment = last_markdown(learner, r"^fragment (\S+) runs").group(1)
    return session, fragment


QUERY = "[('lang', 'ru'), ('lesson', '7')]"


def test_a_pushed_fragment_rerun_runs_that_fragment_alone_keeping_page_address_and_widget_values(app):
    url, folder = app

    async def scenario():
        learner = await open_second_page(url)
        orders = Orders(folder)
        await learner.change("name", "Ann")
        await learner.press("count")
        session, fragment = session_and_fragment(learner)
        page, full_runs, updates = learner.page_script_hash, learner.record.full_runs, len(learner.record.updates)
        outcome = await orders.give(kind="push", session=session, fragment=fragment)
        await learner.wait_until(lambda: len(learner.record.updates) > updates, PATIENCE_SECONDS)
        seen = last_markdown(learner, r"^fragment .*").group(0)
        after = (learner.page_script_hash, learner.record.full_runs, len(learner.record.updates))
        await learner.close()
        return outcome, seen, (page, full_runs, updates), after, learner.record

    outcome, seen, before, after, record = run(scenario())
    assert outcome == "rerun"
    # Three full runs drew it (open, the name, the click); the push's run is its fourth.
    assert seen.endswith(f"runs 4 clicks 1 name Ann query {QUERY}")
    page, full_runs, updates = before
    assert after == (page, full_runs, updates + 1), "one fragment run, on the same page, and no full run"
    assert record.problems() == []


def test_a_pushed_full_rerun_keeps_the_page_its_address_and_widget_values_and_fires_no_click_again(app):
    url, folder = app

    async def scenario():
        learner = await open_second_page(url)
        orders = Orders(folder)
        await learner.change("name", "Bo")
        await learner.press("count")
        session, _ = session_and_fragment(learner)
        page, full_runs = learner.page_script_hash, learner.record.full_runs
        drawn_before = len(learner.markdown)
        outcome = await orders.give(kind="push", session=session)
        await learner.wait_until(lambda: learner.record.full_runs > full_runs, PATIENCE_SECONDS)
        seen = last_markdown(learner, r"^full runs .*").group(0)
        after = (learner.page_script_hash, learner.record.full_runs)
        drawn = learner.markdown[drawn_before:]
        await learner.close()
        return outcome, seen, (page, full_runs), after, drawn, learner.record

    outcome, seen, (page, full_runs), after, drawn, record = run(scenario())
    assert outcome == "rerun"
    # open, the name, the click, the push: four runs; the click counted once.
    assert seen == f"full runs 4 clicks 1 name Bo query {QUERY}"
    assert after == (page, full_runs + 1)
    assert "main page" not in drawn, "the push ran the page the tab is on, not the app's first page"
    assert record.problems() == []


def test_a_session_in_the_middle_of_a_run_is_not_pushed_but_told_busy(app):
    url, folder = app

    async def scenario():
        learner = await open_second_page(url)
        orders = Orders(folder)
        session, fragment = session_and_fragment(learner)
        full_runs = learner.record.full_runs
        blocked = asyncio.create_task(learner.press("block", timeout=PATIENCE_SECONDS))
        deadline = time.monotonic() + PATIENCE_SECONDS
        while not (folder / "blocked").exists():
            assert time.monotonic() < deadline, "the Block run never started"
            await asyncio.sleep(0.02)
        outcomes = [await orders.give(kind="push", session=session, fragment=fragment),
                    await orders.give(kind="push", session=session)]
        (folder / "release").write_text("yes")
        await blocked
        (folder / "blocked").unlink()
        (folder / "release").unlink()
        session, fragment = session_and_fragment(learner)  # as the Block run drew them
        settled = await orders.give(kind="push", session=session, fragment=fragment)
        await learner.wait_until(lambda: len(learner.record.updates) >= 1, PATIENCE_SECONDS)
        runs = (learner.record.full_runs - full_runs, len(learner.record.updates))
        await learner.close()
        return outcomes, settled, runs

    outcomes, settled, runs = run(scenario())
    assert outcomes == ["busy", "busy"]
    assert settled == "rerun"
    assert runs == (1, 1), "the Block click's run, then the one push that was accepted"


def test_a_push_to_a_fragment_no_longer_drawn_or_to_a_closed_tab_changes_nothing(app):
    url, folder = app

    async def scenario():
        learner = await open_second_page(url)
        orders = Orders(folder)
        session, fragment = session_and_fragment(learner)
        alive_while_open = await orders.give(kind="alive", session=session)
        missing_fragment = await orders.give(kind="push", session=session, fragment="not-a-fragment")
        runs = (learner.record.full_runs, len(learner.record.updates))
        await learner.close()
        deadline = time.monotonic() + PATIENCE_SECONDS
        alive_after_close = "True"
        while alive_after_close == "True" and time.monotonic() < deadline:
            alive_after_close = await orders.give(kind="alive", session=session)
        closed = await orders.give(kind="push", session=session, fragment=fragment)
        return alive_while_open, missing_fragment, runs, alive_after_close, closed

    alive_while_open, missing_fragment, runs, alive_after_close, closed = run(scenario())
    assert alive_while_open == "True"
    assert missing_fragment == "no_fragment"
    assert runs == (1, 0), "only the tab's own first run"
    assert alive_after_close == "False"
    assert closed == "gone"


def test_without_a_streamlit_server_there_is_no_session_to_push_to():
    from ui.server_push import Outcome, SessionRef, is_alive, request_rerun, this_session

    assert this_session() is None
    assert not is_alive("any")
    assert request_rerun(SessionRef("any")).result(timeout=1) is Outcome.NO_SERVER

