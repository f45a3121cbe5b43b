"""The watchdog revives live pages whose updates stopped, and only those (ui/live/watchdog.py).

Every decision is checked from given times; nothing here is timed.
"""

from __future__ import annotations

from ui.live.watchdog import MAX_REVIVALS, STALL_SECONDS, STALL_TICKS, Watchdog


class Clock:
    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self):
        return self.now


class Pushes:
    """A stand-in for pushing a full rerun: records each, and says whether the session is there
    (False: gone) or running something (None: busy)."""

    def __init__(self, gone=(), busy=()):
        self.sessions, self.pages, self.gone, self.busy = [], [], set(gone), set(busy)

    def __call__(self, session_id: str, page: str) -> bool | None:
        self.sessions.append(session_id)
        self.pages.append(page)
        return None if session_id in self.busy else session_id not in self.gone


def test_a_page_that_keeps_updating_is_never_revived():
    clock, pushes = Clock(), Pushes()
    watchdog = Watchdog(pushes, clock=clock)
    watchdog.declared("running", 0.25)
    for _ in range(400):  # 100 s of updates, each a tick after the last
        clock.now += 0.25
        watchdog.updated("running", 0.25)
        assert watchdog.check() == []
    assert pushes.sessions == []


def test_a_training_page_whose_updates_stopped_is_revived_once_it_has_been_quiet_for_ten_ticks():
    clock, pushes = Clock(), Pushes()
    watchdog = Watchdog(pushes, clock=clock)
    watchdog.declared("lost", 0.6, "live page")  # its full run declared a timer the browser never got
    clock.now += STALL_TICKS * 0.6 - 0.1
    assert watchdog.check() == []
    clock.now += 0.2
    assert watchdog.check() == ["lost"]
    assert pushes.sessions == ["lost"] and pushes.pages == ["live page"]  # revived if it still shows that page
    clock.now += 1.0
    assert watchdog.check() == []  # its revival has time to show before it is judged again
    watchdog.declared("lost", 0.6)  # the revival's full run declared the timer again
    watchdog.updated("lost", 0.6)  # and it updates
    clock.now += 30
    watchdog.updated("lost", 0.6)
    assert watchdog.check() == [] and pushes.sessions == ["lost"]


def test_a_fast_page_is_judged_stalled_only_after_a_few_seconds_whatever_its_tick():
    clock, pushes = Clock(), Pushes()
    watchdog = Watchdog(pushes, clock=clock)
    watchdog.declared("fast", 0.05)  # ten ticks would be half a second: less than a busy server's full run
    clock.now += STALL_SECONDS - 0.1
    assert watchdog.check() == []
    clock.now += 0.2
    assert watchdog.check() == ["fast"]


def test_a_paused_page_is_not_watched_and_a_gone_session_is_dropped():
    clock, pushes = Clock(), Pushes(gone={"closed"})
    watchdog = Watchdog(pushes, clock=clock)
    watchdog.declared("paused", 0.1)
    watchdog.declared("paused", None)  # its next full run: not training
    watchdog.updated("paused", 0.1)  # a late update of the run before does not watch it again
    watchdog.declared("closed", 0.1)
    clock.now += 60
    assert watchdog.check() == []
    assert pushes.sessions == ["closed"]  # tried once, and it was gone
    assert watchdog.watching() == 0


def test_a_page_that_revivals_do_not_bring_back_is_given_up_after_three():
    clock, pushes = Clock(), Pushes()
    watchdog = Watchdog(pushes, clock=clock)
    watchdog.declared("hidden tab", 0.2)  # a browser throttles a hidden tab's timers
    for _ in range(10):
        clock.now += STALL_SECONDS + 1
        watchdog.check()
    assert pushes.sessions == ["hidden tab"] * MAX_REVIVALS
    assert watchdog.watching() == 0
    watchdog.declared("hidden tab", 0.2)  # back: its next full run watches it again
    assert watchdog.watching() == 1


def test_the_watchdog_remembers_a_bounded_number_of_pages_dropping_the_oldest():
    clock = Clock()
    watchdog = Watchdog(Pushes(), clock=clock, limit=3)
    for name in "abcd":
        watchdog.declared(name, 0.1)
    assert watchdog.watching() == 3
    clock.now += 60
    assert sorted(watchdog.stalled()) == ["b", "c", "d"]


def test_a_page_found_running_something_is_not_counted_as_revived_and_is_looked_at_again_later():
    clock, pushes = Clock(), Pushes(busy={"slow"})
    watchdog = Watchdog(pushes, clock=clock)
    watchdog.declared("slow", 0.2)
    for _ in range(MAX_REVIVALS + 2):
        clock.now += STALL_SECONDS + 1
        assert watchdog.check() == []
    assert pushes.sessions == ["slow"] * (MAX_REVIVALS + 2)  # never given up for being busy
    assert watchdog.watching() == 1
    clock.now += 1
    assert watchdog.check() == []  # nor pushed again before another stall's time
    assert len(pushes.sessions) == MAX_REVIVALS + 2
