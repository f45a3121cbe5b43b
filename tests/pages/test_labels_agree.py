"""One network, every page: the same node names and the same numbering wherever a node is named.

Outputs are named by their meaning ("digit 0", never "output 1"), hidden nodes are numbered
from 1, inputs by the data set's names. The live page's weight tables, the step page's
diagram and its "Why this number" choices are read as shown and compared.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from nn import NeuralNetwork
from nn.training import TrainingRun
from ui.datasets import live_dataset
from ui.node_names import node_labels
from ui.session import Lab

PAGES = Path(__file__).resolve().parents[2] / "pages"


def shared_lab(dataset: str, hidden: int) -> Lab:
    data = live_dataset(dataset)
    network = NeuralNetwork(data.input_nodes, hidden, data.output_nodes, 0.3, seed=4)
    return Lab(dataset, TrainingRun(network, data.inputs, data.targets))


def open_with(page: str, lab: Lab) -> AppTest:
    at = AppTest.from_file(str(PAGES / page), default_timeout=90)
    at.session_state["lab"] = lab
    at.run()
    assert not at.exception
    return at


def live_page_names(at: AppTest) -> set[str]:
    """Every node named on the live page: the weight tables' row and column names and cell titles."""
    names = set()
    for element in at.get("html"):
        body = element.proto.body
        names |= {html.unescape(name) for name in re.findall(r"<th[^>]*>([^<]+)</th>", body)}
        for target, source in re.findall(r'title="([^"←]+) ← ([^":]+): -?[0-9.]+"', body):
            names |= {html.unescape(target), html.unescape(source)}
    return names


def step_page_names(at: AppTest) -> set[str]:
    """Every node named on the step page: the diagram's hover texts and the "Why this number" choices."""
    names = set()
    for chart in at.get("plotly_chart"):
        for trace in json.loads(chart.proto.spec)["data"]:
            for text in np.atleast_1d(trace.get("hovertext") or []):
                names |= set(re.findall(r"^(.+?) <- (.+?): ", str(text))[0]) if " <- " in str(text) else {
                    str(text).split(":")[0]}
    for key in ("step_why_row_who", "step_why_column_who"):
        names |= set(at.selectbox(key=key).options)
    return names


@pytest.mark.parametrize("dataset, hidden", [("5x5 digits", 3), ("XOR", 2)])
def test_the_live_and_step_pages_name_every_node_alike(dataset, hidden):
    lab = shared_lab(dataset, hidden)
    data = live_dataset(dataset)
    expected = node_labels(data.input_nodes, hidden, data.output_nodes, data.input_labels, data.output_labels)
    live = live_page_names(open_with("1_Watch_it_learn.py", lab))
    step = step_page_names(open_with("2_Step_through.py", lab))
    for page, names in (("live", live), ("step", step)):
        assert set(expected["outputs"]) <= names, page      # outputs by meaning
        assert set(expected["hidden"]) <= names, page       # hidden 1, 2, ... on both
        assert not any(re.fullmatch(r"output \d+", name) for name in names), page
        assert "hidden 0" not in names, page
    assert set(expected["inputs"]) <= live
    assert all(name in live for name in step if name.startswith("pixel") or name.startswith("input"))


def test_mnist_outputs_are_digits_on_the_step_page_as_on_the_live_page():
    lab = shared_lab("MNIST", 5)
    step = step_page_names(open_with("2_Step_through.py", lab))
    assert {f"digit {d}" for d in range(10)} <= step
    assert not any(re.fullmatch(r"output \d+", name) for name in step)
