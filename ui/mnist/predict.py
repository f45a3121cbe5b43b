"""Predict the network's answer before it is shown: for your own digit, for a test image, and "spot the mistakes".

The answer is computed from the network (``query``) when the learner has committed,
never before; what the learner said is kept in the session, by picture and by the
number of samples the network has been trained on (a retrained network asks again).
"""

from __future__ import annotations

import hashlib
from typing import Optional

import numpy as np
import streamlit as st

from nn.data import load_mnist, scale_inputs
from nn.spotting import ROUND_SIZE, grade_flags, pick_images
from ui.i18n import _, ngettext, numbers
from ui.mnist import charts as mnist_charts
from ui.mnist.state import get_mnist_lab
from ui.whole_numbers import whole_number_input

PREDICTIONS_KEY = "mnist_predictions"
SPOT_KEY = "mnist_spot_flags"
HANDWRITING_TOGGLE = "mnist_predict_handwriting"
#: Test images in MNIST's test set.
TEST_IMAGES = 10_000


def handwriting_toggle_ui() -> bool:
    return st.toggle(_("Predict the answer first"), key=HANDWRITING_TOGGLE,
                     help=_("Say which digit the network will read before its outputs are shown."))


def _picture_key(kind: str, inputs: np.ndarray, samples_seen: int) -> str:
    digest = hashlib.sha1(np.ascontiguousarray(inputs, dtype=np.float64).tobytes()).hexdigest()[:16]
    return f"{kind}:{samples_seen}:{digest}"


def predict_digit_ui(kind: str, inputs: np.ndarray, network, samples_seen: int) -> bool:
    """Ask which digit the network will answer for ``inputs`` (784 values), or say whether the prediction was right.

    Returns True while the question is open: the caller must not show the outputs yet.
    """
    predictions = st.session_state.setdefault(PREDICTIONS_KEY, {})
    key = _picture_key(kind, inputs, samples_seen)
    if key not in predictions:
        with st.form(key=f"mnist_predict_form_{kind}", border=True):
            said = st.radio(_("What will the network answer?"), range(10), index=None, horizontal=True,
                            key=f"mnist_predict_digit_{kind}",
                            help=_("The digit whose output node will be biggest; you see its outputs after "
                                   "committing."))
            if st.form_submit_button(_("Commit my answer"), type="primary", key=f"mnist_predict_commit_{kind}",
                                     help=_("Lock in your prediction and see the network's outputs.")):
                if said is None:
                    st.error(_("Your answer: pick a digit first."))
                    return True
                predictions[key] = int(said)
                st.rerun()
        return True
    said = predictions[key]
    final_outputs = network.query(inputs)  # computed now, at the reveal
    answer = int(np.argmax(final_outputs))
    if said == answer:
        st.success(_("Right: you said {said}, and the network answers {answer} (its output for {answer} is "
                     "{output}, the biggest of the ten).").format(
            said=said, answer=answer, output=numbers.decimal(final_outputs[answer], 3)))
    else:
        st.error(_("Not this time: you said {said}, and the network answers {answer} (its output for {answer} is "
                   "{output}; for {said}, {said_output}).").format(
            said=said, answer=answer, output=numbers.decimal(final_outputs[answer], 3),
            said_output=numbers.decimal(final_outputs[said], 3)))
    return False


def _test_inputs(index: int) -> tuple[np.ndarray, int]:
    images, labels = load_mnist("test")
    return scale_inputs(images[index:index + 1])[0], int(labels[index])


def test_image_ui() -> None:
    """One test image: predict the network's answer, then see its outputs and the true digit."""
    lab = get_mnist_lab()
    st.subheader(_("What will it answer for this test image?"))
    number = whole_number_input(_("test image (1 to {last})").format(last=numbers.integer(TEST_IMAGES)), 1,
                                TEST_IMAGES, value=1, key="mnist_predict_image",
                                help=_("Any of the 10,000 test images the network never trained on."))
    inputs, label = _test_inputs(int(number) - 1)
    picture, question = st.columns([1, 3])
    picture.image(mnist_charts.digit_picture(inputs.reshape(28, 28), 4),
                  caption=_("test image {number}").format(number=number),
                  alt=_("test image {number}, a handwritten digit").format(number=number))
    with question:
        if predict_digit_ui("test", inputs, lab.network, lab.run.samples_seen):
            return
        final_outputs = lab.network.query(inputs)
        st.caption(_("The true digit is {digit}.").format(digit=label))
        st.plotly_chart(mnist_charts.outputs_chart(final_outputs, label, 200), key="mnist_predict_outputs",
                        config=mnist_charts.CHART_CONFIG,
                        alt=_("the ten output nodes for test image {number}").format(number=number))
        st.caption(_("The ten output nodes for this image; blue is the true digit's node."))


def spot_the_mistakes_ui() -> None:
    """A round of test images: flag the ones the network gets wrong, then see its answers."""
    lab = get_mnist_lab()
    st.subheader(_("Spot the mistakes"))
    st.write(ngettext("Here is {n} test image. Some of them the network answers wrongly: tick the ones you think "
                      "it gets wrong, then commit to see its answers.",
                      "Here are {n} test images. Some of them the network answers wrongly: tick the ones you think "
                      "it gets wrong, then commit to see its answers.", ROUND_SIZE).format(n=ROUND_SIZE))
    round_number = whole_number_input(_("round"), 1, 1_000, value=1, key="mnist_spot_round",
                                      help=_("Each round is another handful of test images; the same round "
                                             "number gives every student the same images for the same network."))
    card = lab.scorecard()
    rng = np.random.default_rng([int(round_number), lab.run.samples_seen])
    indices = pick_images(card.answers, card.labels, rng)
    images, labels = load_mnist("test")
    key = f"{int(round_number)}:{lab.run.samples_seen}"
    flags = st.session_state.setdefault(SPOT_KEY, {})
    columns = [column for _ in range((len(indices) - 1) // 4 + 1) for column in st.columns(4)]
    if key not in flags:
        with st.form(key="mnist_spot_form", border=False):
            ticked = []
            for column, index in zip(columns, indices):
                column.image(mnist_charts.digit_picture(images[index], 3),
                             caption=_("test image {number}").format(number=index + 1),
                             alt=_("test image {number}, a handwritten digit").format(number=index + 1))
                if column.checkbox(_("it gets this wrong"), key=f"mnist_spot_{index}",
                                   help=_("Tick if you think the network's answer for this image is not the true "
                                          "digit.")):
                    ticked.append(int(index))
            if st.form_submit_button(_("Commit my picks"), type="primary", key="mnist_spot_commit",
                                     help=_("Lock in your picks and see the network's answers.")):
                flags[key] = ticked
                st.rerun()
        return
    answers = np.argmax(lab.network.query(scale_inputs(images[indices])), axis=1)  # computed now, at the reveal
    by_index = dict(zip(indices.tolist(), answers.tolist()))
    result = grade_flags(indices, flags[key], by_index, labels)
    # Translators: {wrong} of the {shown} images shown; {found} and {missed} of the wrong ones; {false_alarms} right ones
    summary = ngettext("The network got {wrong} of these {shown} wrong; you found {found} of them, missed {missed}, "
                       "and ticked {false_alarms} it gets right.",
                       "The network got {wrong} of these {shown} wrong; you found {found} of them, missed {missed}, "
                       "and ticked {false_alarms} it gets right.", len(indices)).format(
        wrong=len(result.wrong), shown=len(indices), found=len(result.found), missed=len(result.missed),
        false_alarms=len(result.false_alarms))
    (st.success if result.all_right else st.info)(summary)
    final_outputs = lab.network.query(scale_inputs(images[indices]))
    for column, index, outputs in zip(columns, indices, final_outputs):
        answer, truth = by_index[int(index)], int(labels[index])
        column.image(mnist_charts.digit_picture(images[index], 3),
                     alt=_("test image {number}, a handwritten digit").format(number=index + 1),
                     caption=_revealed_caption(index + 1, truth, answer, int(index) in flags[key]))
        column.plotly_chart(mnist_charts.outputs_chart(outputs, truth, 150), key=f"mnist_spot_outputs_{index}",
                            config=mnist_charts.CHART_CONFIG,
                            alt=_("the ten output nodes for test image {number}").format(number=index + 1))
    st.caption(_("Bars: the ten output nodes for each image; blue is the true digit's node."))


def _revealed_caption(number: int, truth: int, answer: int, ticked: bool) -> str:
    """Under a revealed image: its number, true digit, the network's answer, right or wrong, ticked or not.

    Whole sentences, one per case, so each language can order its words."""
    if answer != truth:
        template = (_("test image {number}: true {truth}, answers {answer} (wrong; you ticked it)") if ticked
                    else _("test image {number}: true {truth}, answers {answer} (wrong; not ticked)"))
    else:
        template = (_("test image {number}: true {truth}, answers {answer} (right; you ticked it)") if ticked
                    else _("test image {number}: true {truth}, answers {answer} (right; not ticked)"))
    return template.format(number=number, truth=truth, answer=answer)


def predict_tab_ui() -> None:
    st.write(_("Predict before you see: say what the network will answer, then see whether you were right."))
    test_image_ui()
    spot_the_mistakes_ui()
