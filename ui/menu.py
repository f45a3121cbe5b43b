"""The app's menu, the same at the top of every page's sidebar: each page named for what it is for.

Streamlit's own menu names the entry page after its file ("dashboard"), so it is
turned off (``client.showSidebarNavigation`` in .streamlit/config.toml) and this
one drawn instead. ``st.navigation`` can title pages, but beside a ``pages/``
folder Streamlit keeps its file-named menu until a visitor first opens the entry
page, and a lesson link opens the live page first.
"""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from ui.i18n import N_, _
from ui.i18n.language import language_ui

#: (file, label, icon, the one thing it teaches), in menu order. The files' names are their addresses.
PAGES = (
    ("dashboard.py", N_("Start here"), ":material/home:",
     N_("What this is, this session's network, and where to go next.")),
    ("pages/1_Watch_it_learn.py", N_("Watch it learn"), ":material/monitoring:",
     N_("Press Start and watch the weights and the error change as the network trains, sample after sample.")),
    ("pages/2_Step_through.py", N_("Step through"), ":material/footprint:",
     N_("One forward and one backward pass, every number on screen: where each weight's change comes from.")),
    ("pages/3_MNIST_workshop.py", N_("MNIST workshop"), ":material/draw:",
     N_("The book's big experiment: teach the network to read handwritten digits, then test it on your own.")),
    ("pages/4_Classroom.py", N_("Classroom"), ":material/school:",
     N_("Ready lessons as links, a link builder for your own, and saved work to download.")),
)

#: The menu's container key (``st-key-menu`` in the page), so presenter mode can hide it.
MENU_KEY = "menu"


def menu_ui() -> None:
    """Every page as a link in the sidebar; a page run on its own (a test of one file) has none to link to."""
    language_ui()  # first: every page in the sidebar is named in the chosen language
    with st.sidebar.container(key=MENU_KEY):
        for path, label, icon, teaches in PAGES:
            try:
                st.page_link(path, label=_(label), icon=icon, help=_(teaches))
            except StreamlitPageNotFoundError:
                return
        st.divider()
