"""st.html's check for a body of only ``<style>`` tags, answered from the body's start when that decides it.

Streamlit 1.67 sends HTML made only of style tags (and comments) to a hidden container, so it takes
no room on the page. To tell, ``streamlit.elements.html._html_only_style_tags`` deletes every
comment and every style block from the whole body with two regular expressions and looks at what
is left, on every ``st.html``. The live page sends each update as one ``st.html``
(ui/live/block.py): for MNIST a 247 KB body, two pictures of 78,400 weights each, which those
expressions scan for 0.4 ms of every update's 18 (docs/speed.md).

A body whose first character after white space is not ``<``, or is a ``<`` followed by anything but
``!`` (a comment), ``s``/``S`` (a style tag) or another ``<``, keeps that character whatever the
expressions delete: a deleted comment or style block begins with ``<!`` or ``<s``, and deleting a
comment after the second character cannot bring a style tag's start next to the first
(``<<!---->style>p</style>`` is style-only once its comment is gone: hence the second ``<``). So such
a body is not style-only, and the answer needs no scan. Any other body (one that begins with a
comment or a style tag, or is empty) is asked of Streamlit's own function, so every answer is the
one Streamlit gives (tested on every body of up to four pieces of comments, style tags and the
characters beside them: tests/ui/test_style_only_html.py).

``install`` wraps the function once per process (importing ``ui`` does it), and checks that it
is still there, so an upgrade that renames it fails loudly rather than silently losing the saving.
"""

from __future__ import annotations

import functools

from streamlit.elements import html as streamlit_html

_installed = False


def decided_by_its_start(body: str) -> bool:
    """Whether ``body`` is certainly not style-only, from its first two characters after white space."""
    start = body.lstrip()[:2]
    return bool(start) and (start[0] != "<" or (len(start) == 2 and start[1] not in "!sS<"))


def install() -> None:
    """Make st.html's style-only check skip its scan of a body whose start decides it (once per process)."""
    global _installed
    if _installed:
        return
    streamlit_only_style_tags = streamlit_html._html_only_style_tags

    @functools.wraps(streamlit_only_style_tags)
    def only_style_tags(html_content: str) -> bool:
        return False if decided_by_its_start(html_content) else streamlit_only_style_tags(html_content)

    only_style_tags.streamlit_check = streamlit_only_style_tags
    streamlit_html._html_only_style_tags = only_style_tags
    _installed = True
