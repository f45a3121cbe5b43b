"""Ready lessons, and the links that open the live page set up for one.

A lesson is one link and two sentences. The link carries every setting of the
live network (the rows of :mod:`ui.settings.network`, so opening it builds
the same network on every screen), which controls the learner sees, which are
shown but locked, and whether the page opens in presenter mode::

    /Watch_it_learn?dataset=xor&hidden_nodes=1&...&hide=init,rule,seed&lock=dataset

The lessons and links are plain data and string building (tests parse the links
back without Streamlit); the ``_ui`` functions at the end draw them on the Classroom page.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Iterable, Mapping
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from nn.teaching_sets import TEACHING_SETS
from ui.datasets import MNIST, MNIST_LIVE_SAMPLES
from ui.presenter import PRESENTER_PARAM
from ui.settings import url
from ui.settings.network import LAB_ROWS
from ui.settings.setting import Table
from ui.settings.widgets import setting_ui

#: The address Streamlit gives pages/1_Watch_it_learn.py (the file name without its number).
LIVE_PAGE_PATH = "Watch_it_learn"
LIVE_PAGE_FILE = Path(__file__).resolve().parents[2] / "pages" / "1_Watch_it_learn.py"

#: URL parameters listing settings whose controls a lesson leaves out or shows locked
#: (the live page's setting_ui honours them).
HIDE_PARAM, LOCK_PARAM = url.HIDE_PARAM, url.LOCK_PARAM

#: The live page's settings, as a lesson sets them; the link builder's widgets are keyed ``classroom_*``.
LESSON_SETTINGS: Table = Table("classroom", LAB_ROWS)


@dataclasses.dataclass(frozen=True)
class Lesson:
    """One idea to see on the live page: its settings, and the few controls it is about.

    ``show`` are the controls the learner may move; ``lock`` are shown but cannot
    be moved (to say what the lesson is on); every other control is hidden.
    """

    slug: str
    title: str
    text: str        # two sentences: what to do and what to see
    settings: dict   # a value for every setting the lesson changes from the defaults
    show: tuple
    lock: tuple = ("dataset",)

    @property
    def values(self) -> dict[str, Any]:
        """Every setting's value for this lesson, checked against the settings table."""
        values, problems = LESSON_SETTINGS.check_all({**LESSON_SETTINGS.defaults(), **self.settings})
        if problems:
            raise ValueError(f"lesson {self.slug!r}: " + "; ".join(problems))
        return values

    @property
    def hide(self) -> tuple:
        return tuple(name for name in LESSON_SETTINGS if name not in self.show + self.lock)

    def params(self, presenter: bool = False) -> dict[str, str]:
        return link_params(self.values, hide=self.hide, lock=self.lock, presenter=presenter)


DIGITS = "5x5 digits"
XOR = "XOR"
assert {DIGITS, XOR} <= set(TEACHING_SETS), "a lesson names a teaching set that no longer exists"

LESSONS: tuple[Lesson, ...] = (
    Lesson(
        "learning-rate",
        "What does the learning rate do?",
        "Every sample moves each weight by the learning rate times that weight's share of the "
        "error. Press Start at 0.01 and the error creeps down; while it runs, slide the learning "
        "rate to 0.3 and the error drops fast, then to 30 and it jumps about and stops learning.",
        dict(dataset=DIGITS, hidden_nodes=8, learning_rate=0.01, speed=20),
        show=("learning_rate", "speed"),
    ),
    Lesson(
        "first-init",
        "Why does the book's first init learn badly?",
        "The book's first try starts every weight between 0 and 1, so each hidden node adds up "
        "hundreds of positive pixel signals and its sigmoid sits flat against 1, where its slope, "
        "which scales every weight change, is almost zero. Press Start and watch the test accuracy "
        "stay near one in ten; then choose normal starting weights and press Start again.",
        dict(dataset=MNIST, hidden_nodes=100, learning_rate=0.1, init="positive", speed=200),
        show=("init",),
    ),
    Lesson(
        "bias-node",
        "What is a bias node for?",
        "A bias node always sends 1.0, so its weight moves the point where the next node starts "
        "to fire without touching the weights of the real inputs. Press Start and see three hidden "
        "nodes stall on the 5x5 digits; then switch the bias node on and watch the error fall "
        "several times lower.",
        dict(dataset=DIGITS, hidden_nodes=3, learning_rate=0.3, bias=False, speed=50),
        show=("bias",),
    ),
    Lesson(
        "xor-hidden-layer",
        "XOR needs a hidden layer",
        "XOR's answer is on when exactly one input is on, and no single straight line through the "
        "four corners separates the answers, so with one hidden node the error stalls however long "
        "it trains. Raise hidden nodes to 3 and press Start: within a few thousand samples the "
        "error falls to almost zero.",
        dict(dataset=XOR, hidden_nodes=1, learning_rate=0.5, bias=True, speed=50),
        show=("hidden_nodes", "speed"),
        lock=("dataset", "bias"),
    ),
    Lesson(
        "mnist-one-epoch",
        "MNIST in one epoch",
        f"The book's 784-100-10 network sees each of {MNIST_LIVE_SAMPLES:,} handwritten digits "
        "once, one at a time, with learning rate 0.1. Press Start and watch the test accuracy "
        "climb to nearly nine in ten by the end of the first epoch (the book reaches 95% with all "
        "60,000 digits).",
        dict(dataset=MNIST, hidden_nodes=100, learning_rate=0.1, speed=200),
        show=("learning_rate", "hidden_nodes", "speed"),
    ),
)

LESSONS_BY_SLUG = {lesson.slug: lesson for lesson in LESSONS}


def link_params(
    values: Mapping[str, Any], *, hide: Iterable[str] = (), lock: Iterable[str] = (), presenter: bool = False
) -> dict[str, str]:
    """Query parameters for the live page: every setting spelled out (so the link does not
    depend on anyone's defaults), then the hidden and locked controls, then presenter mode."""
    params = {name: LESSON_SETTINGS[name].to_url(value) for name, value in values.items()}
    hide, lock = [n for n in hide if n in LESSON_SETTINGS], [n for n in lock if n in LESSON_SETTINGS]
    if hide:
        params[HIDE_PARAM] = ",".join(hide)
    if lock:
        params[LOCK_PARAM] = ",".join(lock)
    if presenter:
        params[PRESENTER_PARAM] = "1"
    return params


def link(params: Mapping[str, str], base_url: str = "") -> str:
    """The live page's address with these parameters; relative unless ``base_url`` (any
    address of this app, e.g. the page it is built on) is given."""
    path = f"{LIVE_PAGE_PATH}?{urlencode(params, safe=',')}"
    if not base_url:
        return "/" + path
    return urljoin(base_url, path)


@dataclasses.dataclass(frozen=True)
class LinkContents:
    """What a link asks for, read back: settings, controls hidden and locked, presenter mode."""

    values: dict
    problems: list
    hidden: frozenset
    locked: frozenset
    presenter: bool


def read_link(url_or_params) -> LinkContents:
    """Parse a link (or its query parameters) back into what it encodes."""
    if isinstance(url_or_params, str):
        url_or_params = dict(parse_qsl(urlsplit(url_or_params).query))
    values, problems = url.read_url(url_or_params, LESSON_SETTINGS)
    return LinkContents(
        values,
        problems,
        url.controls_in_url(url_or_params, HIDE_PARAM, LESSON_SETTINGS),
        url.controls_in_url(url_or_params, LOCK_PARAM, LESSON_SETTINGS),
        url_or_params.get(PRESENTER_PARAM) == "1",
    )


# -- the widgets ---------------------------------------------------------------------

KEY_PREFIX = "classroom"


def app_url() -> str:
    """This page's own address in the browser (empty under tests), to make links absolute."""
    import streamlit as st

    return st.context.url or ""


def lesson_ui(lesson: Lesson, base_url: str, *, presenter: bool = False) -> None:
    """One ready lesson: its question, its two sentences, and its link."""
    import streamlit as st

    address = link(lesson.params(presenter=presenter), base_url)
    with st.container(border=True):
        st.subheader(lesson.title)
        st.write(lesson.text)
        shows = ", ".join(LESSON_SETTINGS[name].label for name in lesson.show)
        st.caption(f"Learners see only: {shows}.")
        st.code(address, language=None, wrap_lines=True)
        new_tab, this_tab = st.columns(2, vertical_alignment="center")
        with new_tab:
            st.link_button(
                "Open in a new tab", address, key=f"{KEY_PREFIX}_open_{lesson.slug}", icon=":material/open_in_new:",
                help="Opens the live page in a new tab with exactly this lesson's network and controls.",
            )
        with this_tab:
            open_here_ui(lesson.params(presenter=presenter))


def link_builder_ui(base_url: str) -> None:
    """The teacher's panel: choose every setting and which controls to hide or lock; get the link."""
    import streamlit as st

    names = list(LESSON_SETTINGS)
    label = lambda name: LESSON_SETTINGS[name].label  # noqa: E731
    left, right = st.columns(2)
    with left:
        values = {name: setting_ui(LESSON_SETTINGS, name, LESSON_SETTINGS[name].default) for name in names}
    with right:
        hide = st.multiselect(
            "Hide these controls", names, format_func=label, key=f"{KEY_PREFIX}_hide",
            help="Left out of the live page's sidebar: the learner cannot see or change them, "
            "but the network is still built with the values on the left.",
        )
        lock = st.multiselect(
            "Show these locked", [name for name in names if name not in hide], format_func=label,
            key=f"{KEY_PREFIX}_lock",
            help="Shown greyed out, so learners see what the lesson is about without changing it.",
        )
        presenter = st.toggle(
            "Presenter mode", key=f"{KEY_PREFIX}_presenter",
            help="Large type, fewer controls and the pictures filling the screen, for a projector.",
        )
    good, problems = LESSON_SETTINGS.check_all(values)
    for problem in problems:
        st.error(f"{problem}. Fix it to get a link.")
    if problems:
        return
    params = link_params(good, hide=hide, lock=lock, presenter=presenter)
    address = link(params, base_url)
    st.code(address, language=None, wrap_lines=True)
    new_tab, this_tab = st.columns(2, vertical_alignment="center")
    with new_tab:
        st.link_button(
            "Open in a new tab", address, key=f"{KEY_PREFIX}_open_built", type="primary",
            icon=":material/open_in_new:",
            help="Opens the live page in a new tab as a learner following this link would see it.",
        )
    with this_tab:
        open_here_ui(params)
    st.caption(
        "Links to the other pages: every page keeps its settings in its address, so set up the Step through "
        "page (the learner's own network, or a fresh one with all its settings; the rule, the sample, the stage) "
        "or the MNIST workshop (the Train form, the tab, the experiments) and copy the address bar. "
        "`hide`, `lock` and `presenter=1` work there too."
    )


def open_here_ui(params: Mapping[str, str]) -> None:
    """A link to the live page in this same tab (Streamlit's own navigation: the session is kept,
    and the live page builds the link's network because its address has changed)."""
    import streamlit as st
    from streamlit.errors import StreamlitPageNotFoundError

    try:
        st.page_link(
            LIVE_PAGE_FILE, label="Open in this tab", icon=":material/arrow_forward:", query_params=dict(params),
            help="Opens the live page in this tab with exactly this network and controls.",
        )
    except StreamlitPageNotFoundError:
        pass  # this page was started on its own (a test of this one file): there is no live page to go to
