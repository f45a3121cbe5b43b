"""The MNIST workshop: train the book's 784-hidden-10 network on real handwriting, test it, look inside."""

import inspect

import streamlit as st

from nn.network import NeuralNetwork
from ui import plain_text
from ui.classroom.join import sidebar_join_ui
from ui.i18n import _
from ui.menu import menu_ui
from ui.mnist import experiments as mnist_experiments, handwriting as mnist_handwriting, test as mnist_test, train as mnist_train
from ui.mnist import predict as mnist_predict
from ui.mnist.header import network_header
from ui.mnist.settings import MNIST_SETTINGS
from ui.mnist.state import chosen_settings, get_mnist_lab
from ui.mnist.tabs import open_tab_name, workshop_tabs
from ui.next_page import next_page_ui
from ui.accessibility import accessibility_ui
from ui.presenter import presenter_mode
from ui.settings.display import palette_ui
from ui.settings.url import write_url

st.set_page_config(page_title=_("MNIST workshop"), page_icon="✍️", layout="wide")
presenter_mode()  # ?presenter=1: large type for a projector
menu_ui()
sidebar_join_ui()  # join a class by its code from any page
palette_ui()  # ?palette=orange-blue: the colours of every weight picture
accessibility_ui()  # keyboard shortcuts, focus ring, captions' contrast, touch-size controls
st.title(_("The MNIST workshop"))
st.write(_(
    "Do what the book's second and third parts do, on the real MNIST images: train a network with "
    "784 input nodes (one per pixel), some hidden nodes and 10 output nodes (one per digit), then test "
    "it on 10,000 images it has never seen. Draw your own digit for it, look at what it learned, and "
    "run the book's experiments."
))

mnist_train.settings_from_link()  # a link's settings, when one arrives
lab = get_mnist_lab()
plain_text.caption(network_header(lab))  # lab.origin may hold an upload's file name

train_tab, test_tab, predict_tab, handwriting_tab, inside_tab, experiments_tab = workshop_tabs()
chosen = chosen_settings()
chosen["tab"] = open_tab_name()  # its English name: the URL's word does not change with the language
if train_tab.open:
    with train_tab:
        settings, progress = st.columns([1, 3], gap="large")
        with settings:
            mnist_train.settings_ui()
        with progress:
            mnist_train.progress_ui()
        mnist_train.files_ui()
if test_tab.open:
    with test_tab:
        mnist_test.scorecard_ui()
if predict_tab.open:
    with predict_tab:
        mnist_predict.predict_tab_ui()
if handwriting_tab.open:
    with handwriting_tab:
        mnist_handwriting.handwriting_ui()
if inside_tab.open:
    with inside_tab:
        mnist_test.inside_ui()
if experiments_tab.open:
    with experiments_tab:
        mnist_experiments.sweep_ui()
        mnist_experiments.augmentation_ui()
write_url(chosen, MNIST_SETTINGS)  # the address bar shares the form's settings, the open tab, the experiments

with st.expander(_("The code being taught: NeuralNetwork.train, query and backquery")):
    for method in (NeuralNetwork.train, NeuralNetwork.query, NeuralNetwork.backquery):
        st.code(inspect.getsource(method), language="python")

next_page_ui(__file__)  # the next step on the path from the book's first page
