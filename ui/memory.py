"""Giving memory that closed tabs held back to the system, so it does not stay with the server.

A closed tab's session is kept by Streamlit for its time-to-live (``server.disconnectedSessionTTL``),
so that a learner whose page reloads gets it back. Three things then kept its memory:

* once the time-to-live has passed, Streamlit drops the session only at its next session
  write, when someone next opens a page: on a server left quiet after a heavy visitor, never;
* even dropped, the last session to have sent anything stays referred to by Streamlit's
  message loop (its loop variable) until another session sends;
* a session's objects refer to each other in cycles (the session and its script runner,
  callbacks, the state), so only Python's cyclic garbage collector frees them. Streamlit
  would collect after every script run; that is turned off here (``runner.postScriptGC``,
  for the live page's CPU), and on a quiet server Python's own collector may not look at
  old objects for a long time.

So a heavy visitor's expired sessions (their networks, histories and 45 MB of rotated MNIST
copies) stayed in memory. A daemon thread, once a minute, drops the sessions whose
time-to-live has passed, shut down and with their state cleared, as Streamlit shuts down a
session that may not come back (on the event loop, where Streamlit handles its sessions);
then runs one full collection (about 85 ms of CPU with the dashboard's 176,000 objects: 0.14%
of a core), then asks glibc to give back what is free.

glibc's malloc keeps freed memory for reuse instead of returning it, in one arena per
thread, and Streamlit runs every script run in a thread of its own. Three habits of
glibc made a server keep memory after its visitors had gone, or cost it CPU meanwhile:

* after the first large block is freed, it raises its mmap threshold (up to 32 MiB), so
  a heavy visitor's arrays of many MB then live in the arenas (about 100 MB kept after a
  heavy visitor's tabs had closed: docs/security.md). A fixed threshold keeps every block
  above it in a mapping of its own, given back the moment it is freed. It is 2 MiB, not
  glibc's starting 128 KB: a live MNIST update makes several blocks of 0.25 to 1.6 MB
  (a copy of wih, its pictures' HTML, the protobuf message, the test accuracy's
  products), and in mappings of their own every page of them was a page fault when
  first written, 400 to 1,000 an update, about a tenth of its CPU (docs/speed.md);
* the pages of blocks freed in an arena stay until ``malloc_trim`` is called: the same
  thread calls it once a minute, after the collection (a few milliseconds each time);
* each new thread gets an arena of its own, up to eight per core, so a class's live
  updates spread their blocks over sixteen arenas, each keeping its share. Python's lock
  lets one thread at a time allocate anyway: a few arenas are enough. With the 2 MiB
  threshold and sixteen arenas, two replicas kept about 90 MB more after a class of 30
  on MNIST had gone than with 128 KB; with the limit, as much as with 128 KB (docs/speed.md).
  The limit only stops new arenas: it is set at the server's first page run
  (``ui/__init__.py``), the earliest the dashboard's code runs, and by then the threads
  that had allocated (the server's own, the first script run's) have made about seven,
  which stay. Without it, each later script thread could add one, up to sixteen.

All are process-wide and idempotent; on a system without glibc only the collection runs.
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import ctypes.util
import gc
import os
import threading
import time
from typing import Optional

#: Blocks at least this large get their own mapping: above every block a live update makes (the
#: largest, the test accuracy's hidden outputs at 200 hidden nodes, is 1.6 MB), below the data sets' arrays.
MMAP_THRESHOLD_BYTES = 2 * 1024 * 1024
#: How often expired sessions are dropped, their garbage collected and the arenas' free pages given back
#: (an operator may set it; a test shortens it).
TRIM_EVERY_SECONDS = float(os.environ.get("DASHBOARD_TRIM_EVERY_SECONDS") or 60.0)
#: Longest the thread waits for the event loop to drop the expired sessions (it answers in milliseconds).
EVENT_LOOP_WAIT_SECONDS = 10.0
#: glibc arenas the process may have: no new ones once it has these (it has about seven by the first page run).
ARENAS = 2

_M_MMAP_THRESHOLD = -3  # from glibc's malloc.h
_M_ARENA_MAX = -8
_started = False
_lock = threading.Lock()


def give_back_freed_memory() -> bool:
    """Set glibc's habits and start the thread, once per process; whether glibc was there to ask."""
    global _started
    with _lock:
        if _started:
            return True
        libc = _glibc()
        if libc is not None:
            libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
            libc.mallopt(_M_ARENA_MAX, ARENAS)
        threading.Thread(target=_collect_and_trim_forever, args=(libc,), name="malloc-trim", daemon=True).start()
        _started = True
        return libc is not None


def _collect_and_trim_forever(libc) -> None:
    while True:
        time.sleep(TRIM_EVERY_SECONDS)
        drop_expired_sessions()  # first: what they held is then collected and given back too
        gc.collect()  # before the trim: what it frees is then given back too
        if libc is not None:
            libc.malloc_trim(0)


def drop_expired_sessions() -> int:
    """Drop the closed tabs' sessions whose time-to-live has passed, shut down and emptied; how many.
    Nothing without a Streamlit server, or in a Streamlit whose insides differ."""
    try:
        from streamlit import runtime

        if not runtime.exists():
            return 0
        server = runtime.get_instance()
        sessions = server._session_mgr
        kept = sessions._session_storage._cache  # a TTLCache: expired entries stay until a write or expire()
        lock, loop = sessions._storage_lock, server._get_async_objs().eventloop
    except (AttributeError, RuntimeError):
        return 0
    dropped: concurrent.futures.Future = concurrent.futures.Future()

    def expire_on_event_loop() -> None:
        try:
            with lock:  # as Streamlit's own writes of the storage
                expired = [info.session for _, info in kept.expire()]
            for session in expired:
                session.shutdown()  # its uploads and media files, its script runner
                session.session_state.clear()  # what it held, though Streamlit's message loop may still refer to it
            dropped.set_result(len(expired))
        except Exception as error:  # told to the waiting thread; the event loop goes on
            dropped.set_exception(error)

    try:
        loop.call_soon_threadsafe(expire_on_event_loop)
        return dropped.result(EVENT_LOOP_WAIT_SECONDS)
    except Exception:  # the server stopping, its loop stuck, or a Streamlit whose sessions differ: next minute
        return 0


def _glibc() -> Optional[ctypes.CDLL]:
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        libc = ctypes.CDLL(name)
        libc.mallopt, libc.malloc_trim  # noqa: B018: both exist only in glibc
    except (OSError, AttributeError):
        return None
    return libc
