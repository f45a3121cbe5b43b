"""One name for every node, the same on every page: outputs by their meaning, hidden nodes from 1.

Inputs and outputs take the data set's names ("pixel (1,2)", "digit 0", "A xor B"),
so MNIST's first output is "digit 0" everywhere, never "output 1". Hidden nodes have
no meaning of their own and are numbered from 1, as the step page's formulas and
heatmaps number rows and columns. A network without a data set (numbers typed in)
falls back to "input 1", "output 1".

Names are given in the session's language ("скрытый 3", "цифра 0"): nn/ names a data
set's nodes in English, and :func:`shown_name` puts each of those names into words
the learner reads. A name it does not know (one a visitor typed) is left as it is.
"""

from __future__ import annotations

import functools
import re
from typing import Optional, Sequence

from ui.i18n import N_, _, current_language, speaking

#: Whole names with a placeholder, for translation (``_(HIDDEN_NAME).format(number=3)``).
HIDDEN_NAME = N_("hidden {number}")
INPUT_NAME = N_("input {number}")
OUTPUT_NAME = N_("output {number}")
#: The bias node's name; translate it where it is drawn: ``_(BIAS_NAME)`` or :func:`bias_name`.
BIAS_NAME = N_("bias")

#: The data sets' node names (nn/teaching_sets.py, ui/datasets.py) as patterns, each with its words.
_NAME_PATTERNS = (
    (re.compile(r"input (?P<number>\d+)"), INPUT_NAME),
    (re.compile(r"output (?P<number>\d+)"), OUTPUT_NAME),
    (re.compile(r"hidden (?P<number>\d+)"), HIDDEN_NAME),
    # Translators: an output node of the digit data sets ("digit 7")
    (re.compile(r"digit (?P<number>\d+)"), N_("digit {number}")),
    # Translators: an input node: the pixel in row {row}, column {column} of a little picture
    (re.compile(r"pixel \((?P<row>\d+),(?P<column>\d+)\)"), N_("pixel ({row},{column})")),
    # Translators: an input of the XOR data set ("input A")
    (re.compile(r"input (?P<letter>[A-Z])"), N_("input {letter}")),
    # Translators: an output of the first data set: one of three input signals ("pattern A")
    (re.compile(r"pattern (?P<letter>[A-Z])"), N_("pattern {letter}")),
)
#: Whole names of nodes in the data sets.
_FIXED_NAMES = frozenset((
    # Translators: the XOR data set's one output; "xor" is the logical operation
    N_("A xor B"),
    # Translators: outputs of the "3x3 lines" data set: the kind of line in a picture
    N_("horizontal"), N_("vertical"), N_("diagonal"),
))


def shown_name(name: str) -> str:
    """A data set's node name (English, from nn/) in the session's language: "digit 7" -> "цифра 7"."""
    if name in _FIXED_NAMES or name == BIAS_NAME:
        return _(name)
    for pattern, words in _NAME_PATTERNS:
        found = pattern.fullmatch(name)
        if found:
            return _(words).format(**found.groupdict())
    return name


def bias_name() -> str:
    """The bias node's name in the session's language."""
    return _(BIAS_NAME)


def node_labels(
    input_nodes: int, hidden_nodes: int, output_nodes: int,
    input_labels: Optional[Sequence[str]] = None, output_labels: Optional[Sequence[str]] = None,
) -> dict[str, tuple[str, ...]]:
    """Each real node's name, by layer ("inputs", "hidden", "outputs"), in the session's language;
    the bias node is :func:`bias_name`."""

    def named(labels, count, fallback):
        if labels is not None and len(labels) == count:
            return _shown_names(current_language(), tuple(labels))
        words = _(fallback)
        return tuple(words.format(number=index + 1) for index in range(count))

    return {
        "inputs": named(input_labels, input_nodes, INPUT_NAME),
        "hidden": named(None, hidden_nodes, HIDDEN_NAME),
        "outputs": named(output_labels, output_nodes, OUTPUT_NAME),
    }


@functools.lru_cache(maxsize=64)
def _shown_names(language: str, names: tuple) -> tuple[str, ...]:
    """Every name of a data set in ``language``: once per set and language, not on every live update
    (784 pixel names on MNIST). The language is in the key, so a session in another language gets its own."""
    with speaking(language):
        return tuple(shown_name(str(name)) for name in names)


def network_labels(network, teaching_set=None) -> dict[str, tuple[str, ...]]:
    """:func:`node_labels` for a network and (when known) the data set it learns."""
    return node_labels(
        network.input_nodes, network.hidden_nodes, network.output_nodes,
        getattr(teaching_set, "input_labels", None), getattr(teaching_set, "output_labels", None),
    )
