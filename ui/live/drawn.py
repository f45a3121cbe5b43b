"""Which live update the browser has drawn: each carries its number, and the browser's next request says it back.

A hidden number box in the live fragment is given the update's number by the server (Session
State). The browser copies an element's value into the widget states it sends once it has drawn
that element, and sends them with its next request, timer's or click's. So a request tells the
server the number of the last update the browser drew, and ``updates_behind`` how many it sent
since (ui/live/pace.py). Without a browser (AppTest, the protocol benchmarks) the box's value
stays what the server set: never behind.
"""

from __future__ import annotations

import streamlit as st

from ui.i18n import _

#: The hidden box: the number of the update being drawn, and then what the browser said it drew.
ECHO_KEY = "live_drawn"
#: The number of the latest update sent.
SENT_KEY = "live_sent"

_HIDDEN = (f"<style>.st-key-{ECHO_KEY}, [data-testid='stElementContainer']:has(.st-key-{ECHO_KEY})"
           " {display: none}</style>")


def updates_behind() -> int | None:
    """Updates sent that the browser had not drawn when it sent this run's request (None: before the first)."""
    sent, drawn = st.session_state.get(SENT_KEY), st.session_state.get(ECHO_KEY)
    if sent is None or drawn is None:
        return None
    return max(0, sent - int(drawn))


def drawn_echo_ui() -> None:
    """The hidden box for this update (in the live fragment, after what it draws)."""
    number = st.session_state.get(SENT_KEY, 0) + 1
    st.session_state[SENT_KEY] = number
    st.session_state[ECHO_KEY] = number
    st.number_input(
        _("Live updates drawn"), key=ECHO_KEY, step=1, label_visibility="collapsed",
        help=_("Hidden: the browser says with it how many live updates it has drawn, so the server sends no faster."),
    )


def hide_drawn_echo_ui() -> None:
    """The style that hides the box (once per full run, outside the fragment, so it stays)."""
    st.html(_HIDDEN)
