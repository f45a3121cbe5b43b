"""A widget whose shown value is written in words of the language (a choice's name, a number's decimal sign)
shows it in the new language after a switch.

Streamlit 1.67 keeps a choice widget's value (``st.selectbox``, ``st.radio``, ``st.select_slider``,
``st.multiselect``) in the browser as the words its ``format_func`` gave it ("нормальные"), and a widget with a
key keeps its identity when its options' words change. After a language switch the browser still holds, and
shows, the old language's words, which are none of the new options: the MNIST Train form said «равномерные» in
English, and pressing Train made a network with normal starting weights, Streamlit's first choice. A text box
keeps its text the same way (the learning rate's «0,1»). The server sends the browser a widget's value only when the
script set it, so the widget is given its own value again, in the new words, in the first run after a switch.
"""

from __future__ import annotations

from typing import Any, Callable, Optional

import streamlit as st

from ui.i18n.current import current_language

#: Where the session keeps the language each keyed widget was last drawn in (a plain key, not a widget's).
DRAWN_IN_KEY = "widget_drawn_in_language"


def redraw_in_language(key: str, rewrite: Optional[Callable[[Any], Any]] = None) -> None:
    """Call just before drawing the widget ``key``: when it was last drawn in another language, its value is
    set again (as ``rewrite`` turns it, for a value that holds the old language's words itself), so the
    browser shows it in this one.

    For a widget drawn without a default of its own (``value``, ``default``, an ``index`` other than 0 or None):
    give it its first value through ``st.session_state`` instead, as Streamlit logs a warning for a widget
    given both.
    """
    language = current_language()
    drawn_in = st.session_state.setdefault(DRAWN_IN_KEY, {})
    if drawn_in.get(key, language) != language and key in st.session_state:
        held = st.session_state[key]
        st.session_state[key] = rewrite(held) if rewrite else held
    drawn_in[key] = language
