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
from contextlib import contextmanager
from unittest import mock

import pytest

from conftest import press, start_streamlit, stop_streamlit, wait_for_app, wait_for_layout_still, wait_for_picture
from nn.questions import MAX_CHOICES
from ui.classroom import lesson_questions, room_questions, rooms
from ui.classroom.teacher import EARLIER_NETWORK, REVEAL_BUSY
from ui.classroom.lessons import LESSONS
from ui.classroom.room_session import room_settings
from ui.classroom.shown_question import lesson_prompt, shown
from ui.datasets import MNIST
from ui.i18n import _, numbers, speaking
from ui.settings.network import LAB_SETTINGS

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1280, "height": 720}
#: MNIST with 200 hidden nodes and a bias node, sample 3, stage 9: "which of these weights will change the
#: most?" over four weights of wih, named with the most letters a room question's option has (44 in Russian:
#: three-digit row and column, a pixel with two-digit row and column).
WEIGHTS_QUESTION = ({**LAB_SETTINGS.defaults(), "dataset": MNIST, "hidden_nodes": 200, "bias": True}, 3, 9)
#: How many students answer each option (every option answered, so every bar has a length).
ANSWERS = (2, 3, 1, 4)


@contextmanager
def server_with_rooms(folder, env: dict | None = None):
    """`streamlit run` with its rooms in ``folder`` (and ``env``): (its address, this process's own handle on
    those rooms)."""
    process, url = start_streamlit(env={rooms.DATA_DIR_VARIABLE: str(folder), **(env or {})})
    try:
        with mock.patch.dict(os.environ, {rooms.DATA_DIR_VARIABLE: str(folder)}):
            store = rooms.open_store()  # the store the server opens, from the same environment
        yield url, store
    finally:
        stop_streamlit(process)


@pytest.fixture(scope="module")
def class_rooms(tmp_path_factory):
    with server_with_rooms(tmp_path_factory.mktemp("rooms")) as server:
        yield server


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


#: Every notice the page shows (Streamlit's boxes, and the class line's own), with its box in the window's pixels.
NOTICES = """() => [...document.querySelectorAll('[data-testid="stMain"] :is([data-testid="stAlert"], .room-notice)')]
  .filter(notice => notice.getClientRects().length)
  .map(notice => { const b = notice.getBoundingClientRect();
                   return {words: notice.innerText, top: b.top, bottom: b.bottom}; })"""


def shown_notice(projector, words: str) -> dict:
    """The notice on the projector that says ``words``, once the page has drawn it and stands still."""
    projector.get_by_text(words).first.wait_for()
    projector.mouse.move(5, 5)
    wait_for_picture(projector)
    found = [notice for notice in projector.evaluate(NOTICES) if words in notice["words"]]
    assert len(found) == 1, projector.evaluate(NOTICES)
    return found[0]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_revealed_question_on_the_classs_earlier_network_says_so_within_the_projectors_720_px(
        class_rooms, browser, artifacts, language):
    """The teacher sends a new network after the reveal: the projector says the figures are the earlier
    network's, on the screen beside the reveal (the tallest: the lesson's question), not under it."""
    url, store = class_rooms
    code, key = class_with_a_question(store, "lesson", language)
    context = browser.new_context(viewport=PROJECTOR)
    try:
        projector = context.new_page()
        projector.goto(f"{url}/Classroom?room={code}&teacher={key}&presenter=1&lang={language}")
        wait_for_layout_still(projector)
        press(projector, "room_reveal")
        projector.locator("img.answers-histogram").wait_for()
        store.push_settings(code, key, room_settings({**LAB_SETTINGS.defaults(), "hidden_nodes": 7}))
        with speaking(language):
            notice = shown_notice(projector, _(EARLIER_NETWORK))
        projector.screenshot(path=str(artifacts / f"projector_reveal_earlier_network_{language}.png"))
        found = projector.evaluate(REVEAL_BOXES)
        print(language, notice, found)
        assert on_screen(notice), notice
        for part in ("question", "count", "answer", "picture", "legend", "why"):
            assert on_screen(found[part]), (part, found)
        assert on_screen(found["last_bar"]), found
    finally:
        context.close()


#: An experiment that holds the server's one heavy-job slot (``HEAVY_JOB_SLOTS=1``) for the rest of the module:
#: four networks of 10 to 200 hidden nodes, 8 epochs of all 60,000 images each (about 100 s of one core on the
#: 2-core Xeon, under the workshop's 300 s limit on a machine twice as slow). The tests need a few seconds of it.
HOLDING_EXPERIMENT = "MNIST_workshop?tab=experiments&sweep_setting=hidden_nodes&sweep_train_count=60000&sweep_epochs=8"


@pytest.fixture(scope="module")
def busy_class_rooms(tmp_path_factory, browser):
    """A server of its own (no lesson measured in it yet, so revealing one has to train) whose one heavy-job
    slot another learner's experiment holds: (address, store). Stopping the server ends the experiment."""
    with server_with_rooms(tmp_path_factory.mktemp("busy-rooms"), env={"HEAVY_JOB_SLOTS": "1"}) as (url, store):
        learner = browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            workshop = learner.new_page()
            workshop.goto(f"{url}/{HOLDING_EXPERIMENT}")
            wait_for_app(workshop)
            press(workshop, "mnist_sweep_run")
            workshop.locator('[data-testid="stProgress"]').first.wait_for()  # drawn once the slot is held
            yield url, store
        finally:
            learner.close()


class FinishedRuns:
    """How many script runs (the page's, or a fragment's: the room's poll) a tab's server has finished, read
    from the tab's websocket. Made before the tab opens its page."""

    def __init__(self, page):
        self.count, self.socket = 0, None
        page.on("websocket", self._watch)

    def _watch(self, socket) -> None:
        if socket.url.endswith("/_stcore/stream"):
            self.socket = socket
            socket.on("framereceived", self._received)

    def _received(self, payload) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        message = ForwardMsg()
        message.ParseFromString(payload)
        self.count += message.WhichOneof("type") == "script_finished"

    def wait_for(self, count: int) -> None:
        while self.count < count:
            self.socket.wait_for_event("framereceived")


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_reveal_the_busy_server_refuses_says_so_on_the_projector_and_keeps_saying_it(
        busy_class_rooms, browser, artifacts, language):
    """Reveal of a lesson's question trains two networks; with every heavy-job slot taken the projector says
    the server is busy, under Reveal and within the 720 px, and still says it after the room's next polls
    (each draws the question again: a notice only the press's own run drew was gone within a second)."""
    url, store = busy_class_rooms
    code, key = class_with_a_question(store, "lesson", language)
    context = browser.new_context(viewport=PROJECTOR)
    try:
        projector = context.new_page()
        runs = FinishedRuns(projector)
        projector.goto(f"{url}/Classroom?room={code}&teacher={key}&presenter=1&lang={language}")
        wait_for_layout_still(projector)
        press(projector, "room_reveal")
        with speaking(language):
            busy = _(REVEAL_BUSY).format(slots=numbers.integer(1))
        projector.get_by_text(busy).first.wait_for()
        runs.wait_for(runs.count + 3)  # the press's run and two polls after it
        notice = shown_notice(projector, busy)
        projector.screenshot(path=str(artifacts / f"projector_reveal_busy_{language}.png"))
        print(language, notice)
        assert on_screen(notice), notice
        assert on_screen(drawn_box(projector.locator(".st-key-room_reveal button:visible").first))
        assert not store.view(code).revealed
    finally:
        context.close()
