"""Class rooms: the teacher asks, every student answers from their own screen.

The store is chosen by one environment variable, ``CLASSROOM_STORE``:

* unset or ``sqlite``: one SQLite file in the folder ``CLASSROOM_DATA_DIR``
  (default ``$XDG_DATA_HOME/nn-dashboard``, else ``~/.local/share/nn-dashboard``),
  shared by every server process on the machine (the replicas of ``deploy/``);
* ``redis://host:port/db``: a Redis server, for replicas on several machines
  (needs the ``redis`` client: ``pip install redis``).

No Streamlit here: the pages use :func:`open_store` and the classes it returns.
"""

from __future__ import annotations

import os
from pathlib import Path

from .base import RoomError, RoomStore, RoomView, PostedRun  # noqa: F401

STORE_VARIABLE = "CLASSROOM_STORE"
DATA_DIR_VARIABLE = "CLASSROOM_DATA_DIR"


def data_dir() -> Path:
    if os.environ.get(DATA_DIR_VARIABLE):
        return Path(os.environ[DATA_DIR_VARIABLE])
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "nn-dashboard"


def open_store(**options) -> RoomStore:
    """The store the environment names (see the module's docstring)."""
    choice = os.environ.get(STORE_VARIABLE, "").strip()
    if choice.startswith(("redis://", "rediss://", "unix://")):
        from .redis_store import RedisRoomStore

        return RedisRoomStore(choice, **options)
    if choice not in ("", "sqlite"):
        raise ValueError(f"{STORE_VARIABLE} must be 'sqlite' or a redis:// address; got {choice!r}")
    from .sqlite_store import SQLiteRoomStore

    return SQLiteRoomStore(data_dir(), **options)
