"""st.html's style-only check, answered from the body's start (ui/style_only_html.py): Streamlit's answer every time."""

from __future__ import annotations

import itertools

from streamlit.elements import html as streamlit_html
from streamlit.testing.v1 import AppTest

from ui import style_only_html

#: The pieces a comment or a style block is made of, and characters beside them.
PIECES = ("<", "!", "s", "S", "x", " ", "<!--", "-->", "<style>", "</style>", "style>p</style>")


def test_every_body_made_of_up_to_four_pieces_gets_streamlit_s_own_answer():
    style_only_html.install()
    streamlit_check = streamlit_html._html_only_style_tags.streamlit_check
    decided = 0
    for count in range(1, 5):
        for pieces in itertools.product(PIECES, repeat=count):
            body = "".join(pieces)
            assert streamlit_html._html_only_style_tags(body) == streamlit_check(body), body
            decided += style_only_html.decided_by_its_start(body)
    assert decided > 5_000  # most bodies were answered without Streamlit's scan
    # The case that a first rule (a "<" not followed by "!" or "s") got wrong: the comment's deletion
    # brings the style tag next to the first "<".
    assert streamlit_check("<<!-- x -->style>p {}</style>") and not style_only_html.decided_by_its_start("<<!---->style>")


def test_the_live_page_s_body_is_decided_at_once_and_a_style_tag_still_goes_to_the_hidden_container():
    style_only_html.install()
    assert style_only_html.decided_by_its_start('<div style="display:flex">' + "A" * 250_000 + "</div>")

    def app():
        import streamlit as st

        st.html("<style>p {color: red}</style>")
        st.html("<p>shown</p>")

    at = AppTest.from_function(app).run()
    assert [element.proto.body for element in at.main if element.type == "html"] == ["<p>shown</p>"]
