"""The workshop's Test and Inside tabs: the scorecard on 10,000 test images, and what the network learned."""

from __future__ import annotations

import numpy as np
import streamlit as st

from nn.data import load_mnist
from ui import charts
from ui.mnist import charts as mnist_charts
from ui.mnist.state import get_mnist_lab
from ui.settings.display import current_palette
from ui.mnist.train import backquery_strip

MISTAKES_PER_PAGE = 8
MISTAKES_PER_ROW = 4


def scorecard_ui() -> None:
    lab = get_mnist_lab()
    card = lab.scorecard()
    mistakes = card.mistakes
    st.metric("accuracy on the 10,000 test images", f"{card.performance:.2%}",
              help="The book's 'performance': the fraction of test images whose biggest output is the true digit.")
    st.caption(f"{len(card.labels) - len(mistakes):,} right, {len(mistakes):,} wrong, "
               f"after {lab.run.samples_seen:,} training samples.")
    st.subheader("Which digits it confuses")
    st.plotly_chart(mnist_charts.confusion_chart(card.confusion), key="mnist_confusion",
                    alt="Confusion table: counts of each true digit (rows) against the network's answer (columns).")
    st.caption("Each row is a true digit, each column the network's answer; the number is how many test "
               "images. The diagonal is right; red squares off it are its mistakes, darker = more.")
    st.subheader("Its mistakes")
    if not len(mistakes):
        st.success("No mistakes on the test images.")
        return
    pages = (len(mistakes) - 1) // MISTAKES_PER_PAGE + 1
    page = st.number_input("page of mistakes", 1, pages, 1, key="mnist_mistakes_page",
                           help=f"{len(mistakes):,} mistakes, {MISTAKES_PER_PAGE} to a page, in test-set order.")
    images, _ = load_mnist("test")
    shown = mistakes[(page - 1) * MISTAKES_PER_PAGE: page * MISTAKES_PER_PAGE]
    # Four to a row: at eight, each chart was too narrow for its ten bars and lost digits 5 to 9.
    columns = [column for _ in range(MISTAKES_PER_PAGE // MISTAKES_PER_ROW) for column in st.columns(MISTAKES_PER_ROW)]
    for column, index in zip(columns, shown):
        column.image(mnist_charts.digit_picture(images[index], 3),
                     caption=f"#{index}: true {card.labels[index]}, said {card.answers[index]}",
                     alt=f"test image {index}, a handwritten {card.labels[index]}")
        column.plotly_chart(mnist_charts.outputs_chart(card.final_outputs[index], card.labels[index], 150),
                            key=f"mnist_mistake_{index}", config={"displayModeBar": False},
                            alt=f"the ten output nodes for test image {index}")
    st.caption("Bars: the ten output nodes for that image; blue is the true digit's node.")
    st.image(mnist_charts.brightness_legend(), width=160, caption=mnist_charts.BRIGHTNESS_LEGEND, alt="brightness legend")


def inside_ui() -> None:
    lab = get_mnist_lab()
    st.subheader("Backquery: the network's idea of each digit")
    backquery_strip(lab.network)
    st.subheader("What each hidden node looks for")
    wih = lab.network.wih[:, :784]  # a bias column, if any, is not a pixel
    count = st.slider("hidden nodes shown", 1, len(wih), min(len(wih), 20), key="mnist_hidden_shown",
                      help="Each picture is one hidden node's 784 incoming weights (a row of wih) laid out as 28 x 28.")
    scale = charts.nice_scale(float(np.abs(wih[:count]).max()))
    palette = current_palette()
    st.image(charts.hidden_node_images(wih[:count], (28, 28), scale, columns=10, zoom=3, palette=palette),
             alt=f"the incoming weights of hidden nodes 1 to {count}, each drawn as a 28 x 28 picture")
    st.image(charts.colour_legend_image(palette=palette), alt="colour legend")
    st.caption(charts.colour_legend_caption(scale, palette=palette) + ". Hidden nodes 1, 2, 3 ... left to right, "
               f"then the next row. {palette.positive_word.capitalize()} (positive): ink there raises the node's "
               f"input; {palette.negative_word} (negative): ink there lowers it.")
