"""A fragment's run draws its next update over its last (ui/live/in_place.py), widgets included."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

APP = """
import streamlit as st
from ui.live.in_place import InPlace

@st.fragment
def updates():
    place = InPlace.begin()
    for number in range(3):
        if number:
            place.again()
        st.text(f"update {number}")
        if number == 0:
            st.text("drawn by the first update only")
        st.session_state["echo"] = f"#00000{number}"  # a widget the server sets, drawn by every update
        st.color_picker("echo", key="echo")

st.text("before")
updates()
st.text("after")
"""


def test_each_update_replaces_the_last_in_its_place_and_its_widgets_may_be_drawn_again():
    app = AppTest.from_string(APP).run()
    assert not app.exception
    assert [text.value for text in app.text] == ["before", "update 2", "after"]  # the first update's extra: blanked
    assert [picker.value for picker in app.color_picker] == ["#000002"]


def test_outside_a_script_run_there_is_no_place():
    from ui.live.in_place import InPlace

    assert InPlace.begin() is None
