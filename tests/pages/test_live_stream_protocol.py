"""The live page against `streamlit run`: a learner alone is streamed, many updates a script run.

The tab is benchmarks/streamlit_protocol.py's client, which says back each update's number as it
arrives (ui/live/drawn.py), as a browser that draws at once does, and counts an update each time
a fragment run draws over its own elements again. Nothing here depends on how fast the machine is:
each step waits for what the server decided (the browser's timer it was told, a run finished).
"""

from __future__ import annotations

import asyncio

from benchmarks.streamlit_protocol import Learner
from double_delivery import run
from ui.live.tick import HEARTBEAT_SECONDS

LIVE_PAGE = "Watch_it_learn"
#: Streamed runs watched.
RUNS = 3


async def streamed(learner: Learner) -> str:
    """Open the live page, press Start, and wait until the page is streamed: its timer is the heartbeat."""
    await learner.open()
    await learner.press("live_start")
    (fragment_id,) = learner.intervals
    assert await learner.wait_until(lambda: learner.intervals.get(fragment_id) == HEARTBEAT_SECONDS, timeout=90), \
        "a learner alone whose browser keeps up is streamed"
    return fragment_id


def test_a_learner_alone_gets_many_updates_a_run_and_pause_ends_the_run_at_once(dashboard):
    async def scenario():
        learner = Learner(dashboard, LIVE_PAGE, "seed=3")
        await streamed(learner)
        record = learner.record
        runs, updates = record.fragment_runs, len(record.updates)
        assert await learner.wait_until(lambda: record.fragment_runs >= runs + RUNS, timeout=90)
        streamed_runs, streamed_updates = record.fragment_runs - runs, len(record.updates) - updates
        await learner.press("live_start")  # Pause: answered by a full run, however long the streamed run had left
        label, after_pause = learner.labels["live_start"], len(record.updates)
        await asyncio.sleep(HEARTBEAT_SECONDS)  # a streamed run left going would have drawn more by now
        updates_after = len(record.updates) - after_pause
        await learner.close()
        return streamed_runs, streamed_updates, label, updates_after, record

    streamed_runs, streamed_updates, label, updates_after, record = run(scenario())
    assert streamed_updates >= 2 * streamed_runs, "each streamed run draws update after update"
    assert "Start" in label and updates_after == 0, "Pause ends the streamed run and nothing more is drawn"
    assert record.problems() == []


def test_a_second_learner_training_gives_the_first_a_timer_per_update_again(dashboard):
    async def scenario():
        first = Learner(dashboard, LIVE_PAGE, "seed=4")
        fragment_id = await streamed(first)
        second = Learner(dashboard, LIVE_PAGE, "seed=5")
        await second.open()
        await second.press("live_start")
        told = await first.wait_until(lambda: first.intervals[fragment_id] < HEARTBEAT_SECONDS, timeout=90)
        record = first.record
        finished = record.fragment_runs
        await first.wait_until(lambda: record.fragment_runs >= finished + 1, timeout=90)  # the streamed run's end
        runs, updates = record.fragment_runs, len(record.updates)
        await first.wait_until(lambda: record.fragment_runs >= runs + 10, timeout=90)
        counted = record.fragment_runs - runs, len(record.updates) - updates
        for learner in (first, second):
            await learner.press("live_start")  # Pause: the next test's learner is alone again
            await learner.close()
        return told, counted, first.record.problems() + second.record.problems()

    told, (runs, updates), problems = run(scenario())
    assert told, "the first learner's browser is told a timer per update again"
    assert updates == runs, "one update a run, as every learner of a class has"
    assert problems == []

