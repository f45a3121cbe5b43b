"""A student's class page on a laptop or tablet with the sidebar open (1000 px wide): no button's words are cut.

Only a browser shows this: "Leave the class" sat in a fifth of the row beside the "You are in class ..."
line and was drawn as "Leave …" ("Выйт…" in Russian). The phone-sized check is
test_browser_classroom_russian.py; there the columns stack and nothing was cut.
"""

from __future__ import annotations

import pytest

from conftest import press, wait_for_app, wait_for_layout_still

pytestmark = pytest.mark.browser

#: Every visible button of the page, and everything inside one, whose text is wider than its box (cut, or
#: ended with an ellipsis).
CUT_BUTTONS = """() => [...document.querySelectorAll('[data-testid="stMain"] button')]
    .filter(button => button.getBoundingClientRect().width)
    .flatMap(button => [button, ...button.querySelectorAll('*')])
    .filter(element => element.scrollWidth > element.clientWidth + 1)
    .map(element => element.innerText)"""


@pytest.mark.parametrize("lang, leave", [("en", "Leave the class"), ("ru", "Выйти из класса")])
def test_a_students_leave_button_is_not_cut_on_a_1000_pixel_screen(browser, class_server, artifacts, lang, leave):
    teacher_context = browser.new_context(viewport={"width": 1400, "height": 1000})
    student_context = browser.new_context(viewport={"width": 1000, "height": 900})
    try:
        teacher = teacher_context.new_page()
        teacher.goto(f"{class_server}/Classroom")
        press(teacher, "room_start")
        teacher.locator(".room-code").wait_for()
        code = teacher.locator(".room-code").inner_text().strip()

        student = student_context.new_page()
        student.goto(f"{class_server}/Classroom?room={code}&lang={lang}")
        wait_for_app(student)
        name = student.locator(".st-key-room_student_page_name input")
        name.fill("Анна-Мария Ивановна-Петрова")
        name.press("Tab")
        press(student, "room_student_page_join")
        student.get_by_role("button", name=leave).first.wait_for()
        wait_for_layout_still(student)  # a run in progress can show a fading copy of a button beside its new one
        student.screenshot(path=str(artifacts / f"classroom_student_1000px_{lang}.png"))
        assert student.evaluate(CUT_BUTTONS) == []
    finally:
        teacher_context.close()
        student_context.close()
