"""Joining a class by its code: the Classroom page's form, and the same in every page's sidebar.

Kept apart from the room's views so every page can offer it without importing them.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from ui.classroom.room_messages import TOO_FAST_JOIN, room_message
from ui.classroom.room_session import ROOM_PARAM, TEACHER, TooFast, join_room, membership
from ui.classroom.rooms.base import CODE_LENGTH, MAX_NAME_LENGTH, RoomError

KEY_PREFIX = "room_student"
CLASSROOM_PAGE_FILE = Path(__file__).resolve().parents[2] / "pages" / "4_Classroom.py"


def page_link(page: Path, **options) -> None:
    try:
        st.page_link(page, **options)
    except StreamlitPageNotFoundError:
        pass  # one page started on its own (a test of that file): there is no other page to go to


def join_ui(where: str = "page") -> bool:
    """The code and optional name boxes and the Join button; True once joined. ``where`` keeps keys apart."""
    prefix = f"{KEY_PREFIX}_{where}"
    code_key = f"{prefix}_code"
    if code_key not in st.session_state and st.query_params.get(ROOM_PARAM):
        st.session_state[code_key] = st.query_params[ROOM_PARAM][:2 * CODE_LENGTH]
    code = st.text_input("Class code", key=code_key, max_chars=2 * CODE_LENGTH,
                         help=f"The {CODE_LENGTH} letters and digits your teacher shows; case and spaces do not matter.")
    # No max_chars: a name too long gets a message saying so, rather than being cut silently.
    name = st.text_input("Your name (optional)", key=f"{prefix}_name",
                         help=f"Shown to the teacher beside your race run; at most {MAX_NAME_LENGTH} characters. "
                              "Leave it empty to stay anonymous.")
    if not st.button("Join the class", key=f"{prefix}_join", type="primary", icon=":material/login:",
                     help="Your page follows the teacher's: the class's network, the questions and the reveal. "
                          "Leaving gives you your own network back."):
        return False
    try:
        join_room(code, name)
    except TooFast as wait:
        st.error(TOO_FAST_JOIN.format(seconds=f"{wait.seconds:.0f}"))
        return False
    except RoomError as error:
        st.error(room_message(error))
        return False
    return True


def sidebar_join_ui() -> None:
    """Every page's sidebar: join a class by its code, or see which class this session is in."""
    member = membership()
    with st.sidebar:
        if member is not None:
            st.caption("Class")
            st.text(f"In class {member.code} as {'the teacher' if member.role == TEACHER else 'a student'}.")
            page_link(CLASSROOM_PAGE_FILE, label="Back to the class", icon=":material/groups:",
                       help="The class's page: the current question and the reveal.")
            return
        with st.expander("Join a class"):
            if join_ui("sidebar"):
                try:
                    st.switch_page(CLASSROOM_PAGE_FILE, query_params={ROOM_PARAM: membership().code})
                except StreamlitPageNotFoundError:
                    st.rerun()


