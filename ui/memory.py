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
  lets one thread at a time allocate anyway: two arenas are enough. With the 2 MiB
  threshold and sixteen arenas, two replicas kept about 90 MB more after a class of 30
  on MNIST had gone than with 128 KB; with two arenas, as much as with 128 KB (docs/speed.md). The
  limit only counts arenas made after it is set, so the server sets it at its first
  page run (``ui/__init__.py``), before most threads have come.

All are process-wide and idempotent; on a system without glibc only the collection runs.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import threading
import time
from typing import Optional

#: Blocks at least this large get their own mapping: above every block a live update makes (the
#: largest, the test accuracy's hidden outputs at 200 hidden nodes, is 1.6 MB), below the data sets' arrays.
MMAP_THRESHOLD_BYTES = 2 * 1024 * 1024
#: How often closed sessions' garbage is collected and the arenas' free pages are given back.
TRIM_EVERY_SECONDS = 60.0
#: glibc arenas for the whole process: the main thread's and one that every other thread shares.
ARENAS = 2

_M_MMAP_THRESHOLD = -3  # from glibc's malloc.h
_M_ARENA_MAX = -8
_started = False
_lock = threading.Lock()


def give_back_freed_memory() -> bool:
    """Start doing all four, once per process; whether glibc was there to ask."""
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
