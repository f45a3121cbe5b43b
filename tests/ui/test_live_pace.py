"""A tab is never asked for live updates faster than its browser draws them (ui/live/pace.py, ui/live/tick.py).

Every decision is checked from what a browser said it drew and given times; nothing here is timed.
"""

from __future__ import annotations

import pytest

from ui.live.pace import LATE_IN_A_ROW, LATE_SECONDS, REMEMBERED, SLOW_DOWN, SPEED_UP_AFTER, Behind, BrowserPace, SentUpdates
from ui.live.tick import TICK_LEVELS, PageTick, ServerLoad, ServerTick


class Clock:
    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self):
        return self.now


ON_TIME = Behind(updates=1, late=0.0, interval=0.05)


def fall_behind(pace: BrowserPace, behind: Behind, interval: float) -> None:
    """The browser is ``behind`` in enough requests in a row to be judged late."""
    for _ in range(LATE_IN_A_ROW):
        pace.judge(behind, interval, TICK_LEVELS)


def test_how_late_is_how_long_ago_the_oldest_update_not_drawn_besides_the_latest_was_sent():
    sent = SentUpdates()
    assert sent.behind(0, 10.0) is None
    for number in range(1, 6):
        assert sent.send(10.0 + 0.25 * number) == number  # a phone's timer: every 0.25 s
    now = 11.30
    assert sent.behind(5, now) == Behind(0, 0.0, pytest.approx(0.25))  # drawn it all
    assert sent.behind(4, now) == Behind(1, 0.0, pytest.approx(0.25))  # the latest on its way: not late
    assert sent.behind(2, now) == Behind(3, pytest.approx(now - 10.75), pytest.approx(0.25))  # 3 waits since 10.75
    many = SentUpdates()
    for number in range(1, 2 * REMEMBERED):
        many.send(float(number))
    oldest_kept = 2 * REMEMBERED - REMEMBERED  # further behind than remembered: at least as late as that
    assert many.behind(1, 100.0).late == pytest.approx(100.0 - oldest_kept)


def test_updates_sent_after_the_browser_asked_are_neither_behind_nor_late():
    # A busy server takes up a request after it came; a streamed run meanwhile sends more updates.
    sent = SentUpdates()
    for number in range(1, 6):
        sent.send(10.0 + 0.1 * number)  # 10.1, 10.2, ..., 10.5
    asked_at = 10.32  # the browser had drawn 2, and 3 (sent 10.3) was on its way
    assert sent.behind(2, asked_at) == Behind(1, 0.0, pytest.approx(0.1))
    # Taken up at 10.6, with 4 and 5 sent meanwhile: judged then, it would be three updates and 0.3 s behind.
    assert sent.behind(2, 10.6) == Behind(3, pytest.approx(0.3), pytest.approx(0.1))
    assert sent.behind(1, asked_at) == Behind(2, pytest.approx(asked_at - 10.2), pytest.approx(0.1))


def test_a_browser_that_is_never_late_keeps_any_level():
    pace = BrowserPace()
    for behind in (ON_TIME, Behind(3, 0.1, 0.05), None):  # None: no browser said (AppTest, the protocol benchmarks)
        for _ in range(5):
            pace.judge(behind, 0.05, TICK_LEVELS)
    assert pace.floor == 0.0


def test_a_browser_a_moment_late_and_then_caught_up_keeps_its_level():
    pace = BrowserPace()
    late = Behind(4, LATE_SECONDS, 0.05)
    for _ in range(10):
        for behind in [late] * (LATE_IN_A_ROW - 1) + [ON_TIME]:
            pace.judge(behind, 0.05, TICK_LEVELS)
    assert pace.floor == 0.0
    for _ in range(LATE_IN_A_ROW - 1):  # ... but late in enough requests in a row: a backlog
        pace.judge(late, 0.05, TICK_LEVELS)
    assert pace.floor == 0.0
    pace.judge(late, 0.05, TICK_LEVELS)
    assert pace.floor == 0.07


def test_a_late_browser_gets_the_first_level_at_least_a_quarter_slower_than_it_really_asked():
    pace = BrowserPace()
    fall_behind(pace, Behind(6, 0.3, 0.05), 0.05)
    assert pace.floor == 0.07 and pace.floor >= SLOW_DOWN * 0.05  # 0.0625 is no level: the next one
    phone = BrowserPace()
    fall_behind(phone, Behind(5, 1.0, 0.25), 0.05)  # declared 0.05 s, but its timer fired every 0.25 s
    assert phone.floor == 0.32  # 0.3125 is no level
    slowest = BrowserPace()
    fall_behind(slowest, Behind(2, 3.0, 0.5), TICK_LEVELS[-1])
    assert slowest.floor == TICK_LEVELS[-1]


def test_a_browser_is_given_the_time_to_draw_its_backlog_before_it_is_slowed_again():
    pace = BrowserPace()
    fall_behind(pace, Behind(10, 2.0, 0.25), 0.05)
    assert pace.floor == 0.32
    for _ in range(10 + LATE_IN_A_ROW):  # a request for each update it had, and LATE_IN_A_ROW more: still late
        pace.judge(Behind(11, 1.0, 0.3), pace.floor, TICK_LEVELS)
    assert pace.floor == 0.32
    pace.judge(Behind(11, 1.0, 0.32), pace.floor, TICK_LEVELS)  # and one more: the pace is still too fast
    assert pace.floor == 0.4


def test_once_caught_up_a_browser_that_is_late_again_is_slowed_again():
    pace = BrowserPace()
    fall_behind(pace, Behind(10, 2.0, 0.25), 0.05)
    pace.judge(ON_TIME, pace.floor, TICK_LEVELS)  # caught up
    fall_behind(pace, Behind(2, 0.5, 0.4), pace.floor)  # late again, at once: a new backlog
    assert pace.floor == 0.5


def test_a_browser_that_keeps_up_long_enough_is_asked_one_level_faster_each_time_down_to_no_floor():
    pace = BrowserPace()
    fall_behind(pace, Behind(8, 0.4, 0.08), 0.06)
    assert pace.floor == 0.1
    floors = []
    for _ in range(5 * SPEED_UP_AFTER):
        pace.judge(ON_TIME, max(pace.floor, 0.05), TICK_LEVELS)
        floors.append(pace.floor)
    assert floors[SPEED_UP_AFTER - 2] == 0.1 and floors[SPEED_UP_AFTER - 1] == 0.09  # not before it has held
    assert floors[2 * SPEED_UP_AFTER - 1] == 0.08 and floors[3 * SPEED_UP_AFTER - 1] == 0.07
    assert floors[-1] == 0.0  # then 0.06, then the fastest level: no floor at all
    fall_behind(pace, Behind(8, 0.4, 0.05), 0.05)
    pace.judge(ON_TIME, pace.floor, TICK_LEVELS)
    assert pace.keeping_up == 1  # a slow-down starts the count again


def test_a_page_whose_browser_is_late_tells_it_a_slower_interval_of_its_own_and_says_why():
    server = ServerTick(ServerLoad(clock=Clock(), process_cpu=Clock(0.0)))
    page = PageTick("phone")
    phone = Behind(5, 1.0, 0.25)
    assert page.declare(True, server, environment={}) == 0.05
    assert page.update(server, environment={}, behind=None) is None  # the fragment inside that full run
    assert page.update(server, environment={}, behind=ON_TIME) is None  # keeping up: nothing to tell
    assert page.note() == ""
    for _ in range(LATE_IN_A_ROW - 1):
        assert page.update(server, environment={}, behind=phone) is None  # a moment late is no backlog
    assert page.update(server, environment={}, behind=phone) == 0.32  # the browser's timer, from now on
    assert page.seconds == 0.32 and server.current() == 0.05  # this tab only: the server's level is unchanged
    assert "this browser drew them more slowly than they came" in page.note() and "0.32 s" in page.note()
    assert page.update(server, environment={}, behind=Behind(4, 0.9, 0.3)) is None  # told once; working through
    assert page.declare(False, server, environment={}) is None  # Pause
    assert page.declare(True, server, environment={}) == 0.32  # a phone stays a phone across a pause
    assert page.update(server, environment={}, behind=ON_TIME) is None  # the fragment inside that full run: not judged
    for _ in range(SPEED_UP_AFTER):
        told = page.update(server, environment={}, behind=ON_TIME)
    assert told == 0.28 and page.seconds == 0.28


def test_a_fixed_tick_is_kept_whatever_the_browser_says():
    server = ServerTick(ServerLoad(clock=Clock(), process_cpu=Clock(0.0)))
    page = PageTick("phone")
    environment = {"NN_DASHBOARD_TICK_SECONDS": "0.1"}
    page.declare(True, server, environment=environment)
    page.update(server, environment=environment)
    for _ in range(2 * LATE_IN_A_ROW):
        assert page.update(server, environment=environment, behind=Behind(20, 5.0, 0.5)) is None
    assert page.seconds == 0.1


def test_the_page_judges_its_browser_as_it_was_when_its_request_reached_the_server(monkeypatch):
    from types import SimpleNamespace

    from ui.live import drawn

    sent = SentUpdates()
    for number in range(1, 6):
        sent.send(10.0 + 0.1 * number)
    monkeypatch.setattr(drawn.st, "session_state", {drawn.SENT_KEY: sent, drawn.ECHO_KEY: drawn.colour_of(2)})
    monkeypatch.setattr(drawn, "time", SimpleNamespace(monotonic=lambda: 10.6))  # the run takes it up at 10.6
    monkeypatch.setattr(drawn, "request_arrived_at", lambda: 10.32)
    assert drawn.browser_behind() == Behind(1, 0.0, pytest.approx(0.1))
    monkeypatch.setattr(drawn, "request_arrived_at", lambda: None)  # no server to say (AppTest): judged now
    assert drawn.browser_behind() == Behind(3, pytest.approx(0.3), pytest.approx(0.1))
