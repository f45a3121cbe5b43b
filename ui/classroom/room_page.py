"""The class room's part of the Classroom page: start or join a class, or run the one this session is in."""

from __future__ import annotations

import streamlit as st

from ui.classroom import join, student, teacher
from ui.classroom.room_messages import room_message
from ui.classroom.room_session import (ROOM_PARAM, STUDENT, TEACHER, get_store, keep_student_address, membership,
                                       student_from_url, teacher_from_url)
from ui.classroom.rooms.base import RoomError
from ui.i18n import _


def room_ui(base_url: str, presenting: bool) -> bool:
    """Draw the room this session is in, or the ways into one; True if a room was drawn."""
    try:
        teacher_from_url() or student_from_url()
    except RoomError as error:
        st.error(room_message(error))
    member = membership()
    if member is not None and member.role == TEACHER:
        try:
            teacher_room_ui(member, base_url, presenting)
        except RoomError as error:  # the room expired or was closed meanwhile
            st.error(room_message(error))
            teacher.close_ui(member)
        return True
    if member is not None and member.role == STUDENT:
        keep_student_address(member)  # also when the student came back from another page
        st.header(_("Your class"))
        student.student_ui(member)
        return True
    st.header(_("Teach a class together"))
    st.write(_("Start a class and every student's page follows yours: the same network, your questions about it, "
               "the class's answers beside the true one, and a race of learning rates. Students join from their "
               "own screens with a short code."))
    join_column, start_column = st.columns(2)
    with join_column:
        st.subheader(_("Join a class"))
        if join.join_ui():
            st.rerun()
    with start_column:
        st.subheader(_("Start a class"))
        st.write(_("The class starts on the network chosen under \"Build a lesson link\" below "
                   "(or the default network); you can change it for everyone at any time."))
        teacher.start_ui()
    return bool(st.query_params.get(ROOM_PARAM))


def teacher_room_ui(member, base_url: str, presenting: bool) -> None:
    if not presenting:  # the projector shows nothing but the class: its height goes to the question and reveal
        st.header(_("Your class"))
    # On the projector, once a question is asked it comes above the code and QR code, which fill a 1280 x 720
    # screen by themselves: the class sees the question, its count of answers and the reveal.
    question_first = presenting and get_store().view(member.code).question is not None
    if not question_first:
        teacher.share_ui(member, base_url, presenting)
    teacher.projector_ui(member, presenting, question_first)
    if question_first:
        teacher.share_ui(member, base_url, presenting)
    if not presenting:
        teacher.ask_ui(member)
        teacher.network_ui(member)
    teacher.race_ui(member)
    if not presenting:
        teacher.close_ui(member)
