"""The workshop's handwriting tab: draw or upload a digit, see each preprocessing step and the answer."""

from __future__ import annotations

import numpy as np
import streamlit as st

from nn.handwriting import Preparation, UnreadablePicture, prepare
from ui import plain_text
from ui.i18n import N_, _, numbers
from ui.i18n.widget_language import redraw_in_language
from ui.messages import picture_problem
from ui.mnist import charts as mnist_charts
from ui.mnist.choices import shown_as
from ui.mnist.predict import handwriting_toggle_ui, predict_digit_ui
from ui.mnist.picture_file import EXTENSIONS, MAX_FILE_MB, MAX_PIXELS, PictureRefused, decode_picture
from ui.mnist.state import get_mnist_lab
from ui.mnist.train import brightness_legend_ui
from ui.upload_box import upload_box

CANVAS_SIDE = 280  # ten screen pixels per MNIST pixel


HANDWRITING_INTRO = N_(
    "Write one digit, big, in the middle. The network sees it only after the steps shown below. "
    "Inverting it (so ink is high) and scaling it to 0.01..1.00 are the book's steps; cropping to the ink "
    "and centring it by its centre of mass are how MNIST's own digits were made, added here because a "
    "drawn digit does not sit where MNIST's do."
)
#: Each step's caption says where the step comes from (the book, or how MNIST was made); translated where shown.
STEP_CAPTIONS = {
    "grey": N_("1. your picture in grey, as it looks"),
    "inverted": N_("2. inverted so that ink is high: the book's step"),
    "not inverted": N_("2. already light ink on dark, so not inverted (the book inverts dark ink on paper)"),
    "cropped": N_("3. cropped to the ink and made square: how MNIST was made, not in the book"),
    "resized": N_("4. fitted into 20 x 20 and centred by its centre of mass in 28 x 28, as MNIST was made; "
                  "then scaled to 0.01..1.00, the book's step: the 784 inputs"),
}
#: The two ways to give a digit: the radio's values (kept in the session), shown in the session's language.
SOURCES = {"draw it": N_("draw it"), "upload a picture": N_("upload a picture")}


def picture_refused(refusal: PictureRefused) -> str:
    """Why an uploaded picture cannot be used, in words."""
    if refusal.reason == "too big":
        width, height = refusal.size
        if width:
            return _("it is {width} x {height} pixels; a picture here may have at most {most} pixels "
                     "(a 12-megapixel photo). A photo of one digit, or a crop of it, is plenty").format(
                width=numbers.integer(width), height=numbers.integer(height), most=numbers.integer(MAX_PIXELS))
        return _("a picture here may have at most {most} pixels (a 12-megapixel photo). A photo of one digit, "
                 "or a crop of it, is plenty").format(most=numbers.integer(MAX_PIXELS))
    if refusal.reason == "format":
        return _("it is not a PNG, JPEG, BMP, GIF or WebP picture")
    # Translators: {detail} is the imaging library's own words, in English
    return _("the picture is damaged or incomplete ({detail})").format(detail=refusal.detail)


def handwriting_ui() -> None:
    st.write(_(HANDWRITING_INTRO))
    predict_first = handwriting_toggle_ui()
    writing, reading = st.columns([1, 2], gap="large")
    with writing:
        redraw_in_language("mnist_source")  # its choices' names are the language's words
        source = st.radio(_("your digit"), list(SOURCES), horizontal=True, key="mnist_source",
                          format_func=shown_as(SOURCES),
                          help=_("Draw with the mouse or a finger, or upload a photo or scan of one digit "
                                 "(PNG, JPEG, BMP, GIF or WebP)."))
        picture = _drawn_picture() if source == "draw it" else _uploaded_picture()
    if picture is None:
        return
    with reading:
        try:
            steps = prepare(picture)
        except UnreadablePicture as problem:
            plain_text.warning(_("The picture cannot be read as a digit: {problem}.").format(
                problem=picture_problem(problem)))
            return
        _show_steps(steps, predict_first)


def _drawn_picture():
    try:
        from streamlit_drawable_canvas import st_canvas
    except Exception as problem:  # the component is optional: uploading still works
        plain_text.info(_("Drawing is not available here ({problem}); upload a picture instead.").format(
            problem=problem))
        return None
    drawing = st_canvas(stroke_width=20, stroke_color="#000000", background_color="#ffffff",
                        height=CANVAS_SIDE, width=CANVAS_SIDE, drawing_mode="freedraw",
                        return_image_data=True, key="mnist_canvas")
    if drawing.image_data is None or not (drawing.json_data or {}).get("objects"):
        st.caption(_("Draw a digit in the white square above."))
        return None
    return drawing.image_data


def _uploaded_picture():
    upload = upload_box(_("a picture of one digit: PNG, JPEG, BMP, GIF or WebP, at most {most} MB").format(
                            most=MAX_FILE_MB),
                        key="mnist_picture", box_name=_("a picture of one digit"), max_mb=MAX_FILE_MB,
                        type=list(EXTENSIONS),
                        help=_("One digit, dark on light paper (or light on dark); it is cropped, shrunk to "
                               "28 x 28 and centred for you. At most {most} pixels (a 12-megapixel "
                               "photo).").format(most=numbers.integer(MAX_PIXELS)))
    if upload is None:
        return None
    try:
        return decode_picture(upload.getvalue())
    except PictureRefused as refusal:
        plain_text.error(_("{file} could not be used: {reason}. Try a PNG or JPEG of one digit.").format(
            file=upload.name, reason=picture_refused(refusal)))
        return None


def _show_steps(steps: Preparation, predict_first: bool = False) -> None:
    lab = get_mnist_lab()
    if lab.run.samples_seen == 0 and lab.origin.kind == "fresh":
        st.info(_("This network has not been trained yet, so its answer is a guess: train it on the Train tab "
                  "first."))
    network = lab.network
    if not (predict_first and predict_digit_ui("handwriting", steps.inputs, network, lab.run.samples_seen)):
        final_outputs = network.query(steps.inputs)                   # (10,)
        answer = int(np.argmax(final_outputs))
        answer_column, bars = st.columns([1, 2])
        answer_column.metric(_("the network reads"), str(answer),
                             help=_("The digit whose output node is biggest (the book's answer)."))
        output = numbers.decimal(final_outputs[answer], 3)
        answer_column.caption(_("digit {digit}: {output}").format(digit=answer, output=output))
        bars.plotly_chart(mnist_charts.outputs_chart(final_outputs, answer, 220), key="mnist_handwriting_outputs",
                          config=mnist_charts.CHART_CONFIG,
                          alt=_("Bar chart of the ten output nodes; the biggest is digit {digit}, at {output}.").format(
                              digit=answer, output=output))
        bars.caption(_("The ten output nodes; blue is the biggest, the network's answer."))
    st.caption(_("The four steps the picture went through, and where each comes from:"))
    grey, ink, cropped, resized = st.columns(4)
    grey.image(np.rint(steps.grey).astype(np.uint8), caption=_(STEP_CAPTIONS["grey"]), width=160,
               alt=_("your picture in grey"))
    ink.image(mnist_charts.digit_picture(steps.ink, 1), width=160, alt=_("your picture as ink"),
              caption=_(STEP_CAPTIONS["inverted" if steps.inverted else "not inverted"]))
    cropped.image(mnist_charts.digit_picture(steps.cropped, 1), width=160, caption=_(STEP_CAPTIONS["cropped"]),
                  alt=_("the ink cropped"))
    resized.image(mnist_charts.digit_picture(steps.resized, 6), width=160, caption=_(STEP_CAPTIONS["resized"]),
                  alt=_("the 28 x 28 picture the network reads"))
    brightness_legend_ui()
