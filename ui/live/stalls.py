"""This server process's watchdog over its live pages (ui/live/watchdog.py), wired to Streamlit.

The live page tells it when a full run declared a timer (``page_declared``) and when a live
update begins (``page_updated``); its thread, started with the first page that trains in a real
server, pushes a full rerun to a page whose updates stopped (``push_full_rerun``, through
ui/server_push.py).
"""

from __future__ import annotations

import concurrent.futures
import uuid

from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui import server_push
from ui.live.watchdog import Watchdog

#: Longest the watchdog's thread waits for the event loop to say what became of a push.
PUSH_ANSWER_SECONDS = 5.0


def current_session_id() -> str:
    """This script run's Streamlit session id (a random one without a server, as in AppTest)."""
    session = server_push.this_session()
    return session.session_id if session is not None else uuid.uuid4().hex


def push_full_rerun(session_id: str, page: str) -> bool | None:
    """Ask this session to rerun the page ``page`` (a script hash) in full (ui/server_push.py),
    from the watchdog's thread.

    True when asked; None when a run of it is in progress or queued, or the server is too busy to
    answer (not stalled, or not now: the watchdog looks again later); False when it is gone (its
    tab closed or disconnected: a tab that comes back reruns its page anyway) or shows another page
    now (the learner left the live page while it trained: nothing there asks for updates).
    """
    if not server_push.is_alive(session_id) or _page_shown(session_id) not in ("", page):
        return False
    try:
        outcome = server_push.request_rerun(server_push.SessionRef(session_id)).result(PUSH_ANSWER_SECONDS)
    except concurrent.futures.TimeoutError:
        return None
    return {server_push.Outcome.RERUN: True, server_push.Outcome.BUSY: None}.get(outcome, False)


def _page_shown(session_id: str) -> str:
    """The script hash of the page this session's last run drew ('' if unknown). Read from another
    thread than the session's, which only ever replaces it whole: at worst one run out of date."""
    session = Runtime.instance().get_app_session(session_id) if Runtime.exists() else None
    return session._client_state.page_script_hash if session is not None else ""


#: The live pages of this process that train, and the revivals of those that stopped.
WATCHDOG = Watchdog(revive=push_full_rerun)


def page_declared(session_id: str, run_every: float | None) -> None:
    """A full run of the live page declared ``run_every`` (None: not training)."""
    context = get_script_run_ctx(suppress_warning=True)
    WATCHDOG.declared(session_id, run_every, context.page_script_hash if context is not None else "")
    if run_every is not None and server_push.this_session() is not None:  # a real server: pushes reach it
        WATCHDOG.start()


def page_updated(session_id: str, run_every: float) -> None:
    """A live update begins (its timer works: a swamped server's slow update is not a stall); the
    page's timer asks every ``run_every`` seconds."""
    WATCHDOG.updated(session_id, run_every)
