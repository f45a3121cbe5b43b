"""The workshop's row of tabs: shown in the session's language, known everywhere else by their English names.

``st.tabs`` keeps the open tab's *label* under its key, and a label changes with the
language; the page, the URL (``?tab=test``) and the tests know a tab by its name in
:data:`ui.mnist.settings.MNIST_TABS`. So the key's value is turned into a name each run,
and back into this language's label before the tabs are drawn: switching language keeps
the open tab open.
"""

from __future__ import annotations

from typing import Optional, Sequence

import streamlit as st

from ui.i18n import _, speaking
from ui.i18n.current import LANGUAGES
from ui.mnist.settings import MNIST_SETTINGS, MNIST_TABS

TAB_KEY = MNIST_SETTINGS.key("tab")


def tab_name(label: Optional[str]) -> Optional[str]:
    """The tab (its name in MNIST_TABS) that ``label`` shows in any language; None if no tab is called that."""
    for language in LANGUAGES:
        with speaking(language):
            for name in MNIST_TABS:
                if label == _(name):
                    return name
    return None


def open_tab_name() -> str:
    """The name of the tab open this session (the first until one is chosen)."""
    return tab_name(st.session_state.get(TAB_KEY)) or MNIST_TABS[0]


def workshop_tabs() -> Sequence:
    """The six tabs, labelled in the session's language, the open one kept open; one container each."""
    label = _(open_tab_name())
    if st.session_state.get(TAB_KEY) != label:
        st.session_state[TAB_KEY] = label  # a link's or another language's name, as this language shows it
    return st.tabs([_(name) for name in MNIST_TABS], key=TAB_KEY, on_change="rerun")
