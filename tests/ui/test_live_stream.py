"""Which live pages are streamed, one run drawing update after update (ui/live/stream.py, ui/live/tick.py).

Every decision is checked from what a browser said it drew and given times; nothing here is timed.
"""

from __future__ import annotations

import math
import threading

from ui import timer_requests
from ui.live import stream
from ui.live.pace import LATE_SECONDS, Behind
from ui.live.stream import update_begins
from ui.live.tick import HEARTBEAT_SECONDS, STREAM_AFTER, TICK_LEVELS, PageTick, ServerLoad, ServerTick

DREW_ALL = Behind(updates=1, late=0.0, interval=0.05)  # everything but the update on its way
TWO_BEHIND = Behind(updates=2, late=0.06, interval=0.05)  # a moment behind: not late


class Clock:
    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self):
        return self.now


def a_server() -> ServerTick:
    return ServerTick(ServerLoad(clock=Clock(), process_cpu=Clock(0.0)))


def training(server: ServerTick, session_id: str = "learner") -> PageTick:
    """A page whose full run declared its timer, and the fragment run inside that full run."""
    page = PageTick(session_id)
    assert page.declare(True, server, environment={}) == TICK_LEVELS[0]
    assert page.update(server, environment={}) is None
    return page


def keeping_up(page: PageTick, server: ServerTick, requests: int) -> list:
    """The browser's requests, each after it drew every update but the one on its way: what the page told it."""
    return [page.update(server, environment={}, behind=DREW_ALL) for _ in range(requests)]


def test_a_learner_alone_whose_browser_draws_every_update_in_time_is_streamed_after_enough_requests():
    server = a_server()
    page = training(server)
    keeping_up(page, server, STREAM_AFTER - 1)
    assert not page.may_stream(server)
    keeping_up(page, server, 1)
    assert page.may_stream(server)
    assert page.stream_begins() == HEARTBEAT_SECONDS and page.streaming  # the browser's timer: the heartbeat
    assert page.seconds == TICK_LEVELS[0]  # the updates still come at the level, from the server
    assert page.streamed_update(server, environment={})
    assert keeping_up(page, server, 3) == [None] * 3  # heartbeats from a browser that keeps up: nothing to tell


def test_a_browser_often_an_update_behind_is_never_streamed_though_never_late():
    server = a_server()
    page = training(server)
    for _ in range(5):
        keeping_up(page, server, STREAM_AFTER - 1)
        page.update(server, environment={}, behind=TWO_BEHIND)  # a phone drawing an update in about a tick
    assert not page.may_stream(server)
    assert page.pace.floor == 0.0  # not slowed either: it is not late


def test_a_browser_whose_timer_waits_for_its_drawing_is_never_streamed_though_it_drew_every_update():
    server = a_server()
    page = training(server)
    drawing_bound = Behind(updates=0, late=0.0, interval=0.067)  # asks when it has drawn: every 67 ms, not 50
    for _ in range(3 * STREAM_AFTER):
        page.update(server, environment={}, behind=drawing_bound)
    assert not page.may_stream(server)  # streamed at the level, it would fall further behind each second
    assert page.pace.floor == 0.0  # and it keeps the level, asking at its own pace


def test_a_heartbeat_that_finds_the_browser_late_ends_the_streaming_with_a_timer_per_update_again():
    server = a_server()
    page = training(server)
    keeping_up(page, server, STREAM_AFTER)
    page.stream_begins()
    assert page.update(server, environment={}, behind=TWO_BEHIND) is None  # a moment behind at a heartbeat: on
    assert page.streaming
    told = page.update(server, environment={}, behind=Behind(updates=8, late=LATE_SECONDS, interval=0.05))
    assert told == TICK_LEVELS[0] and not page.streaming  # the level's timer again
    assert not page.may_stream(server)  # and it must show again that it keeps up
    keeping_up(page, server, STREAM_AFTER)
    assert page.may_stream(server)


def test_a_second_learner_training_in_the_process_keeps_the_streaming_and_a_class_streams_too():
    server = a_server()
    page = training(server)
    keeping_up(page, server, STREAM_AFTER)
    page.stream_begins()
    assert page.streamed_update(server, environment={})
    other = training(server, "another learner")
    assert page.streamed_update(server, environment={})  # the level is the process's: streaming goes on
    assert keeping_up(page, server, 1) == [None]  # a heartbeat from a browser that keeps up: nothing to tell
    keeping_up(other, server, STREAM_AFTER)
    assert other.may_stream(server)


def test_a_class_s_streamed_updates_come_each_at_its_page_s_place_in_the_tick():
    server = a_server()
    pages = [PageTick(f"learner {number}") for number in range(5)]
    for page in pages:
        assert page.declare(True, server, environment={}) is not None  # each page's full run: it trains
    level = 0.1
    for page in pages:
        page.seconds = level
        update_begins(page, lambda seconds: seconds, now=20.0, server=server)  # a class that pressed Start together
    phases = sorted(page.phase for page in pages)
    assert len(set(phases)) == 5  # each has its own place
    dues = [page.next_due for page in pages]
    assert len({round(due, 9) for due in dues}) == 5  # so their next updates are not due together
    for page in pages:
        place = page.next_due / level - page.phase
        assert abs(place - round(place)) < 1e-9  # each at its place on the process's clock
        assert 20.0 + level / 2 <= page.next_due <= 20.0 + 1.5 * level
    first = pages[0]
    due = first.next_due
    update_begins(first, lambda seconds: seconds, now=due + 0.004, server=server)  # its turn, a little late
    assert round(first.next_due, 9) == round(due + level, 9)  # the next on the same beat
    first.seconds = 0.2  # a new level: the next update at its place in the new tick
    update_begins(first, lambda seconds: seconds, now=first.next_due, server=server)
    place = first.next_due / 0.2 - first.phase
    assert abs(place - round(place)) < 1e-9


def test_a_learner_alone_keeps_exactly_one_interval_between_streamed_updates():
    server = a_server()
    page = training(server)
    update_begins(page, lambda seconds: seconds, now=20.0, server=server)
    assert page.next_due == 20.0 + TICK_LEVELS[0] and page.phase is None


def test_a_full_run_pause_or_a_new_setting_ends_the_streaming():
    server = a_server()
    page = training(server)
    keeping_up(page, server, STREAM_AFTER)
    page.stream_begins()
    assert page.declare(True, server, environment={}) == TICK_LEVELS[0] and not page.streaming
    page.stream_begins()
    assert page.declare(False, server, environment={}) is None and not page.streaming
    assert not page.may_stream(server)  # not training


def test_streamed_updates_keep_their_pace_and_one_that_comes_late_starts_it_afresh():
    page = PageTick("learner", seconds=0.05)
    assert page.next_due == -math.inf
    update_begins(page, lambda seconds: seconds, now=10.0)
    assert page.next_due == 10.05
    update_begins(page, lambda seconds: seconds, now=10.058)  # its turn came a little late (the core was busy)
    assert round(page.next_due, 6) == 10.10  # the next is due on the same beat
    update_begins(page, lambda seconds: seconds, now=10.5)  # long after (a pause, a slow update)
    assert round(page.next_due, 6) == 10.55
    update_begins(page, lambda seconds: max(seconds, 0.5), now=11.2)  # a learner who asked for less motion
    assert round(page.next_due, 6) == 11.7


class StandInQueue:
    """A session's browser queue: the messages not yet flushed to the browser."""

    def __init__(self, messages: int):
        self.messages = messages

    def is_empty(self) -> bool:
        return self.messages == 0


class StandInSession:
    def __init__(self, unsent: int):
        self._browser_queue = StandInQueue(unsent)


def waiting_for_a_turn(monkeypatch, session, page) -> tuple[threading.Thread, list, threading.Event]:
    """wait_for_turn in a script thread of its own, against ``session``; what it returned goes into the list."""
    arrived = threading.Event()
    monkeypatch.setattr(stream, "request_arrival", lambda: arrived)
    monkeypatch.setattr(stream, "request_waiting", lambda: False)
    monkeypatch.setattr(stream, "app_session", lambda: session)
    said: list = []
    thread = threading.Thread(target=lambda: said.append(stream.wait_for_turn(page)), daemon=True)
    thread.start()
    return thread, said, arrived


def test_a_streamed_update_that_is_due_waits_until_the_last_one_has_been_sent(monkeypatch):
    page = PageTick("learner", seconds=0.05)
    page.next_due = -math.inf  # due long ago
    session = StandInSession(unsent=5)
    thread, said, arrived = waiting_for_a_turn(monkeypatch, session, page)
    while thread.is_alive() and not session.__dict__.get(timer_requests.SENT_AWAITED):  # to be woken by the next flush
        thread.join(0.01)
    said.append("flushed")
    session._browser_queue.messages = 0
    session.__dict__.pop(timer_requests.SENT_AWAITED)  # as the runtime's flush does (ui/timer_requests.py)
    arrived.set()
    thread.join(30)
    assert said == ["flushed", True]


def test_a_streamed_update_whose_last_one_is_never_sent_ends_the_streamed_run(monkeypatch):
    monkeypatch.setattr(stream, "MOST_SECONDS", 0.01)
    page = PageTick("learner", seconds=0.05)
    page.next_due = -math.inf
    thread, said, _ = waiting_for_a_turn(monkeypatch, StandInSession(unsent=5), page)
    thread.join(30)
    assert said == [False]  # the run ends; the page's timer asks again
