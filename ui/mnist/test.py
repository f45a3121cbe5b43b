"""The workshop's Test and Inside tabs: the scorecard on 10,000 test images, and what the network learned."""

from __future__ import annotations

import numpy as np
import streamlit as st

from nn.data import load_mnist
from ui import charts
from ui.i18n import _, ngettext, numbers
from ui.mnist import charts as mnist_charts
from ui.mnist.state import get_mnist_lab
from ui.settings.display import current_palette
from ui.mnist.train import backquery_strip, brightness_legend_ui
from ui.whole_numbers import whole_number_input

MISTAKES_PER_PAGE = 8
MISTAKES_PER_ROW = 4


def scorecard_ui() -> None:
    lab = get_mnist_lab()
    card = lab.scorecard()
    mistakes = card.mistakes
    st.metric(_("accuracy on the 10,000 test images"), numbers.percent(card.performance, 2),
              help=_("The book's 'performance': the fraction of test images whose biggest output is the true digit."))
    if lab.origin.kind == "fresh":
        # Translators: {right} and {wrong} count test images; {seen} counts training samples
        scored = ngettext("{right} right, {wrong} wrong, after {seen} training sample.",
                          "{right} right, {wrong} wrong, after {seen} training samples.", lab.run.samples_seen)
    else:  # pre-trained or loaded: it learned elsewhere before any sample here
        # Translators: the network was trained before it came (pre-trained or from a file); {seen} counts samples since
        scored = ngettext("{right} right, {wrong} wrong: its earlier training, plus {seen} training sample here.",
                          "{right} right, {wrong} wrong: its earlier training, plus {seen} training samples here.",
                          lab.run.samples_seen)
    st.caption(scored.format(right=numbers.integer(len(card.labels) - len(mistakes)),
                             wrong=numbers.integer(len(mistakes)), seen=numbers.integer(lab.run.samples_seen)))
    st.subheader(_("Which digits it confuses"))
    st.plotly_chart(mnist_charts.confusion_chart(card.confusion), key="mnist_confusion",
                    config=mnist_charts.CHART_CONFIG,
                    alt=_("Confusion table: counts of each true digit (rows) against the network's answer (columns)."))
    st.caption(_("Each row is a true digit, each column the network's answer; the number is how many test "
                 "images. The diagonal is right; red squares off it are its mistakes, darker = more."))
    st.subheader(_("Its mistakes"))
    if not len(mistakes):
        st.success(_("No mistakes on the test images."))
        return
    pages = (len(mistakes) - 1) // MISTAKES_PER_PAGE + 1
    page = whole_number_input(_("page of mistakes"), 1, pages, value=1, key="mnist_mistakes_page",
                              help=ngettext("{n} mistake, {per_page} to a page, in test-set order.",
                                            "{n} mistakes, {per_page} to a page, in test-set order.",
                                            len(mistakes)).format(n=numbers.integer(len(mistakes)),
                                                                  per_page=MISTAKES_PER_PAGE))
    images = load_mnist("test")[0]
    shown = mistakes[(page - 1) * MISTAKES_PER_PAGE: page * MISTAKES_PER_PAGE]
    # Four to a row: at eight, each chart was too narrow for its ten bars and lost digits 5 to 9.
    columns = [column for _ in range(MISTAKES_PER_PAGE // MISTAKES_PER_ROW) for column in st.columns(MISTAKES_PER_ROW)]
    for column, index in zip(columns, shown):
        column.image(mnist_charts.digit_picture(images[index], 3),
                     # Translators: under a test image the network got wrong: its number, the true digit, its answer
                     caption=_("#{index}: true {truth}, said {answer}").format(
                         index=index, truth=card.labels[index], answer=card.answers[index]),
                     alt=_("test image {index}, a handwritten {digit}").format(index=index, digit=card.labels[index]))
        column.plotly_chart(mnist_charts.outputs_chart(card.final_outputs[index], card.labels[index], 150),
                            key=f"mnist_mistake_{index}", config=mnist_charts.CHART_CONFIG,
                            alt=_("the ten output nodes for test image {index}").format(index=index))
    st.caption(_("Bars: the ten output nodes for that image; blue is the true digit's node."))
    brightness_legend_ui()


def inside_ui() -> None:
    lab = get_mnist_lab()
    st.subheader(_("Backquery: the network's idea of each digit"))
    backquery_strip(lab.network)
    st.subheader(_("What each hidden node looks for"))
    wih = lab.network.wih[:, :784]  # a bias column, if any, is not a pixel
    count = st.slider(_("hidden nodes shown"), 1, len(wih), min(len(wih), 20), key="mnist_hidden_shown",
                      help=_("Each picture is one hidden node's 784 incoming weights (a row of wih) laid out as "
                             "28 x 28."))
    scale = charts.nice_scale(float(np.abs(wih[:count]).max()))
    palette = current_palette()
    st.image(charts.hidden_node_images(wih[:count], (28, 28), scale, columns=10, zoom=3, palette=palette),
             alt=_("the incoming weights of hidden nodes 1 to {count}, each drawn as a 28 x 28 picture").format(
                 count=count))
    st.image(charts.colour_legend_image(palette=palette), alt=_("colour legend"))
    # Translators: {legend} is the colour legend's own sentence (without its full stop); {positive} and {negative}
    # are colour names of the palette ("red", "blue"), {Positive} the same word with a capital letter
    st.caption(_("{legend}. Hidden nodes 1, 2, 3 ... left to right, then the next row. {Positive} (positive): ink "
                 "there raises the node's input; {negative} (negative): ink there lowers it.").format(
        legend=charts.colour_legend_caption(scale, palette=palette),
        Positive=_(palette.positive_word).capitalize(), negative=_(palette.negative_word)))
