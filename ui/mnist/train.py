"""The workshop's Train tab: settings, training with Pause/Resume, saving and loading.

The form's settings are rows of :data:`ui.mnist.settings.MNIST_SETTINGS`, so they are in
the URL (``?hidden_nodes=50&learning_rate=0.2&epochs=2``) and a link sets them.
"""

from __future__ import annotations

from typing import Optional

import numpy as np
import streamlit as st

from nn import NeuralNetwork
from nn.data import make_targets
from nn.experiments import Config
from ui import charts, picture_words, plain_text
from ui.heavy_jobs import SLOTS, session_holder, training_waits
from ui.i18n import _, ngettext, numbers
from ui.messages import divergence_message, nn_problem
from ui.mnist import charts as mnist_charts
from ui.mnist.choices import choice_options
from ui.mnist.settings import MNIST_SETTINGS
from ui.mnist.state import (CHOICES_KEY, PRETRAINED_COMMAND, PRETRAINED_SETTINGS, TICK_SECONDS, Origin,
                             chosen_settings, get_mnist_lab, new_lab, pretrained_lab, set_mnist_lab)
from ui.saved_work import (MAX_NETWORK_FILE_MB, MAX_UPLOAD_HIDDEN_NODES, UploadError, network_from_bytes,
                           network_to_bytes)
from ui.settings.url import link_in_url, link_problem
from ui.settings.widgets import setting_ui
from ui.upload_box import upload_box

#: Rotated copies triple the training set; past this many originals it would not fit a classroom server.
ROTATION_IMAGES_MAX = 20_000
ERROR_WINDOW = 500


#: The settings a new network is made from (the Train form's rows of the table); ``tab`` is the other row.
NETWORK_SETTINGS = ("hidden_nodes", "learning_rate", "epochs", "init", "seed", "train_count", "rotations")


def _rotation_problem(values: dict) -> Optional[str]:
    if values["rotations"] and values["train_count"] > ROTATION_IMAGES_MAX:
        # Translators: names the form's field ("training images") and the URL's words (train_count, rotations=true)
        return _("training images: with rotated copies at most {most} are allowed here "
                 "(train_count={count} with rotations=true)").format(
            most=numbers.integer(ROTATION_IMAGES_MAX), count=numbers.integer(values["train_count"]))
    return None


def settings_from_link() -> None:
    """When a link arrives (on opening, or later in this tab): its settings fill the form, its tab opens,
    and if it names any setting of the network, the session's network is made from them, untrained
    (the same seed gives the same starting weights on every screen; Start trains it).

    A setting the link leaves out takes its default; a bad value is named and ignored.
    """
    link = link_in_url(MNIST_SETTINGS)
    if link is None:
        return
    good, problems = link
    for problem in problems:
        plain_text.error(link_problem(problem))
    if not good:
        return
    values = {**MNIST_SETTINGS.defaults(), **good}
    problem = _rotation_problem(values)
    if problem:
        plain_text.error(link_problem(_("{problem}; the rotated copies are left out").format(problem=problem)))
        values["rotations"] = False
    st.session_state[CHOICES_KEY] = values
    st.session_state[MNIST_SETTINGS.key("tab")] = values["tab"]
    for name in MNIST_SETTINGS:
        if name != "tab":
            st.session_state.pop(MNIST_SETTINGS.key(name), None)  # each widget starts again from the link
    if any(name in good for name in NETWORK_SETTINGS):
        with st.spinner(_("Making the link's network...")):
            set_mnist_lab(new_lab(_config(values), values["train_count"], values["rotations"]))


def _config(values: dict) -> Config:
    return Config(values["hidden_nodes"], values["learning_rate"], values["epochs"], values["init"], values["seed"])


def settings_ui() -> None:
    """The form that starts a fresh network: one widget per row of the table, checked when submitted."""
    chosen = chosen_settings()
    with st.form("mnist_settings"):
        values = {name: setting_ui(MNIST_SETTINGS, name, chosen[name], **choice_options(name))
                  for name in NETWORK_SETTINGS}
        start = st.form_submit_button(_("Train a new network"), type="primary", key="mnist_train",
                                      help=_("Makes a fresh network with these settings and starts training it."))
    if start:
        good, problems = MNIST_SETTINGS.check_all(values)
        if not problems and _rotation_problem(good):
            problems.append(_rotation_problem(good))
        for problem in problems:
            plain_text.error(_("{problem}; the current network is unchanged.").format(problem=problem))
        if problems:
            return
        try:
            scaled = good["train_count"] * (3 if good["rotations"] else 1)
            with st.spinner(ngettext("Scaling {n} training image the book's way...",
                                     "Scaling {n} training images the book's way...", scaled).format(
                                         n=numbers.integer(scaled))):
                lab = new_lab(_config(good), good["train_count"], good["rotations"])
        except ValueError as problem:
            plain_text.error(_("The network could not be made: {problem}. The current network is unchanged.").format(
                problem=nn_problem(problem)))
            return
        chosen.update(good)  # the address bar now shares this network
        lab.running = True
        set_mnist_lab(lab)
        st.rerun()  # redraw everything for the new network, and start the ticking


@st.fragment(run_every=TICK_SECONDS + 0.1)
def _ticking_progress_ui() -> None:
    _progress_body(ticking=True)


@st.fragment
def _still_progress_ui() -> None:
    _progress_body(ticking=False)


def progress_ui() -> None:
    """Progress, error curve and test accuracy; re-drawn every tick only while training runs."""
    (_ticking_progress_ui if get_mnist_lab().running else _still_progress_ui)()


def _pause() -> None:
    get_mnist_lab().running = False
    SLOTS.release(session_holder(st.session_state))


def _start() -> None:
    get_mnist_lab().running = True


def _progress_body(ticking: bool) -> None:
    lab = get_mnist_lab()
    holder = session_holder(st.session_state)
    waiting = False
    # Pause and Start act in their callbacks, which run before this: a tick after Pause trains nothing.
    if ticking and lab.running:
        # A heavy run trains only while it holds a server-wide slot, renewed every tick.
        if not lab.heavy or SLOTS.claim(holder):
            lab.train_tick()
        else:
            waiting = True
    if not lab.running:
        SLOTS.release(holder)
    run = lab.run
    if waiting:
        st.info(training_waits())
    if run.diverged:
        st.error(divergence_message(run.diverged))

    left, right = st.columns([3, 1])
    done = min(run.samples_seen / lab.target_samples, 1.0)
    seconds_left = lab.seconds_left()
    left.progress(done, text=_progress_words(lab, seconds_left))
    if lab.running:
        right.button(_("Pause"), key="mnist_pause", on_click=_pause,
                     help=_("Stop training now; the network keeps what it learned."))
    elif not lab.finished:
        fresh = run.samples_seen == 0  # e.g. made from a link: nothing trained yet
        right.button(_("Start") if fresh else _("Resume"), key="mnist_resume", type="primary", on_click=_start,
                     help=_("Train this network.") if fresh else _("Carry on training where it stopped."))

    seen, score = lab.test_accuracy[-1]
    st.metric(_("accuracy on the first 2,000 test images"), numbers.percent(score, 2),
              help=ngettext("Fraction of test images whose biggest output is the true digit, after {n} training "
                            "sample. The Test tab scores all 10,000.",
                            "Fraction of test images whose biggest output is the true digit, after {n} training "
                            "samples. The Test tab scores all 10,000.", seen).format(n=numbers.integer(seen)))
    svg = charts.error_curve_svg(np.asarray(run.errors), run.running_mean(ERROR_WINDOW), run.epoch_starts(),
                                 accuracy=lab.test_accuracy)
    summary = picture_words.error_curve_summary(np.arange(1, run.samples_seen + 1), run.running_mean(ERROR_WINDOW))
    alt = _("{summary} The test accuracy is drawn against the right axis.").format(summary=summary)
    st.html(charts.error_curve_image_html(svg, alt))
    plain_text.caption(summary)
    backquery_strip(lab.network)
    if lab.running != ticking:
        # started, paused or finished: redraw the whole page (Test tab included), ticking only while training
        st.rerun()


def _progress_words(lab, seconds_left) -> str:
    """The progress bar's words: samples and epoch, and while training, the time left."""
    run = lab.run
    words = ngettext("{seen} of {target} sample (epoch {epoch} of {epochs})",
                     "{seen} of {target} samples (epoch {epoch} of {epochs})", lab.target_samples).format(
        seen=numbers.integer(run.samples_seen), target=numbers.integer(lab.target_samples),
        epoch=min(run.epoch + 1, lab.config.epochs), epochs=lab.config.epochs)
    if lab.running and seconds_left is not None:
        words += _(" · about {seconds} s left").format(seconds=numbers.decimal(seconds_left, 0))
    if lab.running:
        words += _(" · trains while this tab is open")
    return words


def backquery_strip(network: NeuralNetwork, pixel_size: int = 3) -> None:
    """The book's reverse query for each digit: the image the network 'imagines' for it."""
    pictures = [network.backquery(targets).reshape(28, 28) for targets in make_targets(np.arange(10))]
    st.image(mnist_charts.digit_strip(pictures, pixel_size), width="stretch",
             alt=_("ten pictures, what the network imagines for each digit 0 to 9"),
             caption=_("What the network imagines for 0, 1, 2 ... 9 (backquery: 0.99 at the digit's output node, "
                       "0.01 at the others, run backwards to the inputs)."))
    brightness_legend_ui()


def brightness_legend_ui() -> None:
    """The strip that says how bright a digit picture's pixels are, and its caption."""
    st.image(mnist_charts.brightness_legend(), width=160, caption=_(mnist_charts.BRIGHTNESS_LEGEND),
             alt=_("brightness legend"))


def files_ui() -> None:
    """Save the workshop's network to a file, or load one (a bad file changes nothing)."""
    lab = get_mnist_lab()
    save, load, pretrained = st.columns(3)
    save.download_button(_("Save this network (.npz)"), data=lambda: network_to_bytes(lab.network),
                         file_name="mnist_network.npz", mime="application/octet-stream", key="mnist_save",
                         on_click="ignore", help=_("Every weight (wih, who) and setting, to load here again later."))
    if pretrained.button(_("Start from the pre-trained network"), key="mnist_pretrained",
                         help=_("{settings}; made by this project's own command: {command}").format(
                             settings=_(PRETRAINED_SETTINGS), command=PRETRAINED_COMMAND)):
        try:
            set_mnist_lab(pretrained_lab(lab.train_count))
        except ValueError as problem:
            plain_text.error(_("The pre-trained network could not be loaded: {problem}. Your network is "
                               "unchanged.").format(problem=problem), pretrained)
        else:
            st.rerun()
    upload = upload_box(_("Load a saved network (.npz)"), key="mnist_load", box_name=_("Load a saved network"),
                        max_mb=MAX_NETWORK_FILE_MB, where=load, type=["npz"],
                        help=_("A file from 'Save this network': 784 inputs, 10 outputs, at most {most} "
                               "hidden nodes.").format(most=MAX_UPLOAD_HIDDEN_NODES))
    if upload is None or st.session_state.get("mnist_loaded_id") == upload.file_id:
        return
    try:
        network = network_from_bytes(upload.getvalue(), input_nodes=784, output_nodes=10, dataset="MNIST",
                                     saved_by=_("Save this network"), data_set_chosen_here=False)
    except UploadError as problem:
        plain_text.error(_("{file} was not loaded, your network is unchanged. {problem}").format(
            file=upload.name, problem=problem), load)
        return
    config = Config(network.hidden_nodes, network.learning_rate, 1, network.init, network.seed or 0)
    set_mnist_lab(new_lab(config, lab.train_count, False, network, origin=Origin("loaded", file_name=upload.name)))
    st.session_state["mnist_loaded_id"] = upload.file_id
    plain_text.success(_("Loaded {file}: 784-{hidden}-10, learning rate {rate}.").format(
        file=upload.name, hidden=network.hidden_nodes, rate=numbers.general(network.learning_rate)), load)
