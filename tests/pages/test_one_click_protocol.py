"""One click, one action, against `streamlit run`, on the pages whose fragments have timers.

Streamlit 1.67 runs a button's callback in every run that carries its click, and a fragment's
timer that fires between a click and the browser sending it carries the click too (see
tests/pages/test_live_pause_protocol.py for the cause, pinned). Each test here sends the two
requests a browser then sends (tests/double_delivery.py), each once the run before has finished,
and checks that the click did what one click does.
"""

from __future__ import annotations

import pytest

from benchmarks.streamlit_protocol import Learner
from conftest import start_streamlit
from double_delivery import click_carried_by_the_timer_then_sent, last_counter, run, stop

LIVE_PAGE = "Watch_it_learn"
#: One sample per live update, so every update's count is known: the test counts samples exactly.
ONE_SAMPLE_PER_UPDATE = "seed=3&speed=1"


@pytest.fixture(scope="module")
def dashboard():
    process, url = start_streamlit("dashboard.py")
    yield url
    stop(process)


async def live_page_training_one_sample_per_update(url: str) -> Learner:
    """The live page, started, its timer stopped so the test sends every request itself."""
    learner = Learner(url, LIVE_PAGE, ONE_SAMPLE_PER_UPDATE, keep_html=True)
    await learner.open()
    await learner.press("live_start")
    assert learner.labels["live_start"] == "Pause"
    learner.stop_timers()
    return learner


def samples_seen(learner: Learner) -> int:
    return int(last_counter(learner, "Samples seen").replace(",", ""))


def test_step_one_sample_trains_one_sample_when_the_live_timer_carries_the_click_too(dashboard):
    async def scenario():
        learner = await live_page_training_one_sample_per_update(dashboard)
        (fragment_id,) = learner.intervals
        await learner.rerun_fragment(fragment_id)  # one live update: one sample
        before = samples_seen(learner)
        await click_carried_by_the_timer_then_sent(learner, "live_step_sample")
        after = samples_seen(learner)
        await learner.close()
        return before, after, learner.record

    before, after, record = run(scenario())
    # The timer's live update and the click's full run (its fragment updates too) train one sample
    # each; the click trains one more.
    assert after - before == 2 + 1
    assert record.problems() == []


def test_step_one_epoch_trains_to_the_end_of_one_epoch_when_the_live_timer_carries_the_click_too(dashboard):
    async def scenario():
        learner = await live_page_training_one_sample_per_update(dashboard)
        (fragment_id,) = learner.intervals
        await learner.rerun_fragment(fragment_id)
        epochs_before = int(last_counter(learner, "Epochs done"))
        await click_carried_by_the_timer_then_sent(learner, "live_step_epoch")
        epochs_after = int(last_counter(learner, "Epochs done"))
        await learner.close()
        return epochs_before, epochs_after, learner.record

    before, after, record = run(scenario())
    assert (before, after) == (0, 1), "one click, one epoch finished (the updates after it add a sample each)"
    assert record.problems() == []


#: A page with a ticking fragment, and a counter for each way a click or a change can act.
COUNTING_APP = """
import streamlit as st

state = st.session_state
for name in ("outside", "inside", "typed"):
    state.setdefault(name, 0)


def start():
    state.running = True


def rerun_on_every_tick():
    state.rerun_on_tick = True


def typed():
    state.typed += 1


st.button("Start", key="start", on_click=start)
st.button("Rerun the page on every tick", key="rerun_mode", on_click=rerun_on_every_tick)
st.text_input("Name", key="name", on_change=typed)
if st.button("Outside", key="outside_button"):
    state.outside += 1


@st.fragment(run_every=0.5 if state.get("running") else None)
def ticking():
    if st.button("Inside", key="inside_button"):
        state.inside += 1
    st.button(f"outside {state.outside} inside {state.inside} typed {state.typed}", key="counts")
    if state.get("rerun_on_tick"):
        state.rerun_on_tick = False
        st.rerun()  # as a poll does when the room changed


ticking()
"""


@pytest.fixture(scope="module")
def counting_app(tmp_path_factory):
    script = tmp_path_factory.mktemp("counting") / "counting_app.py"
    script.write_text(COUNTING_APP)
    process, url = start_streamlit(str(script))
    yield url
    stop(process)


async def counting_app_ticking(url: str) -> Learner:
    learner = Learner(url)
    await learner.open()
    await learner.press("start")
    learner.stop_timers()
    return learner


def test_an_if_button_outside_the_ticking_fragment_acts_once_when_the_timer_carries_the_click(counting_app):
    async def scenario():
        learner = await counting_app_ticking(counting_app)
        await click_carried_by_the_timer_then_sent(learner, "outside_button")
        await learner.close()
        return learner.labels["counts"]

    assert run(scenario()) == "outside 1 inside 0 typed 0"


def test_an_if_button_outside_acts_once_when_the_timers_run_reruns_the_page(counting_app):
    async def scenario():
        learner = await counting_app_ticking(counting_app)
        await learner.press("rerun_mode")
        await click_carried_by_the_timer_then_sent(learner, "outside_button")
        await learner.close()
        return learner.labels["counts"]

    assert run(scenario()) == "outside 1 inside 0 typed 0"


def test_an_if_button_inside_the_ticking_fragment_acts_twice_when_the_timer_carries_the_click(counting_app):
    # Why a button in a ticking fragment must give the same result twice (docs/pages.md): pinned,
    # so a Streamlit that delivers the click once says so here.
    async def scenario():
        learner = await counting_app_ticking(counting_app)
        await click_carried_by_the_timer_then_sent(learner, "inside_button")
        await learner.close()
        return learner.labels["counts"]

    assert run(scenario()) == "outside 0 inside 2 typed 0"


def test_a_text_inputs_on_change_runs_once_when_the_timer_carries_the_new_text(counting_app):
    async def scenario():
        learner = await counting_app_ticking(counting_app)
        (fragment_id,) = learner.intervals
        await learner.rerun_fragment(fragment_id, values={"name": "Ada"})
        await learner.change("name", "Ada")
        await learner.close()
        return learner.labels["counts"]

    assert run(scenario()) == "outside 0 inside 0 typed 1"
