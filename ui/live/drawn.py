"""Which live update the browser has drawn: each carries its number, and the browser's next request says it back.

A hidden widget in the live fragment is given the update's number by the server (Session State).
The browser copies an element's value into the widget states it sends once it has drawn that
element, and sends them with its next request, timer's or click's. So a request tells the server
the number of the last update the browser drew, and ``browser_behind`` how far behind that is
(ui/live/pace.py). Without a browser (AppTest, the protocol benchmarks) the widget's value stays
what the server set: never behind.

The widget is a colour picker, the number its colour ("#00002a" for update 42): any widget whose
value the server sets would carry it, but Streamlit draws a number box only after walking the
whole Session State (``filtered_state``), 0.28 ms of a 4.8 ms 3-3-3 update, and a colour picker
without it.
"""

from __future__ import annotations

import time

import streamlit as st

from ui.i18n import _
from ui.live.interrupt import request_arrived_at
from ui.live.pace import Behind, SentUpdates

#: The hidden widget: the number of the update being drawn, and then what the browser said it drew.
ECHO_KEY = "live_drawn"
#: The updates sent, numbered, and when (``SentUpdates``).
SENT_KEY = "live_sent"
#: Numbers go round within a colour's 24 bits: 9 days of updates at 20 a second.
_ROUND = 2 ** 24

_HIDDEN = (f"<style>.st-key-{ECHO_KEY}, [data-testid='stElementContainer']:has(.st-key-{ECHO_KEY})"
           " {display: none}</style>")


def browser_behind() -> Behind | None:
    """How far behind the browser was when its request for this run reached the server (None: before its
    first update). Not when the run took it up: on a busy server that is later, by as long as the request
    was held or waited for the interpreter, and a browser that kept up would look late for it."""
    sent, drawn = st.session_state.get(SENT_KEY), number_of(st.session_state.get(ECHO_KEY))
    if sent is None or drawn is None:
        return None
    asked_at = request_arrived_at()
    return sent.behind(sent.latest - (sent.latest - drawn) % _ROUND,
                       time.monotonic() if asked_at is None else asked_at)


def drawn_echo_ui() -> None:
    """The hidden widget for this update (in the live fragment, after what it draws)."""
    number = st.session_state.setdefault(SENT_KEY, SentUpdates()).send(time.monotonic())
    st.session_state[ECHO_KEY] = colour_of(number)
    st.color_picker(
        _("Live updates drawn"), key=ECHO_KEY, label_visibility="collapsed",
        help=_("Hidden: the browser says with it how many live updates it has drawn, so the server sends no faster."),
    )


def colour_of(number: int) -> str:
    """The colour that carries an update's number."""
    return f"#{number % _ROUND:06x}"


def number_of(colour) -> int | None:
    """The number a colour carries; None for anything else (a browser may send any string)."""
    try:
        return int(colour[1:], 16) if isinstance(colour, str) and len(colour) == 7 and colour[0] == "#" else None
    except ValueError:
        return None


def hide_drawn_echo_ui() -> None:
    """The style that hides the widget (once per full run, outside the fragment, so it stays)."""
    st.html(_HIDDEN)
