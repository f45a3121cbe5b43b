"""The class notice in the sidebar of every other page: what the teacher did that the page does not show.

AppTest of the live page for a session that is a student of a room (its membership put in
session state, as joining on the Classroom page leaves it); the teacher acts through the store.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.classroom import rooms
from ui.classroom.room_questions import make_question, true_answer
from ui.classroom.room_session import SESSION_KEY, STUDENT, Membership, room_settings
from ui.settings.network import LAB_SETTINGS

LIVE_PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "1_Watch_it_learn.py")
VALUES = LAB_SETTINGS.defaults()


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv(rooms.DATA_DIR_VARIABLE, str(tmp_path))
    monkeypatch.delenv(rooms.STORE_VARIABLE, raising=False)
    made = rooms.open_store()
    yield made
    made.close()


def student_page(store, code: str, lang: str = "") -> AppTest:
    at = AppTest.from_file(LIVE_PAGE, default_timeout=60)
    if lang:
        at.query_params["lang"] = lang
    member = Membership(code=code, role=STUDENT, key=store.join(code, "Ann"), settings_version=1)
    at.session_state[SESSION_KEY] = member
    at.run()
    assert not at.exception
    return at


def sidebar_texts(at: AppTest) -> list[str]:
    return [element.value for element in at.sidebar.text]


@pytest.mark.parametrize("lang, asked, revealed, new_network", [
    ("", "The teacher asked question 1: answer it on the class's page.",
     "The teacher revealed the answer to question 1: see it on the class's page.",
     "The teacher sent the class a new network: open the class's page to follow it."),
    ("ru", "Учитель задал вопрос 1: ответьте на него на странице класса.",
     "Учитель показал ответ на вопрос 1: он на странице класса.",
     "Учитель прислал классу новую сеть: откройте страницу класса, чтобы перейти на неё."),
])
def test_a_student_on_another_page_reads_what_the_teacher_asked_revealed_and_sent(store, lang, asked, revealed,
                                                                                    new_network):
    code, key = store.create_room(room_settings(VALUES))
    at = student_page(store, code, lang)
    quiet = sidebar_texts(at)
    assert not {asked, revealed, new_network} & set(quiet)

    question = make_question(VALUES, 1, 2)
    question_id = store.ask(code, key, question)
    at.run()
    assert asked in sidebar_texts(at) and revealed not in sidebar_texts(at)

    store.reveal(code, key, question_id, true_answer(question))
    store.push_settings(code, key, room_settings({**VALUES, "seed": VALUES["seed"] + 1}))
    at.run()
    assert not at.exception
    assert revealed in sidebar_texts(at) and asked not in sidebar_texts(at)
    assert new_network in sidebar_texts(at)



def test_a_question_closed_by_a_new_network_is_not_announced_as_asked(store):
    code, key = store.create_room(room_settings(VALUES))
    at = student_page(store, code)
    store.ask(code, key, make_question(VALUES, 1, 2))
    at.run()
    asked = "The teacher asked question 1: answer it on the class's page."
    assert asked in sidebar_texts(at)
    store.push_settings(code, key, room_settings({**VALUES, "seed": VALUES["seed"] + 1}))
    at.run()
    assert not at.exception
    assert asked not in sidebar_texts(at)
    assert "The teacher sent the class a new network: open the class's page to follow it." in sidebar_texts(at)

def test_the_teacher_reads_no_class_notice(store):
    code, key = store.create_room(room_settings(VALUES))
    store.ask(code, key, make_question(VALUES, 1, 2))
    at = AppTest.from_file(LIVE_PAGE, default_timeout=60)
    at.session_state[SESSION_KEY] = Membership(code=code, role="teacher", key=key)
    at.run()
    assert not at.exception
    assert not any("question" in text for text in sidebar_texts(at))
