"""A room's question as the projector and the students' pages word it, whichever kind it is.

Two kinds of question reach a room: one made from the room's network for a sample and a stage
(:mod:`ui.classroom.room_questions`, worded by :mod:`ui.question_words`), and a ready lesson's
question about a change of setting (:mod:`ui.classroom.lesson_questions`). Both are answered by
choosing; :func:`shown` gives either as the same few pieces of text, in the session's language, so
the projector and the students' pages draw one way. :func:`true_answer` computes either's reveal.
"""

from __future__ import annotations

import dataclasses
from typing import Callable

from nn import questions
from ui import question_words as words
from ui.classroom import lesson_questions, room_questions
from ui.i18n import _, ngettext, numbers
from ui.live.predict import OUTCOME_WORDS, setting_words, verdict_sentence
from ui.stage_titles import STAGE_TITLES


@dataclasses.dataclass(frozen=True)
class Shown:
    """A room question's words: the question, a caption for the projector and one for a student, the
    choices' names in the order answers are stored, and how to word a reveal and a student's verdict."""

    prompt: str
    teacher_caption: str
    student_caption: str
    labels: list
    explain: Callable[[dict], str]                   # the reveal -> its sentence of why
    judge: Callable[[int, dict], tuple[bool, str]]   # (own choice, the reveal) -> (right?, the verdict's sentence)

    def explanation(self, reveal: dict) -> str:
        return self.explain(reveal)

    def verdict(self, own: int, reveal: dict) -> tuple[bool, str]:
        return self.judge(own, reveal)


def shown(room_question: dict) -> Shown:
    """Either kind of room question, worded in the session's language."""
    if lesson_questions.is_lesson_question(room_question):
        return _lesson_shown(lesson_questions.read_question(room_question))
    return _step_shown(room_questions.read_question(room_question))


def true_answer(room_question: dict) -> dict:
    """The reveal as the room keeps it, computed now by nn/ (either kind)."""
    if lesson_questions.is_lesson_question(room_question):
        return lesson_questions.true_answer(room_question)
    return room_questions.true_answer(room_question)


def _step_shown(asked: room_questions.Asked) -> Shown:
    labels = words.choice_names(asked.network, asked.question, labels=asked.labels)

    def explain(reveal: dict) -> str:
        correct = asked.question.choices[int(reveal["correct"])]
        return words.explanation(asked.network, asked.question, correct, reveal["figures"], labels=asked.labels)

    def judge(own: int, reveal: dict) -> tuple[bool, str]:
        choices = asked.question.choices
        verdict = questions.grade(asked.question, questions.Reveal(choices[int(reveal["correct"])]), choices[own])
        return verdict.right, words.verdict_text(asked.network, asked.question, verdict, labels=asked.labels)

    return Shown(
        prompt=words.question_text(asked.network, asked.trace, asked.question, labels=asked.labels),
        teacher_caption=_("Sample {sample}, stage {stage}: {title}.").format(
            sample=asked.sample, stage=asked.stage, title=_(STAGE_TITLES[asked.stage - 1])),
        student_caption=_("Sample {sample} of {dataset}, stage {stage}.").format(
            sample=asked.sample, dataset=_(asked.settings["dataset"]), stage=asked.stage),
        labels=labels, explain=explain, judge=judge,
    )


def lesson_prompt(asked: lesson_questions.LessonAsked) -> str:
    """``With learning rate 0.3 instead of learning rate 0.01, trained from the same seed (1) for 2,000
    samples, will this network learn faster, slower, about the same, or fail (diverge or stall)?``"""
    return ngettext(
        "With {new} instead of {old}, trained from the same seed ({seed}) for {samples} sample, will this "
        "network learn faster, slower, about the same, or fail (diverge or stall)?",
        "With {new} instead of {old}, trained from the same seed ({seed}) for {samples} samples, will this "
        "network learn faster, slower, about the same, or fail (diverge or stall)?",
        asked.samples,
    ).format(new=setting_words(asked.after, asked.changed), old=setting_words(asked.before, asked.changed),
             seed=asked.seed, samples=numbers.integer(asked.samples))


def _lesson_shown(asked: lesson_questions.LessonAsked) -> Shown:
    labels = [_(OUTCOME_WORDS[outcome]) for outcome in lesson_questions.CHOICES]

    def explain(reveal: dict) -> str:
        return verdict_sentence({"result": lesson_questions.comparison_of(reveal), "seed": asked.seed,
                                 "old": asked.before, "new": asked.after, "names": asked.changed})

    def judge(own: int, reveal: dict) -> tuple[bool, str]:
        correct = int(reveal["correct"])
        right = own == correct
        return right, _(words.VERDICT_RIGHT if right else words.VERDICT_WRONG).format(
            given=labels[own], correct=labels[correct])

    lesson = asked.lesson
    if lesson is None:  # a lesson renamed since the question was asked: the question still stands
        caption = _("A lesson's question: its answer is measured by training both networks.")
    else:
        caption = _("From the lesson \"{title}\": its answer is measured by training both networks.").format(
            title=lesson.title)
    return Shown(prompt=lesson_prompt(asked), teacher_caption=caption, student_caption=caption, labels=labels,
                 explain=explain, judge=judge)
