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
from ui.live.tick import TICK_VARIABLE
from double_delivery import click_carried_by_the_timer_then_sent, last_counter, last_markdown, run, stop

LIVE_PAGE = "Watch_it_learn"
STEP_PAGE = "Step_through"
CLASSROOM_PAGE = "Classroom"
#: One sample per live update, so every update's count is known: the test counts samples exactly.
ONE_SAMPLE_PER_UPDATE = "seed=3&speed=1"


@pytest.fixture(scope="module")
def dashboard():
    # A fixed tick, the slowest allowed: the tests send every request themselves (no timer of
    # theirs runs), so the server's watchdog, which pushes a full rerun (one live update more) to
    # a training page that has asked for nothing for ten ticks (ui/live/watchdog.py), must wait
    # longer than any step of a test takes, even on a loaded machine.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(TICK_VARIABLE, "5")
        process, url = start_streamlit("dashboard.py")
    yield url
    stop(process)


async def live_page_training_one_sample_per_update(url: str) -> Learner:
    """The live page, started, with no timer of its own: the test sends every request itself (a
    timer started by Start could fire before the test stops it, training a sample more)."""
    learner = Learner(url, LIVE_PAGE, ONE_SAMPLE_PER_UPDATE, keep_text=True)
    await learner.open()
    learner.stop_timers()
    await learner.press("live_start")
    assert learner.labels["live_start"] == "Pause" and learner.intervals, "training, its timer declared"
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


def shown_stage(learner: Learner) -> int:
    return int(last_markdown(learner, r"^Stage (\d+) of 10").group(1))


def test_next_never_moves_two_stages_for_one_click_while_play_ticks(dashboard):
    # Back and Next sit in the fragment that Play's timer reruns, so the timer's run draws them
    # again between the two deliveries of a click: while Play runs they are off (ui/step/view.py).
    async def scenario():
        learner = Learner(dashboard, STEP_PAGE, keep_text=True)
        await learner.open()
        learner.stop_timers()
        await learner.change("step_play", True)
        assert learner.intervals, "Play declares its timer"
        playing = shown_stage(learner), learner.disabled["step_next"], learner.disabled["step_back"]
        await click_carried_by_the_timer_then_sent(learner, "step_next")
        after_click_while_playing = shown_stage(learner)
        await learner.change("step_play", False)
        paused = learner.intervals == {}, learner.disabled["step_next"]
        await learner.press("step_next")
        after_click_while_paused = shown_stage(learner)
        await learner.close()
        return playing, after_click_while_playing, paused, after_click_while_paused, learner.record

    playing, after_click_while_playing, paused, after_click_while_paused, record = run(scenario())
    assert playing == (1, True, True), "stage 1, Back and Next off while Play runs"
    assert after_click_while_playing == 1, "no move for a click on Next drawn off (and never two)"
    assert paused == (True, False), "Play off: no timer, Next on again"
    assert after_click_while_paused == 2, "one click, one stage"
    assert record.problems() == []


def test_reveal_reveals_once_when_the_projectors_poll_carries_the_click(dashboard):
    # Reveal is an `if st.button` inside the projector's polling fragment, so both deliveries reach
    # it unless the first one's redraw leaves it out: revealing again would be refused with an error.
    async def scenario():
        learner = Learner(dashboard, CLASSROOM_PAGE, keep_text=True)
        await learner.open()
        learner.stop_timers()
        await learner.press("room_start")
        await learner.press("room_ask")
        projector = learner.widget_fragments["room_reveal"]
        assert projector in learner.intervals, "Reveal is drawn by a fragment with a timer"
        await click_carried_by_the_timer_then_sent(learner, "room_reveal", projector)
        await learner.close()
        return learner.html, learner.record

    html, record = run(scenario())
    assert any("The true answer:" in body for body in html)
    assert record.problems() == [], "no error: the question was revealed once"


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
    learner.stop_timers()
    await learner.press("start")
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
