"""A class room against a real `streamlit run`: students learn of the teacher's changes by server push.

The students are benchmarks/streamlit_protocol.py's simulated tabs. They send no timer request
of their own (their timers are stopped; the tests check the one timer the page declares: the
slow safety poll), so every run they see after joining was pushed by the server. The teacher
acts through the store from the test's own process, as a teacher on another replica does.
Every wait is for an event, with a generous limit; the counts of runs are exact.
"""

from __future__ import annotations

import asyncio

import pytest

from benchmarks.streamlit_protocol import Learner
from conftest import start_streamlit
from double_delivery import run, stop
from ui.classroom import rooms
from ui.classroom.following import SAFETY_SECONDS
from ui.classroom.room_questions import make_question, true_answer
from ui.classroom.room_session import room_settings
from ui.i18n import _, speaking
from ui.settings.network import LAB_SETTINGS

#: Only a guard against a hung server: a loaded 2-core machine may take long over each step.
PATIENCE_SECONDS = 240
#: How long the class sits quiet between the teacher's actions: no run may happen meanwhile.
QUIET_SECONDS = 3.0
VALUES = LAB_SETTINGS.defaults()


@pytest.fixture(scope="module")
def class_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rooms")
    process, url = start_streamlit("dashboard.py", env={rooms.DATA_DIR_VARIABLE: str(folder)})
    yield url, folder
    stop(process)


@pytest.fixture
def store(class_server):
    from ui.classroom.rooms.sqlite_store import SQLiteRoomStore

    made = SQLiteRoomStore(class_server[1])  # the teacher's process, beside the server's
    yield made
    made.close()


async def join(url: str, code: str, query: str = "") -> Learner:
    student = Learner(url, "Classroom", f"room={code}{query}", keep_text=True)
    await student.open(PATIENCE_SECONDS)
    student.stop_timers()
    await student.press("room_student_page_join", PATIENCE_SECONDS)
    return student


def runs(student: Learner) -> tuple[int, int]:
    """(full runs, fragment runs) so far. A fragment run that ends in st.rerun() may or may not have
    sent its container's delta before the page's run cleared the queue, so the client counts it as
    an update or as stopped early, as the timing fell: here both are one fragment run."""
    return student.record.full_runs, len(student.record.updates) + student.record.interrupted


async def everyone(students, condition, what: str) -> None:
    for student in students:
        assert await student.wait_until(lambda: condition(student), PATIENCE_SECONDS), what


def russian(message: str, **figures) -> str:
    with speaking("ru"):
        return _(message).format(**figures)


def test_students_in_a_room_rerun_only_when_the_teacher_asks_or_reveals_and_then_each_once(class_server, store):
    url, _folder = class_server
    code, key = store.create_room(room_settings(VALUES))

    async def scenario():
        students = [await join(url, code, "&lang=ru") for _ in range(3)]
        declared = [dict(student.intervals) for student in students]
        joined = [runs(student) for student in students]
        await asyncio.sleep(QUIET_SECONDS)
        quiet = [runs(student) for student in students]

        question = make_question(VALUES, 1, 2)
        question_id = store.ask(code, key, question)
        await everyone(students, lambda s: f"room_student_answer_{question_id}_0" in s.widget_ids,
                       "every student's page shows the question's answer buttons")
        await asyncio.sleep(QUIET_SECONDS)
        store.reveal(code, key, question_id, true_answer(question))
        await everyone(students, lambda s: any('class="room-true-answer"' in body for body in s.html),
                       "every student's page shows the reveal")
        await asyncio.sleep(QUIET_SECONDS)
        headings = [[body for body in student.markdown if body.startswith(russian("Question {number}: {question}",
                                                                                    number=question_id, question=""))]
                    for student in students]
        counts = [runs(student) for student in students]
        for student in students:
            await student.close()
        return declared, joined, quiet, headings, counts, [student.record.problems() for student in students]

    declared, joined, quiet, headings, counts, problems = run(scenario())
    for intervals in declared:  # one timer on the page: the room fragment's slow safety poll
        assert list(intervals.values()) == [SAFETY_SECONDS]
    assert quiet == joined, "no run while nothing changed"
    for (full, fragment), (full_after, fragment_after) in zip(joined, counts):
        # Each change: one pushed run of the room fragment, which reruns the page once.
        assert (full_after - full, fragment_after - fragment) == (2, 2)
    assert all(headings), "the pushed page kept the address's language (lang=ru)"
    assert problems == [[]] * 3


def test_a_pushed_rerun_keeps_the_values_of_the_students_widgets(class_server, store):
    url, _folder = class_server
    code, key = store.create_room(room_settings(VALUES))

    async def scenario():
        student = await join(url, code)
        def built_links(start: int) -> list[str]:  # the lesson-link builder's, which carries presenter=1 when asked
            return [text for text in student.code[start:] if "presenter=1" in text]

        at_join = built_links(0)
        seen = len(student.code)
        await student.change("classroom_presenter", True)  # the lesson-link builder's toggle
        after_toggle, seen, full_runs = built_links(seen), len(student.code), student.record.full_runs
        question_id = store.ask(code, key, make_question(VALUES, 1, 2))
        await student.wait_until(lambda: student.record.full_runs > full_runs, PATIENCE_SECONDS)
        assert f"room_student_answer_{question_id}_0" in student.widget_ids
        after_push = built_links(seen)
        await student.close()
        return at_join, after_toggle, after_push, student.record.problems()

    at_join, after_toggle, after_push, problems = run(scenario())
    assert not at_join and after_toggle, "the toggle put presenter=1 into the built link"
    assert after_push, "the page the push reran still had the toggle on"
    assert problems == []


def test_a_student_on_another_page_reads_in_the_sidebar_that_the_teacher_asked(class_server, store):
    url, _folder = class_server
    code, key = store.create_room(room_settings(VALUES))

    async def scenario():
        student = await join(url, code)
        await student.go("Watch_it_learn", "seed=3")
        declared = dict(student.intervals)
        before, texts_before = runs(student), len(student.text)
        question_id = store.ask(code, key, make_question(VALUES, 1, 2))
        told = f"The teacher asked question {question_id}: answer it on the class's page."
        await student.wait_until(lambda: told in student.text[texts_before:], PATIENCE_SECONDS)
        await asyncio.sleep(QUIET_SECONDS)
        after = runs(student)
        await student.close()
        return declared, before, after, student.text[texts_before:], student.record.problems()

    declared, before, after, texts, problems = run(scenario())
    assert list(declared.values()) == [SAFETY_SECONDS], "the sidebar's notice is the page's one timer"
    assert "The teacher asked question 1: answer it on the class's page." in texts
    full, fragment = before
    assert after == (full, fragment + 1), "one pushed run of the notice, and the live page left as it was"
    assert problems == []
