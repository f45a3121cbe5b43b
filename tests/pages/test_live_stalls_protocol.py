"""A live page that lost its timer is revived by the server; a page that updates is left alone.

Against `streamlit run dashboard.py`, two learners (benchmarks/streamlit_protocol.py) press
Start on the live page. One loses the timer its Start declared, as Streamlit's race under load
loses a full run's last messages (docs/classroom.md): its page trains but never asks for an
update. The server's watchdog (ui/live/watchdog.py) must push it one full rerun, which declares
the timer again, after which it updates; the other learner's page must get no rerun it did not
ask for, over longer than a stall takes to be noticed.
"""

from __future__ import annotations

import asyncio

import pytest

from benchmarks.streamlit_protocol import Learner
from conftest import start_streamlit
from double_delivery import run, stop
from ui.live.tick import HEARTBEAT_SECONDS, TICK_VARIABLE
from ui.live.watchdog import CHECK_SECONDS, STALL_SECONDS, STALL_TICKS

LIVE_PAGE = "Watch_it_learn"
TICK = 0.2


@pytest.fixture(scope="module")
def dashboard():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(TICK_VARIABLE, str(TICK))  # one known tick: the stall rule's time is known
        process, url = start_streamlit("dashboard.py")
    yield url
    stop(process)


def test_the_watchdog_revives_a_training_page_that_lost_its_timer_and_leaves_an_updating_page_alone(dashboard):
    quiet_enough = max(STALL_TICKS * TICK, STALL_SECONDS) + 2 * CHECK_SECONDS

    async def scenario():
        lost, running = Learner(dashboard, LIVE_PAGE, "seed=3"), Learner(dashboard, LIVE_PAGE, "seed=4")
        for learner in (lost, running):
            await learner.open()
        lost.lose_timers = 1  # the timer its Start declares never arrives
        await lost.press("live_start")
        await running.press("live_start")
        after_start = {"lost": (dict(lost.intervals), lost.record.full_runs, len(lost.record.updates)),
                       "running": running.record.full_runs}
        revived = await lost.wait_until(lambda: len(lost.record.updates) >= 3, timeout=120)
        await asyncio.sleep(quiet_enough)  # both train on, longer than a stall takes to be noticed
        await asyncio.gather(lost.close(), running.close())
        return after_start, revived, lost.record, running.record, dict(lost.intervals)

    after_start, revived, lost, running, lost_intervals = run(scenario())
    intervals, full_runs, updates = after_start["lost"]
    assert intervals == {} and updates == 0, "the page lost its timer: trains but asks for nothing"
    assert revived, "the watchdog revived it"
    assert lost.full_runs == full_runs + 1, "with one full rerun"
    # which declared its timer again: the tick's, or the heartbeat's once the page is streamed (a class is too)
    assert len(lost_intervals) == 1 and list(lost_intervals.values())[0] in (pytest.approx(TICK),
                                                                              pytest.approx(HEARTBEAT_SECONDS))
    assert running.full_runs == after_start["running"], "the updating page got no rerun it did not ask for"
    assert len(running.updates) > 0
    assert lost.problems() == running.problems() == []
