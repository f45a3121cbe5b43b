"""Presenter mode, for a projector: large type, fewer controls, the picture filling the screen.

Turned on by ``presenter=1`` in the URL, so a teacher's lesson link can open
straight into it. The page calls :func:`presenter_mode` once, near the top.
The style sheet is a constant: nothing a user typed is ever put into it.
"""

from __future__ import annotations

from typing import Mapping

import streamlit as st

PRESENTER_PARAM = "presenter"

# Streamlit's own test ids; if a release renames one, only that tweak is lost.
_PRESENTER_CSS = """
<style>
  html { font-size: 20px; }
  [data-testid="stSidebar"] { width: 19rem !important; min-width: 19rem !important; }
  .st-key-live_step_sample, .st-key-live_step_epoch { display: none; }
  [data-testid="stAppViewContainer"] .block-container,
  [data-testid="stMainBlockContainer"] { max-width: 100%; padding: 1rem 2rem; }
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none; }
  [data-testid="stExpander"], [data-testid="stCaptionContainer"], [data-testid="stSidebarNav"],
  [data-testid="stSidebarNavSeparator"], .st-key-menu { display: none; }
  [data-testid="stMetricValue"] { font-size: 2.6rem; }
  [data-testid="stImage"] img { width: 100% !important; height: auto !important; }
  h1 { font-size: 2.4rem !important; }
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
    st.html(_PRESENTER_CSS)
    return True
