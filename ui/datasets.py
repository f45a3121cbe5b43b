"""The data sets the live page trains on, each as a :class:`TeachingSet`.

The teaching sets come from ``nn.teaching_sets``; MNIST is a bounded subset of
the book's handwritten digits, so one learner's live run stays light enough for
a classroom of them on one server.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from nn.data import load_mnist, make_targets, scale_inputs
from nn.teaching_sets import TEACHING_SETS, TeachingSet
from ui.i18n import N_, _

#: The MNIST option of a data set setting (a bounded subset trains live).
MNIST = "MNIST"

#: Training images a live MNIST run cycles through (the book's full set is 60,000).
MNIST_LIVE_SAMPLES = 6000
#: Test images scored for the live page's accuracy curve.
MNIST_TEST_SAMPLES = 1000


#: Every data set's name as the catalogue knows it. The names themselves stay the option values (in
#: widget state, links and saved work); only what is shown is translated, by :func:`dataset_name`.
# Translators: the names of the data sets, in menus and captions ("learning XOR")
SHOWN_NAMES = (
    N_("3-3-3: the book's first network"), N_("XOR"), N_("3x3 lines"), N_("5x5 digits"),
    N_("Worked example: the book's 3-3-3 with its printed weights"), N_("MNIST"),
)


def dataset_name(name: str) -> str:
    """The data set ``name`` (an option value) as the session's language calls it."""
    return _(name)


def live_dataset(name: str) -> TeachingSet:
    """The named data set (a teaching set, or the live MNIST subset)."""
    if name == MNIST:
        return _loaded("train", MNIST_LIVE_SAMPLES)
    return TEACHING_SETS[name]


def mnist_test_set() -> TeachingSet:
    """The first MNIST test images, for measuring accuracy while training live."""
    return _loaded("test", MNIST_TEST_SAMPLES)


def _loaded(split: str, limit: int) -> TeachingSet:
    """The cached subset, with a spinner in the session's language while it is first read.

    Once this process has read it, it is handed out at once: a live MNIST update asks for the
    data set several times, and each spinner (even one that never shows) started a timer
    thread and sent the browser a message, each call of the cached loader hashed its
    arguments (about 0.4 ms together).
    """
    known = _READ.get((split, limit))
    if known is not None:
        return known
    with st.spinner(_("Loading MNIST ...")):
        loaded = _READ[(split, limit)] = _mnist_set(split, limit)
    return loaded


#: The subsets this process has read, by (split, limit): the same read-only arrays _mnist_set's cache holds.
_READ: dict[tuple[str, int], TeachingSet] = {}


# Shared, read-only arrays: one copy per server process instead of one per
# visitor (st.cache_data would hand every session its own 40 MB copy).
# Only data is cached here, never a network.
@st.cache_resource(show_spinner=False)
def _mnist_set(split: str, limit: int) -> TeachingSet:
    images, labels = load_mnist(split, limit)
    inputs, targets = scale_inputs(images), make_targets(labels)
    for array in (inputs, targets):
        array.flags.writeable = False
    return TeachingSet(
        MNIST,
        inputs,
        targets,
        tuple(f"pixel ({r + 1},{c + 1})" for r in range(28) for c in range(28)),
        tuple(f"digit {d}" for d in range(10)),
        image_shape=(28, 28),
    )


def labels_of(teaching_set: TeachingSet) -> np.ndarray:
    """Each sample's right answer: the output node with the largest target."""
    return np.argmax(teaching_set.targets, axis=1)
