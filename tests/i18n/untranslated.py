"""The English a learner still sees on a page opened in Russian: every visible string, word by word.

It reads what the page *shows* (the element tree AppTest receives), not the
catalogues, so it also finds text that never reached gettext: an f-string nobody
wrapped, a label built from a table, a chart title, an SVG's words. Each page is
opened with ``?lang=ru`` in the states worth seeing (:data:`STATES`: a step
page asking for predictions, a classroom from the teacher's and the student's
side, the live page after a training update...), and every string a learner can
read is collected with where it was found:

- text elements: title, header, subheader, markdown, write, caption, text, latex
  (only its ``\\text{...}``), info/warning/error/success, toasts, progress text;
- widgets: labels, help, options, placeholders, captions; buttons, download and
  link buttons, page links; expander, tab and popover labels; metric label,
  value and delta;
- pictures: alt texts; an SVG picture's ``<text>``, ``<title>`` and ``aria-label``;
  plotly figures (titles, axis titles and tick labels, trace names, text and
  hover templates, annotations, legend titles, colour bar titles);
- tables: column names (or their configured labels and help), text cells;
- st.html: its text and its alt/title/aria-label attributes (not its style);
- the page's title (``st.set_page_config``) and its spinners' words (``st.spinner``), which AppTest
  does not keep: they are recorded as the page runs.

A word is English when it is made of Latin letters and is not on the short
allowlist below: the book's code names (which stay as they are in both
languages), names that are the same in Russian, units and file formats. Code
(st.code, ``inline code``, LaTeX outside ``\\text``) and addresses are not prose
and are skipped. A word mixing Cyrillic and Latin letters (a look-alike typed by
mistake) is reported too.

    python -m tests.i18n.untranslated                      # every page, every state
    python -m tests.i18n.untranslated pages/2_Step_through.py dashboard.py

prints, per page and state, one line per string with English left: where it
was found, the English words, and the string. The exit status is 1 if anything
was found. ``tests/i18n/test_every_page_in_russian.py`` asserts there is none.
"""

from __future__ import annotations

import ast
import base64
import binascii
import contextlib
import functools
import html
import io
import json
import os
import re
import sys
import tempfile
import urllib.parse
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterator
from unittest import mock

from google.protobuf.message import Message

ROOT = Path(__file__).resolve().parents[2]

# ---------------------------------------------------------------------------------------------
# Which Latin words are allowed in Russian text, and why.

#: The book's code names: the learner reads them in the code, so the Russian text keeps them
#: (docs/translation.md). Snake_case and CamelCase names defined in nn/ are added by :func:`code_names`.
BOOK_CODE_NAMES = frozenset({
    "wih", "who", "train", "query", "trace", "backquery", "inputs", "targets", "numpy", "scipy", "expit",
    "self", "np", "nn",
})
#: Names that are written the same way in a Russian text.
NAMES = frozenset({"MNIST", "XOR", "QR", "Tariq", "Rashid", "Python", "Streamlit", "Chromium", "Redis"})
#: Phrases kept whole: the book's title (cited in the original) and its author.
PHRASES = ("Make Your Own Neural Network", "Tariq Rashid")
#: Units and file formats, written in Latin letters in Russian too.
UNITS = frozenset({"ms", "px", "KB", "kB", "MB", "GB", "Hz", "CPU", "PNG", "SVG", "CSV", "JSON", "npz", "npy", "URL",
                   "JPEG", "BMP", "GIF", "WebP"})


@functools.cache
def code_names() -> frozenset[str]:
    """Every snake_case or CamelCase name defined or used in nn/ (``hidden_errors``, ``NeuralNetwork``):
    prose has no such words, so one of them on a Russian page is the code's own name."""
    found = set()
    for path in (ROOT / "nn").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            for name in (getattr(node, "name", None), getattr(node, "id", None), getattr(node, "attr", None),
                         getattr(node, "arg", None)):
                if isinstance(name, str) and ("_" in name.strip("_") or re.search(r"[a-z][A-Z]", name)):
                    found.add(name)
    return frozenset(found)


@functools.cache
def bilingual_on_purpose() -> frozenset[str]:
    """The language switch's own words, in both languages on purpose so that a learner who cannot read
    the current one still finds it (ui/i18n/language.py): its label, its help and the languages' names."""
    from ui.i18n.current import LANGUAGES
    from ui.i18n.language import LANGUAGE_SETTINGS

    row = LANGUAGE_SETTINGS["lang"]
    return frozenset({row.label, row.help, *LANGUAGES.values()})


def allowed(word: str) -> bool:
    return (len(word) == 1  # a letter in a formula or a name: x, W, i
            or word in BOOK_CODE_NAMES or word in NAMES or word in UNITS or word in code_names()
            or bool(re.fullmatch(r"[A-Za-z]\d+|\d+[A-Za-z]", word)))  # x1, w2, 3x


_LATIN_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:['’][A-Za-z]+)?")
_WORD = re.compile(r"\w+")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z]")


def english_words(text: str) -> list[str]:
    """The words of ``text`` (prose, already stripped of code and markup) that are still English, in order.
    A word mixing Cyrillic and Latin letters is given with a mark: ``mixed:слoво``."""
    for phrase in PHRASES:
        text = text.replace(phrase, " ")
    text = re.sub(r"https?://\S+|\bwww\.\S+", " ", text)  # addresses
    text = re.sub(r"[?&]?\b[a-z_]+=[^\s&,;)]*", " ", text)  # ?lang=ru, presenter=1: the address's own words
    text = re.sub(r"\b(?:numpy|np|scipy|nn|NeuralNetwork|self)(?:\.\w+)+(?:\(\))?", " ", text)  # numpy.random.rand
    text = re.sub(r"\b\d+(?:[x×]\d+)+\b", " ", text)  # 28x28, 3x3x3
    text = _class_code().sub(" ", text)  # a class's code, shown for the students to type
    text = re.sub(r"\b\d+(?:[.,]\d+)?e[-+]?\d+\b", " ", text)  # 1e-05
    found = [f"number:{number}" for number in _ENGLISH_DECIMAL.findall(text)]
    for word in _WORD.findall(text):
        if _CYRILLIC.search(word) and _LATIN.search(word):
            found.append(f"mixed:{word}")
    for word in _LATIN_WORD.findall(_CYRILLIC_WORDS.sub(" ", text)):
        if not allowed(word.strip("_")):
            found.append(word)
    return found


@functools.cache
def _class_code() -> re.Pattern:
    """A class code (ui.classroom.rooms.base): letters and digits a class is joined by, not words."""
    from ui.classroom.rooms.base import CODE_ALPHABET, CODE_LENGTH

    return re.compile(rf"\b[{CODE_ALPHABET}]{{{CODE_LENGTH}}}\b")


_CYRILLIC_WORDS = re.compile(r"\w*[\u0400-\u04FF]\w*")
#: A number with a decimal point (0.731): Russian writes 0,731 (ui.i18n.numbers). Not a version or an
#: address (127.0.0.1), which have more than one point.
_ENGLISH_DECIMAL = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.]*\d)")

# ---------------------------------------------------------------------------------------------
# From what an element holds to the prose a learner reads.


class _VisibleText(HTMLParser):
    """The text of an HTML or SVG fragment a learner can read or hear: text nodes (not style or
    script), alt/title/aria-label/placeholder attributes, and the words of SVG pictures it embeds."""

    SPOKEN_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "aria-description", "data-tooltip")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._hidden += 1
        for name, value in attrs:
            if value and name in self.SPOKEN_ATTRIBUTES:
                self.parts.append(value)
            if value and name in ("src", "href") and value.startswith("data:image/svg"):
                self.parts.extend(svg_texts(value))

    def handle_endtag(self, tag):
        if tag in ("style", "script") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data)


def html_texts(markup: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(markup)
    parser.close()
    texts = []
    for part in parser.parts:
        part = re.sub(r"\s+", " ", part).strip()
        if part:
            texts.append(part)
    return texts


def svg_texts(data_url: str) -> list[str]:
    """The words inside an SVG picture given as a data: URL (base64 or percent-encoded)."""
    header, _, payload = data_url.partition(",")
    try:
        svg = (base64.b64decode(payload).decode("utf-8", "replace") if ";base64" in header
               else urllib.parse.unquote(payload))
    except (binascii.Error, ValueError):
        return []
    return html_texts(svg)


def markdown_prose(text: str) -> str:
    """Markdown (or a widget's label, which is Markdown too) without what is not prose: code, formulas
    (but their ``\\text{...}`` words), addresses, icons; links keep their words, HTML its text."""
    numbers_in_formulas = " ".join(number for formula in re.findall(r"\$\$.*?\$\$|\$[^$\n]+\$", text, flags=re.S)
                                   for number in re.findall(r"\d+\.\d+", formula))  # 0{,}731 in Russian
    words_in_formulas = " ".join(re.findall(r"\\(?:text|textrm|textit|textbf|mbox|mathrm\{\\text)\{([^{}]*)\}", text))
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"(`+)(.+?)\1", " ", text, flags=re.S)  # inline code: the code's own words
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    text = re.sub(r"(?<![\\\w])\$(?!\s)[^$\n]+?(?<!\s)\$", " ", text)
    text = re.sub(r"\\\(.*?\\\)|\\\[.*?\\\]", " ", text, flags=re.S)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [words](address)
    text = re.sub(r":material/[a-z_]+:|:[a-z_]+:(?!\[)", " ", text)  # icons, emoji short codes
    text = re.sub(r":[a-z]+(?:-background)?\[", "[", text)  # :blue[words]
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)  # backslash escapes
    if "<" in text:
        text = " ".join(html_texts(text))
    return html.unescape(text) + " " + words_in_formulas + " " + numbers_in_formulas


def plotly_texts(spec: str) -> Iterator[tuple[str, str]]:
    """(where in the figure, text) for every string a plotly figure shows: titles, tick labels, trace
    names, text and hover templates (without their %{...} fields), annotations, legend titles."""
    figure = json.loads(spec)
    text_keys = {"text", "name", "title", "hovertemplate", "texttemplate", "ticktext", "legendgrouptitle",
                 "label", "labels", "header", "cells", "values", "customdata", "hovertext", "x", "y", "z",
                 "prefix", "suffix", "annotations", "colorbar", "legend"}

    def strings(value, where: str) -> Iterator[tuple[str, str]]:
        if isinstance(value, str):
            yield where, value
        elif isinstance(value, list):
            for item in value:
                yield from strings(item, where)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key in text_keys or re.fullmatch(r"[xy]axis\d*|coloraxis\d*|scene\d*|[a-z]*axis", key):
                    yield from strings(item, f"{where}.{key}")

    for number, trace in enumerate(figure.get("data", [])):
        yield from strings(trace, f"trace {number}")
    layout = figure.get("layout", {})
    for key, value in layout.items():
        if key in text_keys or re.fullmatch(r"[xy]axis\d*|coloraxis\d*|scene\d*", key):
            yield from strings(value, f"layout.{key}")


def template_prose(text: str) -> str:
    """A plotly text: without its %{field} slots, <extra> and HTML tags."""
    text = re.sub(r"%\{[^}]*\}", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return html.unescape(text)


def table_texts(element) -> Iterator[tuple[str, str]]:
    """(where, text) for a dataframe: its column names (or configured labels and help) and its text cells."""
    from pandas.api.types import is_numeric_dtype

    proto = element.proto
    config = {}
    if proto.columns:
        with contextlib.suppress(ValueError):
            config = json.loads(proto.columns)
    frame = element.value
    for column in frame.columns:
        names = column if isinstance(column, tuple) else (column,)
        settings = config.get(f"_pos:{list(frame.columns).index(column)}") or config.get(str(column)) or {}
        if settings.get("hidden"):
            continue
        if settings.get("label"):
            yield "column label", str(settings["label"])
        else:
            for name in names:
                yield "column name", str(name)
        if settings.get("help"):
            yield "column help", str(settings["help"])
        if not is_numeric_dtype(frame[column]):  # object or string columns: text a learner reads
            for cell in frame[column]:
                if isinstance(cell, str):
                    yield f"cell in «{column}»", cell
    if not is_numeric_dtype(frame.index) and not _index_hidden(proto):
        for cell in frame.index:
            if isinstance(cell, str):
                yield "row name", cell


def _index_hidden(proto) -> bool:
    with contextlib.suppress(ValueError, AttributeError):
        return json.loads(proto.columns or "{}").get("_index", {}).get("hidden", False)
    return False


# ---------------------------------------------------------------------------------------------
# Walking a page's element tree.

#: Proto fields a learner reads (labels, help, options...); ids, keys, addresses, icons and formats are not.
VISIBLE_FIELDS = ("label", "help", "placeholder", "body", "options", "caption", "captions", "alt", "title",
                  "text", "delta", "delta_description", "validate_message", "message")


@dataclass(frozen=True)
class Found:
    """English left in one string a learner sees."""

    where: str
    words: tuple[str, ...]
    text: str

    def line(self) -> str:
        shown = re.sub(r"\s+", " ", self.text).strip()
        if len(shown) > 140:  # the part around the first English word
            first = self.words[0].removeprefix("number:").removeprefix("mixed:")
            at = max(shown.find(first), 0)
            start = max(at - 50, 0)
            shown = ("..." if start else "") + shown[start:start + 137] + ("..." if start + 137 < len(shown) else "")
        return f"{self.where}: {', '.join(dict.fromkeys(self.words))}  <- {shown!r}"


def _describe(node) -> str:
    kind = getattr(node, "type", None) or type(node).__name__.lower()
    key = getattr(node, "key", None)
    if kind in ("expandable", "expander", "tab", "popover") or type(node).__name__ in ("Expander", "Tab", "Popover"):
        label = getattr(node, "label", None) or getattr(getattr(node, "proto", None), "label", "")
        return f"{kind} «{label[:40]}»"
    return f"{kind}[{key}]" if key else kind


def _fields(message, where: str) -> Iterator[tuple[str, str, bool]]:
    """(where, text, is_markdown) for every visible string field of a proto message (one level down too)."""
    for field, value in message.ListFields():
        name = field.name
        if field.message_type is not None:
            for item in _each(value):
                if name in ("imgs", "options", "styler", "arrow_data"):
                    yield from _fields(item, f"{where}.{name}")
            continue
        if name not in VISIBLE_FIELDS and not (name == "content" and where.endswith(".options")):
            continue
        for text in _each(value):
            if isinstance(text, str) and text.strip():
                yield f"{where}.{name}", text, name not in ("options", "text")


def _each(value) -> list:
    """A proto field's values: the items of a repeated field, else the one value."""
    return [value] if isinstance(value, (str, bytes, int, float, Message)) else list(value)


def element_texts(node, where: str) -> Iterator[tuple[str, str]]:
    """(where, prose) for one element or block of the tree (not its children)."""
    proto = getattr(node, "proto", None)
    kind = type(node).__name__
    if proto is None or kind in ("Code", "Json"):
        return
    if kind == "Html":
        for text in html_texts(proto.body):
            yield f"{where} (html)", text
        return
    if kind == "Dataframe":
        for part, text in table_texts(node):
            yield f"{where} {part}", markdown_prose(text)
        if proto.alt:
            yield f"{where}.alt", proto.alt
        return
    name = proto.DESCRIPTOR.name
    if name == "PlotlyChart":
        for part, text in plotly_texts(proto.spec):
            yield f"{where} {part}", template_prose(text)
        if proto.alt:
            yield f"{where}.alt", proto.alt
        return
    if name == "ImageList":
        for image in proto.imgs:
            if image.url.startswith("data:image/svg"):
                for text in svg_texts(image.url):
                    yield f"{where} (svg)", text
    for part, text, is_markdown in _fields(proto, where):
        if part.endswith(".url"):
            continue
        yield part, markdown_prose(text) if is_markdown else text


def visible_texts(at) -> Iterator[tuple[str, str]]:
    """(where, prose) for every string a learner can read on the page AppTest ``at`` ran."""
    def walk(node, path: str) -> Iterator[tuple[str, str]]:
        here = f"{path} › {_describe(node)}" if path else _describe(node)
        yield from element_texts(node, here)
        for child in getattr(node, "children", {}).values():
            yield from walk(child, here)

    for root in at._tree.children.values():
        name = getattr(root, "type", None) or "main"
        for child in root.children.values():
            yield from walk(child, name)
    for exception in at.exception:
        yield "exception", exception.message


def untranslated(at, page_title: str | None = None, spinners=()) -> list[Found]:
    """Every string on the page (and its title and spinners) that still has English words."""
    found = []
    texts = [(where, text) for where, text in visible_texts(at) if text.strip() not in bilingual_on_purpose()]
    if page_title:
        texts.insert(0, ("page title (set_page_config)", page_title))
    texts += [("spinner (while the page works)", markdown_prose(text)) for text in dict.fromkeys(spinners)]
    for where, text in texts:
        words = english_words(text)
        if words:
            found.append(Found(where, tuple(words), text))
    return found


# ---------------------------------------------------------------------------------------------
# The pages, and the states of each worth walking.

PAGES = ("dashboard.py", "pages/1_Watch_it_learn.py", "pages/2_Step_through.py",
         "pages/3_MNIST_workshop.py", "pages/4_Classroom.py")


@dataclass(frozen=True)
class State:
    """A page in one state: ``open`` returns an AppTest that has run the page (in Russian) into it."""

    page: str
    name: str
    open: Callable[[], object]


class _Passing:
    """What a page shows that AppTest does not keep: the title it gives ``st.set_page_config`` (the
    last one) and the words of every ``st.spinner`` it shows while it works (gone when the run ends)."""

    def __init__(self):
        self.title = None
        self.spinners: list[str] = []

    @contextlib.contextmanager
    def recording(self):
        import streamlit

        set_page_config, spinner = streamlit.set_page_config, streamlit.spinner

        def recorded_config(*args, **kwargs):
            self.title = kwargs.get("page_title", args[0] if args else None)
            return set_page_config(*args, **kwargs)

        def recorded_spinner(text="In progress...", *args, **kwargs):
            self.spinners.append(str(text))
            return spinner(text, *args, **kwargs)

        with mock.patch.object(streamlit, "set_page_config", recorded_config), \
                mock.patch.object(streamlit, "spinner", recorded_spinner):
            yield self


def opened(page: str, *, query: dict | None = None, state: dict | None = None, timeout: float = 120):
    """``page`` opened in Russian, with these link parameters and session values, after one run."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / page), default_timeout=timeout)
    at.query_params["lang"] = "ru"
    for name, value in (query or {}).items():
        at.query_params[name] = value
    for name, value in (state or {}).items():
        at.session_state[name] = value
    return at.run()


def _then(at, *steps: Callable) -> object:
    for step in steps:
        if at.exception:
            break
        step(at)
    return at


def _click(key: str) -> Callable:
    return lambda at: at.button(key=key).click().run()


def _live_after_one_update():
    """The live page after Start and one update of its live pictures (one slice of samples trained)."""
    import nn.training

    steps = iter(range(10**9))
    with mock.patch.object(nn.training, "clock", lambda: 3600.0 * next(steps)):  # a budget ends at its first check
        return _then(opened("pages/1_Watch_it_learn.py"), _click("live_start"), lambda at: at.run(),
                     _click("live_start"))  # and paused again: both labels seen


def _mnist_trained():
    import nn.training

    def train(at):
        at.number_input(key="mnist_train_count").set_value(200)
        at.number_input(key="mnist_hidden_nodes").set_value(12)
        at.button(key="mnist_train").click().run()
        for _ in range(50):
            if at.exception or not at.session_state["mnist_lab"].running:
                break
            at.run()

    steps = iter(range(10**9))
    with mock.patch.object(nn.training, "clock", lambda: 3600.0 * next(steps)):
        return _then(opened("pages/3_MNIST_workshop.py"), train)


def _mnist_tab(tab: str):
    return lambda: opened("pages/3_MNIST_workshop.py", query={"tab": tab})


@contextlib.contextmanager
def _own_class_rooms():
    """Class rooms kept in a temporary folder for the walk (never the server's)."""
    from ui.classroom import rooms

    with tempfile.TemporaryDirectory() as folder, \
            mock.patch.dict(os.environ, {rooms.DATA_DIR_VARIABLE: folder}):
        os.environ.pop(rooms.STORE_VARIABLE, None)
        yield


def _join(code: str, name: str):
    def join(at):
        at.text_input(key="room_student_page_name").set_value(name)
        at.button(key="room_student_page_join").click().run()

    return _then(opened("pages/4_Classroom.py", query={"room": code}), join)


def _a_class_in_progress() -> dict:
    """A class a teacher started: one student posted a race run, the teacher asked a question, the student
    answered, the teacher revealed the answer. The teacher's, the student's and the projector's pages."""
    teacher = _then(opened("pages/4_Classroom.py"), _click("room_start"))
    if teacher.exception:
        return {"teacher": teacher, "student": teacher, "projector": teacher}
    link = {name: (value[-1] if isinstance(value, list) else value) for name, value in teacher.query_params.items()}
    student = _join(link["room"], "Аня")  # a visitor's name is never translated: a Russian one

    def race(at):
        at.button(key="room_student_race_post").click().run()

    def ask(at):
        at.number_input(key="room_sample").set_value(2)
        at.selectbox(key="room_stage").set_value(2)
        at.button(key="room_ask").click().run()

    def answer(at):
        at.run()
        buttons = [button for button in at.button if re.match(r"room_student_answer_\d+_\d+$", button.key or "")]
        if buttons:
            buttons[0].click().run()

    _then(student, race)
    _then(teacher, ask)
    _then(student, answer)
    _then(teacher, lambda at: at.run(), _click("room_reveal"))
    _then(student, lambda at: at.run())
    projector = opened("pages/4_Classroom.py", query={"room": link["room"], "teacher": link["teacher"],
                                                       "presenter": "1"})
    return {"teacher": teacher, "student": student, "projector": projector}


def _a_lesson_question_revealed() -> dict:
    """A teacher asked a ready lesson's question (the first lesson's), a student answered, the teacher revealed."""
    teacher = _then(opened("pages/4_Classroom.py"), _click("room_start"))
    if teacher.exception:
        return {"lesson teacher": teacher, "lesson student": teacher}
    link = {name: (value[-1] if isinstance(value, list) else value) for name, value in teacher.query_params.items()}
    student = _join(link["room"], "Аня")

    def ask(at):
        at.radio(key="room_ask_kind").set_value("lesson").run()
        at.button(key="room_ask_lesson").click().run()

    def answer(at):
        at.run()
        buttons = [button for button in at.button if re.match(r"room_student_answer_\d+_\d+$", button.key or "")]
        if buttons:
            buttons[0].click().run()

    _then(teacher, ask)
    _then(student, answer)
    _then(teacher, lambda at: at.run(), _click("room_reveal"))
    _then(student, lambda at: at.run())
    return {"lesson teacher": teacher, "lesson student": student}


def _in_class(side: str):
    def open_side():
        with _own_class_rooms():
            if side.startswith("lesson"):
                return _a_lesson_question_revealed()[side]
            return _a_class_in_progress()[side]

    return open_side


def _classroom_student_just_joined():
    with _own_class_rooms():
        teacher = _then(opened("pages/4_Classroom.py"), _click("room_start"))
        code = teacher.query_params["room"]
        return _join(code[-1] if isinstance(code, list) else code, "Аня")


def _step_predicted_once():
    """The step page asking for predictions, after the first answer is committed: the verdict shows."""
    def commit(at):
        choices = [radio for radio in at.radio if radio.key == "step_predict_choice_1"]
        if choices:
            choices[0].set_value(0)  # its values are the choices' numbers (tests/pages/test_step_predict.py)
        else:
            at.text_input(key="step_predict_number_1").set_value("0.5")
        at.button(key="step_predict_commit_1").click().run()

    return _then(opened("pages/2_Step_through.py", query={"predict": "true"}), commit)


def _wrong_class_code_in_the_sidebar():
    def join(at):
        at.text_input(key="room_student_sidebar_code").set_value("WXYWXY")  # a well-formed code no class has
        at.button(key="room_student_sidebar_join").click().run()

    with _own_class_rooms():
        return _then(opened("dashboard.py"), join)


def _states() -> list[State]:
    from ui.mnist.settings import MNIST_TABS
    from ui.step.stages import STAGES

    step = "pages/2_Step_through.py"
    states = [
        State("dashboard.py", "opened", lambda: opened("dashboard.py")),
        State("dashboard.py", "a wrong class code typed in the sidebar", _wrong_class_code_in_the_sidebar),
        State("pages/1_Watch_it_learn.py", "opened", lambda: opened("pages/1_Watch_it_learn.py")),
        State("pages/1_Watch_it_learn.py", "after one training update", _live_after_one_update),
        State("pages/1_Watch_it_learn.py", "a link with a bad value (hidden_nodes=0)",
              functools.partial(opened, "pages/1_Watch_it_learn.py", query={"hidden_nodes": "0"})),
    ]
    states += [State(step, f"stage {stage}", functools.partial(opened, step, query={"stage": str(stage)}))
               for stage in range(1, len(STAGES) + 1)]
    states += [State(step, "predict=true, stage 1", functools.partial(opened, step, query={"predict": "true"})),
               State(step, "predict=true, first answer committed", _step_predicted_once)]
    states += [State("pages/3_MNIST_workshop.py", f"tab {tab}", _mnist_tab(tab)) for tab in MNIST_TABS]
    states += [State("pages/3_MNIST_workshop.py", "after training 200 images", _mnist_trained),
               State("pages/3_MNIST_workshop.py", "a link that makes its network (hidden_nodes=12, seed=3)",
                     functools.partial(opened, "pages/3_MNIST_workshop.py",
                                       query={"hidden_nodes": "12", "seed": "3", "train_count": "200"})),
               State("pages/3_MNIST_workshop.py", "a link with a bad value (hidden_nodes=0)",
                     functools.partial(opened, "pages/3_MNIST_workshop.py", query={"hidden_nodes": "0"}))]
    states += [
        State("pages/4_Classroom.py", "opened", lambda: opened("pages/4_Classroom.py")),
        State("pages/4_Classroom.py", "student just joined a class", _classroom_student_just_joined),
        State("pages/4_Classroom.py", "teacher after a question's reveal", _in_class("teacher")),
        State("pages/4_Classroom.py", "student after a question's reveal", _in_class("student")),
        State("pages/4_Classroom.py", "projector (presenter=1) of a class", _in_class("projector")),
        State("pages/4_Classroom.py", "teacher after a lesson question's reveal", _in_class("lesson teacher")),
        State("pages/4_Classroom.py", "student after a lesson question's reveal", _in_class("lesson student")),
    ]
    return states


def states(pages=None) -> list[State]:
    """The states of ``pages`` (paths as in :data:`PAGES`; all of them if None)."""
    wanted = None if not pages else {Path(page).as_posix().removeprefix("./") for page in pages}
    return [state for state in _states() if wanted is None or state.page in wanted]


def walk(state: State) -> list[Found]:
    """Open ``state`` and list the English it shows (an exception counts, with its message)."""
    from ui.i18n import speaking

    # AppTest calls a widget's format_func again in this thread, outside the page's run, to send the
    # widget's value back; there the session's language is unknown, so it is said to be Russian.
    with _Passing().recording() as passing, speaking("ru"):
        at = state.open()
    return untranslated(at, passing.title, passing.spinners)


def main(argv: list[str]) -> int:
    os.chdir(ROOT)
    unknown = [page for page in argv if not (ROOT / page).is_file()]
    if unknown:
        print(f"no such page: {', '.join(unknown)}; pages are {', '.join(PAGES)}")
        return 2
    total = 0
    for state in states(argv):
        found = walk(state)
        total += len(found)
        print(f"== {state.page} ({state.name}): {len(found) or 'no'} English string{'s' * (len(found) != 1)}",
              flush=True)
        for item in found:
            print("  " + item.line(), flush=True)
    print(f"{total} strings with English left.")
    return 1 if total else 0


if __name__ == "__main__":
    from streamlit import logger

    logger.set_log_level("error")  # the pages' own warnings are not what is asked here
    sys.exit(main(sys.argv[1:]))
