"""Server push: ask a Streamlit session to rerun its page, or one fragment of it, from any thread.

A browser tab asks for every run itself (a click, a fragment's ``run_every`` timer). To
tell a tab that something changed elsewhere (another visitor, another server process)
without it asking every second, a thread of the server asks its session to rerun, as
Streamlit itself does when a script's file is saved (``AppSession.request_rerun`` with
the session's own client state: ``_on_source_file_changed``).

What a pushed rerun keeps, checked against Streamlit 1.67's source:

* **the page and its address.** ``request_rerun(None)`` runs an empty ``RerunData()``:
  no page (so the app's first page runs) and no query string. A push instead sends the
  ``ClientState`` the session's last run ended with (its page's script hash and its query
  string, query-parameter changes of that run included, and the browser's context such
  as its locale);
* **every widget's value.** The request carries no widget values, so the session keeps
  those of its last run and no widget callback runs;
* **a click happens once.** A run resets every button's trigger when it ends, and the
  pushed request carries none, so a click already handled never fires again.

A push goes only to a session that is *settled* (no script run in progress or queued,
and the last run's messages sent). A request folded into a run in progress would replace
the page and address that run ends with by the saved ones, which may be older (a run
that just set a query parameter, or a page change under way): such a push is refused
with ``BUSY``, and the caller tries again later. Whether a session is settled is
Streamlit's own ``AppSession.is_settled``, which needs ``track_settling()`` (called on the
first push; it costs the session one more flush cycle at the end of each run, and Streamlit
asks that a tracked session not rerun on file saves, which ``runOnSave`` does in development
only); until then, a session whose last messages wait to be sent is not settled
(``is_settled``). Everything that touches a session runs on the runtime's event-loop thread
(``call_soon_threadsafe``), never on the caller's.

Without a Streamlit server (AppTest, a plain ``python`` run) there is nothing to push
to: :func:`this_session` returns None and the caller polls instead.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import enum
from typing import Optional

from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner_utils.script_run_context import ThreadState, get_script_run_ctx


class Outcome(enum.Enum):
    """What became of one push."""

    RERUN = "rerun"  # the session was asked to rerun and accepted
    BUSY = "busy"  # a run is in progress or queued: nothing was asked; try again later
    NO_FRAGMENT = "no_fragment"  # the page no longer has that fragment (it moved on)
    GONE = "gone"  # no such connected session (closed, or its tab disconnected)
    NO_SERVER = "no_server"  # no Streamlit server in this process, or it stopped


@dataclasses.dataclass(frozen=True)
class SessionRef:
    """Where a push goes: a session, and the fragment to rerun (None: the whole page)."""

    session_id: str
    fragment_id: Optional[str] = None


def this_session() -> Optional[SessionRef]:
    """The session running this script, and the fragment being drawn (if inside one);
    None when there is no server to push from (AppTest, a bare ``python`` run)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None or not _server_running():
        return None
    try:
        fragment_id = ThreadState.get().fragment_id
    except RuntimeError:
        fragment_id = None
    return SessionRef(ctx.session_id, fragment_id)


def is_alive(session_id: str) -> bool:
    """Whether the session has a connected tab (a disconnected one that comes back reruns its page anyway)."""
    return _server_running() and Runtime.instance().is_active_session(session_id)


def request_rerun(target: SessionRef) -> concurrent.futures.Future:
    """Ask ``target``'s session to rerun ``target.fragment_id`` (or its whole page), from any thread.

    Returns a future of the :class:`Outcome`, settled on the event-loop thread (never wait
    for it on that thread). A fragment rerun that finds something to redraw beyond its
    fragment calls ``st.rerun()`` there, which reruns the page with the same address.
    """
    done: concurrent.futures.Future = concurrent.futures.Future()
    if not _server_running():
        done.set_result(Outcome.NO_SERVER)
        return done
    try:
        loop = Runtime.instance()._get_async_objs().eventloop
        loop.call_soon_threadsafe(_rerun_on_event_loop, target, done)
    except RuntimeError:  # the runtime stopped, or its loop closed, meanwhile
        if not done.done():
            done.set_result(Outcome.NO_SERVER)
    return done


def _rerun_on_event_loop(target: SessionRef, done: concurrent.futures.Future) -> None:
    try:
        done.set_result(_rerun(target))
    except Exception as error:  # the caller hears of it; the event loop goes on
        done.set_exception(error)


def _rerun(target: SessionRef) -> Outcome:
    if not _server_running():
        return Outcome.NO_SERVER
    session = Runtime.instance().get_app_session(target.session_id)
    if session is None:
        return Outcome.GONE
    if target.fragment_id and not session.has_fragment(target.fragment_id):
        return Outcome.NO_FRAGMENT
    if not is_settled(session):
        return Outcome.BUSY
    state = ClientState()
    # The state the session's last run ended with: its page, address and browser context
    # (Streamlit reruns a session with the same state when its script file is saved).
    state.CopyFrom(session._client_state)
    state.ClearField("widget_states")  # the session keeps its own; no callback runs
    if target.fragment_id:
        state.fragment_id = target.fragment_id
    session.request_rerun(state)
    return Outcome.RERUN


def is_settled(session) -> bool:
    """Whether no run of the session is in progress or queued and every message of its last run was sent.

    Streamlit tells once it tracks the session (``track_settling``, which asks to be called before the
    session's first run). Tracking starts at the first push here, and ``track_settling`` finds a session
    with no runner settled at once, even one whose last run's messages still wait to be sent: a class's
    Start on a swamped server, whose page the watchdog then pushed, and the pushed run's start threw
    those messages away. So a session not tracked yet is settled only once its messages have left.
    """
    if session._settled is None and not session._browser_queue.is_empty():
        return False  # not tracked yet, so a later look asks again
    session.track_settling()  # idempotent; settled at once if no run is in progress
    return session.is_settled


def _server_running() -> bool:
    if not Runtime.exists():
        return False
    try:
        Runtime.instance()._get_async_objs()
    except RuntimeError:  # made but not started (or a test's Runtime without a loop)
        return False
    return True
