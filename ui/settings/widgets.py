"""One setting's widget, drawn from its row: the label, help text, choices or range come from the table."""

from __future__ import annotations

from typing import Any, Optional

import streamlit as st

from ui import plain_text
from ui.i18n import _, current_language, numbers, speaking
from ui.i18n.widget_language import redraw_in_language
from ui.settings.setting import Setting, Table
from ui.settings.url import HIDE_PARAM, LOCK_PARAM, controls_in_url, link_in_url, link_problem, write_url
from ui.whole_numbers import whole_number_input


def setting_ui(
    table: Table, name: str, value: Any, *, disabled: bool = False, label: Optional[str] = None,
    **widget_options: Any,
) -> Any:
    """Draw the widget for setting ``name`` of ``table``, starting at ``value``; return what it shows now.

    A setting the URL hides (HIDE_PARAM) is not drawn and keeps ``value``; one
    it locks (LOCK_PARAM) is drawn disabled.

    The widget's key is ``table.key(name)``. Streamlit drops a widget's state
    when its page is left, so the value to show comes from the caller's session
    (``value``) whenever the widget has no state yet. Numbers are typed freely
    and checked by the caller with :meth:`Setting.check`, so a bad value gets a
    message instead of being silently clamped; a fraction is typed as text, which
    the check reads. ``label`` replaces the table's label (one that names a count
    known only at run time); other keyword arguments go to the widget
    (``format_func``, ``horizontal`` ...).
    """
    if name in controls_in_url(st.query_params, HIDE_PARAM, table):
        return value  # left out by a lesson link; its value still builds the network
    setting = table[name]
    key = table.key(name)
    if key not in st.session_state:
        st.session_state[key] = value
    # A choice's name and a fraction's decimal sign are words of the language: after a switch, in the new one
    redraw_in_language(key, _fraction_in_this_language if setting.kind is float and not setting.stops else None)
    disabled = disabled or name in controls_in_url(st.query_params, LOCK_PARAM, table)
    if setting.choices and "format_func" not in widget_options:
        widget_options["format_func"] = _choice_words(current_language())
    if setting.stops and setting.kind is float and "format_func" not in widget_options:
        widget_options["format_func"] = _stop_words(numbers.decimal_sign())
    common = dict(key=key, help=setting.help_text, disabled=disabled, **widget_options)
    label = label or _(setting.label)
    if setting.kind is bool:
        return (st.checkbox if setting.widget == "checkbox" else st.toggle)(label, **common)
    if setting.choices:
        return (st.radio if setting.widget == "radio" else st.selectbox)(label, setting.choices, **common)
    if setting.kind is str:
        return st.text_input(label, **common)
    if setting.stops:
        return st.select_slider(label, _stops_with(setting, value), **common)
    if setting.kind is float:
        return _fraction_box(label, key, common)
    return whole_number_input(label, setting.low, setting.high, bounds_checked_by_caller=True,
                              step=setting.step or 1, format=setting.number_format, **common)


def _fraction_box(label: str, key: str, common: dict) -> str:
    """A fraction as a text box: written with the session's decimal sign (0,1 in Russian), read with either
    (ui.i18n.numbers.typed_number, when the caller checks it). Not Streamlit's number box: that one shows
    and takes the sign of the browser's own language, whatever the page's, and Chromium drops a comma its
    language does not use, so a Russian learner typing 0,2 would get 2 (docs/translation.md)."""
    held = st.session_state[key]
    if not isinstance(held, str):  # a number from the session, a link or an earlier number box
        st.session_state[key] = numbers.general(held)
    return st.text_input(label, **common)


def _fraction_in_this_language(held: Any) -> Any:
    """A fraction box's text written again with this language's decimal sign, if it is a number at all."""
    number = numbers.typed_number(held) if isinstance(held, str) else None
    return held if number is None else numbers.general(number)


def _choice_words(language: str):
    """A choice as the widget shows it, in ``language``: the session's when the widget was drawn, also when
    the widget's ``format_func`` is called later outside the script run (AppTest reading the widget back)."""
    def shown(choice: Any) -> str:
        if not isinstance(choice, str):
            return str(choice)
        with speaking(language):
            return _(choice)

    return shown


def _stop_words(decimal_sign: str):
    """A slider's number as Streamlit writes it (0.3, 1.0), with the session's decimal sign (0,3 in Russian),
    fixed when the widget is drawn: Streamlit may call ``format_func`` later, outside the script run."""
    def shown(stop: Any) -> str:
        return str(stop).replace(".", decimal_sign)

    return shown


def sidebar_choice_ui(table: Table, name: str, chosen_key: str, default: Any, **widget_options: Any) -> Any:
    """A choice every page shares (the weight colours, the language): a link's value, else the
    session's (kept under ``chosen_key``, beside the widget: Streamlit drops a widget's state when
    its page is left), drawn in the sidebar and written back to the URL. Returns the choice."""
    link = link_in_url(table)
    if link is not None:
        good, problems = link
        for problem in problems:
            plain_text.warning(link_problem(problem))
        if name in good:
            st.session_state[chosen_key] = good[name]
            st.session_state[table.key(name)] = good[name]
    with st.sidebar:
        chosen = setting_ui(table, name, st.session_state.get(chosen_key, default), **widget_options)
    st.session_state[chosen_key] = chosen
    write_url({name: chosen}, table)
    return chosen


def checked(table: Table, name: str, value: Any) -> Any:
    """``value`` as setting ``name`` of ``table`` allows it, else None after a message naming the setting."""
    good, problems = table.check_all({name: value})
    for problem in problems:
        plain_text.error(f"{problem}.")
    return good.get(name)


def _stops_with(setting: Setting, value: Any) -> tuple:
    """The slider's stops, plus ``value`` when a link asked for one between them."""
    if value in setting.stops:
        return setting.stops
    return tuple(sorted({*setting.stops, value}))
