"""The live page against `streamlit run`: a learner whose browser keeps up is streamed, many updates a script run.

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


async def started(learner: Learner) -> str:
    """Open the live page and press Start; from then on the test sends every request itself. The fragment's id."""
    await learner.open()
    await learner.press("live_start")
    learner.stop_timers()
    (fragment_id,) = learner.intervals
    return fragment_id


async def streamed(learner: Learner, fragment_id: str | None = None) -> str:
    """Ask a training page (``fragment_id``; one opened and started here if None) for updates, each drawn
    before the next request, until the page is streamed: its browser's timer is the heartbeat. The fragment's id."""
    fragment_id = fragment_id or await started(learner)
    for _ in range(STREAM_AFTER + 1):
        await learner.rerun_fragment(fragment_id)
        if learner.intervals[fragment_id] == HEARTBEAT_SECONDS:
            return fragment_id
    raise AssertionError("a learner whose browser draws every update in time is streamed")


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


def test_two_learners_training_at_once_are_each_streamed(dashboard):
    async def drawn_in(learner: Learner, fragment_id: str) -> tuple[int, int]:
        """Runs and updates of RUNS requests, each sent once the run before has ended."""
        record = learner.record
        runs, updates = record.fragment_runs, len(record.updates)
        for _ in range(RUNS):
            await learner.rerun_fragment(fragment_id)
        return record.fragment_runs - runs, len(record.updates) - updates

    async def scenario():
        # Both ask at once throughout: a learner whose requests stopped for seconds would be revived
        # by the watchdog (ui/live/watchdog.py), as a tab that lost its timer is.
        learners = [Learner(dashboard, LIVE_PAGE, "seed=4"), Learner(dashboard, LIVE_PAGE, "seed=5")]
        fragments = await asyncio.gather(*(started(learner) for learner in learners))
        await asyncio.gather(*(streamed(learner, fragment) for learner, fragment in zip(learners, fragments)))
        drawn = await asyncio.gather(*(drawn_in(learner, fragment) for learner, fragment in zip(learners, fragments)))
        told = [learner.intervals[fragment] for learner, fragment in zip(learners, fragments)]
        for learner in learners:
            await learner.press("live_start")  # Pause: the next test's learner is alone again
            await learner.close()
        return told, drawn, [problem for learner in learners for problem in learner.record.problems()]

    told, drawn, problems = run(scenario())
    assert told == [HEARTBEAT_SECONDS] * 2, "each learner's browser keeps the heartbeat: streamed"
    for runs, updates in drawn:
        assert updates > runs, "each learner's runs draw update after update"
    assert problems == []
