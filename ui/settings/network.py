"""The settings of the session's network (ui/session.py's Lab), shared by every page that shows, builds or links to one.

The live page's sidebar draws them all (``ui/live/settings.py``), the step page
builds a fresh network from the same rows (``ui/step/settings.py``), a lesson
link sets them (``ui/classroom/lessons.py``) and a saved network carries them.
"""

from __future__ import annotations

from nn.network import INITS, MAX_LEARNING_RATE, RULES
from nn.teaching_sets import TEACHING_SETS
from ui.datasets import MNIST
from ui.i18n import N_
from ui.settings.setting import Setting, Table

#: Hidden layer sizes every page accepts (live, step-through, MNIST workshop, uploads):
#: 200 is the largest the book uses (its best MNIST run). The network allows more
#: (nn.network.MAX_NODES), but beyond this a live page stops being live and one
#: classroom visitor's MNIST run would cost the server ten times the book's.
MAX_LIVE_HIDDEN_NODES = 200

#: Learning rates on the slider: the useful range, with the book's 0.01, 0.1,
#: 0.3 and 0.6 among the stops, and a few large ones to watch a run blow up.
LEARNING_RATE_STOPS = (
    0.001, 0.003, 0.01, 0.03, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8,
    1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 30.0, 100.0,
)

#: Samples trained per screen update.
SPEED_STOPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)

MAX_SEED = 2**32 - 1

#: The rows a network is built from, in the order the live page draws them.
NETWORK_ROWS: tuple[Setting, ...] = (
    Setting(
        "dataset", str, next(iter(TEACHING_SETS)), N_("Data set"),
        N_("What the network learns. The small teaching sets train in a blink and every weight "
           "is visible; MNIST is the book's handwritten digits (a subset trains live). "
           "The input and output node counts follow the data set."),
        choices=(*TEACHING_SETS, MNIST),
    ),
    Setting(
        "hidden_nodes", int, 3, N_("Hidden nodes"),
        N_("How many nodes the hidden layer has ({range}). "
           "The book uses 100 for MNIST. Changing it starts a new network."),
        low=1, high=MAX_LIVE_HIDDEN_NODES,
    ),
    Setting(
        "learning_rate", float, 0.3, N_("Learning rate"),
        N_("How big a step each sample moves the weights. The book tries 0.6, 0.3, 0.1 and 0.01; "
           "too small learns slowly, too large overshoots or blows up. "
           "Takes effect at once, even while training."),
        low=MAX_LEARNING_RATE / 1e5, high=MAX_LEARNING_RATE, stops=LEARNING_RATE_STOPS,
        rebuilds=False,
    ),
    Setting(
        "init", str, "normal", N_("Starting weights"),
        N_("normal: the book's final choice, random with standard deviation 1/√(incoming links), "
           "as the book's text says: 1/√(input nodes) for wih, 1/√(hidden nodes) for who. "
           "Some copies of the book's code use the receiving layer's size instead (1/√(hidden nodes) for wih). "
           "uniform: random between −0.5 and 0.5, the book's first try (numpy.random.rand − 0.5). "
           "positive: random between 0 and 1 (numpy.random.rand without the − 0.5), which is not in the "
           "book and learns badly."),
        choices=INITS,
    ),
    Setting(
        "bias", bool, False, N_("Bias node"),
        N_("Add a node that always outputs 1.0 to the input and hidden layers; "
           "its weights let a node fire even when all its inputs are zero. "
           "The book's network has no bias node: this is an extra to try."),
    ),
    Setting(
        "rule", str, "book", N_("Hidden error rule"),
        N_("book: hidden_errors = whoᵀ · output_errors, the book's rule: its \"split the error in "
           "proportion to the weights\" with the denominator dropped. "
           "gradient: whoᵀ · (output_errors * o(1 − o)), the exact gradient of the error ½Σ(t − o)²."),
        choices=RULES,
    ),
    Setting(
        "seed", int, 1, N_("Seed"),
        N_("Makes the random starting weights repeatable ({range}): "
           "the same seed gives the same network on every screen."),
        low=0, high=MAX_SEED,
    ),
)

#: How fast the session's network trains live; applied to the running network, never rebuilding it.
SPEED_ROW = Setting(
    "speed", int, 20, N_("Speed (samples per update)"),
    N_("How many samples are trained between two pictures. "
       "Small: watch each step; large: watch the trend."),
    low=1, high=SPEED_STOPS[-1], stops=SPEED_STOPS, rebuilds=False,
)

# Translators: the choices of "Starting weights" (init) and "Hidden error rule" (rule) as a menu shows them;
# the URL and the code keep the English word (?init=uniform, ?rule=gradient)
CHOICE_NAMES = (N_("normal"), N_("uniform"), N_("positive"), N_("book"), N_("gradient"))

#: Every setting of the session's lab: its network's, then its speed.
LAB_ROWS: tuple[Setting, ...] = (*NETWORK_ROWS, SPEED_ROW)

#: The lab's settings as a table, for the shared pieces that default and check them (ui/session.py,
#: ui/saved_work.py). A page that draws them makes its own table of LAB_ROWS, so its widget keys carry
#: its own prefix (ui/live/settings.py, ui/classroom/lessons.py).
LAB_SETTINGS: Table = Table("lab", LAB_ROWS)


def network_row(name: str) -> Setting:
    """The row ``name`` of :data:`NETWORK_ROWS`."""
    return next(row for row in NETWORK_ROWS if row.name == name)
