"""One live update's HTML, sent to the browser as one Streamlit element.

Every element a fragment run draws costs the server on every update, whatever it holds: a
protobuf message built, serialised and hashed, a queue entry, a websocket frame (and for
st.columns, one more message per column). The counters, weight pictures, table of samples,
error curve and hidden-node pictures are all plain HTML, so the live page joins them into one
``st.html``. Whatever is not HTML (a heatmap, a button, a table of numbers) is drawn as its
own element after :meth:`HtmlBlock.send` has sent what came before it, so the page keeps its order.
"""

from __future__ import annotations

import streamlit as st


class HtmlBlock:
    """HTML pieces gathered in page order, drawn as one ``st.html`` by :meth:`send`."""

    def __init__(self) -> None:
        self._parts: list[str] = []

    def add(self, html: str) -> None:
        self._parts.append(html)

    def send(self) -> None:
        """Draw what was gathered (if anything) as one element, and start gathering afresh.

        The pieces stand one above the other with Streamlit's own gap between elements.
        """
        parts, self._parts = [part for part in self._parts if part], []
        if parts:
            pieces = ['<div style="display:flex;flex-direction:column;gap:1rem">']
            for part in parts:
                pieces += ("<div>", part, "</div>")
            pieces.append("</div>")
            st.html(_Html("".join(pieces)))  # one join: MNIST's 200 KB of pictures copied once, not per wrapping


class _Html:
    """HTML that st.html takes as it is. A string body is dedented first (``textwrap.dedent``),
    whose regular expressions took about 13 ms over MNIST's 200 KB update, pictures included;
    an object's ``_repr_html_`` is not (this HTML is one line: dedenting changes nothing)."""

    def __init__(self, body: str):
        self.body = body

    def _repr_html_(self) -> str:
        return self.body


#: st.columns' own behaviour: side by side, one above the other on a screen narrower than 640 pixels.
_ROW_STYLE = ("<style>@media (max-width: 640px) {.live-row {flex-direction: column}"
              " .live-row > div {width: 100%}}</style>")


def side_by_side(pieces: list[tuple[str, float]]) -> str:
    """``pieces`` of HTML, each (html, its share of the row's width), in one row, as ``st.columns``
    lays them out: one above the other on a phone."""
    boxes = "".join(f'<div style="flex:{share:g} 1 0;min-width:0">{html}</div>' for html, share in pieces)
    return f'{_ROW_STYLE}<div class="live-row" style="display:flex;gap:1rem;align-items:flex-start">{boxes}</div>'
