"""A class room on the Classroom page: the teacher starts it, students join, follow, answer and see the reveal.

Each AppTest is one browser tab (its own session); the store is SQLite in a
temporary folder (CLASSROOM_DATA_DIR), shared by the tabs as by server processes.
"""

from __future__ import annotations

import re

import numpy as np
from streamlit.testing.v1 import AppTest

from classroom_tabs import room_store_folder, tab, join, html_blocks, alt_text  # noqa: F401 (the fixture)
from conftest import url
from nn import NeuralNetwork
from ui.classroom import rooms
from ui.classroom.rooms import base
from ui.datasets import live_dataset
from ui.settings.network import LAB_SETTINGS


def start_class() -> tuple[AppTest, str, str]:
    teacher = tab()
    teacher.button(key="room_start").click().run()
    assert not teacher.exception
    return teacher, url(teacher)["room"], url(teacher)["teacher"]


def lab(at: AppTest):
    return at.session_state["lab"]


def store():
    return rooms.open_store()


def ask(teacher: AppTest, sample: int, stage: int) -> None:
    teacher.number_input(key="room_sample").set_value(sample)
    teacher.selectbox(key="room_stage").set_value(stage)
    teacher.button(key="room_ask").click().run()
    assert not teacher.exception


def answer_buttons(student: AppTest) -> list:
    return [button for button in student.button if re.match(r"room_student_answer_\d+_\d+$", button.key or "")]


def test_starting_a_class_shows_its_code_a_student_link_with_its_qr_code_and_a_teacher_link():
    teacher, code, key = start_class()
    assert len(code) == base.CODE_LENGTH and set(code) <= set(base.CODE_ALPHABET)
    assert len(key) >= 22
    blocks = html_blocks(teacher)
    assert any(f">{code}</div>" in block for block in blocks)
    qr = [block for block in blocks if block.startswith("<img") and "data:image/svg+xml" in block]
    assert qr and f'alt="QR code of the student link for class {code}"' in qr[0]
    links = [block.value for block in teacher.code]
    assert f"/Classroom?room={code}" in links  # the student's link: no key
    assert any(f"room={code}&teacher={key}" in link for link in links)
    assert store().is_teacher(code, key)


def test_a_student_joins_and_the_pushed_network_equals_the_teachers_weight_for_weight():
    teacher, code, _ = start_class()
    student = join(code, name="Ann")
    assert store().view(code).students == 1
    own = lab(student)
    teacher.selectbox(key="room_dataset").set_value("XOR")
    teacher.number_input(key="room_hidden_nodes").set_value(4)
    teacher.number_input(key="room_seed").set_value(42)
    teacher.toggle(key="room_bias").set_value(True)
    teacher.run()
    teacher.button(key="room_push").click().run()
    assert not teacher.exception
    student.run()
    assert not student.exception
    values = store().view(code).settings["values"]
    assert (values["dataset"], values["hidden_nodes"], values["seed"], values["bias"]) == ("XOR", 4, 42, True)
    network = lab(student).network
    assert lab(student) is not own
    # The teacher's network, built here independently from the same settings: the same weights.
    xor = live_dataset("XOR")
    expected = NeuralNetwork(xor.input_nodes, 4, xor.output_nodes, values["learning_rate"], init=values["init"],
                             bias=True, rule=values["rule"], seed=42)
    np.testing.assert_array_equal(network.wih, expected.wih)
    np.testing.assert_array_equal(network.who, expected.who)
    late = join(code, name="Late")  # a late joiner gets the same network
    np.testing.assert_array_equal(lab(late).network.wih, expected.wih)


def test_ask_answer_and_reveal_count_each_answer_and_the_true_answer_is_what_trace_says():
    teacher, code, key = start_class()
    students = [join(code, name=name) for name in ("Ann", "Bob", "Cy")]
    ask(teacher, sample=2, stage=2)
    question = store().view(code).question
    assert question["question"]["kind"] == "largest_node"
    choices = [tuple(choice) for choice in question["question"]["choices"]]
    for student in students:
        student.run()
        assert not student.exception
        assert any(sub.value.startswith("Question 1: Which hidden node") for sub in student.subheader)
        assert len(answer_buttons(student)) == len(choices)
    picks = [0, 1, 1]
    for student, pick in zip(students, picks):
        student.button(key=f"room_student_answer_1_{pick}").click().run()
        assert not student.exception
    teacher.run()
    assert any("3 of 3 answered" in block for block in html_blocks(teacher))
    teacher.button(key="room_reveal").click().run()
    assert not teacher.exception

    # The truth, from the network's own trace, computed here without the page's code.
    values = LAB_SETTINGS.check_all(question["settings"])[0]
    data = live_dataset(values["dataset"])
    network = NeuralNetwork(data.input_nodes, values["hidden_nodes"], data.output_nodes, values["learning_rate"],
                            init=values["init"], bias=values["bias"], rule=values["rule"], seed=values["seed"])
    trace = network.trace(data.inputs[1], data.targets[1])
    true_index = int(np.argmax([trace.hidden_inputs[j] for (j,) in choices]))
    true_label = f"hidden {choices[true_index][0] + 1}"
    assert any(f"The true answer: <b>{true_label}</b>" in block for block in html_blocks(teacher))
    expected_counts = [picks.count(n) for n in range(len(choices))]
    summary = alt_text(teacher, "answers-histogram")
    assert summary == ", ".join(f"hidden {j + 1}: {count}" for ((j,), count) in zip(choices, expected_counts)) + \
        f"; the true answer is {true_label}"
    assert f"{trace.hidden_inputs[choices[true_index][0]]:.4g}" in " ".join(m.value for m in teacher.markdown)

    for student, pick in zip(students, picks):
        student.run()
        assert not student.exception
        assert alt_text(student, "answers-histogram").endswith(f"; your answer is hidden {choices[pick][0] + 1}")
        verdicts = [s.value for s in student.success] + [w.value for w in student.warning]
        assert len(verdicts) == 1 and (("right" in verdicts[0]) == (pick == true_index))
    assert store().tally(code, 1) == {str(n): c for n, c in enumerate(expected_counts) if c}


def test_a_student_link_with_a_students_key_as_teacher_key_gets_no_teacher_controls():
    teacher, code, key = start_class()
    student = join(code, name="Mallory")
    student_key = student.session_state["classroom_room"].key
    impostor = tab(room=code, teacher=student_key)
    assert [error.value for error in impostor.error] == ["Only the teacher's link may do that."]
    for control in ("room_push", "room_ask", "room_reveal", "room_close"):
        assert control not in [button.key for button in impostor.button]
    assert not any(key in block.value for block in impostor.code)
    assert not any(key in block for block in html_blocks(student))


def test_an_unknown_code_and_a_name_too_long_get_clear_messages_and_no_room():
    student = tab(room="ACDEFG")
    student.button(key="room_student_page_join").click().run()
    assert [error.value for error in student.error] == [
        "There is no class with the code ACDEFG: check it with your teacher (a class ends after 6 hours "
        "without activity)."]
    teacher, code, _ = start_class()
    student = tab(room=code)
    student.text_input(key="room_student_page_name").set_value("n" * (base.MAX_NAME_LENGTH + 5))
    student.button(key="room_student_page_join").click().run()
    assert [error.value for error in student.error] == [
        f"Your name is {base.MAX_NAME_LENGTH + 5} characters long; use at most {base.MAX_NAME_LENGTH}."]
    assert "classroom_room" not in student.session_state


def test_a_display_name_is_shown_as_plain_text():
    teacher, code, _ = start_class()
    hostile = "**bold** [x](http://evil.example) <b>"
    student = join(code, name=hostile)
    assert [text.value for text in student.text] == [f"You are in class {code} as {hostile}."]
    assert not any(hostile in markdown.value for markdown in student.markdown)


def test_leaving_the_class_gives_the_student_their_own_network_back():
    teacher, code, _ = start_class()
    student = tab(room=code)
    own = lab(student)
    own.run.train(25)
    own_wih = own.network.wih.copy()
    student.button(key="room_student_page_join").click().run()
    assert lab(student) is not own
    student.button(key="room_student_leave").click().run()
    assert not student.exception
    assert lab(student) is own and lab(student).run.samples_seen == 25
    np.testing.assert_array_equal(lab(student).network.wih, own_wih)
    assert "room" not in url(student)
    assert store().view(code).students == 0


def test_students_post_race_runs_and_the_projector_ranks_them():
    teacher, code, _ = start_class()
    for name, rate in (("Ann", 0.3), ("Bob", 0.01)):
        student = join(code, name=name)
        student.select_slider(key="room_student_race_rate").set_value(rate)
        student.button(key="room_student_race_post").click().run()
        assert not student.exception and student.success
    teacher.run()
    table = teacher.dataframe[0].value
    assert list(table["name"]) == ["Ann", "Bob"]  # 0.3 learns the 3-3-3 example faster than 0.01
    runs = {run.name: run for run in store().runs(code)}
    assert list(table["error at the end"]) == [round(runs["Ann"].curve[-1], 4), round(runs["Bob"].curve[-1], 4)]
    assert runs["Ann"].curve[-1] < runs["Bob"].curve[-1]
    assert alt_text(teacher, "race-curves").endswith("posted runs over 3000 samples: lr 0.3, lr 0.01")


def test_the_projector_view_shows_the_class_alone_in_presenter_mode():
    teacher, code, key = start_class()
    projector = tab(room=code, teacher=key, presenter="1")
    assert not projector.error
    assert any(f">{code}</div>" in block for block in html_blocks(projector))
    headers = [header.value for header in projector.header]
    assert "Ready lessons" not in headers
    assert "room_ask" not in [button.key for button in projector.button]


def test_every_widget_of_the_class_room_has_help_text():
    teacher, code, _ = start_class()
    student = join(code, name="A")
    teacher.button(key="room_ask").click().run()
    student.run()
    for at in (teacher, student):
        widgets = [*at.button, *at.get("link_button"), *at.text_input, *at.number_input, *at.selectbox,
                   *at.select_slider, *at.toggle, *at.multiselect]
        assert [widget.label for widget in widgets if not widget.help] == []


def test_a_student_in_a_class_is_not_shown_the_lessons_notes_for_the_teacher_which_answer_its_questions():
    """The notes say what happens ("moved to 0.3 it falls below 0.02 within 1,000 more"): on a student's page
    they were one click below the lesson question they answer. The teacher's page and a visitor's keep them."""
    from ui.classroom.lessons import NOTES_HEADING

    teacher, code, _ = start_class()
    student = join(code, name="Ann")
    headings = lambda at: [expander.label for expander in at.expander]  # noqa: E731
    assert NOTES_HEADING not in headings(student)
    assert not [header for header in student.header if header.value == "Ready lessons"]
    assert NOTES_HEADING in headings(teacher) and NOTES_HEADING in headings(tab())
    student.button(key="room_student_leave").click().run()
    assert NOTES_HEADING in headings(student), "a student who left sees the page as any visitor"
