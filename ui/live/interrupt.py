"""Whether a request is waiting for the live update now running: a click stops its training at once.

A click outside the live fragment (Pause, Reset, a changed setting) asks Streamlit for a full
script run. Streamlit ends the fragment run in progress at its next Streamlit call, which a live
update makes only once its training is done: up to the whole time budget of a full-speed update.
The training asks this between slices of 64 samples (``TrainingRun.train(stop=...)``), so the
click waits about a millisecond instead.

A streamed run (ui/live/stream.py) draws update after update until any request waits
(``request_waiting``): a click, or its browser's timer, whose request ui/timer_requests.py holds
while the session runs.

Streamlit has no public way to ask, so this reads the script run's pending request as
``ScriptRequests.on_scriptrunner_yield`` does, without taking it. If a Streamlit upgrade moves
those names, it answers False: training then runs to its budget, as it did before (and a
streamed run, which would not see a click, is not started: ``can_tell``).
"""

from __future__ import annotations

from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequestType
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from ui import timer_requests


def rerun_waiting() -> bool:
    """Whether this script run will be ended at its next Streamlit call: a rerun that preempts it
    (a full run: a click, a setting; not the fragment's own timer) or a stop is waiting."""
    context = get_script_run_ctx(suppress_warning=True)
    requests = getattr(context, "script_requests", None)
    try:
        state = requests._state
        if state == ScriptRequestType.STOP:
            return True
        if state != ScriptRequestType.RERUN:
            return False
        waiting = requests._rerun_data
        # on_scriptrunner_yield lets a fragment's own rerun wait for the run in progress to end
        return not (waiting.fragment_id_queue and not waiting.is_fragment_scoped_rerun)
    except AttributeError:  # no script run (a test, a benchmark), or a Streamlit that keeps these elsewhere
        return False


def request_waiting() -> bool:
    """Whether any request for this session waits for its run to end: one that preempts it, a
    fragment's own (a timer's, or a click in a fragment), or a timer's that ui/timer_requests.py holds."""
    context = get_script_run_ctx(suppress_warning=True)
    try:
        if context.script_requests._state != ScriptRequestType.CONTINUE:
            return True
    except AttributeError:
        return False
    session = app_session(context)
    return bool(session is not None and session.__dict__.get(timer_requests.HELD))


def request_arrival():
    """The event set when a browser's request reaches this run's session (ui/timer_requests.py), for a
    run that waits to wake for one; None without a server."""
    session = app_session()
    return None if session is None else timer_requests.arrival(session)


def request_arrived_at() -> float | None:
    """When (time.monotonic) the latest request for this run's session reached the server (ui/timer_requests.py);
    None without a server, or before any request."""
    session = app_session()
    return None if session is None else timer_requests.arrived_at(session)


def app_session(context=None):
    """The server's session of this script run (``context``: its context, if already at hand); None without
    a server, as in AppTest."""
    context = context or get_script_run_ctx(suppress_warning=True)
    return Runtime.instance().get_app_session(context.session_id) if context is not None and Runtime.exists() else None


def can_tell() -> bool:
    """Whether ``request_waiting`` can see this run's requests (a script run in a Streamlit server
    whose insides are where this module reads them)."""
    context = get_script_run_ctx(suppress_warning=True)
    return (context is not None and Runtime.exists()
            and isinstance(getattr(getattr(context, "script_requests", None), "_state", None), ScriptRequestType))
