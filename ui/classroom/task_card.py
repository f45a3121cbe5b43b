"""The lesson's task at the top of the page a lesson link opens: what to do and watch, never the result."""

from __future__ import annotations

from typing import Mapping, Optional

from ui.classroom.lessons import LESSON_PARAM, LESSONS_BY_SLUG, Lesson
from ui.i18n import N_, _

# Translators: the heading of the students' card on the page a lesson link opens
TASK_HEADING = N_("Lesson: {title}")


def lesson_in_url(query_params: Mapping[str, str]) -> Optional[Lesson]:
    """The ready lesson the URL names, or None (an unknown name is ignored, never shown)."""
    return LESSONS_BY_SLUG.get(query_params.get(LESSON_PARAM) or "")


def task_card_ui() -> None:
    """The students' card, when the page was opened from a lesson link."""
    import streamlit as st

    lesson = lesson_in_url(st.query_params)
    if lesson is None:
        return
    with st.container(border=True, key="lesson_task"):
        # The lesson's own sentences (a visitor's value only chooses among them), so Markdown is safe.
        words = lesson.words
        st.markdown("**" + _(TASK_HEADING).format(title=words.title) + "**")
        st.markdown(words.task)
