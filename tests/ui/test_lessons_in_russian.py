"""Every ready lesson exists in English and Russian with the same structure, and a link built in Russian opens in Russian.

The lessons' words are catalogue entries (ui/i18n/locales/ru/LC_MESSAGES/classroom.po), one
per sentence, so a lesson cannot lose a step or a question in translation; these tests check
what a translator could still get wrong: a sentence left in English, a placeholder left
unfilled, or a measured figure changed (the notes' figures are what tests/ui/test_lessons.py
measures, so the Russian must name the same ones).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ui.classroom import task_card
from ui.classroom.lessons import LESSON_PARAM, LESSONS, link, read_link
from ui.i18n import speaking

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def figures(text: str, language: str) -> list[float]:
    """Every number written in ``text`` (2,000 / 2 000 -> 2000; 0.01 / 0,01 -> 0.01), in order of size."""
    if language == "en":
        text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    else:
        text = re.sub(r"(?<=\d)[\u00a0\u202f ](?=\d{3})", "", text)
        text = re.sub(r"(?<=\d),(?=\d)", ".", text)
    return sorted(float(number) for number in re.findall(r"\d+(?:\.\d+)?", text))


def texts(words) -> list[str]:
    """A lesson's words as one list: title, goal, task, every step, every question, notes."""
    return [words.title, words.goal, words.task, *(step for _minutes, step in words.steps),
            *words.questions, words.notes]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.slug)
def test_every_lesson_has_the_same_steps_and_questions_in_russian_each_sentence_translated(lesson):
    with speaking("en"):
        english = lesson.words
    with speaking("ru"):
        russian = lesson.words
    assert english == lesson.english.translated()  # English is the text written in lessons.py
    assert [minutes for minutes, _step in russian.steps] == [minutes for minutes, _step in english.steps]
    assert len(russian.questions) == len(english.questions)
    for source, translated in zip(texts(english), texts(russian)):
        assert translated != source and CYRILLIC.search(translated), f"not translated: {source!r}"
        assert "{" not in translated and "{" not in source, "a placeholder left unfilled"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.slug)
def test_every_figure_a_lesson_names_is_the_same_in_russian(lesson):
    with speaking("en"):
        english = texts(lesson.words)
    with speaking("ru"):
        russian = texts(lesson.words)
    for source, translated in zip(english, russian):
        assert figures(translated, "ru") == figures(source, "en"), f"{source!r} -> {translated!r}"


def test_figures_are_read_back_in_each_languages_own_writing():
    assert figures("after 2,000 samples at 0.01, 85%", "en") == [0.01, 85, 2000]
    assert figures("после 2\u00a0000 образцов при 0,01, 85\u00a0%", "ru") == [0.01, 85, 2000]


def test_the_mnist_lesson_writes_its_digit_count_the_languages_way():
    lesson = next(lesson for lesson in LESSONS if lesson.slug == "mnist-one-epoch")
    with speaking("en"):
        assert "6,000 handwritten digits" in lesson.task
    with speaking("ru"):
        assert "6\u00a0000 рукописных цифр" in lesson.task


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.slug)
@pytest.mark.parametrize("presenter", [False, True])
def test_a_lesson_link_built_in_russian_carries_lang_ru_and_otherwise_the_same_settings(lesson, presenter):
    with speaking("en"):
        english = lesson.params(presenter=presenter)
    with speaking("ru"):
        russian = lesson.params(presenter=presenter)
    assert "lang" not in english  # an English link leaves the language to the learner's browser
    assert russian == {**english, "lang": "ru"}
    contents = read_link(link(russian, "http://127.0.0.1:8501/Classroom"))
    assert contents.language == "ru" and contents.problems == []
    assert contents.values == lesson.values and contents.hidden == set(lesson.hide)
    assert read_link(link(english)).language == "en"


def test_the_students_card_names_its_lesson_in_the_sessions_language():
    lesson = LESSONS[0]
    assert task_card.lesson_in_url({LESSON_PARAM: lesson.slug}) is lesson
    with speaking("ru"):
        heading = task_card._(task_card.TASK_HEADING).format(title=lesson.title)
    assert heading == "Урок: Что делает скорость обучения?"


def test_a_lesson_names_the_live_pages_buttons_as_that_page_labels_them_in_each_language():
    from ui.classroom.lessons import LIVE_BUTTONS
    from ui.i18n import _

    controls = (Path(__file__).resolve().parents[2] / "ui" / "live" / "controls.py").read_text()
    assert all(f'"{label}"' in controls for label in LIVE_BUTTONS.values())  # the live page's own labels
    lesson = LESSONS[0]
    with speaking("en"):
        assert lesson.task.startswith("Press Start at learning rate 0.01")
    with speaking("ru"):
        assert lesson.task.startswith(f"Нажмите «{_('Start')}» при скорости обучения 0,01")
        assert f"«{_('Reset')}»" in lesson.steps[-1][1]
