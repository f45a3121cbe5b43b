"""A student who reloads the Classroom page (a new Streamlit session at the same address) is back in the class
as the same student: same name, same answer, counted once. Before, the reload showed the join form, and
joining again added a second student, who could answer the same question a second time."""

from __future__ import annotations

from classroom_tabs import room_store_folder, tab, join, run  # noqa: F401 (the fixture)
from conftest import url
from test_classroom_room import ask, start_class, store


def reload(at):
    """The same address opened again: a reload gets a new session, as in a browser."""
    return tab(**url(at))


def test_a_student_who_reloads_is_back_in_the_class_with_their_name_and_answer_counted_once():
    teacher, code, key = start_class()
    student = join(code, name="Ann")
    join(code, name="Bob")
    ask(teacher, sample=2, stage=2)
    run(student)
    student.button(key="room_student_answer_1_1").click()
    run(student)

    reloaded = reload(student)
    assert [text.value for text in reloaded.text] == [f"You are in class {code} as Ann."]
    assert "room_student_page_join" not in [button.key for button in reloaded.button]
    assert any(block.value.startswith("Your answer: hidden 2.") for block in reloaded.markdown)
    reloaded.button(key="room_student_answer_1_0").click()  # changing the answer after the reload
    run(reloaded)
    assert store().view(code).students == 2
    assert store().tally(code, 1, key) == {"0": 1}


def test_a_reload_after_leaving_or_of_a_closed_class_does_not_put_the_student_back():
    teacher, code, _ = start_class()
    student = join(code, name="Ann")
    address = url(student)
    student.button(key="room_student_leave").click()
    run(student)
    assert "room_student_page_join" in [button.key for button in tab(**address).button]
    assert store().view(code).students == 0

    student = join(code, name="Bob")
    teacher.button(key="room_close").click()
    run(teacher)
    closed = reload(student)
    assert "room_student_page_join" in [button.key for button in closed.button]
    assert "classroom_room" not in closed.session_state
