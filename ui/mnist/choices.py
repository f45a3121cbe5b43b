"""What a choice widget shows for each of its values, in the language of the session that drew it.

A ``format_func`` is called again after the run that drew the widget (Streamlit's test
harness calls it from outside any session), so it must not ask which language the
session speaks at that moment: the language is fixed when the function is made.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from ui.i18n import _, current_language, speaking


def shown_as(words: Mapping[Any, str]) -> Callable[[Any], str]:
    """A ``format_func``: each value's words (English, marked with ``N_``) in this session's language."""
    language = current_language()

    def shown(value: Any) -> str:
        with speaking(language):
            return _(words[value])

    return shown
