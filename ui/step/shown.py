"""A widget's ``format_func`` that keeps the language of the run that drew the widget.

Streamlit may call ``format_func`` again outside the script run (AppTest reading a widget
back), where no session tells which language to speak; the options must then read as the
page showed them, or the widget's value is not found among them.
"""

from __future__ import annotations

from typing import Any, Callable

from ui.i18n import current_language, speaking


def in_this_language(format_func: Callable[[Any], str]) -> Callable[[Any], str]:
    """``format_func`` that speaks the session's language now, whenever it is called."""
    language = current_language()

    def shown(option: Any) -> str:
        with speaking(language):
            return format_func(option)

    return shown
