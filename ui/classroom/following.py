"""How a page follows its class room: pushed when the room changes, with a slow safety poll.

A fragment that shows a room is declared with :func:`fragment_interval` as its
``run_every`` and calls :func:`follow` with the version it drew. Under ``streamlit run``
this process's watcher (ui/classroom/room_watcher.py) pushes the fragment a rerun when the
room changes, and the fragment's own timer runs it only every ``SAFETY_SECONDS``: a push
that was lost (the watcher could not read the store, the session was busy until the room
changed again) leaves the page behind for at most that long. Where nothing can push (AppTest
has no server; the watcher's registry is full) the fragment polls every ``POLL_SECONDS``
(``CLASSROOM_POLL_SECONDS``), as pages did before the watcher.
"""

from __future__ import annotations

import os

import streamlit as st

from ui import server_push
from ui.classroom import rooms
from ui.classroom.room_session import get_store, poll_seconds
from ui.classroom.room_watcher import RoomWatcher
from ui.classroom.rooms.base import RoomVersion

#: How often a pushed page still reads its room by itself: the longest a lost push can leave it behind.
SAFETY_SECONDS = 20.0
#: How often a page reads its room when nothing can push to it.
POLL_SECONDS = poll_seconds()


@st.cache_resource(show_spinner=False)
def _watcher(choice: str, data_dir: str) -> RoomWatcher:
    """This process's watcher for the store the environment names (its thread starts with it)."""
    watcher = RoomWatcher(get_store().versions)
    watcher.start()
    return watcher


def watcher() -> RoomWatcher:
    return _watcher(os.environ.get(rooms.STORE_VARIABLE, ""), str(rooms.data_dir()))


def pushed() -> bool:
    """Whether this session's room fragments are pushed (else they poll)."""
    session = server_push.this_session()
    return session is not None and watcher().has_room_for(session.session_id)


def fragment_interval() -> float:
    """The ``run_every`` of a fragment that follows a room, decided where it is declared."""
    return SAFETY_SECONDS if pushed() else POLL_SECONDS


def follow(code: str, drawn: RoomVersion) -> None:
    """From inside the fragment: this session's page shows version ``drawn`` of room ``code``; push it a
    rerun of this fragment when the room moves on. Nothing to do where nothing pushes (it polls)."""
    session = server_push.this_session()
    if session is not None and session.fragment_id is not None:
        watcher().follow(code, session, drawn)
