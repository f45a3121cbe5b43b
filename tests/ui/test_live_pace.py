"""A tab is never asked for live updates faster than its browser draws them (ui/live/pace.py, ui/live/tick.py).

Every decision is checked from what a browser said it drew; nothing here is timed.
"""

from __future__ import annotations

from ui.live.pace import LATE_IN_A_ROW, LATE_SECONDS, SLOW_DOWN, SPEED_UP_AFTER, BrowserPace, late
from ui.live.tick import TICK_LEVELS, PageTick, ServerLoad, ServerTick


class Clock:
    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self):
        return self.now


def fall_behind(pace: BrowserPace, behind: int, interval: float) -> None:
    """The browser says it is ``behind`` in enough requests in a row to be judged late."""
    for _ in range(LATE_IN_A_ROW):
        pace.judge(behind, interval, TICK_LEVELS)


def test_late_is_counted_in_seconds_of_training_besides_the_update_on_its_way():
    assert not late(1, 2.0)  # the update on its way, however slow
    assert not late(3, 0.05) and not late(5, 0.05) and late(6, 0.05)  # a desktop two or three behind: 0.1 s
    assert late(2, 0.25) and late(2, LATE_SECONDS) and not late(2, 0.2)


def test_a_browser_that_is_never_late_keeps_any_level():
    pace = BrowserPace()
    for behind in (0, 1, 3, 1, 5, None):  # None: no browser said (AppTest, the protocol benchmarks)
        pace.judge(behind, 0.05, TICK_LEVELS)
    assert pace.floor == 0.0


def test_a_browser_a_moment_late_and_then_caught_up_keeps_its_level():
    pace = BrowserPace()
    for _ in range(10):
        for behind in [8] * (LATE_IN_A_ROW - 1) + [1]:
            pace.judge(behind, 0.05, TICK_LEVELS)
    assert pace.floor == 0.0
    for _ in range(LATE_IN_A_ROW - 1):  # ... but late in enough requests in a row: a backlog
        pace.judge(8, 0.05, TICK_LEVELS)
    assert pace.floor == 0.0
    pace.judge(8, 0.05, TICK_LEVELS)
    assert pace.floor == 0.08


def test_a_late_browser_gets_the_first_level_at_least_half_as_slow_again_as_its_interval():
    pace = BrowserPace()
    fall_behind(pace, 6, 0.05)
    assert pace.floor == 0.08 and pace.floor >= SLOW_DOWN * 0.05  # 0.075 is no level: the next one
    slow = BrowserPace()
    fall_behind(slow, 10, 0.25)
    assert slow.floor == 0.4  # 0.375 is no level
    slowest = BrowserPace()
    fall_behind(slowest, 2, TICK_LEVELS[-1])
    assert slowest.floor == TICK_LEVELS[-1]


def test_a_browser_working_through_its_backlog_is_not_slowed_again_unless_it_falls_further_behind():
    pace = BrowserPace()
    fall_behind(pace, 10, 0.25)
    assert pace.floor == 0.4
    for behind in (10, 8, 5, 3):  # drawing what it has at the slower pace: still late
        pace.judge(behind, pace.floor, TICK_LEVELS)
    assert pace.floor == 0.4
    pace.judge(11, pace.floor, TICK_LEVELS)  # still too fast: it fell further behind
    assert pace.floor == 0.63


def test_once_caught_up_a_browser_that_is_late_again_is_slowed_again():
    pace = BrowserPace()
    fall_behind(pace, 10, 0.25)
    pace.judge(1, pace.floor, TICK_LEVELS)  # caught up
    fall_behind(pace, 2, pace.floor)  # late again, though less behind than before
    assert pace.floor == 0.63


def test_a_browser_that_keeps_up_long_enough_is_asked_one_level_faster_each_time_down_to_no_floor():
    pace = BrowserPace()
    fall_behind(pace, 8, 0.06)
    assert pace.floor == 0.09
    floors = []
    for _ in range(4 * SPEED_UP_AFTER):
        pace.judge(1, max(pace.floor, 0.05), TICK_LEVELS)
        floors.append(pace.floor)
    assert floors[SPEED_UP_AFTER - 2] == 0.09 and floors[SPEED_UP_AFTER - 1] == 0.08  # not before it has held
    assert floors[2 * SPEED_UP_AFTER - 1] == 0.07 and floors[3 * SPEED_UP_AFTER - 1] == 0.06
    assert floors[-1] == 0.0  # the fastest level: no floor at all
    fall_behind(pace, 8, 0.05)
    pace.judge(0, pace.floor, TICK_LEVELS)
    assert pace.keeping_up == 1  # a slow-down starts the count again


def test_a_page_whose_browser_is_late_tells_it_a_slower_interval_of_its_own_and_says_why():
    server = ServerTick(ServerLoad(clock=Clock(), process_cpu=Clock(0.0)))
    page = PageTick("phone")
    assert page.declare(True, server, environment={}) == 0.05
    assert page.update(server, environment={}, behind=None) is None  # the fragment inside that full run
    assert page.update(server, environment={}, behind=1) is None  # keeping up: nothing to tell
    assert page.note() == ""
    for _ in range(LATE_IN_A_ROW - 1):
        assert page.update(server, environment={}, behind=9) is None  # a moment late is no backlog
    assert page.update(server, environment={}, behind=9) == 0.08  # the browser's timer, from now on
    assert page.seconds == 0.08 and server.current() == 0.05  # this tab only: the server's level is unchanged
    assert "this browser drew them more slowly than they came" in page.note() and "0.08 s" in page.note()
    assert page.update(server, environment={}, behind=8) is None  # told once; working through its backlog
    assert page.declare(False, server, environment={}) is None  # Pause
    assert page.declare(True, server, environment={}) == 0.08  # a phone stays a phone across a pause
    assert page.update(server, environment={}, behind=0) is None  # the fragment inside that full run: not judged
    for _ in range(SPEED_UP_AFTER):
        told = page.update(server, environment={}, behind=0)
    assert told == 0.07 and page.seconds == 0.07


def test_a_fixed_tick_is_kept_whatever_the_browser_says():
    server = ServerTick(ServerLoad(clock=Clock(), process_cpu=Clock(0.0)))
    page = PageTick("phone")
    environment = {"NN_DASHBOARD_TICK_SECONDS": "0.1"}
    page.declare(True, server, environment=environment)
    page.update(server, environment=environment)
    for _ in range(2 * LATE_IN_A_ROW):
        assert page.update(server, environment=environment, behind=20) is None
    assert page.seconds == 0.1
