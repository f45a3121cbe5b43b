"""The workshop's Train tab: settings, training with Pause/Resume, saving and loading."""

from __future__ import annotations

import numpy as np
import streamlit as st

from nn import MAX_LEARNING_RATE, MAX_NODES, NeuralNetwork
from nn.experiments import Config
from nn.network import INITS
from ui import charts, mnist_charts
from ui.saved_work import MAX_UPLOAD_HIDDEN_NODES, UploadError, network_from_bytes, network_to_bytes
from ui.mnist_state import (PRETRAINED_COMMAND, PRETRAINED_SETTINGS, TICK_SECONDS, TRAIN_IMAGES_MAX,
                             get_mnist_lab, new_lab, pretrained_lab, set_mnist_lab)

#: Rotated copies triple the training set; past this many originals it would not fit a classroom server.
ROTATION_IMAGES_MAX = 20_000
ERROR_WINDOW = 500


def settings_ui() -> None:
    """The form that starts a fresh network."""
    lab = get_mnist_lab()
    with st.form("mnist_settings"):
        hidden_nodes = st.number_input(
            "hidden nodes", 1, MAX_NODES, lab.config.hidden_nodes, key="mnist_hidden_nodes",
            help=f"Nodes in the hidden layer (1 to {MAX_NODES}). The book uses 100, then 200.")
        learning_rate = st.number_input(
            "learning rate", 0.001, MAX_LEARNING_RATE, lab.config.learning_rate, step=0.05, format="%.3f",
            key="mnist_learning_rate",
            help="How far each sample moves the weights (0.001 to 100). The book's best for one epoch: 0.1 to 0.3.")
        epochs = st.number_input(
            "epochs", 1, 30, lab.config.epochs, key="mnist_epochs",
            help="Passes over the training images (1 to 30). The book's best at lr 0.1: 5 to 7.")
        init = st.selectbox(
            "starting weights", INITS, INITS.index(lab.config.init), key="mnist_init",
            help="normal: N(0, 1/sqrt(784)), the book's choice. uniform: -0.5..0.5. "
                 "positive: 0..1, the book's first try, which saturates the sigmoids.")
        seed = st.number_input(
            "seed", 0, 2**31 - 1, lab.config.seed, key="mnist_seed",
            help="Fixes the starting weights: the same seed gives the same run on every screen.")
        train_count = st.number_input(
            "training images", 10, TRAIN_IMAGES_MAX, TRAIN_IMAGES_MAX, step=1000, key="mnist_train_count",
            help="How many of the 60,000 training images to use, from the first. Fewer trains faster, learns less.")
        rotations = st.checkbox(
            "also train on copies rotated ±10°", False, key="mnist_rotations",
            help=f"The book's last chapter: each image, then it turned +10° and -10°. Triples the work; "
                 f"at most {ROTATION_IMAGES_MAX:,} originals here.")
        start = st.form_submit_button("Train a new network", type="primary", key="mnist_train",
                                      help="Makes a fresh network with these settings and starts training it.")
    if start:
        if rotations and train_count > ROTATION_IMAGES_MAX:
            st.error(f"training images: with rotated copies at most {ROTATION_IMAGES_MAX:,} are allowed here "
                     f"(you chose {train_count:,}); the current network is unchanged.")
            return
        config = Config(int(hidden_nodes), float(learning_rate), int(epochs), init, int(seed))
        try:
            with st.spinner(f"Scaling {int(train_count) * (3 if rotations else 1):,} training images the book's way..."):
                lab = new_lab(config, int(train_count), rotations)
        except ValueError as problem:
            st.error(f"The network could not be made: {problem}. The current network is unchanged.")
            return
        lab.running = True
        set_mnist_lab(lab)
        st.rerun()  # redraw everything for the new network, and start the ticking


@st.fragment(run_every=TICK_SECONDS + 0.1)
def _ticking_progress_ui() -> None:
    _progress_body()


@st.fragment
def _still_progress_ui() -> None:
    _progress_body()


def progress_ui() -> None:
    """Progress, error curve and test accuracy; re-drawn every tick only while training runs."""
    (_ticking_progress_ui if get_mnist_lab().running else _still_progress_ui)()


def _progress_body() -> None:
    lab = get_mnist_lab()
    was_running = lab.running
    if lab.running:
        lab.train_tick()
    run = lab.run
    if run.diverged:
        st.error(run.diverged)

    left, right = st.columns([3, 1])
    done = min(run.samples_seen / lab.target_samples, 1.0)
    seconds_left = lab.seconds_left()
    left.progress(done, text=f"{run.samples_seen:,} of {lab.target_samples:,} samples "
                             f"(epoch {min(run.epoch + 1, lab.config.epochs)} of {lab.config.epochs})"
                  + (f" · about {seconds_left:.0f} s left" if lab.running and seconds_left is not None else "")
                  + (" · trains while this tab is open" if lab.running else ""))
    if lab.running:
        if right.button("Pause", key="mnist_pause", help="Stop after this chunk; the network keeps what it learned."):
            lab.running = False
            st.rerun()
    elif not lab.finished:
        if right.button("Resume", key="mnist_resume", type="primary", help="Carry on training where it stopped."):
            lab.running = True
            st.rerun()

    seen, score = lab.peeks[-1]
    st.metric("accuracy on the first 2,000 test images", f"{score:.2%}",
              help="Fraction of test images whose biggest output is the true digit, after "
                   f"{seen:,} training samples. The Test tab scores all 10,000.")
    st.plotly_chart(charts.error_curve(run.errors, run.running_mean(ERROR_WINDOW), run.epoch_starts(),
                                       accuracy=lab.peeks), key="mnist_learning_curve")
    backquery_strip(lab.network)
    if was_running and not lab.running:
        st.rerun()  # training ended: redraw the whole page (Test tab included) and stop ticking


def backquery_strip(network: NeuralNetwork, pixel_size: int = 3) -> None:
    """The book's reverse query for each digit: the image the network 'imagines' for it."""
    pictures = [network.backquery(_one_hot(digit)).reshape(28, 28) for digit in range(10)]
    st.image(mnist_charts.digit_strip(pictures, pixel_size), width="stretch",
             caption="What the network imagines for 0, 1, 2 ... 9 (backquery: 0.99 at the digit's output node, "
                     "0.01 at the others, run backwards to the inputs). Dark = high input.")


def _one_hot(digit: int) -> np.ndarray:
    targets = np.full(10, 0.01)
    targets[digit] = 0.99
    return targets


def files_ui() -> None:
    """Save the workshop's network to a file, or load one (a bad file changes nothing)."""
    lab = get_mnist_lab()
    save, load, pretrained = st.columns(3)
    save.download_button("Save this network (.npz)", data=lambda: network_to_bytes(lab.network),
                         file_name="mnist_network.npz", mime="application/octet-stream", key="mnist_save",
                         on_click="ignore", help="Every weight (wih, who) and setting, to load here again later.")
    if pretrained.button("Start from the pre-trained network", key="mnist_pretrained",
                         help=f"{PRETRAINED_SETTINGS}; made by this project's own command: {PRETRAINED_COMMAND}"):
        try:
            set_mnist_lab(pretrained_lab(lab.train_count))
        except ValueError as problem:
            pretrained.error(f"The pre-trained network could not be loaded: {problem}. Your network is unchanged.")
        else:
            st.rerun()
    upload = load.file_uploader("Load a saved network (.npz)", type=["npz"], key="mnist_load",
                                help="A file from 'Save this network': 784 inputs, 10 outputs, "
                                     f"at most {MAX_UPLOAD_HIDDEN_NODES} hidden nodes.")
    if upload is None or st.session_state.get("mnist_loaded_id") == upload.file_id:
        return
    try:
        network = network_from_bytes(upload.getvalue(), input_nodes=784, output_nodes=10, dataset="MNIST")
    except UploadError as problem:
        load.error(f"{upload.name} was not loaded, your network is unchanged. {problem}")
        return
    config = Config(network.hidden_nodes, network.learning_rate, 1, network.init, network.seed or 0)
    set_mnist_lab(new_lab(config, lab.train_count, False, network, origin=f"loaded from {upload.name}"))
    st.session_state["mnist_loaded_id"] = upload.file_id
    load.success(f"Loaded {upload.name}: 784-{network.hidden_nodes}-10, learning rate {network.learning_rate:g}.")
