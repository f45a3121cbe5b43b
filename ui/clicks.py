"""One click, one action: a button whose callback Streamlit may run twice for one click.

Streamlit 1.67 runs the callback of every widget that changed in a run, fragment runs included,
and a browser sends a click a moment after it happens (a zero-delay timeout). A fragment's timer
(``run_every``) that fires in that moment sends the click with its own request, so the callback
runs in the timer's fragment run and again in the click's own run (docs/pages.md, "How it
stays live"; tests/pages/test_live_pause_protocol.py).

A callback that sets a state (pause, reset, go to stage 4) gives the same result run twice and
needs nothing. One that counts, trains or flips is drawn with :func:`once_per_draw`: the button
carries a token made when it is drawn, and its action runs only the first time that token
arrives. This holds for a button drawn outside the fragment whose timer carries the click: the
timer's run does not draw it again, so both deliveries carry the same token. A button inside
that fragment is drawn again between the two deliveries, with a new token; it must say its
result in its arguments, or stay out of the ticking fragment.
"""

from __future__ import annotations

import itertools
from typing import Any, Callable

import streamlit as st

#: The last token acted on, per button key, in the session.
DONE_KEY = "clicks_done"
#: A token per drawing of a button, unique in this server process (sessions keep their own DONE_KEY).
_tokens = itertools.count()


def once_per_draw(key: str, action: Callable[..., Any], *args: Any) -> dict:
    """``on_click`` and ``args`` for ``st.button(..., key=key)``: ``action(*args)`` runs once per
    drawing of the button, however many times Streamlit delivers the click.

    A second click that reaches the server before the page has drawn the button again counts as
    the same click (as two clicks that arrive before a run starts already do in Streamlit).
    """
    return {"on_click": _act_once, "args": (key, next(_tokens), action, args)}


def _act_once(key: str, token: int, action: Callable[..., Any], args: tuple) -> None:
    done = st.session_state.setdefault(DONE_KEY, {})
    if done.get(key) == token:
        return  # this drawing's click was delivered already, by a fragment's timer
    done[key] = token
    action(*args)
