"""Showing text a visitor supplied as plain text, never as Markdown.

Streamlit renders the body of ``st.error``, ``st.warning``, ``st.info``,
``st.success``, ``st.caption`` and ``st.markdown`` as Markdown, and has no
plain-text option for them (Streamlit 1.67). A link such as
``?dataset=[log in](http://evil.example)`` would otherwise put a working link,
or an image fetched from any host, inside the app's own red box. Every message
that may hold a visitor's words (URL values, typed text, file names, names, and
the reasons built from them) is shown by one of this module's functions, which
show the whole message as the characters it holds.

:func:`plain` does it for any Markdown body: every ASCII punctuation character is
backslash-escaped (CommonMark lets any of them be escaped, and an escaped
character is never syntax), and a word joiner (U+2060, invisible, zero width)
goes before each ``http:``, ``www.`` and ``@`` and after a ``:`` that starts a word,
because GitHub-flavoured Markdown turns bare addresses into links, and Streamlit
turns ``:name:`` into icons and colours, after escapes are read.
"""

from __future__ import annotations

import re
import string

import streamlit as st

_ESCAPED = str.maketrans({character: "\\" + character for character in string.punctuation})
#: In the escaped text, where a word joiner goes: before what GFM's autolink-literal would start a link
#: at (a scheme or www. after a boundary, an e-mail's @), and inside ``:name`` (Streamlit's shortcodes
#: ``:streamlit:``, ``:material/...:``, ``:red[...]`` are read after escapes).
_JOINER_PLACES = re.compile(r"(?i)(?=(?:https?|ftp|mailto|xmpp)\\:|www\\\.|\\@)|(?<=\\:)(?=\w)")
WORD_JOINER = "\u2060"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def plain(text: object) -> str:
    """``text`` as a Markdown body that shows exactly its characters: no links, images, styles or icons.

    Line breaks are kept as hard line breaks (two spaces before the newline).
    """
    escaped = str(text).translate(_ESCAPED)
    escaped = _JOINER_PLACES.sub(WORD_JOINER, escaped)
    return _LINE_BREAK.sub("  \n", escaped)


def error(text: object, where=st) -> None:
    """A red message box showing ``text`` as plain text (``where``: st, st.sidebar or a column)."""
    where.error(plain(text), icon="")


def warning(text: object, where=st) -> None:
    where.warning(plain(text), icon="")


def info(text: object, where=st) -> None:
    where.info(plain(text), icon="")


def success(text: object, where=st) -> None:
    where.success(plain(text), icon="")


def caption(text: object, where=st) -> None:
    where.caption(plain(text))


def text(text: object, where=st) -> None:
    """A paragraph (``st.markdown``) showing ``text`` as plain text."""
    where.markdown(plain(text))
