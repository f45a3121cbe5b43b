"""Presenter mode, for a projector: large type, fewer controls, the picture filling the screen.

Turned on by ``presenter=1`` in the URL, so a teacher's lesson link can open
straight into it. The page calls :func:`presenter_mode` once, near the top.
The style sheet is a constant: nothing a user typed is ever put into it.
"""

from __future__ import annotations

from typing import Mapping

import streamlit as st

from ui.i18n import N_

PRESENTER_PARAM = "presenter"
#: The folded-away choices of a page in presenter mode (the label of their expander: translate it where drawn).
PRESENTER_CHOICES = N_("Network, rule and sample")

# Streamlit's own test ids; if a release renames one, only that tweak is lost.
_PRESENTER_CSS = """
<style>
  html { font-size: 20px; }
  h1 { font-size: 1.7rem !important; padding: 0 0 0.4rem 0 !important; }
  [data-testid="stSidebar"][aria-expanded="true"] { width: 19rem !important; min-width: 19rem !important; }
  .st-key-live_step_sample, .st-key-live_step_epoch { display: none; }
  [data-testid="stAppViewContainer"] .block-container,
  [data-testid="stMainBlockContainer"] { max-width: 100%; padding: 1rem 2rem; }
  /* the header stays, see-through: it holds the arrow that opens the folded sidebar (the live page's Start) */
  [data-testid="stHeader"] { background: transparent; }
  [data-testid="stToolbarActions"], [data-testid="stMainMenu"], [data-testid="stAppDeployButton"],
  [data-testid="stDecoration"] { display: none; }
  [data-testid="stExpander"], [data-testid="stCaptionContainer"], [data-testid="stSidebarNav"],
  [data-testid="stSidebarNavSeparator"], .st-key-menu { display: none; }
  .st-key-presenter_choices [data-testid="stExpander"] { display: block; }
  [data-testid="stMetricValue"] { font-size: 2.6rem; }
  [data-testid="stImage"] img { width: 100% !important; height: auto !important; }
</style>
"""


def is_presenting(query_params: Mapping[str, str]) -> bool:
    return query_params.get(PRESENTER_PARAM) == "1"


def presenter_mode() -> bool:
    """Apply presenter mode if the URL asks for it; returns whether it is on.

    Pages may use the answer to leave out secondary controls.
    """
    if not is_presenting(st.query_params):
        return False
    # A projector has no room for a sidebar: it starts folded (the arrow opens it).
    st.set_page_config(initial_sidebar_state="collapsed")
    st.html(_PRESENTER_CSS)
    return True
