"""ui/server_push.is_settled on Streamlit's own AppSession: a session first looked at while its last run's
messages still wait to be sent is not settled (Streamlit's track_settling would say it is)."""

from __future__ import annotations

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.script_data import ScriptData
from streamlit.runtime.scriptrunner.script_cache import ScriptCache

from conftest import ROOT
from double_delivery import run
from ui.server_push import is_settled


@pytest.fixture
def session_with(no_file_watcher):
    """Runs ``check(session)`` on a new AppSession of the dashboard (no run, no file watcher) on an event
    loop in a thread of its own (a browser test before may have left one running in this thread), as
    Streamlit's runtime would, and returns what it returned."""
    def on_a_session(check):
        async def on_the_event_loop():
            session = AppSession(ScriptData(str(ROOT / "dashboard.py"), False), MemoryUploadedFileManager("/upload"),
                                 ScriptCache(), None, {})
            try:
                return check(session)
            finally:
                session.shutdown()
        return run(on_the_event_loop())
    return on_a_session


def finished_message() -> ForwardMsg:
    message = ForwardMsg()
    message.script_finished = ForwardMsg.FINISHED_SUCCESSFULLY
    return message


def test_streamlit_alone_calls_a_session_with_unsent_messages_settled_when_first_tracked(session_with):
    """Why is_settled looks first: the fault it guards against is Streamlit's, and is still there."""
    def check(session):
        session._browser_queue.enqueue(finished_message())
        session.track_settling()
        return session.is_settled
    assert session_with(check) is True


def test_a_session_first_looked_at_with_unsent_messages_is_not_settled_until_they_are_sent(session_with):
    def check(session):
        session._browser_queue.enqueue(finished_message())
        before = is_settled(session), is_settled(session)  # and not settled by being asked twice
        session.flush_browser_queue()  # the runtime sent them
        return before, is_settled(session)
    assert session_with(check) == ((False, False), True)


def test_a_quiet_session_is_settled(session_with):
    assert session_with(is_settled) is True
