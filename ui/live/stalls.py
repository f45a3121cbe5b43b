"""This server process's watchdog over its live pages (ui/live/watchdog.py), wired to Streamlit.

The live page tells it when a full run declared a timer (``page_declared``) and when a live
update begins (``page_updated``); its thread, started with the first page that trains in a real
server, pushes a full rerun to a page whose updates stopped (``push_full_rerun``).
"""

from __future__ import annotations

import uuid

from streamlit import runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui.live.watchdog import Watchdog


def current_session_id() -> str:
    """This script run's Streamlit session id (a random one outside a session, as in some tests)."""
    context = get_script_run_ctx(suppress_warning=True)
    return context.session_id if context is not None else uuid.uuid4().hex


def push_full_rerun(session_id: str) -> bool:
    """Ask this session to rerun its page in full, from any thread; False when it is not connected.

    The rerun is the one Streamlit itself makes when a script's source changes and it reruns on
    save: the page and query string the session last ran, every widget keeping its value.
    """
    if not runtime.exists():
        return False
    server = runtime.get_instance()
    session = server.get_app_session(session_id)
    if session is None or not server.is_active_session(session_id):
        return False
    # AppSession is driven from its event loop (requests from the browser arrive there).
    session._call_soon_on_event_loop(lambda: session.request_rerun(session._client_state))
    return True


#: The live pages of this process that train, and the revivals of those that stopped.
WATCHDOG = Watchdog(revive=push_full_rerun)


def page_declared(session_id: str, run_every: float | None) -> None:
    """A full run of the live page declared ``run_every`` (None: not training)."""
    WATCHDOG.declared(session_id, run_every)
    if run_every is not None and runtime.exists():
        WATCHDOG.start()


def page_updated(session_id: str, run_every: float) -> None:
    """A live update begins (its timer works: a swamped server's slow update is not a stall); the
    page's timer asks every ``run_every`` seconds."""
    WATCHDOG.updated(session_id, run_every)
