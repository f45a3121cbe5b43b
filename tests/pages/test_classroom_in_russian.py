"""The Classroom page in Russian: the lessons, the teacher's and the student's side of a class room,
and a room where each learner reads the question in their own language.

Each AppTest is one browser tab; ``?lang=ru`` is how a lesson link (or the sidebar's switch) sets it.
The store is SQLite in a temporary folder, shared by the tabs as by server processes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from classroom_tabs import PAGE, room_store_folder, tab, run, join, html_blocks, alt_text, picture  # noqa: F401 (the fixture)
from conftest import url
from ui import question_words as words
from ui.classroom import rooms, room_questions
from ui.classroom.lessons import LESSONS, link, read_link
from ui.i18n import numbers, speaking
from ui.whole_numbers import WATCHER_SUFFIX

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def question_in(language: str, code: str) -> str:
    """The room's current question as ui.question_words words it in ``language`` (computed here, not by the page)."""
    asked = room_questions.read_question(rooms.open_store().view(code).question)
    with speaking(language):
        return words.question_text(asked.network, asked.trace, asked.question, labels=asked.labels)


def test_the_classroom_page_in_russian_shows_every_lesson_in_russian_with_a_link_that_keeps_russian():
    at = tab(lang="ru")
    assert at.title[0].value == "Класс"
    headers = [header.value for header in at.header]
    assert {"Урок со всем классом", "Готовые уроки", "Собрать ссылку на урок", "Сохранить или загрузить работу"} \
        <= set(headers)
    subheaders = [heading.value for heading in at.subheader]
    shown = [markdown.value for markdown in at.markdown] + [box.value for box in at.info]
    links = [block.value for block in at.code if "Watch_it_learn?" in block.value]
    for lesson in LESSONS:
        with speaking("ru"):
            words_ru, params = lesson.words, lesson.params()
        assert words_ru.title in subheaders
        assert words_ru.notes in shown and words_ru.task in shown
        assert any(text.startswith("**Цель:** " + words_ru.goal) for text in shown)
        assert link(params) in links and read_link(link(params)).language == "ru"
    assert all("lang=ru" in address for address in links)  # the link builder's too
    assert any(text.startswith("Сеть этого сеанса: 3-3-3 на наборе") and text.endswith("обучена на 0 образцах.")
               for text in shown)
    buttons = [button.label for button in at.button]
    assert "Начать урок" in buttons and "Войти в класс" in buttons


def test_the_teacher_and_the_student_see_the_class_room_in_russian():
    teacher = tab(lang="ru")
    teacher.button(key="room_start").click()
    run(teacher)
    assert not teacher.exception
    code = url(teacher)["room"]
    assert [header.value for header in teacher.header][0] == "Ваш класс"
    assert any("Код класса" in block for block in html_blocks(teacher))
    assert f'alt="QR-код ссылки для учеников класса {code}"' in " ".join(html_blocks(teacher))
    student = join(code, "ru", name="Аня")
    assert student.header[0].value == "Ваш класс"
    assert student.text[0].value == f"Вы в классе {code} под именем Аня."
    assert student.info[0].value == "Ждём вопроса учителя."

    teacher.number_input(key="room_sample").set_value(2)
    teacher.selectbox(key="room_stage").set_value(2)
    teacher.button(key="room_ask").click()
    run(teacher)
    assert not teacher.exception
    assert any("Ответили 0 из 1" in block for block in html_blocks(teacher))
    run(student)
    assert not student.exception
    assert student.subheader[0].value == "Вопрос 1: " + question_in("ru", code)
    student.button(key="room_student_answer_1_0").click()
    run(student)
    assert not student.exception
    run(teacher)
    assert any("Ответили 1 из 1" in block for block in html_blocks(teacher))
    teacher.button(key="room_reveal").click()
    run(teacher)
    assert not teacher.exception
    assert any("Верный ответ: <b>" in block for block in html_blocks(teacher))
    assert "верный ответ —" in alt_text(teacher, "answers-histogram")
    assert "✓ верный ответ" in picture(teacher, "answers-histogram")
    run(student)
    assert not student.exception
    assert "; ваш ответ — " in alt_text(student, "answers-histogram")
    assert any(caption.value.endswith("подписан «✓ верный ответ»; ваш подписан «← вы».") for caption in student.caption)

    student.select_slider(key="room_student_race_rate").set_value(0.3)
    student.button(key="room_student_race_post").click()
    run(student)
    assert not student.exception
    assert student.success[-1].value.startswith("Отправлено: скользящее среднее ошибки 0,")
    run(teacher)
    assert not teacher.exception
    table = teacher.dataframe[0].value
    assert list(table.columns) == ["место", "имя", "скорость обучения", "ошибка в конце"]
    assert list(table["скорость обучения"]) == ["0,3"] and list(table["имя"]) == ["Аня"]
    posted = rooms.open_store().runs(code)[0]
    with speaking("ru"):
        assert list(table["ошибка в конце"]) == [numbers.decimal(round(posted.curve[-1], 4), 4)]
    assert alt_text(teacher, "race-curves").endswith("за 3000 образцов: скорость 0,3")
    svg = picture(teacher, "race-curves")
    assert ">обучено образцов (от 0 до 3000)<" in svg and ">скользящее среднее ошибки<" in svg
    assert ">скорость 0,3<" in svg and "running" not in svg and "samples" not in svg


def test_two_learners_in_one_room_each_read_the_question_in_their_own_language():
    teacher = tab(lang="en")
    teacher.button(key="room_start").click()
    run(teacher)
    code = url(teacher)["room"]
    russian, english = join(code, "ru", "Аня"), join(code, "en", "Ben")
    teacher.number_input(key="room_sample").set_value(3)
    teacher.selectbox(key="room_stage").set_value(4)
    teacher.button(key="room_ask").click()
    run(teacher)
    assert not teacher.exception
    for student in (russian, english):
        run(student)
        assert not student.exception
    assert russian.subheader[0].value == "Вопрос 1: " + question_in("ru", code)
    assert english.subheader[0].value == "Question 1: " + question_in("en", code)
    assert teacher.subheader[0].value.startswith("Question 1: " + question_in("en", code))
    # the same buttons (the same choices, in the same order) whatever the language
    keys = lambda at: [b.key for b in at.button if (b.key or "").startswith("room_student_answer_")]  # noqa: E731
    assert keys(russian) == keys(english) and keys(russian)
    assert CYRILLIC.search(russian.caption[0].value) and not CYRILLIC.search(english.caption[0].value)
    russian.button(key="room_student_answer_1_0").click()
    run(russian)
    english.button(key="room_student_answer_1_0").click()
    run(english)
    run(teacher)
    assert any("2 of 2 answered" in block for block in html_blocks(teacher))
    teacher.button(key="room_reveal").click()
    run(teacher)
    run(russian)
    run(english)
    assert "ваш ответ —" in alt_text(russian, "answers-histogram")
    assert "your answer is" in alt_text(english, "answers-histogram")
    assert rooms.open_store().tally(code, 1) == {"0": 2}  # one answer each, counted together


def test_a_name_typed_in_the_join_box_is_shown_as_typed_not_translated_nor_rendered():
    teacher = tab(lang="ru")
    teacher.button(key="room_start").click()
    run(teacher)
    code = url(teacher)["room"]
    student = join(code, "ru", name="**Class** [x](http://e.xx)")
    assert student.text[0].value == f"Вы в классе {code} под именем **Class** [x](http://e.xx)."


def test_the_sidebar_join_box_speaks_russian_on_every_page_and_an_unknown_code_is_refused_in_russian():
    at = AppTest.from_file(str(Path(PAGE).parents[1] / "dashboard.py"), default_timeout=60)
    at.query_params["lang"] = "ru"
    run(at)
    assert not at.exception
    assert "Войти в класс" in [expander.label for expander in at.sidebar.expander]
    at.text_input(key="room_student_sidebar_code").set_value("ACDEFG")
    at.button(key="room_student_sidebar_join").click()
    run(at)
    assert not at.exception
    assert at.error[0].value == ("Класса с кодом ACDEFG нет: уточните код у учителя "
                                 "(класс закрывается после 6 ч без активности).")


def test_the_teachers_sample_box_is_watched_and_refuses_a_fraction_in_russian_by_its_name():
    """Streamlit's box would read a typed 2.5 as 2: the box's watcher (ui/whole_numbers.py) is given its number and
    its message in Russian (the browser half: tests/browser/test_browser_whole_numbers.py)."""
    teacher = tab(lang="ru")
    teacher.button(key="room_start").click()
    run(teacher)
    box = teacher.number_input(key="room_sample")
    [watcher] = [element for element in teacher.get("bidi_component")
                 if element.proto.id.endswith(f"room_sample{WATCHER_SUFFIX}")]
    data = json.loads(watcher.proto.json)
    assert data["box"] == "room_sample" and data["value"] == str(box.value) == "1"
    count = room_questions.sample_count(rooms.open_store().view(url(teacher)["room"]).settings["values"])
    assert data["message"] == [f"«{box.label}»: только целые числа от 1 до {numbers.integer(count)}; в поле снова ",
                               "."]
