"""A class question and a new network: when the teacher sends the class a different network while a question
is open, the question closes on every screen (it was about the network that is gone), the answers given stay
with it, and a question already revealed says it was about the earlier network.

Each AppTest is one browser tab (its own session); the store is SQLite in a temporary folder.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from classroom_tabs import room_store_folder, tab, run, join, html_blocks, ask_a_lesson  # noqa: F401 (the fixture)
from conftest import url
from ui.classroom import room_questions, rooms, teacher as teacher_ui
from ui.classroom.room_session import room_settings
from ui.classroom.lessons import LESSONS_BY_SLUG
from ui.classroom.rooms import base
from ui.classroom.rooms.base import RoomError
from ui.i18n import _, numbers, speaking
from tests.i18n.untranslated import untranslated

LESSON = LESSONS_BY_SLUG["learning-rate"]


def start_class(lang: str = "en") -> tuple[AppTest, str, str]:
    teacher = tab(lang=lang)
    teacher.button(key="room_start").click()
    run(teacher)
    return teacher, url(teacher)["room"], url(teacher)["teacher"]


def ask_about_the_network(teacher: AppTest) -> None:
    teacher.radio(key="room_ask_kind").set_value("network")
    run(teacher)
    teacher.number_input(key="room_sample").set_value(2)
    teacher.selectbox(key="room_stage").set_value(2)
    teacher.button(key="room_ask").click()
    run(teacher)


def ask_the_lesson(teacher: AppTest) -> None:
    ask_a_lesson(teacher, LESSON.slug)


def send_xor(teacher: AppTest) -> None:
    """The teacher chooses another network (XOR, 4 hidden nodes) and presses "Everyone to this network"."""
    teacher.selectbox(key="room_dataset").set_value("XOR")
    teacher.number_input(key="room_hidden_nodes").set_value(4)
    run(teacher)
    teacher.button(key="room_push").click()
    run(teacher)


def answer_buttons(student: AppTest) -> list:
    return [button for button in student.button if re.match(r"room_student_answer_\d+_\d+$", button.key or "")]


def student_key(student: AppTest) -> str:
    return student.session_state["classroom_room"].key


def said(at: AppTest) -> str:
    """Everything the page wrote as text, Markdown, a message or HTML."""
    return "\n".join([e.value for e in [*at.markdown, *at.text, *at.info, *at.warning, *at.success, *at.error,
                                        *at.caption, *at.subheader]] + html_blocks(at))


def translated(lang: str, english: str, **figures) -> str:
    """``english`` in ``lang``, its figures written the language's way; in Russian it must have a translation."""
    with speaking(lang):
        said_there = _(english)
        written = said_there.format(**{name: numbers.integer(value) for name, value in figures.items()})
    assert lang == "en" or said_there != english, f"no Russian for: {english}"
    return written


def closed_sentence(lang: str, number: int, answered: int, students: int) -> str:
    return translated(lang, "Question {number} is closed: the class got a new network, and the question was about the earlier "
                 "one. {answered} of {students} had answered; their answers stay with question {number} and are "
                 "not counted for any other.", number=number, answered=answered, students=students)


def student_closed_sentence(lang: str, number: int) -> str:
    return translated(lang, "Question {number} is closed: the teacher sent the class a new network, and the "
                            "question was about the earlier one. Wait for the teacher's next question.", number=number)


def earlier_network_sentence(lang: str) -> str:
    return translated(lang, "This question was about the class's earlier network; the class has a new one now.")


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("kind", ["network", "lesson"])
def test_a_new_network_closes_the_open_question_on_every_screen_and_keeps_its_answers(kind, lang):
    teacher, code, key = start_class(lang)
    early, late_answerer = join(code, lang), join(code, lang)
    (ask_about_the_network if kind == "network" else ask_the_lesson)(teacher)
    store = rooms.open_store()
    question_id = store.view(code).question_id
    run(early)
    assert answer_buttons(early)  # the question is open
    early.button(key=f"room_student_answer_{question_id}_1").click()
    run(early)
    run(late_answerer)  # its page shows the question's answer buttons, drawn before the new network

    run(teacher)
    warned = translated(lang, "Question {number} is open. Sending a different network closes it: it is about the "
                              "network the class has now. Sending the same network again keeps it open.",
                        number=question_id)
    assert warned in said(teacher)
    send_xor(teacher)
    assert store.view(code).settings["values"]["dataset"] == "XOR"
    assert translated(lang, "Question {number} is now closed: it was about the network the class had before. Ask "
                            "a question about this one.", number=question_id) in said(teacher)

    # An answer sent from a page drawn before the new network is refused: the question is gone.
    with pytest.raises(RoomError) as refused:
        store.answer(code, student_key(late_answerer), question_id, "0")
    assert refused.value.reason == base.NO_QUESTION
    # The answer given before stays with its question, counted for nothing else.
    assert store.tally(code, question_id, key) == {"1": 1}
    # Nor can the teacher reveal it: its network is not the one on the class's screens.
    with pytest.raises(RoomError):
        store.reveal(code, key, question_id, {"correct": "0"})

    run(teacher)
    assert "room_reveal" not in [button.key for button in teacher.button]
    assert closed_sentence(lang, question_id, 1, 2) in said(teacher)
    projector = tab(room=code, teacher=key, presenter="1", lang=lang)
    assert "room_reveal" not in [button.key for button in projector.button]
    assert closed_sentence(lang, question_id, 1, 2) in said(projector)

    late_joiner = join(code, lang)
    for student in (early, late_answerer, late_joiner):
        run(student)
        assert student.session_state["lab"].settings["dataset"] == "XOR"
        assert answer_buttons(student) == []
        assert student_closed_sentence(lang, question_id) in said(student)
    if lang == "ru":  # every screen in the closed state shows no English
        assert [found for at in (teacher, projector, early, late_joiner) for found in untranslated(at)] == []

    # A new question opens as before, and counts only its own answers.
    ask_about_the_network(teacher)
    new_id = store.view(code).question_id
    assert new_id == question_id + 1 and store.view(code).answers == 0
    run(late_joiner)
    assert answer_buttons(late_joiner)
    store.answer(code, student_key(late_joiner), new_id, "0")
    assert store.tally(code, new_id, key) == {"0": 1}


def test_sending_the_same_network_again_or_hiding_a_control_keeps_the_question_open():
    teacher, code, key = start_class()
    student = join(code)
    ask_about_the_network(teacher)
    question_id = rooms.open_store().view(code).question_id
    teacher.button(key="room_push").click()  # the same settings: every student's network starts again, no more
    run(teacher)
    teacher.multiselect(key="room_hide").set_value(["bias"])  # the students see fewer controls: the same network
    run(teacher)
    teacher.button(key="room_push").click()
    run(teacher)
    assert rooms.open_store().view(code).settings["hide"] == ["bias"]
    run(student)
    assert answer_buttons(student)
    student.button(key=f"room_student_answer_{question_id}_0").click()
    run(student)
    assert rooms.open_store().tally(code, question_id, key) == {"0": 1}
    run(teacher)
    assert "room_reveal" in [button.key for button in teacher.button]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_revealed_question_says_on_every_screen_that_it_was_about_the_earlier_network(lang):
    teacher, code, key = start_class(lang)
    student = join(code, lang)
    ask_about_the_network(teacher)
    store = rooms.open_store()
    question_id = store.view(code).question_id
    run(student)
    student.button(key=f"room_student_answer_{question_id}_0").click()
    run(student)
    teacher.button(key="room_reveal").click()
    run(teacher)
    assert earlier_network_sentence(lang) not in said(teacher)
    run(student)
    assert earlier_network_sentence(lang) not in said(student)

    send_xor(teacher)
    run(teacher)
    late_joiner = join(code, lang)
    for at in (teacher, student, late_joiner):
        run(at)
        assert earlier_network_sentence(lang) in said(at)
        assert any("answers-histogram" in block for block in html_blocks(at))  # the reveal is still shown
        assert lang == "en" or untranslated(at) == []


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_question_made_while_another_tab_sends_a_network_is_not_asked_and_the_teacher_is_told(lang, monkeypatch):
    teacher, code, key = start_class(lang)
    store = rooms.open_store()
    make_question = room_questions.make_question

    def made_while_another_tab_sends(values, sample, stage):
        question = make_question(values, sample, stage)  # about the network this tab read ...
        store.push_settings(code, key, room_settings({**values, "seed": values["seed"] + 1}))  # ... now gone
        return question

    monkeypatch.setattr(room_questions, "make_question", made_while_another_tab_sends)
    ask_about_the_network(teacher)
    assert store.view(code).question is None
    assert [error.value for error in teacher.error] == [translated(
        lang, "The class got a new network while you were asking, so the question was not asked: ask it again "
              "about the network the class has now.")]


def test_a_reveal_computed_while_another_tab_sends_a_network_is_refused_and_the_teacher_is_told(monkeypatch):
    teacher, code, key = start_class()
    store = rooms.open_store()
    ask_about_the_network(teacher)
    question_id = store.view(code).question_id
    computed_reveal = teacher_ui.computed_reveal

    def computed_while_another_tab_sends(room_question):
        reveal = computed_reveal(room_question)
        store.push_settings(code, key, room_settings({**room_question["settings"], "seed": 99}))
        return reveal

    monkeypatch.setattr(teacher_ui, "computed_reveal", computed_while_another_tab_sends)
    teacher.button(key="room_reveal").click()
    run(teacher)
    view = store.view(code)
    assert view.question_id == question_id and not view.revealed and view.question_on_earlier_network
    assert [error.value for error in teacher.error] == [
        "That question is closed: the teacher has revealed it, asked another or sent the class a new network."]
    assert {"room_ask", "room_push"} <= {button.key for button in teacher.button}  # the rest of the page is there
