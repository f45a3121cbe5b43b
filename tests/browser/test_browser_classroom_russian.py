"""A class room in Russian in a real browser: the teacher at a desktop, a student on a phone.

Russian runs longer than English, so this checks what only a browser shows: nothing on the
student's phone is wider than the screen, no button's words are cut, and the histogram fits,
from joining to the reveal. Screenshots: test-artifacts/classroom_ru_teacher_desktop.png and
classroom_ru_student_phone.png.
"""

from __future__ import annotations

import pytest

from conftest import press, wait_for_app

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def cut_or_wide(tab) -> list[str]:
    """What on the page does not fit: the page wider than the screen, a button whose words overflow it,
    a picture or heading reaching past the screen's right edge."""
    return tab.evaluate("""() => {
        const width = document.documentElement.clientWidth, found = [];
        let buttons = 0;
        if (document.documentElement.scrollWidth > width + 1) found.push('page ' + document.documentElement.scrollWidth);
        for (const button of document.querySelectorAll('[data-testid="stMain"] button')) {
            const box = button.getBoundingClientRect();
            if (!box.width) continue;
            buttons += 1;
            if (button.scrollWidth > button.clientWidth + 1 || box.right > width + 1) found.push('button ' + button.innerText);
        }
        for (const element of document.querySelectorAll('[data-testid="stMain"] img, [data-testid="stMain"] h1, '
                                                        + '[data-testid="stMain"] h2, [data-testid="stMain"] h3')) {
            const box = element.getBoundingClientRect();
            if (box.width && box.right > width + 1) found.push(element.tagName + ' ' + (element.alt || element.innerText));
        }
        return buttons ? found : ['no button seen'];
    }""")


def ask_answer_and_reveal(teacher, student, ask_key: str, number: int, answer_key: str) -> None:
    """The teacher asks (``ask_key``); question ``number`` fits the student's phone; the student answers
    (``answer_key``), the teacher sees the answer counted and reveals."""
    press(teacher, ask_key)
    student.get_by_text(f"Вопрос {number}:").first.wait_for()
    wait_for_app(student)
    assert cut_or_wide(student) == []
    press(student, answer_key)
    student.get_by_text("Ваш ответ:").first.wait_for()
    teacher.get_by_text("Ответили 1 из 1").wait_for()
    press(teacher, "room_reveal")


def test_a_russian_class_room_fits_a_phone_from_joining_to_the_reveal(browser, class_server, artifacts):
    url = class_server
    teacher_context = browser.new_context(viewport={"width": 1280, "height": 900})
    student_context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        teacher, student = teacher_context.new_page(), student_context.new_page()
        for tab in (teacher, student):
            tab.set_default_timeout(60_000)
        teacher.goto(f"{url}/Classroom?lang=ru")
        wait_for_app(teacher)
        teacher.get_by_role("button", name="Начать урок").wait_for()
        press(teacher, "room_start")
        teacher.locator(".room-code").wait_for()
        wait_for_app(teacher)
        code = teacher.locator(".room-code").inner_text().strip()

        student.goto(f"{url}/Classroom?room={code}&lang=ru")
        wait_for_app(student)
        student.locator(".st-key-room_student_page_name input").fill("Анастасия")
        student.locator(".st-key-room_student_page_name input").press("Tab")
        press(student, "room_student_page_join")
        student.get_by_text(f"Вы в классе {code} под именем Анастасия.").wait_for()
        wait_for_app(student)
        assert cut_or_wide(student) == []

        ask_answer_and_reveal(teacher, student, "room_ask", 1, "room_student_answer_1_0")
        teacher.get_by_text("Верный ответ:").first.wait_for()
        student.locator("img.answers-histogram").wait_for()
        wait_for_app(student)
        wait_for_app(teacher)
        assert cut_or_wide(student) == []
        assert cut_or_wide(teacher) == []
        teacher.screenshot(path=str(artifacts / "classroom_ru_teacher_desktop.png"), full_page=True)
        student.locator("img.answers-histogram").scroll_into_view_if_needed()
        student.screenshot(path=str(artifacts / "classroom_ru_student_phone.png"), full_page=True)

        # A lesson's question: its four answers are the longest words a student's buttons hold.
        teacher.locator(".st-key-room_ask_kind").get_by_text("вопрос урока").click()
        # measured once the run the click asks for has drawn the lesson's question (right after the click
        # the browser has not yet heard of that run, and wait_for_app alone would measure the page before)
        teacher.locator(".st-key-room_ask_lesson button").first.wait_for()
        wait_for_app(teacher)
        assert cut_or_wide(teacher) == []
        ask_answer_and_reveal(teacher, student, "room_ask_lesson", 2, "room_student_answer_2_3")
        teacher.get_by_text("Измерено с зерна 1").first.wait_for()
        student.get_by_text("Измерено с зерна 1").first.wait_for()
        wait_for_app(student)
        wait_for_app(teacher)
        assert cut_or_wide(student) == []
        assert cut_or_wide(teacher) == []
        student.locator("img.answers-histogram").scroll_into_view_if_needed()
        student.screenshot(path=str(artifacts / "classroom_ru_student_phone_lesson.png"), full_page=True)
    finally:
        teacher_context.close()
        student_context.close()
