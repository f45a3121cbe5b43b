"""The network diagram draws every weight of a small network, by sign and size, and summarises big ones."""

import re

import numpy as np
import pytest

from nn import NeuralNetwork
from ui.network_diagram import (
    MAX_DRAWN_LINKS,
    MAX_DRAWN_NODES,
    NEGATIVE_COLOUR,
    POSITIVE_COLOUR,
    network_figure,
)

HOVER = re.compile(r"^(input|hidden|output) (\d+|bias)? ?<- (?:(input|hidden) (\d+)|bias): (-?\d+\.\d{4})$")


def link_hovers(figure):
    """(hover text, colour string) of every weight's hover point."""
    found = []
    for trace in figure.data:
        if trace.mode == "markers" and trace.hovertext is not None:
            for text in trace.hovertext:
                if "<-" in text:
                    found.append((text, trace.marker.color))
    return found


def weight_of(network, text):
    """The weight a hover text names, read back from the network by its 1-based node numbers."""
    target, source = text.split(":")[0].split(" <- ")
    row = int(target.split()[1]) - 1
    matrix = network.wih if target.startswith("hidden") else network.who
    column = matrix.shape[1] - 1 if source == "bias" else int(source.split()[1]) - 1
    return matrix[row, column]


@pytest.mark.parametrize("bias", [False, True])
def test_every_weight_of_a_small_network_has_a_hover_with_its_value(bias):
    network = NeuralNetwork(7, 4, 2, 0.3, bias=bias, seed=3)
    hovers = link_hovers(network_figure(network))
    assert len(hovers) == network.wih.size + network.who.size
    for text, _ in hovers:
        value = float(text.rsplit(": ", 1)[1])
        assert value == pytest.approx(weight_of(network, text), abs=5e-5)
    assert "hidden 3 <- input 7: " + f"{network.wih[2, 6]:.4f}" in [text for text, _ in hovers]
    if bias:
        assert f"output 2 <- bias: {network.who[1, 4]:.4f}" in [text for text, _ in hovers]


def test_positive_weights_are_blue_and_negative_weights_red():
    network = NeuralNetwork(5, 5, 5, 0.3, seed=4)
    for text, colour in link_hovers(network_figure(network)):
        expected = POSITIVE_COLOUR if weight_of(network, text) >= 0 else NEGATIVE_COLOUR
        assert colour.startswith("rgba({},{},{},".format(*expected)), text


def test_the_legend_says_what_the_colours_mean():
    names = [trace.name for trace in network_figure(NeuralNetwork(2, 2, 1, 0.3)).data if trace.showlegend is not False]
    assert any("positive weight" in name for name in names)
    assert any("negative weight" in name for name in names)


def test_bias_nodes_are_drawn_only_when_the_network_has_them():
    def bias_traces(network):
        return [t for t in network_figure(network).data if t.name and t.name.startswith("bias node")]

    assert bias_traces(NeuralNetwork(2, 2, 1, 0.3, bias=False)) == []
    (bias_nodes,) = bias_traces(NeuralNetwork(2, 2, 1, 0.3, bias=True))
    assert bias_nodes.marker.symbol == "square" and len(bias_nodes.x) == 2


def test_highlight_lights_what_it_names_and_fades_the_rest():
    network = NeuralNetwork(3, 3, 3, 0.3, seed=5)
    hovers = link_hovers(network_figure(network, {"who"}))
    for text, colour in hovers:
        alpha = float(colour.rsplit(",", 1)[1].rstrip(")"))
        lit = text.startswith("output")
        assert (alpha > 0.3) == lit, text
    one = link_hovers(network_figure(network, {("wih", 1, 2)}))
    lit = [text for text, colour in one if float(colour.rsplit(",", 1)[1].rstrip(")")) > 0.3]
    assert lit == [f"hidden 2 <- input 3: {network.wih[1, 2]:.4f}"]


def test_an_unknown_highlight_name_is_refused_with_the_allowed_names():
    with pytest.raises(ValueError, match="wih"):
        network_figure(NeuralNetwork(2, 2, 1, 0.3), {"weights"})


def test_a_784_input_network_is_drawn_as_a_summary_that_says_so():
    network = NeuralNetwork(784, 100, 10, 0.3, seed=6)
    figure = network_figure(network)
    hovers = link_hovers(figure)
    assert len(hovers) <= MAX_DRAWN_LINKS
    title = figure.layout.title.text.replace("<br>", " ")
    assert f"{MAX_DRAWN_NODES} of 784 input nodes" in title
    assert f"{MAX_DRAWN_NODES} of 100 hidden nodes" in title
    # in lines that fit the narrowest diagram drawn (a phone's, or beside the step page's maths)
    from ui.charts import chart_text_width
    from ui.network_diagram import NARROWEST_DIAGRAM_PX

    lines = figure.layout.title.text.split("<br>")
    assert len(lines) >= 2 and all(chart_text_width(line, 13) < NARROWEST_DIAGRAM_PX - 20 for line in lines)
    # among the links between drawn nodes, no weight left out is stronger than one drawn
    drawn_nodes = {
        text for trace in figure.data if trace.name and trace.name.endswith(" nodes") for text in trace.hovertext
    }
    inputs = [int(n.split()[1]) - 1 for n in drawn_nodes if n.startswith("input")]
    hidden = [int(n.split()[1]) - 1 for n in drawn_nodes if n.startswith("hidden")]
    assert len(inputs) == len(hidden) == MAX_DRAWN_NODES
    candidates = np.concatenate([
        np.abs(network.wih[np.ix_(hidden, inputs)]).ravel(), np.abs(network.who[:, hidden]).ravel()
    ])
    drawn = np.array([abs(weight_of(network, text)) for text, _ in hovers])
    assert np.isclose(np.sort(candidates)[::-1][: len(drawn)], np.sort(drawn)[::-1]).all()


def test_node_values_are_printed_to_four_significant_figures():
    network = NeuralNetwork(3, 2, 1, 0.3, seed=7)
    figure = network_figure(network, node_values={"inputs": np.array([1.0, 0.5, -1.5])})
    texts = [t for trace in figure.data if trace.text is not None for t in np.atleast_1d(trace.text)]
    assert {"1.000", "0.5000", "-1.500"} <= set(texts)


def test_drawing_changes_nothing_in_the_network():
    network = NeuralNetwork(4, 3, 2, 0.3, bias=True, seed=8)
    wih, who = network.wih.copy(), network.who.copy()
    network_figure(network, {"wih", "hidden"})
    assert np.array_equal(network.wih, wih) and np.array_equal(network.who, who)


def test_in_a_summary_each_drawn_node_says_which_node_it_is():
    network = NeuralNetwork(25, 4, 2, 0.3, seed=9)
    values = np.linspace(0.01, 0.99, 25)
    figure = network_figure(network, node_values={"inputs": values})
    (inputs,) = [trace for trace in figure.data if trace.name == "input nodes"]
    assert len(inputs.text) < 25
    for text in inputs.text:
        name, value = text.split(":<br>")
        assert name.startswith("input ") and value == f"{values[int(name.split()[1]) - 1]:#.4g}"


def test_nodes_are_named_by_the_labels_given_outputs_by_meaning_hidden_from_1():
    from ui.node_names import node_labels

    network = NeuralNetwork(2, 3, 2, 0.3, seed=9)
    labels = node_labels(2, 3, 2, ("input A", "input B"), ("digit 0", "digit 1"))
    figure = network_figure(network, node_values={"outputs": np.array([0.25, 0.75])}, labels=labels)
    (outputs,) = [trace for trace in figure.data if trace.name == "output nodes"]
    assert list(outputs.text) == ["digit 0:<br>0.2500", "digit 1:<br>0.7500"]  # the name above its value
    hovers = [text for trace in figure.data if trace.hovertext is not None for text in np.atleast_1d(trace.hovertext)]
    assert "hidden 1 <- input A: " + f"{network.wih[0, 0]:.4f}" in hovers
    assert "digit 1 <- hidden 3: " + f"{network.who[1, 2]:.4f}" in hovers


def test_the_room_beside_the_outer_columns_is_the_widest_label_as_measured_in_the_charts_font():
    from ui.charts import chart_text_width

    network = NeuralNetwork(2, 2, 2, 0.3, seed=9)
    # the same number of letters, drawn at very different widths: a count of characters cannot tell them apart
    narrow, wide = "iiiiiiiiii", "WWWWWWWWWW"
    narrow_room = network_figure(network, labels={"outputs": (narrow, "i")}).layout.margin.r
    wide_room = network_figure(network, labels={"outputs": ("i", wide)}).layout.margin.r
    assert wide_room - narrow_room == pytest.approx(chart_text_width(wide) - chart_text_width(narrow), abs=1)
    label_offset = 26 / 2 / 0.8 + 1  # plotly.js starts a label this far from a 26 px node's centre
    assert wide_room >= label_offset + chart_text_width(wide) + 4
    # the bias node's words, centred under the input column, need half their width beside it
    with_bias = network_figure(NeuralNetwork(2, 2, 2, 0.3, bias=True, seed=9), labels={"inputs": ("i", "i")})
    assert with_bias.layout.margin.l >= chart_text_width("bias 1.0") / 2 + 4
    # a name above its value: the room is the wider of the two lines, the name and its colon
    two_lines = network_figure(network, node_values={"outputs": np.array([0.25, 0.75])},
                               labels={"outputs": (wide, "i")}).layout.margin.r
    assert two_lines == pytest.approx(wide_room + chart_text_width(":"), abs=1)
    assert list(with_bias.layout.xaxis.range) == [0, 2], "the columns span the plot area; the words stand beside it"


def test_chart_text_is_measured_in_the_font_file_streamlit_serves_for_its_charts():
    from ui import charts

    assert charts.PLOTLY_FONT_FAMILY.startswith('"Source Sans"')
    assert charts._PLOTLY_FONT is not None and charts._PLOTLY_FONT.name.startswith("SourceSansVF-Upright")
    # Source Sans is narrower than the SVG pictures' DejaVu Sans, and its Cyrillic is measured too
    assert 0 < charts.chart_text_width("сигнал A") < charts.text_width("сигнал A")


def test_the_static_picture_draws_every_node_and_weight_or_the_strongest_with_a_summary():
    from ui.network_diagram import network_svg

    small = NeuralNetwork(3, 4, 2, 0.3, bias=True, seed=2)
    svg = network_svg(small)
    assert svg.count("<circle") == 3 + 4 + 2 and svg.count("<rect") == 2, "every node, and two bias nodes"
    assert svg.count("<line") - 2 == (4 * (3 + 1) + 2 * (4 + 1)), "one line per weight, bias weights included"
    big = NeuralNetwork(784, 100, 10, 0.1, seed=0)
    svg = network_svg(big)
    assert svg.count("<line") - 2 == MAX_DRAWN_LINKS
    assert "Summary: showing 12 of 784 input nodes" in svg
