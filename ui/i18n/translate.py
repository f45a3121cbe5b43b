"""gettext for the session's language: ``_``, ``ngettext``, ``pgettext`` and the marker ``N_``.

English is the source text, so in English every call gives its argument back;
in Russian it is looked up in the catalogues (:mod:`ui.i18n.catalogues`), and a
message the catalogue lacks stays in English (tests/i18n finds every such one).
"""

from __future__ import annotations

from ui.i18n.catalogues import translations
from ui.i18n.current import DEFAULT_LANGUAGE, current_language


def _(message: str) -> str:
    """``message`` in the session's language."""
    language = current_language()
    if language == DEFAULT_LANGUAGE:
        return message
    return translations(language).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for ``n`` ("{n} sample" / "{n} samples"); Russian has three (1 образец, 2 образца, 5 образцов).

    The caller fills ``{n}`` itself, with :func:`ui.i18n.numbers.integer`, so the number is written the language's way.
    """
    language = current_language()
    if language == DEFAULT_LANGUAGE:
        return singular if n == 1 else plural
    return translations(language).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` where the same English word needs two translations ("Start" the button, "Start" the page)."""
    language = current_language()
    if language == DEFAULT_LANGUAGE:
        return message
    return translations(language).pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it now: for text in a table built at
    import time, before any session has a language. Whoever draws it calls ``_`` on it."""
    return message
