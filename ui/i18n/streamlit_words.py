"""Streamlit's own words on a page, in the session's language: its file uploader's "Upload" and
"50MB per file • NPZ".

Streamlit's frontend writes them in English whatever the page's language, and has no setting
for it. In any other language a style sheet hides them and writes the page's own words in
their place (generated content, which screen readers read too); English keeps Streamlit's
words. The size Streamlit states is the box's ``max_upload_size``, which each box's label gives
too; so the translation names no size. A file over it is refused in the browser, and
ui/upload_box.py says so in the session's language.
"""

from __future__ import annotations

import streamlit as st

from ui.i18n.current import DEFAULT_LANGUAGE, current_language
from ui.i18n.translate import N_, _

# Translators: the button of every file upload box
UPLOAD_BUTTON = N_("Choose a file")
# Translators: beside the upload button
DROP_HERE = N_("or drop it here")

_BUTTON_TEXT = '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"]'
_INSTRUCTIONS = '[data-testid="stFileUploaderDropzoneInstructions"]'


def streamlit_words_css() -> str:
    """The style sheet that says Streamlit's words in the session's language; empty in English."""
    if current_language() == DEFAULT_LANGUAGE:
        return ""
    return (
        f"{_BUTTON_TEXT} p {{ display: none; }}\n"
        f"{_BUTTON_TEXT}::after {{ content: {_css_string(_(UPLOAD_BUTTON))}; }}\n"
        f"{_INSTRUCTIONS} span {{ display: none; }}\n"
        f"{_INSTRUCTIONS} > div::after {{ content: {_css_string(_(DROP_HERE))}; }}\n"
    )


def streamlit_words_ui() -> None:
    css = streamlit_words_css()
    if css:
        st.html(f"<style>\n{css}</style>")


def _css_string(text: str) -> str:
    """``text`` as a CSS string: quoted, its backslashes, quotes and angle brackets escaped (CSS's own
    hex escapes: a translation can never end the style sheet), every other letter as it is."""
    escaped = "".join(f"\\{ord(letter):x} " if letter in '\\"<>\n' else letter for letter in text)
    return f'"{escaped}"'
