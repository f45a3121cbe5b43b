"""Every setting of the live network, in one table.

The sidebar widgets, the validation of typed values and the shareable URL
(``st.query_params``) all read :data:`SETTINGS`; a setting's name is the same
word everywhere: in the code, in the URL (``?learning_rate=0.1``) and, prefixed
by the page, in the widget key (``live_learning_rate``).

To ask which settings exist, their defaults and ranges::

    for setting in SETTINGS.values():
        setting.name, setting.default, setting.allowed()

To draw one setting's widget (or leave it out, or lock it): :func:`setting_ui`.
"""

from __future__ import annotations

import dataclasses
import math
import re
from typing import Any, Callable, Mapping, Optional

import streamlit as st

from nn.network import INITS, MAX_LEARNING_RATE, RULES
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

    def allowed(self) -> str:
        """What this setting accepts, in words for an error message."""
        if self.kind is bool:
            return "on or off (true/false)"
        if self.choices:
            return "one of " + ", ".join(str(choice) for choice in self.choices)
        kind = "a whole number" if self.kind is int else "a number"
        return f"{kind} from {self.low:g} to {self.high:g}"

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
            for choice in self.choices:
                if value == choice or (isinstance(value, str) and slug(value) == slug(str(choice))):
                    return choice
            raise SettingError(problem)
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
        if self.choices:
            return slug(str(value))
        return f"{value:g}" if self.kind is float else str(int(value))


def slug(name: str) -> str:
    """A short URL word for a choice: "3x3 lines" -> "3x3-lines", "3-3-3: the book's first network" -> "3-3-3"."""
    short = name.split(":")[0].strip().lower()
    return re.sub(r"[^a-z0-9]+", "-", short).strip("-")


SETTINGS: dict[str, Setting] = {
    setting.name: setting
    for setting in (
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
    )
}


def defaults() -> dict[str, Any]:
    return {name: setting.default for name, setting in SETTINGS.items()}


def check_all(values: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Check every known setting in ``values``: (the good ones, one message per bad one)."""
    good, problems = {}, []
    for name, value in values.items():
        if name not in SETTINGS:
            continue
        try:
            good[name] = SETTINGS[name].check(value)
        except SettingError as exc:
            problems.append(str(exc))
    return good, problems


def read_url(query_params: Mapping[str, str]) -> tuple[dict[str, Any], list[str]]:
    """Settings named in a URL's query parameters: (the good ones, one message per bad one)."""
    return check_all({name: query_params[name] for name in SETTINGS if name in query_params})


def url_params(values: Mapping[str, Any]) -> dict[str, str]:
    """The query parameters for these settings; a setting at its default is left out to keep links short."""
    return {
        name: SETTINGS[name].to_url(value)
        for name, value in values.items()
        if name in SETTINGS and value != SETTINGS[name].default
    }


def write_url(values: Mapping[str, Any]) -> None:
    """Keep the address bar in step with the settings, so the URL shares this exact network."""
    wanted = url_params(values)
    for name in SETTINGS:
        if name in st.query_params and name not in wanted:
            del st.query_params[name]
    for name, text in wanted.items():
        if st.query_params.get(name) != text:
            st.query_params[name] = text


#: A lesson link may leave controls out (``?hide=init,seed``) or show them locked
#: (``?lock=dataset``), so a lesson shows only what it is about (see ui/lessons.py).
#: The network is still built from every setting's value.
HIDE_PARAM = "hide"
LOCK_PARAM = "lock"


def controls_in_url(query_params: Mapping[str, str], param: str) -> frozenset:
    """The settings a link lists under ``param`` (HIDE_PARAM or LOCK_PARAM); unknown names are ignored."""
    listed = query_params.get(param) or ""
    return frozenset(name.strip() for name in listed.split(",") if name.strip() in SETTINGS)


def setting_ui(name: str, value: Any, key_prefix: str, *, disabled: bool = False) -> Any:
    """Draw the widget for one setting, starting at ``value``; return what it shows now.

    A setting the URL hides (HIDE_PARAM) is not drawn and keeps ``value``; one
    it locks (LOCK_PARAM) is drawn disabled.

    The widget's key is ``f"{key_prefix}_{name}"``. Streamlit drops a widget's
    state when its page is left, so the value to show comes from the caller's
    session (``value``) whenever the widget has no state yet. Numbers are typed
    freely and checked by the caller with :meth:`Setting.check`, so a bad value
    gets a message instead of being silently clamped.
    """
    if name in controls_in_url(st.query_params, HIDE_PARAM):
        return value  # left out by a lesson link; its value still builds the network
    setting = SETTINGS[name]
    key = f"{key_prefix}_{name}"
    if key not in st.session_state:
        st.session_state[key] = value
    disabled = disabled or name in controls_in_url(st.query_params, LOCK_PARAM)
    common = dict(key=key, help=setting.help, disabled=disabled)
    if setting.kind is bool:
        return st.toggle(setting.label, **common)
    if setting.choices:
        return st.selectbox(setting.label, setting.choices, **common)
    if setting.stops:
        return st.select_slider(setting.label, _stops_with(setting, value), **common)
    return st.number_input(setting.label, step=1, **common)


def _stops_with(setting: Setting, value: Any) -> tuple:
    """The slider's stops, plus ``value`` when a link asked for one between them."""
    if value in setting.stops:
        return setting.stops
    return tuple(sorted({*setting.stops, value}))


#: Signature of a function that draws a setting's widget; lets a lesson panel wrap setting_ui.
SettingUI = Callable[[str, Any, str], Any]
