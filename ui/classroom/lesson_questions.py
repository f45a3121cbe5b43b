"""A ready lesson's question for a class room: with one setting changed, will this network learn faster,
slower, about the same, or fail? Answered by training both networks, never written down.

The question is a small JSON-able dict that the room store keeps as it is::

    {"kind": "lesson", "lesson": slug, "settings": the lesson's settings, "change": {name: value},
     "samples": samples each run trains}

When the teacher reveals, both settings are built as the live page builds them (:func:`ui.session.build_lab`:
the same seed, so the same starting weights), trained for ``samples`` samples, and
:func:`nn.comparison.compare_runs` compares their running mean errors over the live chart's window, as the
live page's "Predict before a change" does. The class answers with a choice's position among
:data:`nn.comparison.OUTCOMES`. The work is bounded (:data:`MAX_SAMPLES`) and done once per question: the
teacher's page computes it (holding a heavy-job slot) and the room keeps the result for every student;
the same question asked again in this server process is answered from what it measured (:func:`measured`).
"""

from __future__ import annotations

import collections
import dataclasses
import json
import threading
from typing import Any, Optional

from nn import comparison
from ui.classroom.lessons import LESSON_SETTINGS, LESSONS_BY_SLUG, Lesson
from ui.datasets import MNIST
from ui.live.curve import curve_window
from ui.session import build_lab

KIND = "lesson"
#: Samples each of the two runs may train, at most, so a reveal takes about a second or less
#: (docs/classroom.md has the figures); MNIST's networks (784 inputs) train fewer.
MAX_SAMPLES, MAX_MNIST_SAMPLES = 20_000, 2_000
#: The choices, in the order the class answers by position (faster, slower, about the same, fails).
CHOICES = comparison.OUTCOMES


@dataclasses.dataclass(frozen=True)
class LessonAsked:
    """A lesson question, read back: the lesson's settings before and after the change, and how long to train."""

    slug: str
    before: dict
    after: dict
    samples: int

    @property
    def lesson(self) -> Optional[Lesson]:
        return LESSONS_BY_SLUG.get(self.slug)

    @property
    def changed(self) -> list[str]:
        """The settings the question changes, in the settings table's order."""
        return [name for name in LESSON_SETTINGS if self.before[name] != self.after[name]]

    @property
    def seed(self) -> int:
        return self.before["seed"]


def is_lesson_question(room_question: Optional[dict]) -> bool:
    return bool(room_question) and room_question.get("kind") == KIND


def max_samples(values: dict) -> int:
    return MAX_MNIST_SAMPLES if values["dataset"] == MNIST else MAX_SAMPLES


def make_question(lesson: Lesson) -> dict:
    """The room question for this lesson (ValueError if its ready question is malformed)."""
    question = {"kind": KIND, "lesson": lesson.slug, "settings": _json_values(lesson.values),
                "change": dict(lesson.question.change), "samples": lesson.question.samples}
    read_question(question)  # the same checks a stored question gets
    return question


def lesson_asked(lesson: Lesson) -> LessonAsked:
    """What this lesson's ready question asks."""
    return read_question(make_question(lesson))


def read_question(room_question: dict) -> LessonAsked:
    """What a lesson question asks (ValueError naming what is wrong with a malformed one)."""
    if not is_lesson_question(room_question):
        raise ValueError(f"kind must be {KIND!r}; got {room_question.get('kind')!r}")
    settings, change, samples = (room_question.get(name) for name in ("settings", "change", "samples"))
    if not isinstance(settings, dict) or set(settings) != set(LESSON_SETTINGS):
        raise ValueError(f"settings must give every setting of the live page: {', '.join(LESSON_SETTINGS)}")
    if not isinstance(change, dict) or not change or set(change) - set(LESSON_SETTINGS):
        raise ValueError(f"change must name settings of the live page; got {change!r}")
    before, problems = LESSON_SETTINGS.check_all(settings)
    after, after_problems = LESSON_SETTINGS.check_all({**settings, **change})
    if problems or after_problems:
        raise ValueError("; ".join(problems + after_problems))
    if after == before:
        raise ValueError(f"change must change a setting; got {change!r}")
    if isinstance(samples, bool) or not isinstance(samples, int) or not 1 <= samples <= max_samples(before):
        raise ValueError(f"samples must be a whole number from 1 to {max_samples(before)}; got {samples!r}")
    return LessonAsked(str(room_question.get("lesson", "")), before, after, samples)


def answer_key(choice: str) -> str:
    """How a choice is stored as a student's answer: its position among :data:`CHOICES`."""
    return str(CHOICES.index(choice))


def true_answer(room_question: dict) -> dict:
    """The reveal as the room keeps it: the measured outcome's position and every figure it was decided from.
    Trains both runs unless this process measured the same question already (:func:`measured`)."""
    result = measure(read_question(room_question))
    return {"correct": answer_key(result.outcome), "figures": dataclasses.asdict(result)}


def comparison_of(reveal: dict) -> comparison.RunComparison:
    """The measured comparison a room's reveal holds."""
    return comparison.RunComparison(**reveal["figures"])


#: Comparisons measured by this process, newest last: (before, after, samples) -> RunComparison. Figures
#: only, so one answer serves every language; bounded, as any process-wide store here.
_MEASURED: "collections.OrderedDict[tuple, comparison.RunComparison]" = collections.OrderedDict()
_MEASURED_LOCK = threading.Lock()
MAX_MEASURED = 32


def _cache_key(asked: LessonAsked) -> tuple:
    return (_key(asked.before), _key(asked.after), asked.samples)


def measured(asked: LessonAsked) -> Optional[comparison.RunComparison]:
    """The comparison this process already measured for this question, or None (then revealing trains)."""
    with _MEASURED_LOCK:
        return _MEASURED.get(_cache_key(asked))


def measure(asked: LessonAsked) -> comparison.RunComparison:
    """Train both settings from their seed for ``asked.samples`` samples, as the live page builds and trains
    them, and compare their running mean errors over the live chart's window (:func:`compare_runs`)."""
    known = measured(asked)
    if known is not None:
        return known
    before, after = build_lab(asked.before), build_lab(asked.after)
    for lab in (before, after):
        lab.run.train(asked.samples)
    result = comparison.compare_runs(
        before.run.errors, after.run.errors, asked.samples, curve_window(before.run.epoch_size),
        before_diverged=before.run.diverged is not None, after_diverged=after.run.diverged is not None)
    with _MEASURED_LOCK:
        _MEASURED[_cache_key(asked)] = result
        while len(_MEASURED) > MAX_MEASURED:
            _MEASURED.popitem(last=False)
    return result


def _key(values: dict) -> str:
    return json.dumps(_json_values(values), sort_keys=True)


def _json_values(values: dict[str, Any]) -> dict[str, Any]:
    return {name: (value.item() if hasattr(value, "item") else value) for name, value in values.items()}
