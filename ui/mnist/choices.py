"""What a choice widget shows for each of its values, in the language of the session that drew it.

A ``format_func`` is called again after the run that drew the widget (Streamlit's test
harness calls it from outside any session), so it must not ask which language the
session speaks at that moment: the language is fixed when the function is made.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from nn.network import INITS
from ui.i18n import _, current_language, speaking


def shown_as(words: Mapping[Any, str]) -> Callable[[Any], str]:
    """A ``format_func``: each value's words (English, marked with ``N_``) in this session's language."""
    language = current_language()

    def shown(value: Any) -> str:
        with speaking(language):
            return _(words[value])

    return shown


#: The starting weights' names: the code's and the URL's words, shown translated (the shared catalogue has them).
INIT_WORDS = {init: init for init in INITS}


def choice_options(name: str) -> dict:
    """The widget options a workshop setting ``name`` needs to show its choices in this language: the
    starting weights' names for the init rows (setting_ui's own format_func would ask for the language later)."""
    return {"format_func": shown_as(INIT_WORDS)} if name in ("init", "sweep_init") else {}
