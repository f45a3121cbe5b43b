"""Draw a fragment's next update over its last one, within the same script run.

A fragment run draws its elements one after another into the fragment's container, and a widget
may be drawn once a run. The next run starts the container afresh, so the browser replaces each
element in its place. ``InPlace`` does what that start does without a new run: it takes the
container's cursor back to where the update began and forgets the widgets the update drew, so
the next update, drawing the same elements, replaces them in the browser one by one (the
streamed live updates: ui/live/stream.py). An update that draws fewer elements than the one
before blanks the rest, as a run's end would remove them.

Streamlit has no public way to do this: it reads the fragment's container from the delta
generators' stack and clears this update's widget ids from the run's sets. If a Streamlit upgrade
moves those names, ``InPlace.begin`` returns None and the page draws one update a run, as before.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator_singletons import context_dg_stack
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx


class InPlace:
    """Where one update of a fragment began, to draw the next one over it."""

    def __init__(self, cursor, widget_sets):
        self._cursor = cursor
        self._start = cursor.index
        #: (the run's set, what it held before the update) for its widget ids and its widgets' keys.
        self._widget_sets = [(kept, kept.snapshot()) for kept in widget_sets]
        #: The most elements an update of this run drew.
        self._most = 0

    @classmethod
    def begin(cls) -> InPlace | None:
        """Before the first update, in the fragment's run: its place (None without a script run,
        or in a Streamlit whose insides differ)."""
        context = get_script_run_ctx(suppress_warning=True)
        try:
            cursor = context_dg_stack.get()[-1]._cursor
            shared = context.shared
            widget_sets = (shared.widget_ids_this_run, shared.widget_user_keys_this_run)
            for kept in widget_sets:
                kept.snapshot(), kept._lock, kept._data  # noqa: B018 (what again() needs, there now)
            cursor.index, cursor._index  # noqa: B018 (a container outside any run has no cursor: None)
        except (AttributeError, IndexError):
            return None
        return cls(cursor, widget_sets)

    def again(self) -> None:
        """After an update, before the next: blank what it left of an earlier, longer one, and go back."""
        drawn = self._cursor.index - self._start
        for _ in range(drawn, self._most):
            st.empty()  # an element of an earlier update this one did not draw
        self._most = max(self._most, drawn)
        self._cursor._index = self._start
        for kept, before in self._widget_sets:
            with kept._lock:
                kept._data.intersection_update(before)  # this update's widgets may be drawn again
