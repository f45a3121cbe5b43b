"""This session's place in a class room: teacher, student or neither, kept in one session-state entry.

A teacher's link is ``Classroom?room=CODE&teacher=KEY``; a student's is
``Classroom?room=CODE``. Once joined, a student's address also holds their own key
(``&student=KEY``), so a reload, which Streamlit starts as a new session, puts them back in the
class as the same student rather than as a second one. Joining keeps the student's own network aside and gives
it back when they leave. The store object is shared by the sessions of this
server process (``st.cache_resource``): it holds a database connection, never a
network or anything of one visitor.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import os
from typing import Optional

import streamlit as st

from ui.classroom import rooms
from ui.classroom.rooms.base import RoomError, RoomStore, RoomView
from ui.classroom.rooms.rate_limit import RateLimit, answer_limit, join_limit
from ui.session import Lab, build_lab, get_lab, set_lab
from ui.settings.network import LAB_ROWS
from ui.settings.setting import Table

ROOM_PARAM, TEACHER_PARAM, STUDENT_PARAM = "room", "teacher", "student"
SESSION_KEY = "classroom_room"
JOIN_LIMIT_KEY, ANSWER_LIMIT_KEY = "classroom_join_limit", "classroom_answer_limit"
TEACHER, STUDENT = "teacher", "student"

#: Seconds between two reads of the room by the projector's count (and by a student's page where
#: nothing can push to it: ui/classroom/following.py).
POLL_VARIABLE, DEFAULT_POLL_SECONDS, POLL_RANGE = "CLASSROOM_POLL_SECONDS", 1.0, (0.5, 10.0)


def poll_seconds() -> float:
    """How often pages read the room: ``CLASSROOM_POLL_SECONDS`` if set (0.5 to 10), else 1 s.

    The server's cost grows with how often 30 pages ask (docs/classroom.md has the figures);
    a value out of range is logged, naming the variable, and the default is used.
    """
    text = os.environ.get(POLL_VARIABLE, "")
    if not text:
        return DEFAULT_POLL_SECONDS
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not POLL_RANGE[0] <= value <= POLL_RANGE[1]:
        logging.getLogger(__name__).warning("%s must be a number of seconds from %g to %g; got %r, so %g s is used",
                                            POLL_VARIABLE, *POLL_RANGE, text, DEFAULT_POLL_SECONDS)
        return DEFAULT_POLL_SECONDS
    return value


#: The class network's settings, as the teacher sets them (widget keys ``room_*``): the live network's rows.
ROOM_SETTINGS: Table = Table("room", LAB_ROWS)


@dataclasses.dataclass
class Membership:
    code: str
    role: str
    key: str
    name: str = ""
    #: The room's settings version this session's network was last built from.
    settings_version: int = 0
    #: A student's own lab, given back when they leave.
    own_lab: Optional[Lab] = None


@st.cache_resource(show_spinner=False)
def _store(choice: str, data_dir: str) -> RoomStore:
    return rooms.open_store()


def get_store() -> RoomStore:
    """The room store the environment names (one per server process and configuration)."""
    return _store(os.environ.get(rooms.STORE_VARIABLE, ""), str(rooms.data_dir()))


def membership() -> Optional[Membership]:
    return st.session_state.get(SESSION_KEY)


def in_class_as_student() -> bool:
    """Whether this session is a student in a class: their page leaves out what is for the teacher."""
    member = membership()
    return member is not None and member.role == STUDENT


def _limit(key: str, make) -> RateLimit:
    if key not in st.session_state:
        st.session_state[key] = make()
    return st.session_state[key]


def room_settings(values: dict, hide=(), lock=()) -> dict:
    """What a room shares as its settings: every live setting's value, and the controls hidden or locked."""
    return {"values": {name: values[name] for name in ROOM_SETTINGS}, "hide": list(hide), "lock": list(lock)}


def start_room(values: dict) -> Membership:
    """A new room with these live settings; this session becomes its teacher."""
    code, key = get_store().create_room(room_settings(values))
    return become_teacher(code, key)


def become_teacher(code: str, key: str) -> Membership:
    member = Membership(code=code, role=TEACHER, key=key)
    st.session_state[SESSION_KEY] = member
    st.query_params[ROOM_PARAM] = code
    st.query_params[TEACHER_PARAM] = key
    if STUDENT_PARAM in st.query_params:
        del st.query_params[STUDENT_PARAM]
    return member


def teacher_from_url() -> Optional[Membership]:
    """The teacher's link opened in a new tab: check its key against the room's, once."""
    code, key = st.query_params.get(ROOM_PARAM), st.query_params.get(TEACHER_PARAM)
    member = membership()
    if not code or not key or (member and member.role == TEACHER and member.key == key):
        return None
    if get_store().is_teacher(code, key):  # RoomError for an unknown code
        return become_teacher(rooms.base.normalise_code(code), key)
    raise RoomError(rooms.base.NOT_TEACHER)


def join_room(code: str, name: str) -> Membership:
    """Join as a student (RoomError, or TooFast when this session tries too often)."""
    limit = _limit(JOIN_LIMIT_KEY, join_limit)
    if not limit.allow():
        raise TooFast(limit.wait_seconds())
    student_key = get_store().join(code, name)
    code = rooms.base.normalise_code(code)
    member = Membership(code=code, role=STUDENT, key=student_key, name=" ".join(name.split()), own_lab=get_lab())
    st.session_state[SESSION_KEY] = member
    keep_student_address(member)
    return member


def keep_student_address(member: Membership) -> None:
    """The student's address names their class and their own key (what :func:`student_from_url` reads)."""
    if st.query_params.get(ROOM_PARAM) != member.code:
        st.query_params[ROOM_PARAM] = member.code
    if st.query_params.get(STUDENT_PARAM) != member.key:
        st.query_params[STUDENT_PARAM] = member.key
    if TEACHER_PARAM in st.query_params:
        del st.query_params[TEACHER_PARAM]


def student_from_url() -> Optional[Membership]:
    """A student's class page opened again at its address (a reload starts a new session): the key there puts
    them back in the class as the same student, with their name and their answers. A key the room does not
    know (they left) is taken out of the address; RoomError if the class is gone (its key is taken out too)."""
    code, key = st.query_params.get(ROOM_PARAM), st.query_params.get(STUDENT_PARAM)
    if membership() is not None or not code or not key:
        return None
    try:
        name = get_store().student_name(code, key)
    except RoomError:
        del st.query_params[STUDENT_PARAM]
        raise
    if name is None:
        del st.query_params[STUDENT_PARAM]
        return None
    member = Membership(code=rooms.base.normalise_code(code), role=STUDENT, key=key, name=name, own_lab=get_lab())
    st.session_state[SESSION_KEY] = member
    return member


def leave_room() -> None:
    """Out of the room: a student gets their own network back; the room goes on without them."""
    member = st.session_state.pop(SESSION_KEY, None)
    for name in (ROOM_PARAM, TEACHER_PARAM, STUDENT_PARAM):
        if name in st.query_params:
            del st.query_params[name]
    if member is None:
        return
    if member.role == STUDENT:
        get_store().leave(member.code, member.key)
        if member.own_lab is not None:
            set_lab(member.own_lab)


def answer(member: Membership, question_id: int, answer_key: str) -> None:
    limit = _limit(ANSWER_LIMIT_KEY, answer_limit)
    if not limit.allow():
        raise TooFast(limit.wait_seconds())
    get_store().answer(member.code, member.key, question_id, answer_key)


def follow_settings(member: Membership, view: RoomView) -> bool:
    """Rebuild this student's network from the room's settings when the teacher pushed new ones.

    The same settings give the same starting weights (same seed), so every student's
    network equals the teacher's. Returns whether it was rebuilt.
    """
    if view.settings_version == member.settings_version:
        return False
    values, _ = ROOM_SETTINGS.check_all(view.settings["values"])
    set_lab(build_lab(values))
    member.settings_version = view.settings_version
    return True


class TooFast(Exception):
    """This session is acting faster than its rate limit allows; ``seconds`` until it may again."""

    def __init__(self, seconds: float):
        super().__init__(seconds)
        self.seconds = seconds
