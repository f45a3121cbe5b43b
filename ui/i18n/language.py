"""The language switch: ``?lang=ru`` in a link, a choice in the sidebar, or the browser's own language.

The first page a session opens decides its language from the link, else the
browser's preferred language (``st.context.locale``), else English
(:func:`first_language`). From then on the sidebar's switch changes it, and a
link naming another language (a lesson link) changes it too. The choice is the
session's: the URL carries it, so a shared link opens in the same language.
"""

from __future__ import annotations

import streamlit as st

from ui.i18n.current import CHOSEN_KEY, DEFAULT_LANGUAGE, LANGUAGES, current_language
from ui.i18n.streamlit_words import streamlit_words_ui
from ui.settings.setting import Setting, Table
from ui.settings.widgets import sidebar_choice_ui

LANGUAGE_SETTINGS: Table = Table(
    "language",
    (
        Setting(
            # In both languages, so a learner who cannot read the current one still finds it.
            "lang", str, DEFAULT_LANGUAGE, "Language · Язык",
            "The language of every page. Язык всех страниц.",
            choices=tuple(LANGUAGES), widget="radio",
        ),
    ),
)


def first_language() -> str:
    """A new session's language: the link's ``lang``, else the browser's, else English."""
    asked = st.query_params.get("lang", "")
    if asked in LANGUAGES:
        return asked
    browser = (st.context.locale or "").split("-")[0].lower()
    return browser if browser in LANGUAGES else DEFAULT_LANGUAGE


def language_ui() -> str:
    """The switch in the sidebar, read from and written to the URL; returns the language chosen.

    A change reruns the page at once, so nothing drawn above the switch stays in the old language.
    """
    before = current_language()
    chosen = sidebar_choice_ui(LANGUAGE_SETTINGS, "lang", CHOSEN_KEY, before, format_func=LANGUAGES.get,
                               horizontal=True)
    if chosen != before:
        st.rerun()
    streamlit_words_ui()  # Streamlit's own words (the uploader's, a number box's ...), which it writes in English
    return chosen
