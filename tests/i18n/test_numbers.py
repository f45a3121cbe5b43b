"""Numbers are written the session's way: a decimal comma and spaced thousands in Russian."""

from __future__ import annotations

import pytest

from ui.i18n import numbers, speaking

NBSP = "\u00a0"


def test_english_numbers_are_written_as_python_writes_them():
    with speaking("en"):
        for value in (0.7312, -0.04, 12.5, 0.0):
            assert numbers.decimal(value) == f"{value:.3f}"
        assert numbers.decimal(0.7312, 2) == "0.73"
        assert numbers.integer(60000) == f"{60000:,}"
        assert numbers.general(0.001) == "0.001"
        assert numbers.percent(0.9731) == "97.3%"


def test_russian_numbers_have_a_decimal_comma_and_spaced_thousands():
    with speaking("ru"):
        assert numbers.decimal(0.7312) == "0,731"
        assert numbers.decimal(-0.04, 2) == "-0,04"
        assert numbers.integer(60000) == f"60{NBSP}000"
        assert numbers.integer(999) == "999"
        assert numbers.general(0.3) == "0,3"
        assert numbers.percent(0.9731) == f"97,3{NBSP}%"
        assert numbers.decimal_sign() == ","


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_tables_numbers_are_each_written_as_decimal_writes_it(language):
    values = [0.7312, -0.04, 12345.678, 0.0, -0.0, float("nan")]
    with speaking(language):
        assert numbers.decimals(values, 4) == [numbers.decimal(value, 4) for value in values]
    assert numbers.decimals([]) == []


@pytest.mark.parametrize("language, expected", [("en", "0.731"), ("ru", "0{,}731")])
def test_a_number_in_a_formula_keeps_its_decimal_sign_unspaced(language, expected):
    with speaking(language):
        assert numbers.latex(numbers.decimal(0.7312)) == expected


def test_thousands_in_a_russian_formula_are_a_thin_space():
    with speaking("ru"):
        assert numbers.latex(numbers.integer(60000)) == r"60\,000"
