"""A fragment timer's request waits until the session's run in progress has ended and been sent.

A browser asks for a fragment's rerun every ``run_every`` seconds whether or not the last one
has been answered. Streamlit 1.67 queues a request that arrives during a run, so when an update
takes longer than the tick (a busy server), the next run of the fragment starts the moment the
last one ends. The two runs' events then reach the event loop one after the other, before the
runtime's next flush to the browser, and the start of the second clears the unsent messages of
the first (``ForwardMsgQueue.clear``, which marks its end ``FINISHED_EARLY_FOR_RERUN``): the
update was computed and thrown away. A busy server then spends its time on updates nobody sees,
falls further behind, and throws away more: a class of 30 that pressed Start together on MNIST
made hundreds of such runs, and its pages showed their first update after 3 to 20 s
(benchmarks/protocol_load.py, the learners' ``interrupted`` count).

So a timer's request that finds its session running (or its finished run not yet handed to the
browser) is held, the newest per fragment, and made once the runtime has sent that session's
messages and its run has ended. Each update a page gets is then one it shows, and a busy page
asks for one update at a time, as a browser would wish. Requests that carry a click (a timer
firing between a click and its own request carries it, ui/live/controls.py) and every other
request (a click, a changed widget, a page load, a push from the server: ui/server_push.py)
go through at once, as before.

Every request of a browser, held or not, also notes when it came (``arrived_at``: a live page judges
how far behind its browser was then, ui/live/drawn.py) and sets the session's ``arrival`` event: a
streamed live run (ui/live/stream.py) that waits for its next update's turn wakes at once for it,
instead of looking for requests every few milliseconds. A streamed run whose update is due but whose last one
has not yet been sent (``wake_when_sent``) is woken the same way by the runtime's next flush of its
session: it waits for its messages to leave, as a held timer's request does.

``install`` patches ``AppSession`` once per process (importing ``ui`` does it).
"""

from __future__ import annotations

import functools
import threading
import time

from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime.app_session import AppSession, AppSessionState
from streamlit.runtime.scriptrunner import ScriptRunnerEvent

#: A session's timer requests held until its run ends: fragment id -> the newest request.
HELD = "_nn_dashboard_held_timer_requests"
#: A session's event set when a browser's request reaches it (``arrival``).
ARRIVAL = "_nn_dashboard_request_arrival"
#: When (time.monotonic) the latest of a session's requests reached it (``arrived_at``).
ARRIVED_AT = "_nn_dashboard_request_arrived_at"
#: Set on a session whose streamed run waits until its messages have been sent (``wake_when_sent``).
SENT_AWAITED = "_nn_dashboard_sent_awaited"
#: The kinds of widget value that are a click (an event, not a state).
_CLICKS = {"trigger_value", "string_trigger_value", "json_trigger_value", "chat_input_value"}
_installed = False


def install() -> None:
    """Patch Streamlit's session so that timer requests wait for the run in progress (once per process)."""
    global _installed
    if _installed:
        return
    handle_request = AppSession._handle_rerun_script_request
    flushed = AppSession.on_flushed_messages_sent
    handle_event = AppSession._handle_scriptrunner_event_on_event_loop

    @functools.wraps(handle_request)
    def handle_request_or_hold(session: AppSession, client_state: ClientState | None = None) -> None:
        session.__dict__[ARRIVED_AT] = time.monotonic()
        arrival(session).set()
        if is_timer_request(client_state):
            if is_busy(session):
                held(session)[client_state.fragment_id] = client_state  # the newest is the one to make
                return
            held(session).pop(client_state.fragment_id, None)  # an older one: this request replaces it
        handle_request(session, client_state)

    @functools.wraps(handle_event)
    def handle_event_then_ask_for_a_flush(session: AppSession, sender, event, *args, **kwargs) -> None:
        handle_event(session, sender, event, *args, **kwargs)
        if event == ScriptRunnerEvent.SHUTDOWN and session.__dict__.get(HELD) and not is_busy(session):
            # The thread has ended; its run's messages may already be sent, and then nothing would
            # ask for another flush cycle, at whose end the held requests are made.
            if session._message_enqueued_callback:
                session._message_enqueued_callback()

    @functools.wraps(flushed)
    def flushed_then_release(session: AppSession) -> None:
        flushed(session)
        if session.__dict__.pop(SENT_AWAITED, False):  # a streamed run waits for its last update to leave
            arrival(session).set()
        waiting = session.__dict__.get(HELD)
        if waiting and not is_busy(session):
            requests = list(waiting.values())
            waiting.clear()
            for client_state in requests:
                handle_request(session, client_state)

    AppSession._handle_rerun_script_request = handle_request_or_hold
    AppSession.on_flushed_messages_sent = flushed_then_release
    AppSession._handle_scriptrunner_event_on_event_loop = handle_event_then_ask_for_a_flush
    _installed = True


def is_timer_request(client_state: ClientState | None) -> bool:
    """Whether a browser's request is a fragment timer's (``run_every``), carrying no click."""
    if client_state is None or not client_state.is_auto_rerun or not client_state.fragment_id:
        return False
    for widget in client_state.widget_states.widgets:
        kind = widget.WhichOneof("value")
        if kind in _CLICKS and (kind != "trigger_value" or widget.trigger_value):
            return False
    return True


def is_busy(session: AppSession) -> bool:
    """Whether the session has a run in progress, or a script thread that has not yet ended.

    Both are read on the event loop, where the runner's events arrive: a run counts as ended
    once its last messages are in the browser queue, and the thread once it has said so."""
    return session._scriptrunner is not None or session._state == AppSessionState.APP_IS_RUNNING


def arrival(session: AppSession) -> threading.Event:
    """Set whenever a browser's rerun request reaches the session (cleared by whoever waits for one)."""
    event = session.__dict__.get(ARRIVAL)
    if event is None:
        event = session.__dict__.setdefault(ARRIVAL, threading.Event())
    return event


def arrived_at(session: AppSession) -> float | None:
    """When (time.monotonic) the latest of the session's requests reached it, on the event loop: a run that
    takes up a request that was held, or waited for the interpreter, starts later (None: no request yet)."""
    return session.__dict__.get(ARRIVED_AT)


def held(session: AppSession) -> dict[str, ClientState]:
    """The session's timer requests waiting for its run to end, by fragment id."""
    waiting = session.__dict__.get(HELD)
    if waiting is None:
        waiting = session.__dict__[HELD] = {}
    return waiting


def wake_when_sent(session: AppSession) -> None:
    """Set the session's ``arrival`` event after the runtime's next flush of its messages (once)."""
    session.__dict__[SENT_AWAITED] = True
