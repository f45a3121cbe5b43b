"""One watcher per server process: it tells the pages that follow a class room when the room changed.

A page that shows a room (a student's class on the Classroom page, the class notice in
every other page's sidebar) draws it in a fragment and, from that fragment, tells the
watcher which version of the room it drew (:meth:`RoomWatcher.follow`). The watcher, a
daemon thread, reads the versions of every room followed in this process in ONE store call
about twice a second (``RoomStore.versions``). When a room's version moved past what a
page drew, it asks that page's session to rerun the fragment (``ui.server_push``); the
fragment draws the room again (or reruns its whole page) and follows the new version.

So a quiet class costs the server two small reads a second, whatever its size, instead of
a fragment run per student per second; and it works across the replicas of ``deploy/``,
because each process reads the shared store, whichever replica the teacher's change came
through. The registry is bounded (``max_followers`` sessions); sessions whose tab has gone
are dropped at each round.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import logging
import threading
import time
from typing import Callable, Optional

from ui import server_push
from ui.classroom.rooms.base import RoomVersion
from ui.server_push import Outcome, SessionRef

#: Seconds between two reads of the followed rooms' versions.
WATCH_SECONDS = 0.5
#: Sessions one process follows at most (a 2-core server teaches a few classes of 30).
MAX_FOLLOWERS = 1000
#: How long a round waits for the event loop to take up its pushes.
PUSH_TIMEOUT_SECONDS = 10.0
#: A push not yet made for the version the room has now.
_NOT_PUSHED = object()

_LOG = logging.getLogger(__name__)


@dataclasses.dataclass(eq=False)
class Follower:
    """One session's fragment showing version ``drawn`` of room ``code``."""

    code: str
    target: SessionRef
    drawn: RoomVersion
    #: The room's version this follower was last pushed for; none again until it changes.
    pushed: object = _NOT_PUSHED


class RoomWatcher:
    """The registry (session -> the room its page follows) and the thread that pushes reruns.

    ``read_versions(codes)``: the store's :meth:`RoomStore.versions`. ``push`` and ``alive``
    are ``ui.server_push``'s (tests give their own, and call :meth:`check_once` by hand).
    """

    def __init__(self, read_versions: Callable[[list[str]], dict[str, RoomVersion]],
                 push: Callable[[SessionRef], concurrent.futures.Future] = server_push.request_rerun,
                 alive: Callable[[str], bool] = server_push.is_alive, max_followers: int = MAX_FOLLOWERS,
                 interval: float = WATCH_SECONDS):
        self._read_versions, self._push, self._alive = read_versions, push, alive
        self.max_followers, self.interval = max_followers, interval
        self._followers: dict[str, Follower] = {}  # by session id: a session's page follows one room
        self._lock = threading.Lock()
        self._someone_follows = threading.Event()
        self._thread: Optional[threading.Thread] = None

    def has_room_for(self, session_id: str) -> bool:
        """Whether ``follow`` would take this session (else its page polls, as without a server)."""
        with self._lock:
            if session_id in self._followers or len(self._followers) < self.max_followers:
                return True
            self._drop_gone_locked()
            return len(self._followers) < self.max_followers

    def follow(self, code: str, target: SessionRef, drawn: RoomVersion) -> bool:
        """``target`` (a session's fragment) now shows version ``drawn`` of room ``code``.

        Replaces what the session followed before (the page it left). False if the registry
        is full even after dropping sessions that have gone.
        """
        with self._lock:
            if target.session_id not in self._followers and len(self._followers) >= self.max_followers:
                self._drop_gone_locked()
                if len(self._followers) >= self.max_followers:
                    return False
            self._followers[target.session_id] = Follower(code, target, drawn)
        self._someone_follows.set()
        return True

    def forget(self, session_id: str) -> None:
        with self._lock:
            self._followers.pop(session_id, None)

    def following(self) -> dict[str, Follower]:
        """A copy of the registry, by session id."""
        with self._lock:
            return dict(self._followers)

    # -- the watcher's round ------------------------------------------------------------

    def check_once(self) -> dict[str, Outcome]:
        """One round: read every followed room's version at once, push a rerun to each session whose
        page shows an older one (once per version), drop sessions that have gone. Returns each push's
        outcome by session id."""
        with self._lock:
            followers = list(self._followers.values())
        if not followers:
            return {}
        versions = self._read_versions(sorted({follower.code for follower in followers}))
        due = [follower for follower in followers
               if versions.get(follower.code) not in (follower.drawn, follower.pushed)]  # None: the room is gone
        pushes = [(follower, self._push(follower.target)) for follower in due]
        outcomes: dict[str, Outcome] = {}
        for follower, future in pushes:
            try:
                outcome = future.result(PUSH_TIMEOUT_SECONDS)
            except Exception:  # the event loop is stuck or the push failed: next round tries again
                _LOG.exception("could not push a rerun to session %s", follower.target.session_id)
                continue
            outcomes[follower.target.session_id] = outcome
            with self._lock:
                if self._followers.get(follower.target.session_id) is not follower:
                    continue  # the page drew the room again meanwhile and follows anew
                if outcome is Outcome.RERUN:
                    follower.pushed = versions.get(follower.code)
                elif outcome is not Outcome.BUSY:  # gone, left the page, or no server: nothing to push to
                    del self._followers[follower.target.session_id]
        with self._lock:
            self._drop_gone_locked()
        return outcomes

    def _drop_gone_locked(self) -> None:
        for session_id in [session_id for session_id in self._followers if not self._alive(session_id)]:
            del self._followers[session_id]

    # -- the thread ---------------------------------------------------------------------

    def start(self) -> None:
        """Start the daemon thread (once); it sleeps while no page follows a room."""
        with self._lock:
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._watch, name="room-watcher", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while True:
            self._someone_follows.wait()
            try:
                self.check_once()
            except Exception:  # a store that cannot be read now (Redis restarting ...): the next round tries again
                _LOG.exception("could not read the followed rooms' versions")
            with self._lock:
                if not self._followers:
                    self._someone_follows.clear()
            time.sleep(self.interval)
