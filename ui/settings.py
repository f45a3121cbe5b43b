"""Every setting of every page, as rows of one kind of table.

Each page has its table of :class:`Setting` rows: :data:`SETTINGS` for the live
network (pages/1_Watch_it_learn.py), :data:`STEP_SETTINGS` for the step-through
page and :data:`MNIST_SETTINGS` for the MNIST workshop. The widgets, the checking
of typed values and the shareable URL (``st.query_params``) all read the page's
table; a setting's name is the same word everywhere: in the code, in the URL
(``?learning_rate=0.1``) and, prefixed by the page, in the widget key
(``live_learning_rate``, ``step_stage``, ``mnist_hidden_nodes``).

To ask which settings a page has, their defaults and ranges::

    for setting in STEP_SETTINGS.values():
        setting.name, setting.default, setting.allowed()

To draw one setting's widget (or leave it out, or lock it): :func:`setting_ui`.
To keep the URL in step with a page: :func:`link_in_url` (a link the page has
not written itself: apply it) and :func:`write_url` (the page's settings now).
"""

from __future__ import annotations

import dataclasses
import math
import re
from typing import Any, Callable, Mapping, Optional

import streamlit as st

from nn.data import SPLIT_SIZES
from nn.experiments import SETTINGS as SWEEPABLE
from nn.network import INITS, MAX_LEARNING_RATE, MAX_NODES, RULES
from nn.teaching_sets import TEACHING_SETS

#: The MNIST option of the dataset setting (a bounded subset trains live).
MNIST = "MNIST"

#: Hidden layer sizes the live page accepts. The network allows more
#: (nn.network.MAX_NODES), but beyond this a live page stops being live and
#: one classroom visitor would slow the server for everyone.
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


class SettingError(ValueError):
    """A value a setting does not allow; the message names the setting and what it allows."""


@dataclasses.dataclass(frozen=True)
class Setting:
    """One row of the table.

    ``choices`` lists every allowed value (dataset, init, rule, bias); numeric
    settings have ``low``/``high`` instead, and ``stops`` are the values a
    slider offers. ``rebuilds`` says whether changing it starts a new network
    (node counts, init, seed ...) or is applied to the running one (learning rate).

    ``words`` are the URL's words for the choices, when their slugs would be
    long (``source=fresh`` for "a fresh network"). A ``str`` setting
    without choices is free text of at most ``max_length`` characters (a typed
    vector), checked further by its page. ``widget`` asks for a radio or a
    checkbox instead of the usual selectbox or toggle; ``step`` and
    ``number_format`` shape a number input.
    """

    name: str
    kind: type
    default: Any
    label: str
    help: str
    choices: tuple = ()
    low: Optional[float] = None
    high: Optional[float] = None
    stops: tuple = ()
    rebuilds: bool = True
    words: tuple = ()
    widget: str = ""
    step: Optional[float] = None
    number_format: Optional[str] = None
    max_length: int = 500

    def allowed(self) -> str:
        """What this setting accepts, in words for an error message."""
        if self.kind is bool:
            return "on or off (true/false)"
        if self.words:
            return "one of " + ", ".join(self.words)
        if self.kind is int and self.choices and self.choices == tuple(range(self.choices[0], self.choices[-1] + 1)):
            return f"a whole number from {self.choices[0]} to {self.choices[-1]}"
        if self.choices:
            return "one of " + ", ".join(str(choice) for choice in self.choices)
        if self.kind is str:
            return f"text of at most {self.max_length} characters"
        if self.kind is int:  # every digit: a seed's bound is 4294967295, not 4.29497e+09
            return f"a whole number from {int(self.low)} to {int(self.high)}"
        return f"a number from {self.low:g} to {self.high:g}"

    def check(self, value: Any) -> Any:
        """The value as this setting's type, or SettingError naming the setting and what is allowed."""
        problem = f"{self.name} must be {self.allowed()}; got {value!r}"
        if self.kind is bool:
            if isinstance(value, str) and value.lower() in ("true", "1", "on", "yes"):
                return True
            if isinstance(value, str) and value.lower() in ("false", "0", "off", "no"):
                return False
            if isinstance(value, bool):
                return value
            raise SettingError(problem)
        if self.choices:
            for index, choice in enumerate(self.choices):
                if value == choice or (isinstance(value, str) and slug(value) == slug(str(choice))):
                    return choice
                if self.words and isinstance(value, str) and value.strip().lower() == self.words[index]:
                    return choice
            raise SettingError(problem)
        if self.kind is str:
            if not isinstance(value, str) or len(value) > self.max_length:
                raise SettingError(problem if isinstance(value, str) else f"{self.name} must be {self.allowed()}")
            return value
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise SettingError(problem) from None
        if not math.isfinite(number) or not (self.low <= number <= self.high):
            raise SettingError(problem)
        if self.kind is int:
            if number != int(number):
                raise SettingError(problem)
            return int(number)
        return number

    def to_url(self, value: Any) -> str:
        if self.kind is bool:
            return "true" if value else "false"
        if self.words:
            return self.words[self.choices.index(value)]
        if self.choices:
            return slug(str(value))
        if self.kind is str:
            return value
        return f"{value:g}" if self.kind is float else str(int(value))

    def bounded(self, low: Optional[float] = None, high: Optional[float] = None) -> "Setting":
        """This row with a range known only at run time (a sample number: 1 to the data set's size)."""
        return dataclasses.replace(self, low=self.low if low is None else low, high=self.high if high is None else high)


class Table(dict):
    """One page's settings: name -> :class:`Setting`, and the prefix of the page's widget keys."""

    def __init__(self, key_prefix: str, rows):
        super().__init__((row.name, row) for row in rows)
        self.key_prefix = key_prefix

    def key(self, name: str) -> str:
        """The widget key of a setting: ``f"{key_prefix}_{name}"``."""
        return f"{self.key_prefix}_{name}"

    def with_row(self, row: Setting) -> "Table":
        """A copy with one row replaced (e.g. :meth:`Setting.bounded`)."""
        return Table(self.key_prefix, [row if name == row.name else old for name, old in self.items()])


def slug(name: str) -> str:
    """A short URL word for a choice: "3x3 lines" -> "3x3-lines", "3-3-3: the book's first network" -> "3-3-3"."""
    short = name.split(":")[0].strip().lower()
    return re.sub(r"[^a-z0-9]+", "-", short).strip("-")


#: The live page's settings (pages/1_Watch_it_learn.py): the session's network and its training speed.
SETTINGS: Table = Table(
    "live",
    (
        Setting(
            "dataset", str, next(iter(TEACHING_SETS)), "Data set",
            "What the network learns. The small teaching sets train in a blink and every weight "
            "is visible; MNIST is the book's handwritten digits (a subset trains live). "
            "The input and output node counts follow the data set.",
            choices=(*TEACHING_SETS, MNIST),
        ),
        Setting(
            "hidden_nodes", int, 3, "Hidden nodes",
            f"How many nodes the hidden layer has (1 to {MAX_LIVE_HIDDEN_NODES}). "
            "The book uses 100 for MNIST. Changing it starts a new network.",
            low=1, high=MAX_LIVE_HIDDEN_NODES,
        ),
        Setting(
            "learning_rate", float, 0.3, "Learning rate",
            "How big a step each sample moves the weights. The book tries 0.6, 0.3, 0.1 and 0.01; "
            "too small learns slowly, too large overshoots or blows up. "
            "Takes effect at once, even while training.",
            low=MAX_LEARNING_RATE / 1e5, high=MAX_LEARNING_RATE, stops=LEARNING_RATE_STOPS,
            rebuilds=False,
        ),
        Setting(
            "init", str, "normal", "Starting weights",
            "normal: the book's choice, random with spread 1/sqrt(incoming links). "
            "uniform: random between -0.5 and 0.5. positive: random between 0 and 1, "
            "the book's first try, which learns badly.",
            choices=INITS,
        ),
        Setting(
            "bias", bool, False, "Bias node",
            "Add a node that always outputs 1.0 to the input and hidden layers; "
            "its weights let a node fire even when all its inputs are zero.",
        ),
        Setting(
            "rule", str, "book", "Hidden error rule",
            "book: hidden_errors = who^T . output_errors, the book's simplification. "
            "gradient: also multiplies by the output sigmoid's slope, the exact gradient.",
            choices=RULES,
        ),
        Setting(
            "seed", int, 1, "Seed",
            f"Makes the random starting weights repeatable (0 to {MAX_SEED}): "
            "the same seed gives the same network on every screen.",
            low=0, high=MAX_SEED,
        ),
        Setting(
            "speed", int, 20, "Speed (samples per update)",
            "How many samples are trained between two pictures. "
            "Small: watch each step; large: watch the trend.",
            low=1, high=SPEED_STOPS[-1], stops=SPEED_STOPS, rebuilds=False,
        ),
    ),
)

#: The step-through page's choice of network (this session's, or a fresh one every screen builds alike).
SESSION_NETWORK = "this session's network"
FRESH_NETWORK = "a fresh network"
#: Stages of one forward and one backward pass (ui/step/stages.py STAGES).
STEP_STAGES = 10


def _for_fresh_network(name: str, help: str, **changes: Any) -> Setting:
    """The live table's row ``name`` (same choices, range and checks) as a setting of the step page's fresh network."""
    return dataclasses.replace(SETTINGS[name], help=help, **changes)


#: The step-through page's settings (pages/2_Step_through.py): which network, rule, sample and stage.
#: With ``source=fresh`` the link names the whole network (data set, hidden nodes, learning rate,
#: init, bias, seed, rule), so every screen that opens it builds the same one and steps the same sample.
STEP_SETTINGS: Table = Table(
    "step",
    (
        Setting(
            "source", str, SESSION_NETWORK, "Network",
            "This session's network is the one your live page trains, so a link to it shows each learner "
            "their own network; Apply commits this step to it. A fresh network is built from the "
            "settings shown below it (data set, hidden nodes, learning rate, starting weights, bias, seed), "
            "so a link to it shows the same network and the same numbers on every screen.",
            choices=(SESSION_NETWORK, FRESH_NETWORK), words=("session", "fresh"), widget="radio",
        ),
        _for_fresh_network(
            "dataset",
            "The data set of the fresh network: its input and output node counts, and the samples to pick from.",
        ),
        _for_fresh_network(
            "hidden_nodes",
            f"Nodes in the fresh network's hidden layer (1 to {MAX_LIVE_HIDDEN_NODES}). Up to 6 a layer, "
            "every number is written into the formulas; more are shown as heatmaps.",
        ),
        _for_fresh_network(
            "learning_rate",
            "The fresh network's learning rate: how far this one step moves the weights "
            "(stages 8 and 9 multiply by it). The book tries 0.6, 0.3, 0.1 and 0.01.",
        ),
        _for_fresh_network(
            "init",
            "The fresh network's starting weights. normal: the book's choice, spread 1/sqrt(incoming links). "
            "uniform: between -0.5 and 0.5. positive: between 0 and 1, the book's first try.",
        ),
        _for_fresh_network(
            "bias",
            "Give the fresh network a node that always outputs 1.0 in the input and hidden layers "
            "(wih and who gain a column).",
        ),
        _for_fresh_network(
            "seed",
            f"Makes the fresh network's starting weights (0 to {MAX_SEED}): the same seed and settings "
            "give the same network on every screen.",
            label="Seed of the fresh network",
        ),
        _for_fresh_network(
            "rule",
            "book: hidden_errors = who.T · output_errors (the book's simplification). "
            "gradient: who.T · (output_errors * o(1 − o)), the exact derivative of the error. "
            "For this session's network, switching shows a copy of the same weights with the other rule; "
            "the session's network keeps its own.",
            label="Rule for the hidden errors", widget="radio",
        ),
        Setting(
            "own", bool, False, "Type my own input and target",
            "Enter your own numbers instead of a sample from the data set (networks up to 30 inputs).",
        ),
        Setting(
            "sample", int, 1, "Sample",
            "Which row of the data set to push through the network: the session's data set, "
            "or the fresh network's.",
            low=1, high=SPLIT_SIZES["train"],
        ),
        Setting(
            "inputs", str, "", "Inputs",
            "Comma-separated, finite numbers; the book scales inputs to 0.01 .. 1.",
        ),
        Setting(
            "targets", str, "", "Targets",
            "Comma-separated, each strictly between 0 and 1 (the book uses 0.01 and 0.99).",
        ),
        Setting(
            "stage", int, 1, "Stage",
            "Jump to any stage of the forward (1-5) and backward (6-10) pass.",
            choices=tuple(range(1, STEP_STAGES + 1)),
        ),
    ),
)

#: The settings that build the step page's fresh network, in the order its widgets are drawn.
FRESH_NETWORK_SETTINGS = ("dataset", "hidden_nodes", "learning_rate", "init", "bias", "seed")

#: The MNIST workshop's tabs, in order; the first is open unless the URL says otherwise.
MNIST_TABS = ("Train", "Test", "Your handwriting", "What it learned", "Experiments")

#: The MNIST workshop's Train form: the settings a new network is made from.
_MNIST_FORM = (
    Setting(
        "hidden_nodes", int, 100, "hidden nodes",
        f"Nodes in the hidden layer (1 to {MAX_NODES}). The book uses 100, then 200.",
        low=1, high=MAX_NODES,
    ),
    Setting(
        "learning_rate", float, 0.1, "learning rate",
        "How far each sample moves the weights (0.001 to 100). The book's best for one epoch: 0.1 to 0.3.",
        low=MAX_LEARNING_RATE / 1e5, high=MAX_LEARNING_RATE, step=0.05, number_format="%.3f",
    ),
    Setting(
        "epochs", int, 1, "epochs",
        "Passes over the training images (1 to 30). The book's best at lr 0.1: 5 to 7.",
        low=1, high=30,
    ),
    Setting(
        "init", str, "normal", "starting weights",
        "normal: N(0, 1/sqrt(784)), the book's choice. uniform: -0.5..0.5. "
        "positive: 0..1, the book's first try, which saturates the sigmoids.",
        choices=INITS,
    ),
    Setting(
        "seed", int, 0, "seed",
        "Fixes the starting weights: the same seed gives the same run on every screen.",
        low=0, high=2**31 - 1,
    ),
    Setting(
        "train_count", int, SPLIT_SIZES["train"], "training images",
        "How many of the 60,000 training images to use, from the first. Fewer trains faster, learns less.",
        low=10, high=SPLIT_SIZES["train"], step=1000,
    ),
    Setting(
        "rotations", bool, False, "also train on copies rotated ±10°",
        "The book's last chapter: each image, then it turned +10° and -10°. Triples the work; "
        "at most 20,000 originals here.",
        widget="checkbox",
    ),
)


def _for_sweep(name: str, help: str, **changes: Any) -> Setting:
    """The Train form's row ``name`` (same label, range and checks) as the Experiments tab's fixed value."""
    row = next(row for row in _MNIST_FORM if row.name == name)
    return dataclasses.replace(row, name=f"sweep_{name}", help=help, **changes)


#: The MNIST workshop's settings (pages/3_MNIST_workshop.py): the Train form, the open tab, the experiments.
MNIST_SETTINGS: Table = Table(
    "mnist",
    (
        *_MNIST_FORM,
        Setting(
            "tab", str, MNIST_TABS[0], "Tab",
            "The part of the workshop shown: " + ", ".join(MNIST_TABS) + ".",
            choices=MNIST_TABS,
        ),
        # The Experiments tab: the setting a sweep varies, the others' fixed values, the rotation test's size.
        Setting(
            "sweep_setting", str, next(iter(SWEEPABLE)), "setting to vary",
            "Which setting the experiment changes, one fresh network per value; the others stay fixed "
            "at the values below.",
            choices=tuple(SWEEPABLE), words=tuple(SWEEPABLE),
        ),
        _for_sweep("hidden_nodes", f"Hidden nodes when they are not the setting swept (1 to {MAX_NODES})."),
        _for_sweep("learning_rate", "Learning rate when it is not the setting swept (0.001 to 100)."),
        _for_sweep("epochs", "Epochs when they are not the setting swept (1 to 30)."),
        _for_sweep("init", "Starting weights when they are not the setting swept."),
        _for_sweep(
            "train_count",
            "The first N training images (100 to 60,000). The book used all 60,000; fewer is quicker.",
            default=10_000, low=100,
        ),
        Setting(
            "rotation_train_count", int, 5_000, "training images (each used three times)",
            "The first N training images (100 to 20,000), with and without their two rotated copies; "
            "100 hidden nodes, learning rate 0.1, 1 epoch, seed 0.",
            low=100, high=20_000, step=1000,
        ),
    ),
)

#: Every page's table, by the prefix of its widget keys.
TABLES = {table.key_prefix: table for table in (SETTINGS, STEP_SETTINGS, MNIST_SETTINGS)}


def defaults(table: Table = SETTINGS) -> dict[str, Any]:
    return {name: setting.default for name, setting in table.items()}


def check_all(values: Mapping[str, Any], table: Table = SETTINGS) -> tuple[dict[str, Any], list[str]]:
    """Check every known setting in ``values``: (the good ones, one message per bad one)."""
    good, problems = {}, []
    for name, value in values.items():
        if name not in table:
            continue
        try:
            good[name] = table[name].check(value)
        except SettingError as exc:
            problems.append(str(exc))
    return good, problems


def read_url(query_params: Mapping[str, str], table: Table = SETTINGS) -> tuple[dict[str, Any], list[str]]:
    """Settings named in a URL's query parameters: (the good ones, one message per bad one)."""
    return check_all({name: query_params[name] for name in table if name in query_params}, table)


def url_params(values: Mapping[str, Any], table: Table = SETTINGS) -> dict[str, str]:
    """The query parameters for these settings; a setting at its default (or None: not shown
    on the page just now) is left out to keep links short."""
    return {
        name: table[name].to_url(value)
        for name, value in values.items()
        if name in table and value is not None and value != table[name].default
    }


def _seen_key(table: Table) -> str:
    return f"{table.key_prefix}_url_seen"


def write_url(values: Mapping[str, Any], table: Table = SETTINGS) -> None:
    """Keep the address bar in step with the page's settings, so the URL shares exactly this.

    Other parameters (``hide``, ``lock``, ``presenter``, another page's) are left alone.
    What is written is remembered, so :func:`link_in_url` can tell the page's own
    writing from a link opened since.
    """
    wanted = url_params(values, table)
    for name in table:
        if name in st.query_params and name not in wanted:
            del st.query_params[name]
    for name, text in wanted.items():
        if st.query_params.get(name) != text:
            st.query_params[name] = text
    st.session_state[_seen_key(table)] = wanted


def link_in_url(table: Table = SETTINGS) -> Optional[tuple[dict[str, Any], list[str]]]:
    """The link to apply, if the URL names some of this page's settings and they differ from
    what the page last wrote or read there; else None.

    Returns (the good values, one message per bad one), like :func:`read_url`. So a
    link is applied when a session opens with it, and again whenever another link
    arrives in the same tab (``st.page_link`` with query parameters, or the address
    edited), while the page's own :func:`write_url` never looks like a link. An
    address with none of the page's settings (the page chosen from the menu) is not
    a link: the page keeps the session's settings and writes them back.
    """
    asked = {name: st.query_params[name] for name in table if name in st.query_params}
    if not asked or asked == st.session_state.get(_seen_key(table)):
        return None
    st.session_state[_seen_key(table)] = asked  # read once, even if the page stops before writing
    return check_all(asked, table)


def checked(table: Table, name: str, value: Any) -> Any:
    """``value`` as setting ``name`` of ``table`` allows it, else None after a message naming the setting."""
    good, problems = check_all({name: value}, table)
    for problem in problems:
        st.error(f"{problem}.")
    return good.get(name)


def link_problem(problem: str) -> str:
    """The message for one bad value in a link, the same on every page."""
    return f"The link asks for something not allowed, so it was ignored: {problem}."


#: A lesson link may leave controls out (``?hide=init,seed``) or show them locked
#: (``?lock=dataset``), so a lesson shows only what it is about (see ui/classroom/lessons.py).
#: The network is still built from every setting's value. Every page drawing its
#: controls with :func:`setting_ui` honours them, for the names in its own table.
HIDE_PARAM = "hide"
LOCK_PARAM = "lock"


def controls_in_url(query_params: Mapping[str, str], param: str, table: Table = SETTINGS) -> frozenset:
    """The settings a link lists under ``param`` (HIDE_PARAM or LOCK_PARAM); unknown names are ignored."""
    listed = query_params.get(param) or ""
    return frozenset(name.strip() for name in listed.split(",") if name.strip() in table)


def setting_ui(
    name: str, value: Any, key_prefix: str, *, disabled: bool = False, table: Table = SETTINGS,
    label: Optional[str] = None, **widget_options: Any,
) -> Any:
    """Draw the widget for one setting of ``table``, starting at ``value``; return what it shows now.

    A setting the URL hides (HIDE_PARAM) is not drawn and keeps ``value``; one
    it locks (LOCK_PARAM) is drawn disabled.

    The widget's key is ``f"{key_prefix}_{name}"``. Streamlit drops a widget's
    state when its page is left, so the value to show comes from the caller's
    session (``value``) whenever the widget has no state yet. Numbers are typed
    freely and checked by the caller with :meth:`Setting.check`, so a bad value
    gets a message instead of being silently clamped. ``label`` replaces the
    table's label (one that names a count known only at run time); other keyword
    arguments go to the widget (``format_func``, ``horizontal`` ...).
    """
    if name in controls_in_url(st.query_params, HIDE_PARAM, table):
        return value  # left out by a lesson link; its value still builds the network
    setting = table[name]
    key = f"{key_prefix}_{name}"
    if key not in st.session_state:
        st.session_state[key] = value
    disabled = disabled or name in controls_in_url(st.query_params, LOCK_PARAM, table)
    common = dict(key=key, help=setting.help, disabled=disabled, **widget_options)
    label = label or setting.label
    if setting.kind is bool:
        return (st.checkbox if setting.widget == "checkbox" else st.toggle)(label, **common)
    if setting.choices:
        return (st.radio if setting.widget == "radio" else st.selectbox)(label, setting.choices, **common)
    if setting.kind is str:
        return st.text_input(label, **common)
    if setting.stops:
        return st.select_slider(label, _stops_with(setting, value), **common)
    return st.number_input(label, step=setting.step or 1, format=setting.number_format, **common)


def _stops_with(setting: Setting, value: Any) -> tuple:
    """The slider's stops, plus ``value`` when a link asked for one between them."""
    if value in setting.stops:
        return setting.stops
    return tuple(sorted({*setting.stops, value}))


#: Signature of a function that draws a setting's widget; lets a lesson panel wrap setting_ui.
SettingUI = Callable[[str, Any, str], Any]
