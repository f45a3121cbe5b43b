"""Numbers written by Python's own formatting with the language's decimal sign (0.731 / 0,731).

For what ui.i18n.numbers (Babel) does not cover, or covers too slowly: a table's cells, redrawn on
every live update (a Babel call costs about 10 µs, a lookup of the sign a fraction of one), and
Python's ``:.4g``. In English each is exactly Python's f-string.
"""

from __future__ import annotations

from typing import Any, Callable

from ui.i18n import current_language, numbers, speaking


def fixed(value: float, digits: int, sign: str | None = None) -> str:
    """f"{value:.{digits}f}" with the decimal ``sign`` (looked up once by a caller writing many cells)."""
    return f"{value:.{digits}f}".replace(".", sign or numbers.decimal_sign())


def significant(value: float, digits: int) -> str:
    """f"{value:.{digits}g}" with the language's decimal sign: 0.0031 / 0,0031."""
    return f"{value:.{digits}g}".replace(".", numbers.decimal_sign())


def in_this_language(write: Callable[[Any], str]) -> Callable[[Any], str]:
    """``write`` that speaks the session's language of now whenever it is called: a widget's ``format_func``,
    which Streamlit (and AppTest) may call outside this script run."""
    language = current_language()

    def written_now(value: Any) -> str:
        with speaking(language):
            return write(value)

    return written_now
