"""AppTest tabs of the Classroom page, shared by its tests: each tab is one browser tab (its own
session), and the room store is SQLite in a temporary folder, shared by the tabs as by server processes.

A test module takes ``room_store_folder`` by importing it (an autouse fixture works where it is imported).
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import url
from ui.classroom import rooms
from ui.i18n import speaking

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "4_Classroom.py")


@pytest.fixture(autouse=True)
def room_store_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(rooms.DATA_DIR_VARIABLE, str(tmp_path))
    monkeypatch.delenv(rooms.STORE_VARIABLE, raising=False)
    return tmp_path


def tab(**query) -> AppTest:
    """A new tab opened at ``Classroom?query``, run once."""
    at = AppTest.from_file(PAGE, default_timeout=120)
    for name, value in query.items():
        at.query_params[name] = value
    return run(at)


def run(at: AppTest) -> AppTest:
    """Run the tab's script again. AppTest writes back a selectbox's choice by calling the page's own
    format_func here, in the test's thread, so that thread speaks the tab's language too."""
    with speaking(url(at).get("lang", "en")):
        at.run()
    assert not at.exception
    return at


def ask_a_lesson(teacher: AppTest, slug: str) -> AppTest:
    """The teacher asks the class the ready lesson ``slug``'s question (which also sends its network)."""
    teacher.radio(key="room_ask_kind").set_value("lesson")
    run(teacher)
    teacher.selectbox(key="room_lesson").set_value(slug)
    run(teacher)
    teacher.button(key="room_ask_lesson").click()
    return run(teacher)


def join(code: str, lang: str | None = None, name: str = "") -> AppTest:
    """A student's tab opened from the student link (in ``lang``, if given), joined under ``name`` (none if empty)."""
    student = tab(room=code, **({"lang": lang} if lang else {}))
    assert student.text_input(key="room_student_page_code").value == code
    student.text_input(key="room_student_page_name").set_value(name)
    student.button(key="room_student_page_join").click()
    return run(student)


def html_blocks(at: AppTest) -> list[str]:
    return [block.value for block in at.get("html")]


def alt_text(at: AppTest, css_class: str) -> str:
    """The alt text of the picture with this class (a chart drawn as an SVG <img>)."""
    block = next(block for block in html_blocks(at) if f'class="{css_class}"' in block)
    return html.unescape(re.search(r'alt="([^"]*)"', block).group(1))


def picture(at: AppTest, css_class: str) -> str:
    """The SVG drawn in the picture with this class (a data URL)."""
    block = next(block for block in html_blocks(at) if f'class="{css_class}"' in block)
    return base64.b64decode(re.search(r'src="data:image/svg\+xml;base64,([^"]*)"', block).group(1)).decode()
