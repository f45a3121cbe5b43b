"""Small data sets a teacher reaches for, sized to watch every weight learn.

Inputs and targets use the book's ranges: inputs in 0.01 .. 1.00 and targets
0.01 / 0.99, because a sigmoid never reaches 0 or 1 exactly.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from nn.data import make_targets

LOW, HIGH = 0.01, 0.99


@dataclasses.dataclass(frozen=True)
class TeachingSet:
    name: str
    inputs: np.ndarray      # (samples, input_nodes)
    targets: np.ndarray     # (samples, output_nodes)
    input_labels: tuple     # one short name per input node, for charts and hover text
    output_labels: tuple    # one short name per output node
    image_shape: tuple = () # (rows, columns) when each input row is a little picture
    #: (wih, who) printed with the set, for a set that comes with its network (the book's worked
    #: example); they fit a network with no bias node and as many hidden nodes as wih has rows.
    printed_weights: tuple = ()

    @property
    def input_nodes(self) -> int:
        return self.inputs.shape[1]

    @property
    def output_nodes(self) -> int:
        return self.targets.shape[1]


def _three_patterns() -> TeachingSet:
    # The book's first example is a 3-3-3 network queried with [1.0, 0.5, -1.5];
    # here it learns to tell three such signals apart.
    inputs = np.array([[1.0, 0.5, -1.5], [-1.5, 1.0, 0.5], [0.5, -1.5, 1.0]])
    return TeachingSet(
        "3-3-3: the book's first network",
        inputs,
        make_targets([0, 1, 2], 3),
        ("input 1", "input 2", "input 3"),
        ("pattern A", "pattern B", "pattern C"),
    )


def _xor() -> TeachingSet:
    # Output 0.99 when exactly one of the two inputs is on: a single layer cannot learn it.
    corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    answer = np.logical_xor(corners[:, 0], corners[:, 1])
    return TeachingSet(
        "XOR",
        np.where(corners == 1, HIGH, LOW),
        np.where(answer, HIGH, LOW)[:, None],
        ("input A", "input B"),
        ("A xor B",),
    )


def _lines_3x3() -> TeachingSet:
    # Nine-pixel pictures of a line, to be called horizontal, vertical or diagonal; each is one
    # line with a little noise-free variation: the row or column it sits in.
    pictures, labels = [], []
    for index in range(3):
        row = np.zeros((3, 3)); row[index, :] = 1
        column = np.zeros((3, 3)); column[:, index] = 1
        pictures += [row, column]
        labels += [0, 1]
    diagonal, anti = np.eye(3), np.fliplr(np.eye(3))
    pictures += [diagonal, anti]
    labels += [2, 2]
    inputs = np.array([p.ravel() for p in pictures]) * (1.0 - LOW) + LOW
    return TeachingSet(
        "3x3 lines",
        inputs,
        make_targets(labels, 3),
        tuple(f"pixel ({r + 1},{c + 1})" for r in range(3) for c in range(3)),
        ("horizontal", "vertical", "diagonal"),
        image_shape=(3, 3),
    )


_DIGIT_GLYPHS = {
    # 5 rows x 5 columns, '#' is ink
    0: [".###.", "#...#", "#...#", "#...#", ".###."],
    1: ["..#..", ".##..", "..#..", "..#..", ".###."],
    2: [".###.", "#...#", "..##.", ".#...", "#####"],
    3: ["####.", "....#", ".###.", "....#", "####."],
    4: ["#..#.", "#..#.", "#####", "...#.", "...#."],
}


def _digits_5x5() -> TeachingSet:
    # The digits 0 to 4 as 5x5 pictures: MNIST in miniature, small enough to see every weight.
    inputs = np.array(
        [[HIGH if ch == "#" else LOW for line in glyph for ch in line] for glyph in _DIGIT_GLYPHS.values()]
    )
    return TeachingSet(
        "5x5 digits",
        inputs,
        make_targets(list(_DIGIT_GLYPHS), len(_DIGIT_GLYPHS)),
        tuple(f"pixel ({r + 1},{c + 1})" for r in range(5) for c in range(5)),
        tuple(f"digit {d}" for d in _DIGIT_GLYPHS),
        image_shape=(5, 5),
    )


#: The book's worked example (part 1, "Matrix multiplication is useful ... honest!" and the
#: 3-layer example): its input and the weights it prints, W_input_hidden and W_hidden_output.
BOOK_EXAMPLE_INPUTS = (0.9, 0.1, 0.8)
BOOK_EXAMPLE_WIH = ((0.9, 0.3, 0.4), (0.2, 0.8, 0.2), (0.1, 0.5, 0.6))
BOOK_EXAMPLE_WHO = ((0.3, 0.7, 0.5), (0.6, 0.5, 0.2), (0.8, 0.1, 0.9))
#: The book gives this example no target; this one asks the second output node to fire.
BOOK_EXAMPLE_TARGETS = (LOW, HIGH, LOW)


def _worked_example() -> TeachingSet:
    return TeachingSet(
        "Worked example: the book's 3-3-3 with its printed weights",
        np.array([BOOK_EXAMPLE_INPUTS]),
        np.array([BOOK_EXAMPLE_TARGETS]),
        ("input 1", "input 2", "input 3"),
        ("output 1", "output 2", "output 3"),
        printed_weights=(np.array(BOOK_EXAMPLE_WIH), np.array(BOOK_EXAMPLE_WHO)),
    )


#: Every teaching set by name, in the order a lesson would meet them.
TEACHING_SETS: dict[str, TeachingSet] = {
    s.name: s for s in (_three_patterns(), _xor(), _lines_3x3(), _digits_5x5(), _worked_example())
}
