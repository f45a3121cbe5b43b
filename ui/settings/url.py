"""A page's settings in its address (``st.query_params``), so a link shares exactly what the page shows.

A page reads a link it has not written itself with :func:`link_in_url` and keeps
the address in step with :func:`write_url`. A lesson link may also leave controls
out (``?hide=init,seed``) or show them locked (``?lock=dataset``): :func:`controls_in_url`.
Every function takes the page's :class:`~ui.settings.setting.Table`.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

import streamlit as st

from ui.i18n import _
from ui.settings.setting import Table

#: A lesson link may leave controls out (``?hide=init,seed``) or show them locked
#: (``?lock=dataset``), so a lesson shows only what it is about (see ui/classroom/lessons.py).
#: The network is still built from every setting's value. Every page drawing its
#: controls with ui.settings.widgets.setting_ui honours them, for the names in its own table.
HIDE_PARAM = "hide"
LOCK_PARAM = "lock"


def read_url(query_params: Mapping[str, str], table: Table) -> tuple[dict[str, Any], list[str]]:
    """Settings named in a URL's query parameters: (the good ones, one message per bad one)."""
    return table.check_all({name: query_params[name] for name in table if name in query_params})


def url_params(values: Mapping[str, Any], table: Table) -> dict[str, str]:
    """The query parameters for these settings; a setting at its default (or None: not shown
    on the page just now) is left out to keep links short."""
    return {
        name: table[name].to_url(value)
        for name, value in values.items()
        if name in table and value is not None and value != table[name].default
    }


def _seen_key(table: Table) -> str:
    return f"{table.key_prefix}_url_seen"


def write_url(values: Mapping[str, Any], table: Table) -> None:
    """Keep the address bar in step with the page's settings, so the URL shares exactly this.

    Other parameters (``hide``, ``lock``, ``presenter``, another page's) are left alone.
    What is written is remembered, so :func:`link_in_url` can tell the page's own
    writing from a link opened since.
    """
    wanted = url_params(values, table)
    for name in table:
        if name in st.query_params and name not in wanted:
            del st.query_params[name]
    for name, text in wanted.items():
        if st.query_params.get(name) != text:
            st.query_params[name] = text
    st.session_state[_seen_key(table)] = wanted


def link_in_url(table: Table) -> Optional[tuple[dict[str, Any], list[str]]]:
    """The link to apply, if the URL names some of this page's settings and they differ from
    what the page last wrote or read there; else None.

    Returns (the good values, one message per bad one), like :func:`read_url`. So a
    link is applied when a session opens with it, and again whenever another link
    arrives in the same tab (``st.page_link`` with query parameters, or the address
    edited), while the page's own :func:`write_url` never looks like a link. An
    address with none of the page's settings (the page chosen from the menu) is not
    a link: the page keeps the session's settings and writes them back.
    """
    asked = {name: st.query_params[name] for name in table if name in st.query_params}
    if not asked or asked == st.session_state.get(_seen_key(table)):
        return None
    st.session_state[_seen_key(table)] = asked  # read once, even if the page stops before writing
    return table.check_all(asked)


def link_problem(problem: str) -> str:
    """The message for one bad value in a link, the same on every page."""
    return _("The link asks for something not allowed, so it was ignored: {problem}.").format(problem=problem)


def controls_in_url(query_params: Mapping[str, str], param: str, table: Table) -> frozenset:
    """The settings a link lists under ``param`` (HIDE_PARAM or LOCK_PARAM); unknown names are ignored."""
    listed = query_params.get(param) or ""
    return frozenset(name.strip() for name in listed.split(",") if name.strip() in table)
