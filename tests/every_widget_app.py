"""A tiny Streamlit app with one widget of every type the dashboard's pages draw, for the protocol client's tests.

Each widget records its on_change, and the fragment writes out every widget's value as the app reads
it (two st.text elements): a state the client sends encoded otherwise than the frontend encodes it
reads back as another value, a change, or an exception. Some widgets get their value from the app
(Streamlit then sends it with ``set_value``), one sits in a form, one in a tab not shown, one in an
expander, one is drawn only while the toggle is on; tabs, buttons and links keep no state.
"""

from __future__ import annotations

APP = """
import streamlit as st

KEYS = ["checkbox", "toggle", "radio", "radio_none", "selectbox", "multiselect", "select_slider", "set_rate",
        "slider", "range", "number_int", "number_float", "number_none", "text_input", "text_area",
        "file_uploader", "colour", "set_colour", "form_text", "tab_number", "expander_toggle", "while_toggle"]
st.session_state.setdefault("changed", [])
st.session_state.setdefault("set_rate", 0.03)  # a value the app sets: sent with set_value
st.session_state.setdefault("set_colour", "#00002a")


def on(key):
    return dict(key=key, on_change=lambda: st.session_state.changed.append(key))


def bump():
    st.session_state.set_rate = 0.3  # the app changes a widget's value: the browser is told with set_value
    st.session_state.set_colour = "#00002b"


st.checkbox("checkbox", True, **on("checkbox"))
st.toggle("toggle", **on("toggle"))
st.radio("radio", ["one", "two", "three"], index=1, **on("radio"))
st.radio("radio without a choice", ["one", "two"], index=None, **on("radio_none"))
st.selectbox("selectbox", ["a", "b", "c"], index=2, format_func=str.upper, **on("selectbox"))
st.multiselect("multiselect", ["x", "y", "z"], default=["z", "x"], **on("multiselect"))
st.select_slider("select_slider", [0.01, 0.03, 0.1, 0.3], value=0.1, format_func=str, **on("select_slider"))
st.select_slider("set by the app", [0.01, 0.03, 0.1, 0.3], **on("set_rate"))
st.slider("slider", 1, 50, 20, **on("slider"))
st.slider("range", 0.0, 1.0, (0.25, 0.75), **on("range"))
st.number_input("int", 1, 200, 3, **on("number_int"))
st.number_input("float", 0.0, 10.0, 0.5, **on("number_float"))
st.number_input("empty", value=None, **on("number_none"))
st.text_input("text_input", "hello", **on("text_input"))
st.text_area("text_area", "lines", **on("text_area"))
st.file_uploader("file_uploader", type=["npz"], **on("file_uploader"))
st.color_picker("colour", "#3366cc", **on("colour"))
st.color_picker("colour set by the app", **on("set_colour"))  # as the live page's hidden one (ui/live/drawn.py)
st.button("bump", key="bump", on_click=bump)
st.download_button("download", b"bytes", key="download")
st.link_button("link", "https://example.com")
with st.form("form"):
    st.text_input("in a form", "typed", key="form_text")  # no callback allowed in a form
    st.form_submit_button("submit")
first, second = st.tabs(["first", "second"], key="tabs", on_change="rerun")
with second:
    st.number_input("in the second tab", value=4, **on("tab_number"))
with st.expander("expander"):
    st.toggle("in an expander", True, **on("expander_toggle"))


@st.fragment(run_every=TICK)
def seen():
    st.text(repr({key: st.session_state[key] for key in KEYS if key in st.session_state}))
    st.text(repr(st.session_state.changed))


seen()
if st.session_state.toggle:  # after the fragment, which a widget before it would move (a new fragment id)
    st.text_input("only while the toggle is on", "shown", **on("while_toggle"))
"""


def every_widget_app(tick_seconds: float) -> str:
    """The app's source, its fragment declared with ``run_every=tick_seconds``."""
    return APP.replace("TICK", repr(tick_seconds))
