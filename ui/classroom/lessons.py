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
from ui import plain_text
from ui.i18n import N_, _, current_language, numbers
from ui.i18n.language import LANGUAGE_SETTINGS
from ui.i18n.widget_language import redraw_in_language
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
class LessonWords:
    """A lesson's words: the English written below (each marked for the catalogue), or, from
    :meth:`translated`, the same in the session's language. Translated sentence by sentence
    through the classroom catalogue, so an edited English sentence asks for its translation again."""

    title: str
    goal: str        # what the class should understand, one sentence
    task: str        # the students' card: what to do and watch, never what they will see
    steps: tuple     # (minutes, what the teacher does), in order
    questions: tuple # to ask the class
    notes: str       # for the teacher: what happens at these settings, as measured

    def translated(self) -> "LessonWords":
        figures = lesson_figures()

        def say(text: str) -> str:
            return _(text).format(**figures)

        return LessonWords(say(self.title), say(self.goal), say(self.task),
                           tuple((minutes, say(step)) for minutes, step in self.steps),
                           tuple(say(question) for question in self.questions), say(self.notes))


@dataclasses.dataclass(frozen=True)
class ChangeQuestion:
    """A lesson's ready question for a class room: with ``change`` made to the lesson's network, will it
    learn faster, slower, about the same, or fail? Its answer is never written here: both networks are
    trained from the lesson's seed for ``samples`` samples when the teacher reveals
    (:mod:`ui.classroom.lesson_questions`)."""

    change: dict     # the settings that differ, e.g. {"learning_rate": 0.3}
    samples: int     # samples each run trains before their running mean errors are compared


#: The live page's buttons a lesson tells the class to press, by their English labels (ui/live/controls.py):
#: a lesson names each as the live page shows it in the session's language (the live catalogue's words).
LIVE_BUTTONS = {"start": "Start", "reset": "Reset"}


def lesson_figures() -> dict[str, str]:
    """What a lesson's words name by placeholder: figures written the session's way (6,000 / 6 000) and
    the live page's buttons as that page labels them."""
    buttons = {name: _(label) for name, label in LIVE_BUTTONS.items()}
    return {"live_digits": numbers.integer(MNIST_LIVE_SAMPLES), **buttons}


@dataclasses.dataclass(frozen=True)
class Lesson:
    """One idea to see on the live page: its settings, the few controls it is about, and how to teach it.

    ``show`` are the controls the learner may move; ``lock`` are shown but cannot
    be moved (to say what the lesson is on); every other control is hidden.
    ``task`` is the card the students see on the live page: what to do and what to
    look at, never the result. The result is in ``notes``, for the teacher, and
    every claim in it is measured by tests/ui/test_lessons.py. The words
    (``title`` ... ``notes``) are read in the session's language.
    """

    slug: str
    english: LessonWords
    settings: dict   # a value for every setting the lesson changes from the defaults
    show: tuple
    lock: tuple = ("dataset",)
    #: The ready question a teacher may ask a class room about this lesson's network.
    question: ChangeQuestion = dataclasses.field(kw_only=True)

    @property
    def words(self) -> LessonWords:
        return self.english.translated()

    @property
    def title(self) -> str:
        return self.words.title

    @property
    def goal(self) -> str:
        return self.words.goal

    @property
    def task(self) -> str:
        return self.words.task

    @property
    def steps(self) -> tuple:
        return self.words.steps

    @property
    def questions(self) -> tuple:
        return self.words.questions

    @property
    def notes(self) -> str:
        return self.words.notes

    @property
    def minutes(self) -> int:
        return sum(minutes for minutes, _step in self.english.steps)

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
        """The link's parameters; built in Russian, it carries ``lang=ru`` so students open it in Russian."""
        return {**link_params(self.values, hide=self.hide, lock=self.lock, presenter=presenter),
                LESSON_PARAM: self.slug}


#: The URL parameter naming the lesson a live page was opened for (its task card is shown at the top).
LESSON_PARAM = "lesson"

DIGITS = "5x5 digits"
XOR = "XOR"
assert {DIGITS, XOR} <= set(TEACHING_SETS), "a lesson names a teaching set that no longer exists"

LESSONS: tuple[Lesson, ...] = (
    Lesson(
        "learning-rate",
        LessonWords(
            N_("What does the learning rate do?"),
            N_("The learning rate sets the size of every step: too small creeps, too large pins the sigmoids "
               "and learning stops."),
            N_("Press {start} at learning rate 0.01 and watch the error curve and the answers for the five "
               "digits. While it runs, move the learning rate to 0.3, and later to 30. What happens to the "
               "error and to the answers each time?"),
            (
                (2, N_("Open the link on the projector; the class reads the card. Press {start} at 0.01.")),
                (3, N_("Ask what the error curve is doing; then move the learning rate to 0.3 while it runs.")),
                (3, N_("Move it to 30 and let it run for a minute; point at the answers for the five digits.")),
                (2, N_("Ask the questions; press {reset} and try a rate the class chooses.")),
            ),
            (
                N_("Why does a bigger step help at first?"),
                N_("At 30, what do the answers for the five digits have in common, and why?"),
                N_("Which learning rate would you choose, and how would you find it?"),
            ),
            N_("Measured at these settings: at 0.01 the mean error is still above 0.2 after 2,000 samples; "
               "moved to 0.3 it falls below 0.02 within 1,000 more; moved to 30, every hidden node's sigmoid "
               "saturates (its output pinned near 0 or 1 for every digit), so the network gives every digit "
               "the same answer and the error stays flat near 0.48. It does not jump about: it stops "
               "learning, and the page says so."),
        ),
        dict(dataset=DIGITS, hidden_nodes=8, learning_rate=0.01, speed=20),
        show=("learning_rate", "speed"),
        question=ChangeQuestion({"learning_rate": 0.3}, samples=2000),
    ),
    Lesson(
        "positive-init",
        LessonWords(
            N_("Why do starting weights between 0 and 1 learn badly?"),
            N_("Starting weights must be small and of both signs: the sigmoid's slope scales every change."),
            N_("These starting weights are all between 0 and 1. Press {start} and watch the test accuracy for "
               "one pass over the digits. Then choose normal starting weights, press {start} again and compare "
               "the two runs."),
            (
                (2, N_("Open the link; the class reads the card and guesses what the accuracy will do.")),
                (4, N_("Press {start} and let one pass run; ask what the accuracy is doing.")),
                (4, N_("Choose normal starting weights and press {start} again.")),
                (3, N_("Ask the questions; show the sigmoid's slope at a large input on the board.")),
            ),
            (
                N_("A hidden node adds up 784 pixel signals, each times a weight between 0 and 1: how big is "
                   "the sum?"),
                N_("What is the sigmoid's slope at such a sum, and what does the slope do to each weight "
                   "change?"),
                N_("The book's first try was numpy.random.rand − 0.5: why subtract 0.5?"),
            ),
            N_("These weights are numpy.random.rand without the − 0.5, so not the book's: its first try is "
               "−0.5..0.5 (the uniform option) and its last is normal, standard deviation 1/√(incoming "
               "links). Measured after one pass over the 6,000 digits: with 0..1 weights every hidden node's "
               "output is pinned above 0.99 for every test digit and the test accuracy stays below 20%; with "
               "normal weights it passes 85%."),
        ),
        dict(dataset=MNIST, hidden_nodes=100, learning_rate=0.1, init="positive", speed=200),
        show=("init",),
        question=ChangeQuestion({"init": "normal"}, samples=1000),
    ),
    Lesson(
        "bias-node",
        LessonWords(
            N_("What is a bias node for?"),
            N_("A bias node's weight moves the point where a node starts to fire, without touching the other "
               "weights."),
            N_("Press {start} with three hidden nodes and no bias node, and watch the error and the answers for "
               "the five digits. Then switch the bias node on, press {start} again and compare."),
            (
                (2, N_("Open the link; the class reads the card. Press {start}.")),
                (3, N_("After about 3,000 samples, ask which digits are answered well.")),
                (3, N_("Switch the bias node on and press {start} again; compare the error curves.")),
                (2, N_("Ask the questions.")),
            ),
            (
                N_("Which digits does the network answer well without the bias node?"),
                N_("A bias node always sends 1.0: what can its weight do that the pixel weights cannot?"),
                N_("The book's network has no bias node: how does it still read MNIST so well?"),
            ),
            N_("Measured after 3,000 samples: without the bias node one digit's output stays low (digit 3: "
               "about 0.24 where 0.99 is wanted) and the mean error is about 0.085; with it every digit's "
               "output passes 0.7 and the mean error is several times lower (about 0.02). The bias node is "
               "not part of the book's network."),
        ),
        dict(dataset=DIGITS, hidden_nodes=3, learning_rate=0.3, bias=False, speed=50),
        show=("bias",),
        question=ChangeQuestion({"bias": True}, samples=3000),
    ),
    Lesson(
        "xor-hidden-layer",
        LessonWords(
            N_("How many hidden nodes does XOR need?"),
            N_("One hidden node cannot learn XOR; more can, because the hidden layer lets the boundary bend."),
            N_("Press {start} with one hidden node and watch the four corners in the table of samples and the "
               "picture of the answers. Then try two hidden nodes, then three, pressing {start} each time. How "
               "many corners does each network get right?"),
            (
                (2, N_("Open the link; the class reads the card and draws XOR's four corners.")),
                (3, N_("One hidden node: press {start} and let it run.")),
                (3, N_("Two hidden nodes, then three; compare the pictures of the answers.")),
                (2, N_("Ask the questions; try another seed with two hidden nodes.")),
            ),
            (
                N_("Why can one straight line not separate XOR's answers?"),
                N_("What shape does each network draw in the picture of its answers?"),
                N_("Two hidden nodes are enough in principle: does every seed find the answer, and why not?"),
            ),
            N_("Measured at seed 1 (with a bias node): one hidden node never gets all four corners on the "
               "right side of 0.5, however long it trains (at any seed); two hidden nodes get stuck with two "
               "corners near 0.49 at this seed, but learn all four at seed 3; three hidden nodes learn all "
               "four corners within about 4,000 samples."),
        ),
        dict(dataset=XOR, hidden_nodes=1, learning_rate=0.5, bias=True, speed=50),
        show=("hidden_nodes", "seed", "speed"),
        question=ChangeQuestion({"hidden_nodes": 3}, samples=5000),
        lock=("dataset", "bias"),
    ),
    Lesson(
        "book-rule-or-gradient",
        LessonWords(
            N_("Where do the book's rule and the exact gradient differ?"),
            N_("The book's hidden errors leave out each output's slope o(1 − o); that can change where "
               "training ends."),
            N_("Press {start} with the book's rule and let it train for about 20,000 samples, watching the four "
               "corners. Then switch the hidden error rule to gradient, press {start} again and compare."),
            (
                (2, N_("Open the link; recall the two rules from stage 7 of the step-through page.")),
                (3, N_("Book's rule: press {start} and let it reach about 20,000 samples.")),
                (3, N_("Gradient rule: press {start} and let it reach about 20,000 samples.")),
                (2, N_("Ask the questions.")),
            ),
            (
                N_("Which corners does each rule learn?"),
                N_("What does the slope o(1 − o) do to an output error when the output is near 0 or 1?"),
                N_("Is the book's rule wrong? It reads MNIST very well: what is different here?"),
            ),
            N_("Measured at these settings (XOR, 3 hidden nodes, learning rate 0.5, seed 1, no bias node): "
               "with the book's rule one corner (input A off, input B on) stays stuck at 0.50 however long it "
               "trains (40,000 samples and more); with the gradient rule all four corners are learned by "
               "20,000 samples. This is one seed: at seed 0 both rules leave a corner at 0.50. It shows that "
               "the rules can end in different places, not that one always wins."),
        ),
        dict(dataset=XOR, hidden_nodes=3, learning_rate=0.5, bias=False, rule="book", seed=1, speed=500),
        show=("rule", "speed"),
        question=ChangeQuestion({"rule": "gradient"}, samples=20000),
        lock=("dataset", "hidden_nodes", "bias"),
    ),
    Lesson(
        "mnist-one-epoch",
        LessonWords(
            N_("MNIST in one epoch"),
            N_("The book's 784-100-10 network reads most handwritten digits after seeing each of them once."),
            N_("The book's 784-100-10 network sees each of {live_digits} handwritten digits once, one at a "
               "time, with learning rate 0.1. Press {start} and watch the test accuracy until the end of the "
               "first epoch."),
            (
                (2, N_("Open the link; the class guesses how many test digits it will read after one pass.")),
                (5, N_("Press {start}; watch the accuracy curve and what each hidden node looks for.")),
                (3, N_("Ask the questions; then open the MNIST workshop to train on all 60,000.")),
            ),
            (
                N_("How fast does the accuracy rise at first, and later?"),
                N_("What do the hidden nodes' pictures look like?"),
                N_("What would you change to do better?"),
            ),
            N_("Measured: after one epoch of {live_digits} digits the accuracy on 1,000 test digits passes "
               "85% (the book reaches about 95% with all 60,000)."),
        ),
        dict(dataset=MNIST, hidden_nodes=100, learning_rate=0.1, speed=200),
        show=("learning_rate", "hidden_nodes", "speed"),
        question=ChangeQuestion({"hidden_nodes": 10}, samples=1000),
    ),
)

LESSONS_BY_SLUG = {lesson.slug: lesson for lesson in LESSONS}


def link_params(
    values: Mapping[str, Any], *, hide: Iterable[str] = (), lock: Iterable[str] = (), presenter: bool = False
) -> dict[str, str]:
    """Query parameters for the live page: every setting spelled out (so the link does not
    depend on anyone's defaults), then the hidden and locked controls, then presenter mode,
    then the language it was built in unless English (``lang=ru``: students open it in Russian)."""
    params = {name: LESSON_SETTINGS[name].to_url(value) for name, value in values.items()}
    hide, lock = [n for n in hide if n in LESSON_SETTINGS], [n for n in lock if n in LESSON_SETTINGS]
    if hide:
        params[HIDE_PARAM] = ",".join(hide)
    if lock:
        params[LOCK_PARAM] = ",".join(lock)
    if presenter:
        params[PRESENTER_PARAM] = "1"
    params.update(url.url_params({"lang": current_language()}, LANGUAGE_SETTINGS))
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
    """What a link asks for, read back: settings, controls hidden and locked, presenter mode, language."""

    values: dict
    problems: list
    hidden: frozenset
    locked: frozenset
    presenter: bool
    language: str = LANGUAGE_SETTINGS["lang"].default


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
        url.read_url(url_or_params, LANGUAGE_SETTINGS)[0].get("lang", LANGUAGE_SETTINGS["lang"].default),
    )


# -- the widgets ---------------------------------------------------------------------

KEY_PREFIX = "classroom"


def app_url() -> str:
    """This page's own address in the browser (empty under tests), to make links absolute."""
    import streamlit as st

    return st.context.url or ""


def lesson_ui(lesson: Lesson, base_url: str, *, presenter: bool = False, ready_question: str = "") -> None:
    """One ready lesson for the teacher: goal, timed steps, questions, notes, the students' card, its link;
    and ``ready_question``, the words of the question a class room may be asked about it."""
    import streamlit as st

    address = link(lesson.params(presenter=presenter), base_url)
    words = lesson.words
    with st.container(border=True):
        st.subheader(words.title)
        # Our own sentences (never a visitor's), so Markdown is safe here.
        st.markdown(_(LESSON_GOAL).format(goal=words.goal, minutes=numbers.integer(lesson.minutes)))
        st.markdown(f"**{_(STEPS_HEADING)}**\n\n" + "\n".join(
            "- " + _(STEP_LINE).format(minutes=numbers.integer(minutes), step=step) for minutes, step in words.steps))
        st.markdown(f"**{_(QUESTIONS_HEADING)}**\n\n" + "\n".join(f"- {question}" for question in words.questions))
        if ready_question:
            st.markdown(f"**{_(READY_QUESTION_HEADING)}** {ready_question}")
        with st.expander(_(NOTES_HEADING)):
            st.markdown(words.notes)
        st.caption(_(STUDENT_CARD_HEADING))
        st.info(words.task)
        shows = ", ".join(_(LESSON_SETTINGS[name].label) for name in lesson.show)
        st.caption(_("Learners see only: {controls}.").format(controls=shows))
        st.code(address, language=None, wrap_lines=True)
        new_tab, this_tab = st.columns(2, vertical_alignment="center")
        with new_tab:
            st.link_button(
                _("Open in a new tab"), address, key=f"{KEY_PREFIX}_open_{lesson.slug}", icon=":material/open_in_new:",
                help=_("Opens the live page in a new tab with exactly this lesson's network and controls."),
            )
        with this_tab:
            open_here_ui(lesson.params(presenter=presenter))


# Translators: the empty box of a list of controls to hide or lock (Streamlit's own words otherwise)
CHOOSE_CONTROLS = N_("Choose options")
LESSON_GOAL = N_("**Goal:** {goal} About {minutes} minutes.")
STEPS_HEADING = N_("Steps")
# Translators: one timed step of a lesson, "**3 min:** Ask the questions."
STEP_LINE = N_("**{minutes} min:** {step}")
QUESTIONS_HEADING = N_("Questions for the class")
READY_QUESTION_HEADING = N_("Ready question for a class room (Ask the class → a lesson's question):")
NOTES_HEADING = N_("Notes for the teacher: what happens (not on the students' card)")
STUDENT_CARD_HEADING = N_("The students' card, shown at the top of the page the link opens:")


def link_builder_ui(base_url: str) -> None:
    """The teacher's panel: choose every setting and which controls to hide or lock; get the link."""
    import streamlit as st

    names = list(LESSON_SETTINGS)
    label = lambda name: _(LESSON_SETTINGS[name].label)  # noqa: E731
    left, right = st.columns(2)
    with left:
        values = {name: setting_ui(LESSON_SETTINGS, name, LESSON_SETTINGS[name].default) for name in names}
    with right:
        for key in (f"{KEY_PREFIX}_hide", f"{KEY_PREFIX}_lock"):
            redraw_in_language(key)  # the controls' names are the language's words
        hide = st.multiselect(
            _("Hide these controls"), names, format_func=label, placeholder=_(CHOOSE_CONTROLS),
            key=f"{KEY_PREFIX}_hide",
            help=_("Left out of the live page's sidebar: the learner cannot see or change them, "
                   "but the network is still built with the values on the left."),
        )
        lock = st.multiselect(
            _("Show these locked"), [name for name in names if name not in hide], format_func=label,
            placeholder=_(CHOOSE_CONTROLS), key=f"{KEY_PREFIX}_lock",
            help=_("Shown greyed out, so learners see what the lesson is about without changing it."),
        )
        presenter = st.toggle(
            _("Presenter mode"), key=f"{KEY_PREFIX}_presenter",
            help=_("Large type, fewer controls and the pictures filling the screen, for a projector."),
        )
    good, problems = LESSON_SETTINGS.check_all(values)
    for problem in problems:
        plain_text.error(_("{problem}. Fix it to get a link.").format(problem=problem))
    if problems:
        return
    params = link_params(good, hide=hide, lock=lock, presenter=presenter)
    address = link(params, base_url)
    st.code(address, language=None, wrap_lines=True)
    new_tab, this_tab = st.columns(2, vertical_alignment="center")
    with new_tab:
        st.link_button(
            _("Open in a new tab"), address, key=f"{KEY_PREFIX}_open_built", type="primary",
            icon=":material/open_in_new:",
            help=_("Opens the live page in a new tab as a learner following this link would see it."),
        )
    with this_tab:
        open_here_ui(params)
    st.caption(_(
        "Links to the other pages: every page keeps its settings in its address, so set up the Step through "
        "page (the learner's own network, or a fresh one with all its settings; the rule, the sample, the stage) "
        "or the MNIST workshop (the Train form, the tab, the experiments) and copy the address bar. "
        "`hide`, `lock` and `presenter=1` work there too."
    ))


def open_here_ui(params: Mapping[str, str]) -> None:
    """A link to the live page in this same tab (Streamlit's own navigation: the session is kept,
    and the live page builds the link's network because its address has changed)."""
    import streamlit as st
    from streamlit.errors import StreamlitPageNotFoundError

    try:
        st.page_link(
            LIVE_PAGE_FILE, label=_("Open in this tab"), icon=":material/arrow_forward:", query_params=dict(params),
            help=_("Opens the live page in this tab with exactly this network and controls."),
        )
    except StreamlitPageNotFoundError:
        pass  # this page was started on its own (a test of this one file): there is no live page to go to
