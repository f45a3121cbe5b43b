"""The live page against `streamlit run`: a learner alone is streamed, many updates a script run.

The tab is benchmarks/streamlit_protocol.py's client, which says back each update's number as it
arrives (ui/live/drawn.py), as a browser that draws at once does, and counts an update each time
a fragment run draws over its own elements again. The test sends every timer request itself,
each once the run before it has finished, so the browser has drawn every update it asks after
however busy the machine is; each step then waits for what the server decided (the browser's
timer it was told, a run finished), not for a time.
"""

from __future__ import annotations

import asyncio

import pytest

from benchmarks.streamlit_protocol import Learner
from conftest import start_streamlit
from double_delivery import last_counter, run, stop
from ui.live.tick import HEARTBEAT_SECONDS, STREAM_AFTER, TICK_VARIABLE

LIVE_PAGE = "Watch_it_learn"
#: Streamed runs watched.
RUNS = 3
#: The server's fixed tick. A page is streamed only while its browser asks about as often as its timer
#: should (``KEPT_PACE`` times the tick); this test's requests each wait for the run before, which on a
#: loaded 2-core machine took longer than the fastest tick's 0.055 s, so at that tick the page was never
#: streamed there. Each request here comes well within this tick however busy the machine.
TICK = 0.5


@pytest.fixture(scope="module")
def dashboard():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(TICK_VARIABLE, str(TICK))
        process, url = start_streamlit("dashboard.py")
    yield url
    stop(process)


async def streamed(learner: Learner) -> str:
    """Open the live page, press Start, and ask for updates, each drawn before the next request, until
    the page is streamed: its browser's timer is the heartbeat. The fragment's id."""
    await learner.open()
    await learner.press("live_start")
    learner.stop_timers()  # from here the test sends every request itself
    (fragment_id,) = learner.intervals
    for _ in range(STREAM_AFTER + 1):
        await learner.rerun_fragment(fragment_id)
        if learner.intervals[fragment_id] == HEARTBEAT_SECONDS:
            return fragment_id
    raise AssertionError("a learner alone whose browser draws every update in time is streamed")


def test_a_learner_alone_gets_many_updates_a_run_and_pause_ends_the_run_at_once(dashboard):
    async def scenario():
        learner = Learner(dashboard, LIVE_PAGE, "seed=3", keep_text=True)
        fragment_id = await streamed(learner)
        record = learner.record
        runs, updates = record.fragment_runs, len(record.updates)
        for _ in range(RUNS):  # each run streams on until no request has come for ui.live.stream.MOST_SECONDS
            await learner.rerun_fragment(fragment_id)
        await learner.send_timer_request(fragment_id)  # the heartbeat: its run streams while the click comes
        await learner.wait_until(lambda: len(record.updates) >= updates + RUNS + 2, timeout=90)
        streamed_runs, streamed_updates = record.fragment_runs - runs, len(record.updates) - updates
        await learner.press("live_start")  # Pause: answered by a full run, however long the streamed run had left
        label, paused_at = learner.labels["live_start"], last_counter(learner, "Samples seen")
        await asyncio.sleep(HEARTBEAT_SECONDS)  # a streamed run left going would have trained more by now
        seen_later = last_counter(learner, "Samples seen")
        await learner.close()
        return streamed_runs, streamed_updates, label, paused_at, seen_later, record

    streamed_runs, streamed_updates, label, paused_at, seen_later, record = run(scenario())
    assert streamed_updates > streamed_runs + RUNS, "streamed runs draw update after update"
    assert "Start" in label and seen_later == paused_at, "Pause ends the streamed run: no more training"
    assert record.problems() == []


def test_a_second_learner_training_gives_the_first_a_timer_per_update_again(dashboard):
    async def scenario():
        first = Learner(dashboard, LIVE_PAGE, "seed=4")
        fragment_id = await streamed(first)
        second = Learner(dashboard, LIVE_PAGE, "seed=5")
        await second.open()
        await second.press("live_start")
        await first.rerun_fragment(fragment_id)  # the first's heartbeat, or the run after its streamed one ended
        told = first.intervals[fragment_id]
        record = first.record
        runs, updates = record.fragment_runs, len(record.updates)
        for _ in range(10):
            await first.rerun_fragment(fragment_id)
        counted = record.fragment_runs - runs, len(record.updates) - updates
        for learner in (first, second):
            await learner.press("live_start")  # Pause: the next test's learner is alone again
            await learner.close()
        return told, counted, first.record.problems() + second.record.problems()

    told, (runs, updates), problems = run(scenario())
    assert told < HEARTBEAT_SECONDS, "the first learner's browser is told a timer per update again"
    assert updates == runs == 10, "one update a run, as every learner of a class has"
    assert problems == []

