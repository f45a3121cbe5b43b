"""How every page draws weights, whatever the page: the colour palette (``?palette=orange-blue``).

One row, one widget in the sidebar of every page, one URL word, so a lesson link
can set it and the choice follows the learner from page to page. The pages call
:func:`palette_ui` once near the top; the code drawing weights asks :func:`current_palette`.
"""

from __future__ import annotations

import streamlit as st

from ui.i18n import N_
from ui.palettes import DEFAULT_PALETTE, PALETTES, Palette, picker_labels
from ui.settings.setting import Setting, Table
from ui.settings.widgets import sidebar_choice_ui

DISPLAY_SETTINGS: Table = Table(
    "display",
    (
        Setting(
            "palette", str, DEFAULT_PALETTE.name, N_("Weight colours"),
            N_("The colours of every weight picture, table, legend and diagram. red – white – blue is the usual "
               "scale; orange – grey – blue stays clear for red-green and blue-yellow colour blindness. "
               "Either way, numbers and legends also say the sign in words."),
            # Radio buttons, not a select box: a box cuts a long name ("orange – grey – blue (colour-vision
            # safe)", longer still in Russian) at the sidebar's width; both names are read whole.
            choices=tuple(PALETTES), widget="radio",
        ),
    ),
)

#: The session's choice, kept beside the widget: Streamlit drops a widget's state when its page is left.
_CHOSEN = "display_palette_chosen"


def current_palette() -> Palette:
    """The palette this session draws weights in."""
    return PALETTES.get(st.session_state.get(_CHOSEN, DEFAULT_PALETTE.name), DEFAULT_PALETTE)


def palette_ui() -> Palette:
    """The palette picker in the sidebar, read from and written to the URL; returns the palette chosen."""
    chosen = sidebar_choice_ui(DISPLAY_SETTINGS, "palette", _CHOSEN, DEFAULT_PALETTE.name, format_func=picker_labels())
    return PALETTES[chosen]
