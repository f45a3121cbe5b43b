"""A finished script run's last messages reach the browser even when the next request comes quickly.

A race in Streamlit 1.67 (docs/classroom.md, "Why a page could end with no timer"): a
session's ScriptRunner thread runs one request after another and exits when, at the end of a
run, none is waiting. Its events (each element, the run's end) reach the session on the
server's event loop, later than the thread makes them. A request that the event loop handles
after the thread has found nothing waiting, but before the loop has handled the thread's last
events, finds the runner stopped, so ``AppSession.request_rerun`` makes a new runner; and
``AppSession`` drops every event of a runner that is no longer its current one. Those were
the finished run's last messages: its last elements, the ``auto_rerun`` that starts a
fragment's timer, its ``script_finished``. A browser then shows a page with its end missing,
or with no timer (a live page that never asks for its next update), or still running.

On a busy server (a class training live: a fragment timer's request every tick from every
page) the event loop lags the script threads by up to a second, and this happened to about
one page of thirty per class start (benchmarks/protocol_load.py: a learner's Start press
whose full run never finished).

The fix: the events that a runner which ended by itself sent before it was replaced are
handled as its session's own. They are on the event loop's queue ahead of anything from the
runner that replaced it (the runner sends all of a run's events before it looks for the next
request and, finding none, stops; the replacement is made only after that), so the browser
gets them in the order it would have had the loop kept up. A runner that was *told* to stop
(a full rerun, which replaces the page anyway; a closed tab; the app menu's Stop) may still be
running its script: its events stay dropped, as Streamlit means them to be. So does the
finished runner's own end (``SHUTDOWN``), which would otherwise unset the new runner.

``install`` patches ``AppSession`` and ``ScriptRunner`` once per process (importing ``ui``
does it); it checks that the Streamlit methods it wraps are still there, so an upgrade that
renames them fails loudly at start rather than silently racing again.
"""

from __future__ import annotations

import functools
import weakref

from streamlit.runtime.app_session import AppSession
from streamlit.runtime.scriptrunner import ScriptRunner, ScriptRunnerEvent

#: Set on a ScriptRunner when something asked it to stop: it did not end by itself.
_TOLD_TO_STOP = "_nn_dashboard_told_to_stop"
#: An AppSession's finished runners that were replaced while their events were still on their way.
_FINISHED_RUNNERS = "_nn_dashboard_finished_runners"
_installed = False


def install() -> None:
    """Patch Streamlit's session so that a finished run's late events are delivered (once per process)."""
    global _installed
    if _installed:
        return
    request_stop = ScriptRunner.request_stop
    create_scriptrunner = AppSession._create_scriptrunner
    handle_event = AppSession._handle_scriptrunner_event_on_event_loop

    @functools.wraps(request_stop)
    def request_stop_and_remember(runner: ScriptRunner) -> None:
        setattr(runner, _TOLD_TO_STOP, True)
        request_stop(runner)

    @functools.wraps(create_scriptrunner)
    def create_scriptrunner_after_finished(session: AppSession, initial_rerun_data) -> None:
        # Streamlit unsets the current runner before replacing one it stops; one still set here
        # refused the request because it had already stopped.
        finished = session._scriptrunner
        if finished is not None and not getattr(finished, _TOLD_TO_STOP, False):
            finished_runners(session).add(finished)
        create_scriptrunner(session, initial_rerun_data)

    @functools.wraps(handle_event)
    def handle_event_of_finished_runner(session: AppSession, sender, event, *args, **kwargs) -> None:
        finished = session.__dict__.get(_FINISHED_RUNNERS)
        if not finished or sender is session._scriptrunner or sender not in finished:
            handle_event(session, sender, event, *args, **kwargs)
            return
        if event == ScriptRunnerEvent.SHUTDOWN:  # its last event: the session has moved on to the next runner
            finished.discard(sender)
            return
        current = session._scriptrunner
        session._scriptrunner = sender  # handled as the session's own, as it would have been in time
        try:
            handle_event(session, sender, event, *args, **kwargs)
        finally:
            session._scriptrunner = current

    ScriptRunner.request_stop = request_stop_and_remember
    AppSession._create_scriptrunner = create_scriptrunner_after_finished
    AppSession._handle_scriptrunner_event_on_event_loop = handle_event_of_finished_runner
    _installed = True


def finished_runners(session: AppSession) -> weakref.WeakSet:
    """The session's runners that ended by themselves and were replaced before their events were handled."""
    runners = session.__dict__.get(_FINISHED_RUNNERS)
    if runners is None:
        runners = session.__dict__[_FINISHED_RUNNERS] = weakref.WeakSet()
    return runners
