"""The front door ("Start here" in the menu): what this is, the session's network, and where to go next."""

import inspect

import streamlit as st

from nn.network import NeuralNetwork
from ui.classroom.join import sidebar_join_ui
from ui.menu import menu_ui
from ui import picture_words
from ui.network_diagram import lines_caption, network_svg
from ui.node_names import network_labels
from ui.next_page import CLASSROOM, START_HERE, step_link_ui
from ui.accessibility import accessibility_ui
from ui.presenter import presenter_mode
from ui.settings.display import current_palette, palette_ui
from ui.session import get_lab

st.set_page_config(page_title="See a neural network learn", page_icon="🧠", layout="wide")
presenter_mode()  # ?presenter=1: large type for a projector
menu_ui()
sidebar_join_ui()  # join a class by its code from any page
palette_ui()  # ?palette=orange-blue: the colours of every weight picture
accessibility_ui()  # keyboard shortcuts, focus ring, captions' contrast, touch-size controls

st.title("See a neural network learn")
st.write(
    "This is the three-layer neural network of Tariq Rashid's *Make Your Own Neural Network*: "
    "input, hidden and output nodes joined by weights, trained one sample at a time by backpropagation. "
    "Every weight and every number is on screen, in the book's own words (`wih`, `who`, `learning_rate`), "
    "so you can watch it learn, step through the maths, then teach it to read handwriting."
)

lab = get_lab()
network = lab.network
picture, places = st.columns([3, 2], gap="large")
with picture:
    st.subheader("This session's network")
    # A static picture: the front door must draw at once, without plotly's JavaScript.
    st.image(network_svg(network, palette=current_palette()), alt=picture_words.diagram_alt(network))
    st.caption(
        f"{network.input_nodes} inputs, {network.hidden_nodes} hidden and {network.output_nodes} output nodes "
        f"learning **{lab.dataset}**; learning rate {network.learning_rate:g}, seed {network.seed}, "
        f"{lab.run.samples_seen:,} samples trained so far. Lines are weights. "
        + lines_caption(current_palette()) + " Hover over them on the Step through page."
    )
    with st.expander("The diagram in words: its weights as a list"):
        st.dataframe(picture_words.weights_list(network.wih, network.who, network_labels(network, lab.teaching_set)),
                     hide_index=True, height=250)
with places:
    st.subheader("Start here, in this order")
    for step in (*START_HERE, CLASSROOM):
        step_link_ui(step)

with st.expander("The code: how the network answers (NeuralNetwork.query)"):
    st.code(inspect.getsource(NeuralNetwork.query), language="python")
