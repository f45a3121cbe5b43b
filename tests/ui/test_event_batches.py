"""ui/event_batches: a script thread's events reach the event loop whole, in order, in one wakeup (two for a runner
the loop did not make).

A stand-in session records what the event loop handles and counts the wakeups asked of it; the
events come from a real thread while a real asyncio loop runs, as in the server. The real server
with the batches installed is exercised by every protocol test (tests/pages/*_protocol.py).
"""

from __future__ import annotations

import asyncio
import gc
import threading
import time
import types
import weakref

import pytest
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.scriptrunner import ScriptRunnerEvent

from ui import event_batches

#: A live update as a script thread sends it: its start, two elements, its end, the thread's end.
A_LIVE_UPDATE = [ScriptRunnerEvent.SCRIPT_STARTED, ScriptRunnerEvent.ENQUEUE_FORWARD_MSG,
                 ScriptRunnerEvent.ENQUEUE_FORWARD_MSG, ScriptRunnerEvent.FRAGMENT_STOPPED_WITH_SUCCESS,
                 ScriptRunnerEvent.SHUTDOWN]
PATIENCE_SECONDS = 60  # only a guard against a hang


class StandInSession:
    """What ui/event_batches uses of an AppSession: its loop, its handler, its way of waking the loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop, fail_on: int | None = None):
        self._event_loop = loop
        self.handled: list = []
        self.wakeups = 0
        self.fail_on = fail_on

    def _handle_scriptrunner_event_on_event_loop(self, sender, event, forward_msg=None, *_, **__):
        assert asyncio.get_running_loop() is self._event_loop
        self.handled.append((event, forward_msg))
        if len(self.handled) == self.fail_on:
            raise RuntimeError("a handler that fails")

    def _call_soon_on_event_loop(self, callback) -> None:
        self.wakeups += 1
        self._event_loop.call_soon_threadsafe(callback)


def send_from_a_script_thread(session, events, numbered=True) -> None:
    def script():
        for number, event in enumerate(events):
            event_batches._on_scriptrunner_event_in_batches(session, "runner", event=event,
                                                             forward_msg=number if numbered else None)
    thread = threading.Thread(target=script)
    thread.start()
    thread.join()


def run_until(condition) -> None:
    """Wait until the loop (running in its own thread) has done what ``condition`` looks for."""
    deadline = time.monotonic() + PATIENCE_SECONDS
    while not condition():
        assert time.monotonic() < deadline, "the events were never handled"
        time.sleep(0.001)


@pytest.fixture
def loop():
    """An event loop running in a thread of its own, as the server's does (and as a test's main thread, where
    another test may have left a loop marked running, cannot be relied on to)."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever)
    thread.start()
    yield loop
    loop.call_soon_threadsafe(loop.stop)
    thread.join()
    loop.close()


def on_the_loop(loop, function, *args):
    """``function(*args)`` called on the running ``loop``, as the server calls what a browser's message starts."""
    async def call():
        return function(*args)
    return asyncio.run_coroutine_threadsafe(call(), loop).result(PATIENCE_SECONDS)


def test_a_live_updates_events_are_handled_in_order_at_the_threads_end_after_one_wakeup(loop, monkeypatch):
    """The loop makes the runner (a browser asked for the rerun), so the batch's timer is set then: the run's
    events wake the loop once, at the thread's end, which also cancels the timer."""
    monkeypatch.setattr(event_batches, "BATCH_SECONDS", 3600)  # only the thread's end can hand them over
    session = StandInSession(loop)
    made = []
    create_scriptrunner = event_batches._with_the_batch_timer_set(lambda session, rerun_data: made.append(rerun_data))
    on_the_loop(loop, create_scriptrunner, session, "rerun data")
    assert made == ["rerun data"]
    timer = event_batches.batch_of(session).timer
    assert timer is not None and not timer.cancelled()
    send_from_a_script_thread(session, A_LIVE_UPDATE)
    run_until(lambda: len(session.handled) == len(A_LIVE_UPDATE))
    assert session.handled == [(event, number) for number, event in enumerate(A_LIVE_UPDATE)]
    assert session.wakeups == 1, "one at the thread's end; Streamlit's own: five"
    assert timer.cancelled(), "a timer left set would wake the loop once more for nothing"
    assert event_batches.batch_of(session).timer is None


def test_a_runner_the_loop_did_not_make_sets_the_timer_with_its_first_event(loop, monkeypatch):
    monkeypatch.setattr(event_batches, "BATCH_SECONDS", 3600)
    session = StandInSession(loop)
    create_scriptrunner = event_batches._with_the_batch_timer_set(lambda session, rerun_data: None)
    create_scriptrunner(session, "rerun data")  # not on the loop: it cannot set a timer from here
    assert event_batches.batch_of(session).timer is None
    send_from_a_script_thread(session, A_LIVE_UPDATE)
    run_until(lambda: len(session.handled) == len(A_LIVE_UPDATE))
    assert session.handled == [(event, number) for number, event in enumerate(A_LIVE_UPDATE)]
    assert session.wakeups == 2, "one to set the batch's timer, one at the thread's end"
    assert event_batches.batch_of(session).timer is None


def test_a_long_runs_elements_are_handed_over_by_the_timer_before_the_run_ends(loop, monkeypatch):
    monkeypatch.setattr(event_batches, "BATCH_SECONDS", 0.001)
    session = StandInSession(loop)
    first_elements = A_LIVE_UPDATE[:3]  # a page still drawing: no end yet
    send_from_a_script_thread(session, first_elements)
    run_until(lambda: len(session.handled) == 3)
    assert [event for event, _ in session.handled] == first_elements
    send_from_a_script_thread(session, A_LIVE_UPDATE[3:], numbered=False)  # a timer again for the next batch
    run_until(lambda: len(session.handled) == 5)
    assert [event for event, _ in session.handled] == A_LIVE_UPDATE


def test_an_event_whose_handling_fails_does_not_stop_the_ones_after_it(loop, monkeypatch, caplog):
    monkeypatch.setattr(event_batches, "BATCH_SECONDS", 3600)
    session = StandInSession(loop, fail_on=2)
    send_from_a_script_thread(session, A_LIVE_UPDATE)
    run_until(lambda: len(session.handled) == len(A_LIVE_UPDATE))
    assert [event for event, _ in session.handled] == A_LIVE_UPDATE
    assert "could not be handled" in caplog.text


def test_an_event_the_session_sends_on_the_loop_comes_after_the_waiting_ones_at_once(loop, monkeypatch):
    """AppSession itself ends a run on the event loop when a browser's message fails; Streamlit then queues the
    exception's message right after, so that event is handled in order and not held for a batch."""
    monkeypatch.setattr(event_batches, "BATCH_SECONDS", 3600)
    event_batches.install()
    session = StandInSession(loop)
    send_from_a_script_thread(session, A_LIVE_UPDATE[:2])  # waiting for their batch

    on_the_loop(loop, event_batches._on_scriptrunner_event_in_batches, session, "runner",
                ScriptRunnerEvent.SCRIPT_STOPPED_WITH_SUCCESS)
    run_until(lambda: len(session.handled) == 3)
    assert [event for event, _ in session.handled] == A_LIVE_UPDATE[:2] + [ScriptRunnerEvent.SCRIPT_STOPPED_WITH_SUCCESS]


def test_a_runner_made_before_the_batches_keeps_its_sessions_handler():
    """Streamlit's signals hold a receiver by a weak reference to its function: the one replaced must stay alive,
    or the first run's runner (made before its page imported ui) would send its events to nobody."""
    event_batches.install()
    assert AppSession._on_scriptrunner_event is event_batches._on_scriptrunner_event_in_batches
    session = StandInSession(loop=None)
    held_as_a_signal_holds_it = weakref.WeakMethod(types.MethodType(event_batches._streamlit_on_event, session))
    gc.collect()
    assert held_as_a_signal_holds_it() is not None
