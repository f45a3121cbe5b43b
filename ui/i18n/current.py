"""Which language this session speaks: the one chosen by ui.i18n.language, else English.

It is read from the session (``st.session_state``), never from anything
process-wide, so two learners on one server can use two languages at once.
Code running outside a page (a test of a helper, a training thread) speaks
English unless :func:`speaking` says otherwise.
"""

from __future__ import annotations

import contextlib
import contextvars
from typing import Iterator

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

#: Every language the dashboard speaks, by its code, with its own name for itself.
LANGUAGES = {"en": "English", "ru": "Русский"}
DEFAULT_LANGUAGE = "en"

#: Where the session's language is kept (a plain key, not a widget's: Streamlit drops a
#: widget's state when its page is left).
CHOSEN_KEY = "language_chosen"

_speaking: contextvars.ContextVar = contextvars.ContextVar("speaking", default=None)


def current_language() -> str:
    """The language of this session ("en" or "ru")."""
    forced = _speaking.get()
    if forced is not None:
        return forced
    run = get_script_run_ctx(suppress_warning=True)
    if run is None:
        return DEFAULT_LANGUAGE
    try:
        return run.session_state[CHOSEN_KEY]  # half the cost of st.session_state.get: this runs for every word
    except KeyError:
        from ui.i18n.language import first_language  # the URL and the browser are read once a session

        chosen = st.session_state[CHOSEN_KEY] = first_language()
        return chosen


@contextlib.contextmanager
def speaking(language: str) -> Iterator[None]:
    """Within this block, speak ``language`` whatever the session chose (tests, and text made off a page)."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}; got {language!r}")
    token = _speaking.set(language)
    try:
        yield
    finally:
        _speaking.reset(token)
