"""The projector (presenter mode) shows what matters now first: the class code and its QR code until a question
is asked, then the question, its count of answers, Reveal and the reveal above them. Before, the code and QR
code always came first and filled a 1280 x 720 projector, so the class saw no question there."""

from __future__ import annotations

from classroom_tabs import room_store_folder, tab  # noqa: F401 (the fixture)
from test_classroom_room import ask, start_class
from ui.classroom import rooms


def page_order(at) -> list[str]:
    """The text of every element of the page, in the order the page draws them."""
    def walk(node):
        children = getattr(node, "children", None)
        if children is None:
            yield node
            return
        for index in sorted(children):
            yield from walk(children[index])
    return [str(getattr(element, "value", "")) for element in walk(at.main)]


def first(texts: list[str], part: str) -> int:
    return next(index for index, text in enumerate(texts) if part in text)


def test_the_projector_shows_the_code_first_until_a_question_is_asked_and_the_question_first_after():
    teacher, code, key = start_class()
    projector = tab(room=code, teacher=key, presenter="1")
    texts = page_order(projector)
    assert first(texts, 'class="room-code"') < first(texts, "No question yet")

    ask(teacher, sample=2, stage=2)
    projector = tab(room=code, teacher=key, presenter="1")
    texts = page_order(projector)
    assert first(texts, "Question 1:") < first(texts, 'class="room-answers"') < first(texts, 'class="room-code"')
    assert "room_reveal" in [button.key for button in projector.button]

    projector.button(key="room_reveal").click().run()
    texts = page_order(projector)
    assert first(texts, "The true answer:") < first(texts, 'class="room-code"')


def test_the_teachers_own_page_keeps_the_code_above_the_question():
    teacher, code, key = start_class()
    ask(teacher, sample=2, stage=2)
    texts = page_order(teacher)
    assert first(texts, 'class="room-code"') < first(texts, "Question 1:")


def test_a_projector_whose_class_was_closed_says_so_when_its_page_runs_again():
    teacher, code, key = start_class()
    projector = tab(room=code, teacher=key, presenter="1")
    rooms.open_store().close_room(code, key)  # from the teacher's other tab
    projector.run()
    assert not projector.exception
    assert any("class" in str(error.value).lower() for error in projector.error)


def test_the_projector_shows_the_class_alone_and_after_the_reveal_the_answer_above_a_smaller_question():
    teacher, code, key = start_class()
    ask(teacher, sample=2, stage=2)
    projector = tab(room=code, teacher=key, presenter="1")
    projector.button(key="room_reveal").click().run()
    texts = page_order(projector)
    # no title, introduction or "Your class" heading: a 1280 x 720 projector's height goes to the class
    assert [title.value for title in projector.title] == [] and [header.value for header in projector.header] == []
    assert not any("Teach a class together" in text for text in texts)
    # the question steps down once revealed (not a subheading), the true answer is the larger type
    assert not any(heading.value.startswith("Question 1:") for heading in projector.subheader)
    question = texts[first(texts, 'class="room-question"')]
    answer = texts[first(texts, 'class="room-true-answer"')]
    assert "font-size:1.25rem" in question and "font-size:2rem" in answer
    assert first(texts, 'class="room-question"') < first(texts, 'class="room-true-answer"') < \
        first(texts, 'class="answers-histogram"') < first(texts, 'class="room-bars-legend"')
    # the colours are named where presenter mode shows them (it hides captions)
    legend = texts[first(texts, 'class="room-bars-legend"')]
    assert "in grey" in legend and "dark blue" in legend and "✓ true answer" in legend


def test_the_teachers_own_page_keeps_the_title_the_introduction_and_the_question_as_a_heading_after_the_reveal():
    teacher, code, key = start_class()
    ask(teacher, sample=2, stage=2)
    teacher.button(key="room_reveal").click().run()
    assert [title.value for title in teacher.title] == ["Classroom"]
    assert any("Teach a class together" in text for text in page_order(teacher))
    assert teacher.subheader[0].value.startswith("Question 1:")
    assert any(caption.value.startswith("Bars: how many gave each answer, in grey.") for caption in teacher.caption)
