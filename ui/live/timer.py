"""Tell the browser a new interval for the running fragment's timer, without rerunning the page.

Streamlit sends a fragment's ``run_every`` to the browser (an ``auto_rerun`` message) only when
the fragment is declared, in a full script run; a full run also clears every timer the page
had (its ``new_session`` message) before declaring them again. Rerunning the whole page to
change the live page's tick therefore cost a full run per page, and under load Streamlit can
drop the last messages of such a run, new timer included, leaving the page with none
(docs/classroom.md, "Why a page could end with no timer").

This sends the same ``auto_rerun`` message from the fragment's own run. The browser replaces
that fragment's timer with one at the new interval (its ``handleAutoRerun`` keeps a timer per
fragment id) and clears nothing else; if the message is lost, the old timer simply goes on.
"""

from __future__ import annotations

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui import server_push


def retime_running_fragment(seconds: float) -> bool:
    """Ask the browser to rerun the running fragment every ``seconds`` from now on.

    Only in a fragment's own run (a full run declares its fragments' timers itself) and with a
    server (AppTest has no browser). Returns whether the message was sent.
    """
    context = get_script_run_ctx(suppress_warning=True)
    session = server_push.this_session()  # names the fragment being drawn
    if context is None or session is None or not session.fragment_id or not context.fragment_ids_this_run:
        return False
    message = ForwardMsg()
    message.auto_rerun.interval = seconds
    message.auto_rerun.fragment_id = session.fragment_id
    context.enqueue(message)
    return True
