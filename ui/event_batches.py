"""A script run's events reach the server's event loop in batches: about two wakeups a run, not one an event.

Streamlit 1.67 hands each event of a script run (its start, each element, its end, the thread's
own end) from the script's thread to the server's event loop with ``call_soon_threadsafe``, which
wakes the loop every time. A live update (a fragment run drawing one element) is five events, so
five wakeups; and because training lowers the script thread's priority (ui/heavy_jobs.py
``yield_to_pages``), each wakeup also switches the core from the script to the loop and back. On
one core those switches and the loop's rounds cost more than the events themselves: a server whose
core was shared with other work, where events piled up between wakeups by chance, spent less CPU
per live update than a quiet one (docs/speed.md, "Fewer wakeups").

So a session's events wait in a list, in order. The thread's end (``SHUTDOWN``, its last event)
wakes the loop to hand over the whole batch at once, and a timer of :data:`BATCH_SECONDS` hands
over whatever a long run (a full page load) has made meanwhile, so its elements still reach the
browser as it draws them. The loop makes each script runner, so it sets the timer then, and a run's
events wake it only at the end: one wakeup a live update (a runner made elsewhere: the first event
wakes the loop to set the timer). The end's hand-over cancels the timer, which would otherwise wake
the loop once more for nothing. Each event is handled exactly
as before, in the same order, by the same ``_handle_scriptrunner_event_on_event_loop``, only a
little later (at most :data:`BATCH_SECONDS`).

A run that draws update after update (a streamed live page: ui/live/stream.py) hands over each
update's events together when the update is drawn (``handed_over_together``): one wakeup an
update, not one to set a timer and one when it fires.

``install`` patches ``AppSession`` once per process (importing ``ui`` does it). Runners made
before that (the first run of the first page) hand over their events as Streamlit does.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import threading

from streamlit.runtime.app_session import AppSession
from streamlit.runtime.scriptrunner import ScriptRunnerEvent

#: Longest an event waits for its batch: a long run's elements still reach the browser as it draws
#: them, in steps too short to see; a live update (a few milliseconds) is one batch.
BATCH_SECONDS = 0.02
#: A session's events waiting for the event loop (ui.event_batches.Batch).
_BATCH = "_nn_dashboard_event_batch"
_LOGGER = logging.getLogger(__name__)
#: Streamlit's own method, kept: a runner made before ``install`` holds it only by a weak reference
#: (Streamlit's signals do), and goes on calling it.
_streamlit_on_event = None


class Batch:
    """A session's script-run events not yet handed to the event loop, and the timer that will hand them over."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pending: list = []
        #: True from when a timer is set or asked for until it hands the batch over or is cancelled.
        self.timer_set = False
        self.timer: asyncio.TimerHandle | None = None


def install() -> None:
    """Hand a script thread's events to the event loop in batches (once per process)."""
    global _streamlit_on_event
    if _streamlit_on_event is not None:
        return
    for used in ("_handle_scriptrunner_event_on_event_loop", "_call_soon_on_event_loop"):
        getattr(AppSession, used)  # a Streamlit that renamed one fails here, at start, not in a learner's run
    _streamlit_on_event = AppSession._on_scriptrunner_event
    AppSession._on_scriptrunner_event = _on_scriptrunner_event_in_batches
    AppSession._create_scriptrunner = _with_the_batch_timer_set(AppSession._create_scriptrunner)


def _with_the_batch_timer_set(create_scriptrunner):
    """Streamlit's ``AppSession._create_scriptrunner``, which first sets the session's batch timer when
    called on the event loop (as it is for a browser's rerun and for the rerun a run's end starts)."""
    @functools.wraps(create_scriptrunner)
    def create_scriptrunner_with_its_timer(session: AppSession, *args, **kwargs):
        if on_event_loop(session):
            set_timer(batch_of(session), session._event_loop)
        return create_scriptrunner(session, *args, **kwargs)
    return create_scriptrunner_with_its_timer


def _on_scriptrunner_event_in_batches(session: AppSession, sender, event, *args, **kwargs) -> None:
    """Streamlit's ``AppSession._on_scriptrunner_event``, batched when a script thread calls it."""
    batch = batch_of(session)
    if on_event_loop(session):  # the session itself ends a run (a message it could not handle): in order, at once
        hand_over(batch)
        _streamlit_on_event(session, sender, event, *args, **kwargs)
        return
    handle = functools.partial(session._handle_scriptrunner_event_on_event_loop, sender, event, *args, **kwargs)
    with batch.lock:
        batch.pending.append(handle)
        ask_for_a_timer = not batch.timer_set
        batch.timer_set = True
    if ask_for_a_timer:  # a runner the loop did not make, or a long run after the timer's hand-over
        session._call_soon_on_event_loop(functools.partial(set_timer, batch, session._event_loop))
    if event == ScriptRunnerEvent.SHUTDOWN:  # the thread's last event: nothing more will come
        session._call_soon_on_event_loop(functools.partial(hand_over, batch))


@contextlib.contextmanager
def handed_over_together(session: AppSession | None):
    """In a script run of ``session``: the events of what is drawn inside wait, and are handed to the event
    loop together at the end, in one wakeup. Without a session (AppTest), or before ``install``, as before."""
    if session is None or _streamlit_on_event is None:
        yield
        return
    batch = batch_of(session)
    with batch.lock:
        batch.timer_set = True  # the events inside ask for no timer: the end hands them over
    try:
        yield
    finally:
        session._call_soon_on_event_loop(functools.partial(hand_over, batch))


def set_timer(batch: Batch, loop: asyncio.AbstractEventLoop) -> None:
    """On the event loop: make sure a timer will hand the batch over within :data:`BATCH_SECONDS`."""
    with batch.lock:
        batch.timer_set = True
        if batch.timer is None:
            batch.timer = loop.call_later(BATCH_SECONDS, hand_over, batch, True)


def hand_over(batch: Batch, timer: bool = False) -> None:
    """On the event loop: handle every waiting event, oldest first (``timer``: called by the batch's timer).

    The timer is done with either way: it fired, or every event it was for is handled now.
    """
    with batch.lock:
        events, batch.pending = batch.pending, []
        if batch.timer is not None and not timer:
            batch.timer.cancel()
        batch.timer, batch.timer_set = None, False
    for handle in events:
        try:
            handle()
        except Exception:  # as the event loop does with a callback that raises: logged, the next one runs
            _LOGGER.exception("A script run's event could not be handled")


def on_event_loop(session: AppSession) -> bool:
    try:
        return asyncio.get_running_loop() is session._event_loop
    except RuntimeError:  # no loop runs in this thread: a script thread
        return False


def batch_of(session: AppSession) -> Batch:
    batch = session.__dict__.get(_BATCH)
    if batch is None:
        batch = session.__dict__.setdefault(_BATCH, Batch())
    return batch
