"""A class room in a real browser: one teacher, a projector tab and three students, each its own context.

The teacher starts a class, the students join with the code's link and answer a
question three different ways, the projector counts three answers and, after the
reveal, draws the histogram beside the true answer. Screenshots go to test-artifacts/
(classroom_*.png); the projector's after the reveal is the one in docs/classroom.md.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout, expect

from conftest import FullRuns, press, start_streamlit, stop_streamlit, wait_for_app, wait_for_picture
from ui.classroom import rooms
from ui.question_words import QUESTIONS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def class_server(tmp_path_factory):
    """`streamlit run` with the rooms in a temporary folder."""
    folder = tmp_path_factory.mktemp("rooms")
    process, url = start_streamlit(env={rooms.DATA_DIR_VARIABLE: str(folder)})
    yield url, folder
    stop_streamlit(process)


#: Each tab's full script runs, watched from before it opens its page (:class:`conftest.FullRuns`).
FULL_RUNS: dict = {}


def new_tab(browser, viewport=(1400, 1000)):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    FULL_RUNS[tab] = FullRuns(tab)
    return context, tab


def start_class(tab, url: str) -> tuple[str, str]:
    tab.goto(f"{url}/Classroom")
    wait_for_app(tab)
    tab.get_by_role("button", name="Start a class").wait_for()
    press(tab, "room_start")
    tab.locator(".room-code").wait_for()
    wait_for_app(tab)
    code = tab.locator(".room-code").inner_text().strip()
    key = re.search(r"teacher=([A-Za-z0-9_-]+)", tab.url).group(1)
    return code, key


def join(tab, url: str, code: str, name: str) -> None:
    tab.goto(f"{url}/Classroom?room={code}")
    wait_for_app(tab)
    expect(tab.locator(".st-key-room_student_page_code input")).to_have_value(code, timeout=60_000)
    tab.locator(".st-key-room_student_page_name input").fill(name)
    tab.locator(".st-key-room_student_page_name input").press("Tab")
    press(tab, "room_student_page_join")
    tab.get_by_text(f"You are in class {code} as {name}.").wait_for()


def ask(tab, sample: int, stage_title: str) -> None:
    sample_box = tab.locator(".st-key-room_sample input")
    sample_box.fill(str(sample))
    # The number entered reaches the server by a full run of its own, which draws nothing new (the box
    # already shows it), so wait_for_app alone can return before that run begins; a run landing while the
    # stage's list opens closes the list again. The stage's list is opened once that run is over.
    with FULL_RUNS[tab].awaited():
        sample_box.press("Enter")
    stage_box = tab.locator(".st-key-room_stage input[role=combobox]")
    option = tab.get_by_role("option", name=stage_title)
    # A run landing as the list opens closes it again, and not only the one awaited above: on a clean CI
    # machine the list stayed shut for 60 s with it awaited (the teacher's page also polls its room).
    for _ in range(5):
        stage_box.click()
        try:
            option.wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            tab.keyboard.press("Escape")
            wait_for_app(tab)
    with FULL_RUNS[tab].awaited():  # the stage chosen: a run of its own too, drawing nothing new
        option.click()
    expect(stage_box).to_have_value(stage_title, timeout=60_000)
    press(tab, "room_ask")
    wait_for_app(tab)


def test_a_teacher_asks_three_students_answer_differently_and_the_projector_shows_the_histogram(
        class_server, browser, artifacts):
    url, _ = class_server
    contexts = []
    try:
        teacher_context, teacher = new_tab(browser)
        contexts.append(teacher_context)
        code, key = start_class(teacher, url)
        teacher.screenshot(path=str(artifacts / "classroom_teacher_started.png"), full_page=False)

        projector_context, projector = new_tab(browser, (1600, 1000))
        contexts.append(projector_context)
        projector.goto(f"{url}/Classroom?room={code}&teacher={key}&presenter=1")
        wait_for_app(projector)
        assert projector.locator(".room-code").inner_text().strip() == code
        expect(projector.locator(f'img[alt="QR code of the student link for class {code}"]')).to_be_visible()

        students = []
        for name in ("Ann", "Bob", "Cy"):
            context, tab = new_tab(browser, (420, 900))  # a phone-sized screen
            contexts.append(context)
            join(tab, url, code, name)
            students.append(tab)
        projector.get_by_text("Students in the class: 3").wait_for()

        ask(teacher, sample=2, stage_title="7. hidden_errors (backpropagated)")
        for tab in students:  # each page follows the room by itself (its poll), no reload
            tab.get_by_text(f"Question 1: {QUESTIONS['most_blame']}").wait_for()
        for index, tab in enumerate(students):
            press(tab, f"room_student_answer_1_{index}")
            tab.get_by_text("Your answer:").wait_for()
        students[0].screenshot(path=str(artifacts / "classroom_student_answered.png"), full_page=True)

        projector.get_by_text("3 of 3 answered").wait_for()
        projector.screenshot(path=str(artifacts / "classroom_projector_counting.png"), full_page=False)
        press(projector, "room_reveal")
        projector.get_by_text("The true answer:").wait_for()
        summary = projector.locator("img.answers-histogram").first.get_attribute("alt")
        assert re.fullmatch(r"hidden 1: 1, hidden 2: 1, hidden 3: 1; the true answer is hidden [123]", summary)
        projector.mouse.move(5, 5)  # no tooltip left from Reveal
        wait_for_picture(projector)
        projector.screenshot(path=str(artifacts / "classroom_projector_reveal.png"), full_page=True)

        for tab in students:
            tab.get_by_text("The true answer:").wait_for()
            assert "; your answer is hidden" in tab.locator("img.answers-histogram").first.get_attribute("alt")
        students[1].screenshot(path=str(artifacts / "classroom_student_reveal.png"), full_page=True)

        # A ready lesson's question: the class gets the lesson's network, answers, and the reveal trains both.
        teacher.locator(".st-key-room_ask_kind").get_by_text("a lesson's question").click()
        wait_for_app(teacher)
        press(teacher, "room_ask_lesson")  # the first lesson: the learning rate
        for tab in students:
            tab.get_by_text("Question 2: With learning rate 0.3 instead of learning rate 0.01").wait_for()
        for index, tab in enumerate(students):
            press(tab, f"room_student_answer_2_{index}")
            tab.get_by_text("Your answer:").wait_for()  # the tab's patience, not expect's own 5 s
        projector.get_by_text("3 of 3 answered").wait_for()
        press(projector, "room_reveal")
        projector.get_by_text("Measured from seed 1 after 2,000 samples").wait_for()
        summary = projector.locator("img.answers-histogram").first.get_attribute("alt")
        assert re.fullmatch(r"faster: 1, slower: 1, about the same: 1, fail \(diverge or stall\): 0; "
                            r"the true answer is .+", summary)
        projector.mouse.move(5, 5)  # no tooltip left from Reveal
        wait_for_picture(projector)
        projector.screenshot(path=str(artifacts / "classroom_projector_lesson_reveal.png"), full_page=True)
        for tab in students:
            tab.get_by_text("Measured from seed 1 after 2,000 samples").wait_for()
        students[2].screenshot(path=str(artifacts / "classroom_student_lesson_reveal.png"), full_page=True)
        for tab in [teacher, projector, *students]:
            assert tab.locator('[data-testid="stException"]').count() == 0
    finally:
        for context in contexts:
            context.close()
