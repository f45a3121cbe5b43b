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
from ui.mnist import charts as mnist_charts
from ui.mnist.state import get_mnist_lab

PREDICTIONS_KEY = "mnist_predictions"
SPOT_KEY = "mnist_spot_flags"
HANDWRITING_TOGGLE = "mnist_predict_handwriting"
#: Test images in MNIST's test set.
TEST_IMAGES = 10_000


def handwriting_toggle_ui() -> bool:
    return st.toggle("Predict the answer first", key=HANDWRITING_TOGGLE,
                     help="Say which digit the network will read before its outputs are shown.")


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
            said = st.radio("What will the network answer?", range(10), index=None, horizontal=True,
                            key=f"mnist_predict_digit_{kind}",
                            help="The digit whose output node will be biggest; you see its outputs after committing.")
            if st.form_submit_button("Commit my answer", type="primary", key=f"mnist_predict_commit_{kind}",
                                     help="Lock in your prediction and see the network's outputs."):
                if said is None:
                    st.error("Your answer: pick a digit first.")
                    return True
                predictions[key] = int(said)
                st.rerun()
        return True
    said = predictions[key]
    final_outputs = network.query(inputs)  # computed now, at the reveal
    answer = int(np.argmax(final_outputs))
    if said == answer:
        st.success(f"Right: you said {said}, and the network answers {answer} "
                   f"(its output for {answer} is {final_outputs[answer]:.3f}, the biggest of the ten).")
    else:
        st.error(f"Not this time: you said {said}, and the network answers {answer} "
                 f"(its output for {answer} is {final_outputs[answer]:.3f}; for {said}, {final_outputs[said]:.3f}).")
    return False


def _test_inputs(index: int) -> tuple[np.ndarray, int]:
    images, labels = load_mnist("test")
    return scale_inputs(images[index:index + 1])[0], int(labels[index])


def test_image_ui() -> None:
    """One test image: predict the network's answer, then see its outputs and the true digit."""
    lab = get_mnist_lab()
    st.subheader("What will it answer for this test image?")
    number = st.number_input(f"test image (1 to {TEST_IMAGES:,})", 1, TEST_IMAGES, 1, key="mnist_predict_image",
                             help="Any of the 10,000 test images the network never trained on.")
    inputs, label = _test_inputs(int(number) - 1)
    picture, question = st.columns([1, 3])
    picture.image(mnist_charts.digit_picture(inputs.reshape(28, 28), 4), caption=f"test image {number}",
                  alt=f"test image {number}, a handwritten digit")
    with question:
        if predict_digit_ui("test", inputs, lab.network, lab.run.samples_seen):
            return
        final_outputs = lab.network.query(inputs)
        st.caption(f"The true digit is {label}.")
        st.plotly_chart(mnist_charts.outputs_chart(final_outputs, label, 200), key="mnist_predict_outputs")
        st.caption("The ten output nodes for this image; blue is the true digit's node.")


def spot_the_mistakes_ui() -> None:
    """A round of test images: flag the ones the network gets wrong, then see its answers."""
    lab = get_mnist_lab()
    st.subheader("Spot the mistakes")
    st.write(f"Here are {ROUND_SIZE} test images. Some of them the network answers wrongly: tick the ones you "
             "think it gets wrong, then commit to see its answers.")
    round_number = st.number_input("round", 1, 1_000, 1, key="mnist_spot_round",
                                   help="Each round is another handful of test images; the same round number "
                                        "gives every student the same images for the same network.")
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
                column.image(mnist_charts.digit_picture(images[index], 3), caption=f"test image {index + 1}",
                             alt=f"test image {index + 1}, a handwritten digit")
                if column.checkbox("it gets this wrong", key=f"mnist_spot_{index}",
                                   help="Tick if you think the network's answer for this image is not the true digit."):
                    ticked.append(int(index))
            if st.form_submit_button("Commit my picks", type="primary", key="mnist_spot_commit",
                                     help="Lock in your picks and see the network's answers."):
                flags[key] = ticked
                st.rerun()
        return
    answers = np.argmax(lab.network.query(scale_inputs(images[indices])), axis=1)  # computed now, at the reveal
    by_index = dict(zip(indices.tolist(), answers.tolist()))
    result = grade_flags(indices, flags[key], by_index, labels)
    summary = (f"The network got {len(result.wrong)} of these {len(indices)} wrong; you found {len(result.found)} "
               f"of them, missed {len(result.missed)}, and ticked {len(result.false_alarms)} it gets right.")
    (st.success if result.all_right else st.info)(summary)
    final_outputs = lab.network.query(scale_inputs(images[indices]))
    for column, index, outputs in zip(columns, indices, final_outputs):
        answer, truth = by_index[int(index)], int(labels[index])
        mark = "wrong" if answer != truth else "right"
        ticked = "you ticked it" if int(index) in flags[key] else "not ticked"
        column.image(mnist_charts.digit_picture(images[index], 3), alt=f"test image {index + 1}, a handwritten digit",
                     caption=f"test image {index + 1}: true {truth}, answers {answer} ({mark}; {ticked})")
        column.plotly_chart(mnist_charts.outputs_chart(outputs, truth, 150), key=f"mnist_spot_outputs_{index}",
                            config={"displayModeBar": False})
    st.caption("Bars: the ten output nodes for each image; blue is the true digit's node.")


def predict_tab_ui() -> None:
    st.write("Predict before you see: say what the network will answer, then see whether you were right.")
    test_image_ui()
    spot_the_mistakes_ui()
