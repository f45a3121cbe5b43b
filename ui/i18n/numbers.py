"""Numbers written the session's way: 0.731 and 60,000 in English, 0,731 and 60 000 in Russian; and
a number a learner typed read either way (:func:`typed_number`).

The signs come from each language's CLDR data through Babel; the digits are
Python's own rounding, so a number reads the same in both languages (only its
signs differ) and costs a microsecond, not Babel's twenty: the live page writes
many per update. In a formula (LaTeX) the Russian decimal comma is written
``0{,}731`` so it is not spaced as a list.
"""

from __future__ import annotations

import functools
from typing import Optional

from babel import Locale
from babel.numbers import format_percent

from ui.i18n.current import current_language


def decimal(value: float, digits: int = 3) -> str:
    """``value`` with exactly ``digits`` digits after the point (the comma in Russian): 0.731 / 0,731."""
    return _signs(f"{value:.{digits}f}", current_language())


def decimals(values, digits: int = 3) -> list[str]:
    """:func:`decimal` of each of ``values``, the language looked up once: for a table's cells."""
    language = current_language()
    return [_signs(f"{value:.{digits}f}", language) for value in values]


def integer(value: int) -> str:
    """A whole number with its thousands grouped: 60,000 / 60 000."""
    return _signs(f"{int(value):,}", current_language())


def general(value: float) -> str:
    """Python's ``:g`` (0.3, 0.001, 1e-05), with the language's decimal sign: for a setting's value."""
    return f"{value:g}".replace(".", _symbols(current_language())["decimal"])


def percent(fraction: float, digits: int = 1) -> str:
    """A fraction as a percentage, with the language's own spacing: 97.3% / 97,3 %."""
    language = current_language()
    return format_percent(fraction, format=_percent_pattern(language, digits), locale=language)


def latex(text: str) -> str:
    """A number already written by this module, made ready for a LaTeX formula (0,731 -> 0{,}731)."""
    symbols = _symbols(current_language())
    if symbols["decimal"] == ",":
        text = text.replace(",", "{,}")
    return text.replace(symbols["group"], r"\,")


def decimal_sign() -> str:
    """"." or ",": what a learner types between whole and fraction, and what the page writes."""
    return _symbols(current_language())["decimal"]


def typed_number(text: Optional[str]) -> Optional[float]:
    """The number a learner typed, with a decimal point or a decimal comma (0.73 or 0,73), else None.

    Spaces (a thousands gap, "1 000,5") and the typographic minus are allowed; a comma is the
    decimal sign only where there is no point, so "1,000.5" is refused rather than misread.
    """
    text = (text or "").strip().replace("−", "-").replace("\u00a0", "").replace(" ", "")
    if "," in text:
        if "." in text or text.count(",") > 1:
            return None
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def _signs(python_number: str, language: str) -> str:
    """A number Python wrote ("-1,234.5") with the language's signs instead ("-1 234,5")."""
    if language == "en":
        return python_number
    return python_number.translate(_sign_table(language))


@functools.cache
def _sign_table(language: str) -> dict:
    symbols = _symbols(language)
    return str.maketrans({".": symbols["decimal"], ",": symbols["group"], "-": symbols["minusSign"]})


@functools.cache
def _symbols(language: str) -> dict:
    return Locale.parse(language).number_symbols["latn"]


@functools.cache
def _percent_pattern(language: str, digits: int) -> str:
    """The language's percent pattern ("#,##0 %" in Russian) with ``digits`` after the point."""
    pattern = Locale.parse(language).percent_formats[None].pattern
    return pattern.replace("#,##0", "#,##0" + ("." + "0" * digits if digits else ""), 1)
