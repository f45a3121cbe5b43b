"""The live page against `streamlit run`: a tab whose browser falls behind is asked for updates less often.

Each live update gives the page's hidden box (ui/live/drawn.py) its number; a browser sends back
the number of the last update it drew. The tab here is benchmarks/streamlit_protocol.py's
client, which says back each number as it arrives, as a browser that draws at once does, unless
a request says an older one, as a phone's does when it has fallen behind. Each request is sent
once the run before it has finished; a request that says an old number waits LATE_SECONDS first,
so the update it has not drawn is at least that late however fast the machine is.
"""

from __future__ import annotations

import asyncio

from benchmarks.streamlit_protocol import Learner
from double_delivery import run
from ui.live.drawn import ECHO_KEY, colour_of
from ui.live.pace import LATE_IN_A_ROW, LATE_SECONDS, SPEED_UP_AFTER
from ui.live.tick import TICK_LEVELS

LIVE_PAGE = "Watch_it_learn"
#: Updates drawn as they come before the tab says it is stuck at the first.
WARM_UP = 3


def test_a_tab_that_says_it_drew_an_old_update_gets_a_slower_timer_and_a_faster_one_once_it_keeps_up(dashboard):
    async def scenario():
        learner = Learner(dashboard, LIVE_PAGE, "seed=3")
        await learner.open()
        await learner.press("live_start")
        learner.stop_timers()  # from here the test sends every request itself
        (fragment_id,) = learner.intervals
        intervals = []
        for _ in range(WARM_UP):  # drawing each update as it comes
            await learner.rerun_fragment(fragment_id)
            intervals.append(round(learner.intervals[fragment_id], 4))  # sent as a 32-bit float
        for _ in range(LATE_IN_A_ROW + 2):  # a phone still drawing the first update
            await asyncio.sleep(LATE_SECONDS)
            await learner.rerun_fragment(fragment_id, values={ECHO_KEY: colour_of(1)})
            intervals.append(round(learner.intervals[fragment_id], 4))  # sent as a 32-bit float
        for _ in range(SPEED_UP_AFTER):  # caught up, and keeping up
            await learner.rerun_fragment(fragment_id)
            intervals.append(round(learner.intervals[fragment_id], 4))  # sent as a 32-bit float
        await learner.close()
        return intervals, learner.record

    intervals, record = run(scenario())
    fastest = TICK_LEVELS[0]
    assert intervals[:WARM_UP] == [fastest] * WARM_UP, "a tab that keeps up keeps the fastest level"
    behind = intervals[WARM_UP:WARM_UP + LATE_IN_A_ROW + 2]
    assert behind[:LATE_IN_A_ROW - 1] == [fastest] * (LATE_IN_A_ROW - 1), "a moment late is no backlog"
    slowest = behind[LATE_IN_A_ROW - 1]
    assert slowest >= 0.07, "late in requests in a row: at least a quarter slower"
    assert behind[LATE_IN_A_ROW:] == [slowest] * 2, "then given the time to draw what it has"
    keeping_up = intervals[WARM_UP + LATE_IN_A_ROW + 2:]
    assert keeping_up[:-1] == [slowest] * (SPEED_UP_AFTER - 1), "kept until it has kept up for a while"
    assert intervals[-1] == TICK_LEVELS[TICK_LEVELS.index(slowest) - 1], "then one level faster"
    assert record.problems() == []
