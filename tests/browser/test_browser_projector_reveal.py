"""The reveal fits a 1280 x 720 projector: the question, the count, every option's bar, the true answer, the
words saying what the colours mean and the sentence of why, on one screen with no scrolling, in English and
in Russian; the true answer and the bars are the biggest things on it.

The projector is the teacher's link in presenter mode (``presenter=1``, large type), as "Open the projector
view" opens it. The questions are the largest a class room asks: every question offers at most
``nn.questions.MAX_CHOICES`` (4) options, and of those the longest words are a ready lesson's question (the
longest prompt, and options like "fail (diverge or stall)") and a question about MNIST's weights (option
names like "wih[196,755] (hidden 196 ← pixel (27,27))", and the longest sentences of why).
Students join and answer through the room store (this test is about the projector's screen); the teacher
presses Reveal on the projector, which is on screen too. Screenshots: test-artifacts/projector_question_*.png
(before the reveal) and projector_reveal_<question>_<language>.png.
"""

from __future__ import annotations

import os
from unittest import mock

import pytest

from conftest import press, start_streamlit, stop_streamlit, wait_for_layout_still, wait_for_picture
from nn.questions import MAX_CHOICES
from ui.classroom import lesson_questions, room_questions, rooms
from ui.classroom.lessons import LESSONS
from ui.classroom.room_session import room_settings
from ui.classroom.shown_question import lesson_prompt, shown
from ui.datasets import MNIST
from ui.i18n import speaking
from ui.settings.network import LAB_SETTINGS

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1280, "height": 720}
#: MNIST with 200 hidden nodes and a bias node, sample 3, stage 9: "which of these weights will change the
#: most?" over four weights of wih, named with the most letters a room question's option has (44 in Russian:
#: three-digit row and column, a pixel with two-digit row and column).
WEIGHTS_QUESTION = ({**LAB_SETTINGS.defaults(), "dataset": MNIST, "hidden_nodes": 200, "bias": True}, 3, 9)
#: How many students answer each option (every option answered, so every bar has a length).
ANSWERS = (2, 3, 1, 4)


@pytest.fixture(scope="module")
def class_rooms(tmp_path_factory):
    """`streamlit run` with its rooms in a temporary folder, and this process's own handle on those rooms."""
    folder = tmp_path_factory.mktemp("rooms")
    process, url = start_streamlit(env={rooms.DATA_DIR_VARIABLE: str(folder)})
    with mock.patch.dict(os.environ, {rooms.DATA_DIR_VARIABLE: str(folder)}):
        store = rooms.open_store()  # the store the server opens, from the same environment
    yield url, store
    stop_streamlit(process)


def longest_lesson(language: str):
    with speaking(language):
        return max(LESSONS, key=lambda lesson: len(lesson_prompt(lesson_questions.lesson_asked(lesson))))


def class_with_a_question(store, which: str, language: str) -> tuple[str, str]:
    """A room asked the largest question of its kind, every option answered: (code, teacher key)."""
    if which == "lesson":
        lesson = longest_lesson(language)
        settings, question = room_settings(lesson.values, lesson.hide, lesson.lock), \
            lesson_questions.make_question(lesson)
    else:
        values, sample, stage = WEIGHTS_QUESTION
        settings, question = room_settings(values), room_questions.make_question(values, sample, stage)
        assert question["question"]["kind"] == "largest_change"
    with speaking(language):
        assert len(shown(question).labels) == MAX_CHOICES  # the most options a question has
    code, key = store.create_room(settings)
    question_id = store.ask(code, key, question)
    for option, count in enumerate(ANSWERS):
        for _ in range(count):
            store.answer(code, store.join(code), question_id, str(option))
    return code, key


#: The boxes of what the reveal shows, in the window's pixels: the question, the count, the true answer's
#: line, the histogram, the words saying what its colours mean, the sentence of why under them, and the
#: histogram's last bar (a rect inside the picture, found in the picture's own SVG and scaled as drawn).
REVEAL_BOXES = """() => {
  const box = element => { if (!element) return null; const b = element.getBoundingClientRect();
                           return {top: b.top, bottom: b.bottom, left: b.left, right: b.right, height: b.height,
                                   font: parseFloat(getComputedStyle(element).fontSize)}; };
  const main = document.querySelector('[data-testid="stMain"]');
  const question = [...main.querySelectorAll('h3, .room-question')]
      .find(element => /^(Question|Вопрос) 1:/.test(element.innerText));
  const picture = main.querySelector('img.answers-histogram');
  const bytes = Uint8Array.from(atob(picture.src.split(',')[1]), c => c.charCodeAt(0));
  const svg = new DOMParser().parseFromString(new TextDecoder().decode(bytes), 'image/svg+xml').documentElement;
  const scale = picture.getBoundingClientRect().width / parseFloat(svg.getAttribute('width'));
  const bars = [...svg.querySelectorAll('rect')];
  const last = bars[bars.length - 1], drawn = picture.getBoundingClientRect();
  const top = drawn.top + parseFloat(last.getAttribute('y')) * scale;
  const legend = [...main.querySelectorAll('.room-bars-legend, [data-testid="stCaptionContainer"]')]
      .find(element => element.getClientRects().length && /(Bars|столбики)/i.test(element.innerText));
  const why = legend && legend.closest('[data-testid="stElementContainer"]').nextElementSibling;
  return {question: box(question), count: box(main.querySelector('.room-count')),
          answer: box(main.querySelector('.room-true-answer')), picture: box(picture), bars: bars.length,
          legend: box(legend), why: box(why),
          last_bar: {top: top, bottom: top + parseFloat(last.getAttribute('height')) * scale,
                     left: drawn.left + parseFloat(last.getAttribute('x')) * scale}};
}"""


def drawn_box(locator) -> dict:
    found = locator.bounding_box()
    return {"top": found["y"], "bottom": found["y"] + found["height"]}


def on_screen(found: dict | None) -> bool:
    return found is not None and found["top"] >= 0 and found["bottom"] <= PROJECTOR["height"]


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("which", ["lesson", "weights"])
def test_after_reveal_every_bar_and_the_true_answer_fit_a_1280_by_720_projector(
        class_rooms, browser, artifacts, which, language):
    url, store = class_rooms
    code, key = class_with_a_question(store, which, language)
    context = browser.new_context(viewport=PROJECTOR)
    try:
        projector = context.new_page()
        projector.goto(f"{url}/Classroom?room={code}&teacher={key}&presenter=1&lang={language}")
        wait_for_layout_still(projector)
        projector.screenshot(path=str(artifacts / f"projector_question_{which}_{language}.png"))
        assert on_screen(drawn_box(projector.locator(".st-key-room_reveal button:visible").first))  # no scrolling
        press(projector, "room_reveal")
        projector.locator("img.answers-histogram").wait_for()
        projector.mouse.move(5, 5)  # no tooltip left from Reveal
        wait_for_picture(projector)
        projector.screenshot(path=str(artifacts / f"projector_reveal_{which}_{language}.png"))
        found = projector.evaluate(REVEAL_BOXES)
        print(which, language, found)  # the measurements, in the report of a failure
        assert found["bars"] == MAX_CHOICES
        assert on_screen(found["last_bar"]), found
        for part in ("question", "count", "answer", "picture", "legend", "why"):
            assert on_screen(found[part]), (part, found)
        # the bars and the true answer are the biggest: the picture the largest part, the answer's line in
        # type at least as large as the question's
        assert found["picture"]["height"] > max(found[part]["height"] for part in ("question", "count", "answer"))
        assert found["answer"]["font"] >= found["question"]["font"], found
        assert projector.locator('[data-testid="stException"]').count() == 0
    finally:
        context.close()
