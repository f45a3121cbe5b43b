"""One name for every node, the same on every page: outputs by their meaning, hidden nodes from 1.

Inputs and outputs take the data set's names ("pixel (1,2)", "digit 0", "A xor B"),
so MNIST's first output is "digit 0" everywhere, never "output 1". Hidden nodes have
no meaning of their own and are numbered from 1, as the step page's formulas and
heatmaps number rows and columns. A network without a data set (numbers typed in)
falls back to "input 1", "output 1".
"""

from __future__ import annotations

from typing import Optional, Sequence

#: Whole names with a placeholder, for translation.
HIDDEN_NAME = "hidden {number}"
INPUT_NAME = "input {number}"
OUTPUT_NAME = "output {number}"
BIAS_NAME = "bias"


def node_labels(
    input_nodes: int, hidden_nodes: int, output_nodes: int,
    input_labels: Optional[Sequence[str]] = None, output_labels: Optional[Sequence[str]] = None,
) -> dict[str, tuple[str, ...]]:
    """Each real node's name, by layer ("inputs", "hidden", "outputs"); the bias node is :data:`BIAS_NAME`."""

    def named(labels, count, fallback):
        if labels is not None and len(labels) == count:
            return tuple(labels)
        return tuple(fallback.format(number=index + 1) for index in range(count))

    return {
        "inputs": named(input_labels, input_nodes, INPUT_NAME),
        "hidden": named(None, hidden_nodes, HIDDEN_NAME),
        "outputs": named(output_labels, output_nodes, OUTPUT_NAME),
    }


def network_labels(network, teaching_set=None) -> dict[str, tuple[str, ...]]:
    """:func:`node_labels` for a network and (when known) the data set it learns."""
    return node_labels(
        network.input_nodes, network.hidden_nodes, network.output_nodes,
        getattr(teaching_set, "input_labels", None), getattr(teaching_set, "output_labels", None),
    )
