"""Revive live pages that train but whose updates stopped: their browser lost its timer.

Under load, Streamlit 1.67 can drop the last messages of a full script run (docs/classroom.md,
"Why a page could end with no timer"): the browser has cleared its timers but never gets the
new one, so a page that is training never asks for another update. Nothing in the page can
notice, since nothing of it runs again. So one thread per server process watches every live
page that declared a timer while training: a page whose fragment has not begun a run for
``STALL_TICKS`` ticks (and at least ``STALL_SECONDS``) gets a full rerun pushed from the
server, which declares its timer again. A page that updates is never touched.

The decisions (``Watchdog.stalled``) are made from given times, so they are tested without
timing; ``Watchdog.check`` revives with whatever ``revive`` it was given (ui.server_push in the
server). No Streamlit here.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Callable

#: A training page whose fragment has not run for this many of its ticks has lost its timer ...
STALL_TICKS = 10
#: ... once that is this long at least: a full run (Start, a changed setting) on a busy server
#: can take a second or two, and a browser runs a hidden tab's timers once a second at most.
STALL_SECONDS = 4.0
#: Revivals in a row with no update between them before the watchdog gives a page up (its tab
#: is hidden and its timers throttled, or it is gone without Streamlit knowing yet).
MAX_REVIVALS = 3
#: How often the thread looks.
CHECK_SECONDS = 1.0
#: Most pages watched (the oldest are dropped first).
MAX_WATCHED = 2000

_LOGGER = logging.getLogger(__name__)


@dataclass
class Watched:
    """One page that declared a timer while training."""

    tick: float
    #: When it last showed a sign of life: declared its timer, updated, or was revived.
    seen: float
    #: Revivals since its last update.
    revivals: int = 0
    #: Which page of the app declared it (a learner may leave it for another while it trains).
    page: str = ""


class Watchdog:
    """The live pages of this process that should be updating, and the ones that stopped."""

    def __init__(self, revive: Callable[[str, str], bool | None], clock=time.monotonic, limit: int = MAX_WATCHED):
        #: revive(session_id, page) pushes a full rerun to that session if it still shows that page:
        #: True when asked, False when the session is gone or shows another page, None when it is
        #: running something (so not stalled, or not now).
        self.revive, self.clock, self.limit = revive, clock, limit
        self._pages: dict[str, Watched] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        #: Session ids revived so far, oldest first (for the benchmark's and the tests' report).
        self.revived: list[str] = []

    def declared(self, session_id: str, tick: float | None, page_name: str = "") -> None:
        """A full run of the page ``page_name`` declared ``tick`` (None: not training, so not watched)."""
        with self._lock:
            if tick is None:
                self._pages.pop(session_id, None)
                return
            page = self._pages.pop(session_id, None) or Watched(tick, self.clock())
            page.tick, page.seen, page.page = tick, self.clock(), page_name
            self._pages[session_id] = page  # last: the dict stays oldest first
            while len(self._pages) > self.limit:
                del self._pages[next(iter(self._pages))]

    def updated(self, session_id: str, tick: float) -> None:
        """A live update of this page began (its timer works), at ``tick``."""
        with self._lock:
            page = self._pages.get(session_id)
            if page is None:
                return  # paused meanwhile, or given up: its next full run watches it again
            page.tick, page.seen, page.revivals = tick, self.clock(), 0

    def stalled(self) -> list[str]:
        """The pages whose updates stopped: nothing for STALL_TICKS ticks and STALL_SECONDS."""
        now = self.clock()
        with self._lock:
            return [session_id for session_id, page in self._pages.items()
                    if now - page.seen > max(STALL_TICKS * page.tick, STALL_SECONDS)]

    def check(self) -> list[str]:
        """Revive every stalled page; return the ones revived."""
        revived = []
        for session_id in self.stalled():
            with self._lock:
                page = self._pages.get(session_id)
                if page is None:
                    continue
                page.revivals += 1
                page.seen = self.clock()  # its revival's full run has that long to show
                given_up = page.revivals > MAX_REVIVALS
                if given_up:
                    del self._pages[session_id]
            if given_up:
                continue
            outcome = self.revive(session_id, page.page)
            if outcome:
                revived.append(session_id)
                continue
            with self._lock:
                if outcome is None and session_id in self._pages:
                    self._pages[session_id].revivals -= 1  # busy: not a revival; looked at again later
                else:  # the session is gone
                    self._pages.pop(session_id, None)
        self.revived.extend(revived)
        return revived

    def watching(self) -> int:
        with self._lock:
            return len(self._pages)

    def start(self) -> None:
        """Check every CHECK_SECONDS in a daemon thread, from now on (once per watchdog)."""
        with self._lock:
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._watch, name="live-page-watchdog", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while True:
            time.sleep(CHECK_SECONDS)
            try:
                self.check()
            except Exception:  # a watchdog that dies revives nothing: say why, and look again next time
                _LOGGER.exception("The live pages' watchdog failed to check them")
