"""A class room asked a ready lesson's question: the teacher asks it, the class gets the lesson's network,
students answer, the teacher reveals, and the true answer is what nn.comparison says of two runs trained
here; in English and in Russian.

Each AppTest is one browser tab (its own session); the store is SQLite in a temporary folder.
"""

from __future__ import annotations

import collections
import re

import numpy as np
import pytest

from classroom_tabs import room_store_folder, tab, run, join, html_blocks, alt_text, ask_a_lesson  # noqa: F401 (the fixture)
from conftest import url
from nn import NeuralNetwork, comparison
from nn.training import TrainingRun
from ui.classroom import lesson_questions, rooms
from ui.classroom.lessons import LESSONS, LESSONS_BY_SLUG, READY_QUESTION_HEADING
from ui.classroom.shown_question import lesson_prompt
from ui.datasets import live_dataset
from ui.heavy_jobs import SLOTS
from ui.i18n import _, numbers, speaking
from ui.live.predict import OUTCOME_WORDS
from ui.live.written import significant

LESSON = LESSONS_BY_SLUG["learning-rate"]


def network_of(values: dict) -> NeuralNetwork:
    data = live_dataset(values["dataset"])
    return NeuralNetwork(data.input_nodes, values["hidden_nodes"], data.output_nodes, values["learning_rate"],
                         init=values["init"], bias=values["bias"], rule=values["rule"], seed=values["seed"])


def measured_here(lesson) -> comparison.RunComparison:
    """The lesson's network and the changed one trained here from the same seed, compared as the live chart reads them."""
    runs = []
    for values in (lesson.values, {**lesson.values, **lesson.question.change}):
        data = live_dataset(values["dataset"])
        run = TrainingRun(network_of(values), data.inputs, data.targets)
        run.train(lesson.question.samples)
        runs.append(run)
    before, after = runs
    return comparison.compare_runs(before.errors, after.errors, lesson.question.samples, 20,
                                   before_diverged=before.diverged is not None,
                                   after_diverged=after.diverged is not None)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_lesson_question_asked_answered_and_revealed_counts_each_answer_and_its_truth_is_nns(lang, monkeypatch):
    monkeypatch.setattr(lesson_questions, "_MEASURED", collections.OrderedDict())  # nothing measured before
    teacher = tab(lang=lang)
    teacher.button(key="room_start").click()
    run(teacher)
    code = url(teacher)["room"]
    students = [join(code, lang) for _student in range(3)]

    ask_a_lesson(teacher, LESSON.slug)
    view = rooms.open_store().view(code)
    assert view.settings["values"] == LESSON.values  # the class's network is the lesson's
    assert view.question["kind"] == "lesson" and view.question["change"] == {"learning_rate": 0.3}
    # "Everyone to this network" shows the lesson's network now
    assert teacher.session_state["room_learning_rate"] == LESSON.values["learning_rate"]
    assert teacher.multiselect(key="room_hide").value == list(LESSON.hide)
    with speaking(lang):
        labels = [_(OUTCOME_WORDS[outcome]) for outcome in comparison.OUTCOMES]
        asked = _("Question {number}: {question}").format(number=1, question="")
        counted = _("{answered} of {students} answered")
    assert teacher.subheader[0].value.startswith(asked)
    with speaking(lang):
        old_rate = numbers.general(LESSON.values["learning_rate"])  # 0.01, or 0,01 in Russian
    assert old_rate in teacher.subheader[0].value

    expected_network = network_of(LESSON.values)
    picks = [0, 1, 1]
    for student, pick in zip(students, picks):
        run(student)
        np.testing.assert_array_equal(student.session_state["lab"].network.wih, expected_network.wih)
        np.testing.assert_array_equal(student.session_state["lab"].network.who, expected_network.who)
        assert student.subheader[0].value == teacher.subheader[0].value  # the same question, same language
        buttons = [b for b in student.button if re.match(r"room_student_answer_1_\d$", b.key or "")]
        assert [b.label for b in buttons] == labels
        student.button(key=f"room_student_answer_1_{pick}").click()
        run(student)
    run(teacher)
    assert any(counted.format(answered="3", students="3") in block for block in html_blocks(teacher))

    teacher.button(key="room_reveal").click()
    run(teacher)
    truth = measured_here(LESSON)
    true_index = comparison.OUTCOMES.index(truth.outcome)
    with speaking(lang):
        true_answer = _("The true answer: {answer}").format(answer=f"<b>{labels[true_index]}</b>")
        verdict_right = _("Right: you said {given}, and you are right: the answer is {correct}.")
        integer = numbers.integer
        before, after = significant(truth.mean_before, 4), significant(truth.mean_after, 4)
    assert any(true_answer in block for block in html_blocks(teacher))
    counts = [picks.count(n) for n in range(len(labels))]
    assert alt_text(teacher, "answers-histogram").startswith(
        ", ".join(f"{label}: {integer(count)}" for label, count in zip(labels, counts)) + "; ")
    said = " ".join(block.value for block in teacher.markdown)
    assert before in said and after in said  # the two running means, as measured here
    assert rooms.open_store().tally(code, 1) == {str(n): c for n, c in enumerate(counts) if c}

    def no_training(values):
        raise AssertionError("a student's page trained")

    monkeypatch.setattr(lesson_questions, "build_lab", no_training)  # the answer is computed once, by the teacher
    for student, pick in zip(students, picks):
        run(student)
        assert alt_text(student, "answers-histogram").endswith(labels[pick])  # "; your answer is ..."
        verdicts = [s.value for s in student.success] + [w.value for w in student.warning]
        right = verdict_right.format(given=labels[pick], correct=labels[true_index])
        assert (verdicts == [right]) == (pick == true_index) and len(verdicts) == 1


def test_a_lesson_questions_reveal_waits_for_a_heavy_job_slot_and_says_so(monkeypatch):
    monkeypatch.setattr(lesson_questions, "_MEASURED", collections.OrderedDict())  # its answer needs training
    teacher = tab()
    teacher.button(key="room_start").click()
    run(teacher)
    code = url(teacher)["room"]
    teacher.radio(key="room_ask_kind").set_value("lesson")
    run(teacher)
    teacher.button(key="room_ask_lesson").click()
    run(teacher)
    taken = [f"another-job-{n}" for n in range(SLOTS.size)]
    try:
        assert all(SLOTS.claim(holder, lease=None) for holder in taken)  # every slot busy with other work
        teacher.button(key="room_reveal").click()
        run(teacher)
        busy = [f"The server is busy with another large job (it runs {SLOTS.size} at a time, so that every "
                "learner's page stays quick), so the two networks were not trained yet. Press Reveal again in a "
                "minute."]
        assert [error.value for error in teacher.error] == busy
        assert not rooms.open_store().view(code).revealed
        run(teacher)  # the next poll of the room (a run with no press) still says it
        assert [error.value for error in teacher.error] == busy
    finally:
        for holder in taken:
            SLOTS.release(holder)
    teacher.button(key="room_reveal").click()
    run(teacher)
    assert rooms.open_store().view(code).revealed and not teacher.error


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_ready_lessons_card_names_the_question_a_class_room_can_be_asked(lang):
    page = tab(lang=lang)
    said = [block.value for block in page.markdown]
    with speaking(lang):
        heading = _(READY_QUESTION_HEADING)
        prompts = [lesson_prompt(lesson_questions.lesson_asked(lesson)) for lesson in LESSONS]
    for prompt in prompts:
        assert f"**{heading}** {prompt}" in said
