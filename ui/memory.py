"""Giving memory that closed tabs held back to the system, so it does not stay with the server.

A closed tab's session is dropped by Streamlit once its time-to-live has passed, but its
objects refer to each other in cycles (the session and its script runner, callbacks, the
state), so only Python's cyclic garbage collector frees them. Streamlit would collect
after every script run; that is turned off here (``runner.postScriptGC``, for the live
page's CPU), and on a quiet server Python's own collector may not look at old objects for
a long time: a heavy visitor's expired sessions (their networks, histories and 45 MB of
rotated MNIST copies) stayed in memory. A daemon thread runs one full collection a
minute (about 85 ms of CPU with the dashboard's 176,000 objects: 0.14% of a core), then asks
glibc to give back what is free.

glibc's malloc keeps freed memory for reuse instead of returning it, in one arena per
thread, and Streamlit runs every script run in a thread of its own. Two habits of
glibc made a server keep about 100 MB after a heavy visitor's tabs had closed and
their sessions expired (docs/security.md):

* after the first large block is freed, it raises its mmap threshold (up to 32 MiB), so
  training's arrays of a few hundred KB then live in the arenas, where freeing them
  returns nothing to the system. A fixed threshold keeps every block above it in a
  mapping of its own, given back the moment it is freed;
* the pages of small blocks freed in a thread's arena stay until ``malloc_trim`` is
  called: the same thread calls it once a minute, after the collection (a few
  milliseconds each time).

All are process-wide and idempotent; on a system without glibc only the collection runs.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import threading
import time
from typing import Optional

#: Blocks at least this large get their own mapping (glibc's default threshold, kept fixed).
MMAP_THRESHOLD_BYTES = 128 * 1024
#: How often closed sessions' garbage is collected and the arenas' free pages are given back.
TRIM_EVERY_SECONDS = 60.0

_M_MMAP_THRESHOLD = -3  # from glibc's malloc.h
_started = False
_lock = threading.Lock()


def give_back_freed_memory() -> bool:
    """Start doing all three, once per process; whether glibc was there to ask."""
    global _started
    with _lock:
        if _started:
            return True
        libc = _glibc()
        if libc is not None:
            libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
        threading.Thread(target=_collect_and_trim_forever, args=(libc,), name="malloc-trim", daemon=True).start()
        _started = True
        return libc is not None


def _collect_and_trim_forever(libc) -> None:
    while True:
        time.sleep(TRIM_EVERY_SECONDS)
        gc.collect()  # first: what it frees is then trimmed too
        if libc is not None:
            libc.malloc_trim(0)


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
