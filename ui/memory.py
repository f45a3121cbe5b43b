"""Freeing what closed tabs held: one full garbage collection a minute, in a background thread.

Streamlit's collection after every script run is off (``runner.postScriptGC``: with numpy,
scipy, plotly and matplotlib loaded it cost 170-230 ms per live update, docs/speed.md). A
session that has expired is then freed only by Python's generational collector, which runs
as objects are allocated: on a quiet server it may not run for a long time, and a session's
arrays, held in reference cycles (session state, widgets, the script's frames), stay. One
full collection a minute frees them (about 0.2 s of a core a minute), so a server's memory
returns after a class's tabs close and their sessions expire (benchmarks/heavy_visitor.py).
"""

from __future__ import annotations

import gc
import threading
import time

COLLECT_EVERY_SECONDS = 60.0

_started = threading.Lock()


def keep_collecting(every: float = COLLECT_EVERY_SECONDS) -> None:
    """Start the process's collector thread, once (later calls do nothing)."""
    if not _started.acquire(blocking=False):
        return
    threading.Thread(target=_collect_forever, args=(every,), name="gc-every-minute", daemon=True).start()


def _collect_forever(every: float) -> None:
    while True:
        time.sleep(every)
        gc.collect()
