"""Streamlit helpers shared by the pages: session state, settings, charts, widgets.

The maths lives in ``nn``; nothing here re-derives it.
"""
