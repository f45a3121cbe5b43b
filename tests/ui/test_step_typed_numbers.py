"""What a learner types on the step page is read the way they meant it, with a decimal point or a decimal comma.

A Russian learner writes 0,73 where an English one writes 0.73: a predicted number and a
typed vector are read either way, in either language, and whatever is ambiguous is refused
with a message rather than misread.
"""

from __future__ import annotations

import pytest

from ui.i18n import speaking
from ui.step.controls import parse_vector, vector_text
from ui.i18n.numbers import typed_number


@pytest.mark.parametrize("text, value", [
    ("0.73", 0.73), ("0,73", 0.73), ("-1,3", -1.3), ("−0,5", -0.5), (" 2,5e-4 ", 2.5e-4), ("1 000,5", 1000.5),
    ("1\u00a0000,5", 1000.5), ("12", 12.0),
])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_predicted_number_is_read_with_a_point_or_a_comma(text, value, language):
    with speaking(language):
        assert typed_number(text) == value


@pytest.mark.parametrize("text", ["1,000.5", "0,1,2", "twelve", "", None, "1.2.3"])
def test_a_predicted_number_that_could_be_misread_is_refused(text):
    assert typed_number(text) is None


@pytest.mark.parametrize("text", ["0.2, -0.7, 1.5", "0,2; -0,7; 1,5", "0.2; -0.7; 1.5", "0,2;-0,7;1,5"])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_typed_vector_is_read_in_either_languages_way_of_writing_it(text, language):
    with speaking(language):
        values, problem = parse_vector(text, "Inputs", 3)
    assert problem is None and values.tolist() == [0.2, -0.7, 1.5]


def test_in_russian_a_comma_without_a_space_is_the_decimal_comma_and_with_one_it_separates():
    with speaking("ru"):
        assert parse_vector("0,5", "Targets", 1)[0].tolist() == [0.5]
        assert parse_vector("1, 2, 3", "Inputs", 3)[0].tolist() == [1.0, 2.0, 3.0]
    with speaking("en"):  # English reads commas as separators, as it always has
        assert parse_vector("1,2,3", "Inputs", 3)[0].tolist() == [1.0, 2.0, 3.0]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_vector_the_page_writes_is_read_back_as_the_same_numbers(language):
    with speaking(language):
        text = vector_text([0.01, 0.99, -1.5])
        assert parse_vector(text, "Targets", 3)[0].tolist() == [0.01, 0.99, -1.5]
    assert text == {"en": "0.01, 0.99, -1.5", "ru": "0,01; 0,99; -1,5"}[language]


def test_a_wrong_count_is_named_in_the_learners_language():
    with speaking("ru"):
        _values, problem = parse_vector("0,2; 0,3", "Входы", 3)
    assert problem == "Входы: нужно 3 числа через точку с запятой; получено 2."
