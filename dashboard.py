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
from ui.datasets import dataset_name
from ui.i18n import _, ngettext, numbers
from ui.presenter import presenter_mode
from ui.settings.display import current_palette, palette_ui
from ui.session import get_lab

st.set_page_config(page_title=_("See a neural network learn"), page_icon="🧠", layout="wide")
presenter_mode()  # ?presenter=1: large type for a projector
menu_ui()
sidebar_join_ui()  # join a class by its code from any page
palette_ui()  # ?palette=orange-blue: the colours of every weight picture
accessibility_ui()  # keyboard shortcuts, focus ring, captions' contrast, touch-size controls

st.title(_("See a neural network learn"))
st.write(_(
    "This is the three-layer neural network of Tariq Rashid's *Make Your Own Neural Network*: "
    "input, hidden and output nodes joined by weights, trained one sample at a time by backpropagation. "
    "Every weight and every number is on screen, in the book's own words (`wih`, `who`, `learning_rate`), "
    "so you can watch it learn, step through the maths, then teach it to read handwriting."
))

lab = get_lab()
network = lab.network
picture, places = st.columns([3, 2], gap="large")
with picture:
    st.subheader(_("This session's network"))
    # A static picture: the front door must draw at once, without plotly's JavaScript.
    st.image(network_svg(network, palette=current_palette()), alt=picture_words.diagram_alt(network))
    samples = lab.run.samples_seen
    st.caption(ngettext(
        "{inputs} inputs, {hidden} hidden and {outputs} output nodes learning **{dataset}**; learning rate "
        "{learning_rate}, seed {seed}, {samples} sample trained so far. Lines are weights. {lines} "
        "Hover over them on the Step through page.",
        "{inputs} inputs, {hidden} hidden and {outputs} output nodes learning **{dataset}**; learning rate "
        "{learning_rate}, seed {seed}, {samples} samples trained so far. Lines are weights. {lines} "
        "Hover over them on the Step through page.",
        samples,
    ).format(
        inputs=numbers.integer(network.input_nodes), hidden=numbers.integer(network.hidden_nodes),
        outputs=numbers.integer(network.output_nodes), dataset=dataset_name(lab.dataset),
        learning_rate=numbers.general(network.learning_rate), seed=network.seed,  # a seed is typed digit by digit
        samples=numbers.integer(samples), lines=lines_caption(current_palette()),
    ))
    with st.expander(_("The diagram in words: its weights as a list")):
        st.dataframe(picture_words.weights_list(network.wih, network.who, network_labels(network, lab.teaching_set)),
                     hide_index=True, height=250)
with places:
    st.subheader(_("Start here, in this order"))
    for step in (*START_HERE, CLASSROOM):
        step_link_ui(step)

with st.expander(_("The code: how the network answers (NeuralNetwork.query)")):
    st.code(inspect.getsource(NeuralNetwork.query), language="python")
