"""A browser tab's widget manager: every drawn widget's state, kept and encoded as Streamlit 1.67's frontend does.

A browser sends the state of every widget on the page with each rerun request, a fragment's
timer requests included, and the server reads each one back (its deserializer, its change
check) on every run: part of what a learner's tab costs the server. The frontend's rules, read
from its widget components (``useBasicWidgetState``, ``WidgetStateManager``, ``App``):

- A widget's state is made when its element is first drawn: the value the server set
  (``set_value``: ``value`` / ``raw_value``) if it set one, else the element's ``default``. An
  element drawn again keeps the state it has, unless the server sets a value again.
- Each type has its own encoding: radio and selectbox the shown option as ``string_value``,
  multiselect and select_slider the options as ``string_array_value``, a slider its numbers as
  ``double_array_value``, number_input ``int_value`` or ``double_value`` by its data type,
  checkbox and toggle ``bool_value``, text_input, text_area and color_picker ``string_value`` (a
  colour as "#rrggbb"), file_uploader an
  empty ``file_uploader_state_value``. A value that is none at all (``index=None``, an empty
  number_input) is a state with its id only. Buttons keep no state: a click is a trigger that only
  the request carrying it sends. Tabs and expanders with a key send nothing until they are switched.
- When a run finishes (a full run, or a fragment's), the widgets of the part of the page it drew
  that it did not draw again are forgotten; opening another page forgets them all.
- A widget in a form starts in the states sent with every request too (a browser holds a learner's
  changes to it until the form's submit button; ``Learner.change`` sends them at once).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from streamlit.proto.WidgetStates_pb2 import WidgetState

#: Element types whose state the frontend makes when they are drawn (others with an id, buttons and
#: charts, send only a click or a selection).
STATEFUL_KINDS = frozenset({"checkbox", "radio", "selectbox", "multiselect", "slider", "number_input",
                            "text_input", "text_area", "color_picker", "file_uploader"})


def initial_state(kind: str, widget) -> WidgetState:
    """The state the frontend makes for a widget element of ``kind`` (``widget``: its proto) when it draws it,
    or gives it when the server sets its value."""
    state = WidgetState(id=widget.id)
    set_value = getattr(widget, "set_value", False)
    if kind == "checkbox":
        state.bool_value = widget.value if set_value else widget.default
    elif kind in ("radio", "selectbox"):
        if set_value:
            shown = widget.raw_value if widget.HasField("raw_value") else None
        else:
            shown = widget.options[widget.default] if widget.HasField("default") and widget.options else None
        if shown is not None:
            state.string_value = shown
    elif kind == "multiselect":
        shown = list(widget.raw_values) if set_value else [widget.options[index] for index in widget.default]
        state.string_array_value.data.extend(shown)
    elif kind == "slider" and widget.type == widget.SELECT_SLIDER:
        indices = widget.default
        if set_value and widget.raw_value:
            state.string_array_value.data.extend(widget.raw_value)
        else:
            state.string_array_value.data.extend(widget.options[int(index)] for index in indices)
    elif kind == "slider":
        state.double_array_value.data.extend(widget.value if set_value else widget.default)
    elif kind == "number_input":
        number = widget.value if set_value and widget.HasField("value") else (
            widget.default if widget.HasField("default") else None)
        if number is not None:
            if widget.data_type == widget.INT:
                state.int_value = int(number)
            else:
                state.double_value = number
    elif kind in ("text_input", "text_area"):
        text = widget.value if set_value else widget.default
        if (widget.HasField("value") if set_value else widget.HasField("default")):
            state.string_value = text
    elif kind == "color_picker":
        state.string_value = widget.value if set_value else widget.default
    elif kind == "file_uploader":
        state.file_uploader_state_value.SetInParent()  # no file uploaded
    return state


def changed_state(kind: str, widget, value) -> WidgetState:
    """The state a learner's new ``value`` (a Python value: str, bool, int, float, or a list for a
    multiselect or a range) gives a widget of ``kind``, encoded as its frontend component sends it."""
    state = WidgetState(id=widget.id)
    values = list(value) if isinstance(value, (list, tuple)) else [value]
    if kind == "checkbox":
        state.bool_value = bool(value)
    elif kind in ("radio", "selectbox", "text_input", "text_area", "color_picker"):
        state.string_value = str(value)
    elif kind == "multiselect" or (kind == "slider" and widget.type == widget.SELECT_SLIDER):
        state.string_array_value.data.extend(str(one) for one in values)
    elif kind == "slider":
        state.double_array_value.data.extend(float(one) for one in values)
    elif kind == "number_input" and widget.data_type == widget.INT:
        state.int_value = int(value)
    elif kind == "number_input":
        state.double_value = float(value)
    else:  # a widget type the dashboard does not use: by the value's own type
        field_name = {str: "string_value", bool: "bool_value", int: "int_value", float: "double_value"}[type(value)]
        setattr(state, field_name, value)
    return state


@dataclass
class _Drawn:
    kind: str
    widget: object
    #: The fragment whose run drew it ("" outside any): a run of that fragment may forget it.
    fragment_id: str


@dataclass
class WidgetStates:
    """The states a tab sends with each rerun request, in the order its widgets were first drawn."""

    states: dict[str, WidgetState] = field(default_factory=dict)
    _drawn: dict[str, _Drawn] = field(default_factory=dict)
    _drawn_this_run: set[str] = field(default_factory=set)

    def run_started(self) -> None:
        self._drawn_this_run = set()

    def drawn(self, kind: str, widget, fragment_id: str) -> None:
        """A widget element arrived: made, or given the value the server set, or left as it is."""
        self._drawn[widget.id] = _Drawn(kind, widget, fragment_id)
        self._drawn_this_run.add(widget.id)
        if kind not in STATEFUL_KINDS:
            return
        if widget.id not in self.states or getattr(widget, "set_value", False):
            self.states[widget.id] = initial_state(kind, widget)

    def change(self, widget_id: str, value) -> WidgetState:
        """The learner gives the widget a new value: kept, as the browser keeps it, for every later request."""
        drawn = self._drawn.get(widget_id)
        if drawn is None:
            raise LookupError(f"widget {widget_id} is not on the page now: a browser could not change it")
        state = self.states[widget_id] = changed_state(drawn.kind, drawn.widget, value)
        return state

    def run_finished(self, fragment_ids: list[str]) -> None:
        """A run finished successfully: forget the widgets of the part it drew (the page, or these
        fragments) that it did not draw again."""
        for widget_id, drawn in list(self._drawn.items()):
            if widget_id in self._drawn_this_run or (fragment_ids and drawn.fragment_id not in fragment_ids):
                continue
            del self._drawn[widget_id]
            self.states.pop(widget_id, None)

    def forget_all(self) -> None:
        """Another page opens in the tab: none of this page's widgets stays."""
        self.states.clear()
        self._drawn.clear()
        self._drawn_this_run = set()
