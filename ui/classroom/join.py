"""Joining a class by its code: the Classroom page's form, and the same in every page's sidebar.

Kept apart from the room's views so every page can offer it without importing them. A
student away from the Classroom page reads in the sidebar what the teacher did meanwhile
(a question asked, an answer revealed, a new network), pushed as the class page is
(ui/classroom/following.py).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from ui.classroom import following
from ui.classroom.room_messages import room_message, too_fast_to_join
from ui.classroom.room_session import (ROOM_PARAM, STUDENT_PARAM, TEACHER, Membership, TooFast, get_store, join_room,
                                       membership)
from ui.classroom.rooms.base import CODE_LENGTH, MAX_NAME_LENGTH, RoomError
from ui.i18n import _, numbers

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
    code = st.text_input(_("Class code"), key=code_key, max_chars=2 * CODE_LENGTH,
                         help=_("The {count} letters and digits your teacher shows; case and spaces do not "
                                "matter.").format(count=numbers.integer(CODE_LENGTH)))
    # No max_chars: a name too long gets a message saying so, rather than being cut silently.
    name = st.text_input(_("Your name (optional)"), key=f"{prefix}_name",
                         help=_("Shown to the teacher beside your race run; at most {limit} characters. "
                                "Leave it empty to stay anonymous.").format(limit=numbers.integer(MAX_NAME_LENGTH)))
    if not st.button(_("Join the class"), key=f"{prefix}_join", type="primary", icon=":material/login:",
                     help=_("Your page follows the teacher's: the class's network, the questions and the "
                            "reveal. Leaving gives you your own network back.")):
        return False
    try:
        join_room(code, name)
    except TooFast as wait:
        st.error(too_fast_to_join(wait.seconds))
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
            st.caption(_("Class"))
            in_class = (_("In class {code} as the teacher.") if member.role == TEACHER
                        else _("In class {code} as a student."))
            st.text(in_class.format(code=member.code))
            if member.role != TEACHER:
                st.fragment(class_notice_ui, run_every=following.fragment_interval())(member)
            page_link(CLASSROOM_PAGE_FILE, label=_("Back to the class"), icon=":material/groups:",
                      help=_("The class's page: the current question and the reveal."))
            return
        with st.expander(_("Join a class")):
            if join_ui("sidebar"):
                try:
                    st.switch_page(CLASSROOM_PAGE_FILE, query_params={ROOM_PARAM: membership().code,
                                                                      STUDENT_PARAM: membership().key})
                except StreamlitPageNotFoundError:
                    st.rerun()




def class_notice_ui(member: Membership) -> None:
    """What the teacher did that this page does not show, as plain text; redrawn when the room changes."""
    try:
        view = get_store().view(member.code)
    except RoomError as error:
        st.text(room_message(error))
        return
    if view.settings_version != member.settings_version:
        st.text(_("The teacher sent the class a new network: open the class's page to follow it."))
    if view.question_open:  # a question a new network closed is not to be answered
        st.text(_("The teacher asked question {number}: answer it on the class's page.").format(
            number=numbers.integer(view.question_id)))
    elif view.revealed:
        st.text(_("The teacher revealed the answer to question {number}: see it on the class's page.").format(
            number=numbers.integer(view.question_id)))
    following.follow(member.code, view.version)
