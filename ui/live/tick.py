"""How often live pages ask for an update: as fast as a learner can follow, slower when the server is busy.

The live page's fragment reruns every ``run_every`` seconds, asked for by a timer in the
browser. Streamlit fixes that interval when the fragment is declared in a full script run
(a fragment's own reruns do not send it again), so a page whose tick changes reruns in full
once (``PageTick.update``).

The tick follows what this server process measures of its own live updates (``ServerLoad``):

* how many sessions train live (``LiveSessions``: each live update touches it; sessions
  quiet for ``ACTIVE_SECONDS`` are dropped);
* what one live update costs the process: its CPU time over the last ``WINDOW_SECONDS``
  (``time.process_time``, every thread: the script runs, Streamlit's messages, the
  websockets) divided by the live updates made meanwhile;
* how stretched the updates are: each update's wall time over its own thread's CPU time.
  About 1 when the update ran unhindered; well above 1 when it waited for the interpreter
  (one Streamlit process runs Python on one core at a time) or for a core taken by
  anything else on the machine;
* how busy the process is: its CPU time over the window's wall time, in cores.

``tick_for`` picks the fastest of ``TICK_LEVELS`` at which all the live sessions' updates
would use at most ``TARGET_CORE_SHARE`` of one core (sessions x cost / tick); ``next_tick``
slows down at once when the current tick asks for more, or one level further when updates
are stretched past ``MAX_STRETCH`` while the process itself keeps ``BUSY_CORE_SHARE`` of a
core busy (it is crowded: slowing it helps; a wait caused by other programs is not shortened
by slowing this one) and the level has held ``WINDOW_SECONDS`` (so a step is judged on its
own updates), and speeds up only when the faster level would use at most ``SPEED_UP_SHARE``
of the target, the process is not crowded, and the current level has held ``HOLD_SECONDS``. No thread: all of
it happens inside the sessions' own script runs. Each replica (deploy/) measures its own process.

``TICK_VARIABLE``, when set, fixes every page's tick instead.

No Streamlit widgets here (only the session's language, for ``PageTick.note``); the page holds a
``PageTick`` in its session state.
"""

from __future__ import annotations

import collections
import math
import os
import statistics
import threading
import time
from dataclasses import dataclass

from ui.i18n import _, ngettext, numbers

#: The environment variable a server sets to fix every live page's tick.
TICK_VARIABLE = "NN_DASHBOARD_TICK_SECONDS"
#: What TICK_VARIABLE may hold, in seconds.
TICK_RANGE = (0.05, 5.0)
#: The ticks a page may declare, fastest first. One learner gets the first: 20 requests a
#: second, of which a browser on a small data set draws about 15 to 18.
TICK_LEVELS = (0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.45, 0.6, 0.9, 1.2)
#: Share of one core the live updates of one process may use. Not all of it: updates that
#: keep the interpreter busy all the time wait for each other, and page loads, buttons and
#: the websockets need the rest.
TARGET_CORE_SHARE = 0.7
#: Updates whose wall time is more than this many times their own CPU time waited too long
#: for a core: one level slower than the estimate says.
MAX_STRETCH = 2.5
#: ... but only when the process itself uses at least this share of a core (else the wait is
#: for other programs, and slowing this process's pages would not shorten it).
BUSY_CORE_SHARE = 0.5
#: Speed up only when updates run about unhindered (or the process is not busy)...
CALM_STRETCH = 1.6
#: ... and the faster level would use at most this share of TARGET_CORE_SHARE ...
SPEED_UP_SHARE = 0.75
#: ... and the current level has held this long.
HOLD_SECONDS = 10.0
#: A session counts as training live if it updated within this many seconds.
ACTIVE_SECONDS = 15.0
#: Cost and stretch are measured over the live updates of this many recent seconds...
WINDOW_SECONDS = 5.0
#: ... once there are at least this many of them (before that the level stays as it is).
MIN_UPDATES = 5
#: Most sessions the registry remembers (the oldest are dropped first).
MAX_SESSIONS = 2000


def tick_seconds(environment=os.environ) -> float:
    """The tick TICK_VARIABLE fixes, or the fastest level when it is not set.

    Raises ValueError naming the variable and the allowed range when it holds anything else.
    """
    fixed = fixed_tick(environment)
    return TICK_LEVELS[0] if fixed is None else fixed


def fixed_tick(environment=os.environ) -> float | None:
    """The tick TICK_VARIABLE sets for every page, or None when it is not set."""
    text = environment.get(TICK_VARIABLE, "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    low, high = TICK_RANGE
    if not low <= value <= high:  # also refuses NaN
        raise ValueError(f"{TICK_VARIABLE} must be a number of seconds from {low} to {high}; got {text!r}")
    return value


fixed_tick()  # at import, so a bad TICK_VARIABLE is named when the server starts, not on a page


@dataclass(frozen=True)
class Load:
    """What one server process measured of its live updates, recently."""

    #: Sessions training live in this process.
    sessions: int
    #: Seconds of the process's CPU per live update; None until enough updates were seen.
    cost: float | None = None
    #: Median of the updates' wall time / their thread's CPU time; 1.0 = unhindered.
    stretch: float = 1.0
    #: Cores this process used over the window (its CPU time / the window's wall time).
    core_use: float = 0.0

    @property
    def crowded(self) -> bool:
        """Updates wait for a core and this process itself keeps one busy: slowing it down helps.

        Stretched updates in a process that uses little CPU wait for other programs on the
        machine; slowing this one's pages would not make them wait less.
        """
        return self.stretch > MAX_STRETCH and self.core_use >= BUSY_CORE_SHARE

    def core_share(self, tick: float) -> float:
        """Share of one core the live sessions' updates would use at this tick."""
        return self.sessions * (self.cost or 0.0) / tick


def tick_for(load: Load) -> float:
    """The fastest level at which the live updates use at most TARGET_CORE_SHARE (the slowest if none)."""
    for tick in TICK_LEVELS:
        if load.core_share(tick) <= TARGET_CORE_SHARE:
            return tick
    return TICK_LEVELS[-1]


def next_tick(load: Load, current: float, held_for: float) -> float:
    """The level a page that has declared ``current`` for ``held_for`` seconds should move to."""
    if load.cost is None:  # too few updates measured yet
        return current
    wanted = tick_for(load)
    if load.crowded and held_for >= WINDOW_SECONDS:
        # Waiting for a core more than the estimate explains: one level slower, once the
        # current level's own updates fill the window (not again on the same measurements).
        wanted = max(wanted, _slower(current))
    if wanted >= current:
        return wanted
    if held_for < HOLD_SECONDS or (load.stretch > CALM_STRETCH and load.core_use >= BUSY_CORE_SHARE):
        return current
    for tick in TICK_LEVELS:  # fastest first
        if tick >= current:
            return current
        if load.core_share(tick) <= SPEED_UP_SHARE * TARGET_CORE_SHARE:
            return tick
    return current


def _slower(tick: float) -> float:
    return next((level for level in TICK_LEVELS if level > tick), TICK_LEVELS[-1])


class LiveSessions:
    """Session id -> time of its latest live update, for the sessions of this server process.

    Bounded (MAX_SESSIONS) and pruned of entries older than ACTIVE_SECONDS on each access.
    Sessions run in their own script threads, hence the lock.
    """

    def __init__(self, window: float = ACTIVE_SECONDS, limit: int = MAX_SESSIONS, clock=time.monotonic):
        self.window, self.limit, self.clock = window, limit, clock
        self._latest: dict[str, float] = {}
        self._lock = threading.Lock()

    def touch(self, session_id: str) -> int:
        """Note a live update of this session now; return how many sessions are training live."""
        with self._lock:
            now = self.clock()
            self._latest.pop(session_id, None)  # re-inserted last: the dict stays oldest first
            self._latest[session_id] = now
            return self._prune(now)

    def forget(self, session_id: str) -> None:
        """This session stopped training (paused, reset, diverged)."""
        with self._lock:
            self._latest.pop(session_id, None)

    def active(self) -> int:
        with self._lock:
            return self._prune(self.clock())

    def _prune(self, now: float) -> int:
        latest = self._latest
        while latest:
            oldest = next(iter(latest))
            if now - latest[oldest] <= self.window and len(latest) <= self.limit:
                break
            del latest[oldest]
        return len(latest)


class ServerLoad:
    """This process's live sessions and the measured cost and stretch of their recent updates."""

    def __init__(self, sessions: LiveSessions | None = None, window: float = WINDOW_SECONDS,
                 clock=time.monotonic, process_cpu=time.process_time):
        self.sessions = sessions or LiveSessions(clock=clock)
        self.window, self.clock, self.process_cpu = window, clock, process_cpu
        #: (when, the process's CPU seconds then, the update's stretch), oldest first.
        self._updates: collections.deque = collections.deque()
        self._lock = threading.Lock()

    def note_update(self, session_id: str, wall: float, cpu: float) -> None:
        """One live update of this session took ``wall`` seconds and ``cpu`` seconds of its thread."""
        self.sessions.touch(session_id)
        stretch = wall / cpu if cpu > 0 else 1.0
        with self._lock:
            now = self.clock()
            self._updates.append((now, self.process_cpu(), stretch))
            while self._updates and now - self._updates[0][0] > self.window:
                self._updates.popleft()

    def measure(self) -> Load:
        sessions = self.sessions.active()
        with self._lock:
            updates = list(self._updates)
        if len(updates) < MIN_UPDATES:
            return Load(sessions)
        # CPU between the first and the last update noted, over the updates made in between.
        used, span = updates[-1][1] - updates[0][1], updates[-1][0] - updates[0][0]
        cost = used / (len(updates) - 1)
        return Load(sessions, max(cost, 0.0), statistics.median(stretch for _, _, stretch in updates),
                    used / span if span > 0 else 0.0)


#: The live updates of this server process (each replica measures its own).
SERVER_LOAD = ServerLoad()


@dataclass
class PageTick:
    """One session's declared tick; kept in its session state."""

    session_id: str
    #: The run_every the page declared in its latest full run; None while not training.
    seconds: float | None = None
    #: When ``seconds`` last changed (the load's clock).
    changed_at: float = -math.inf
    #: What the server measured when it was chosen.
    load: Load = Load(0)
    #: Whether TICK_VARIABLE chose it.
    fixed: bool = False
    #: Set by ``declare`` in a full run, cleared by the first ``update`` after it: the fragment
    #: runs inside that same full run, and must not ask for another one there.
    just_declared: bool = False

    def declare(self, running: bool, server: ServerLoad | None = None, environment=None) -> float | None:
        """The run_every to declare in a full script run: None when not training."""
        server = SERVER_LOAD if server is None else server
        if not running:
            server.sessions.forget(self.session_id)
            self.seconds = None
            return None
        server.sessions.touch(self.session_id)
        self._choose(server, environment)
        self.just_declared = True
        return self.seconds

    def update(self, server: ServerLoad | None = None, environment=None) -> bool:
        """Before a live update: True when the page should rerun in full to declare another tick."""
        server = SERVER_LOAD if server is None else server
        if self.just_declared:
            # In the full run that just declared the tick. A second full rerun asked for from
            # here would start before the browser had its timer, and a full run cut short
            # before it declares the fragment leaves the page with no timer at all.
            self.just_declared = False
            return False
        before = self.seconds
        self._choose(server, environment)
        return before is not None and self.seconds != before

    def measured(self, wall: float, cpu: float, server: ServerLoad | None = None) -> None:
        """After a live update: it took ``wall`` seconds, ``cpu`` of them on its own thread."""
        (SERVER_LOAD if server is None else server).note_update(self.session_id, wall, cpu)

    def _choose(self, server: ServerLoad, environment) -> None:
        """Set ``seconds`` from the server's measured load (TICK_VARIABLE wins)."""
        fixed = fixed_tick(os.environ if environment is None else environment)
        self.load = server.measure()
        now = server.clock()
        self.fixed = fixed is not None
        if fixed is not None:
            chosen = fixed
        elif self.seconds is None:
            chosen = tick_for(self.load)
        else:
            chosen = next_tick(self.load, self.seconds, now - self.changed_at)
        if chosen != self.seconds:
            self.seconds, self.changed_at = chosen, now

    def note(self) -> str:
        """A sentence for the counters' help when updates are slowed, else ''."""
        if self.seconds is None or self.seconds <= TICK_LEVELS[0]:
            return ""
        if self.fixed:
            return _("This server asks for an update every {seconds} s ({variable}).").format(
                seconds=numbers.general(self.seconds), variable=TICK_VARIABLE)
        sessions, fastest = self.load.sessions, numbers.general(TICK_LEVELS[0])
        if self.load.cost:
            return ngettext(
                "Updates slowed to one every {seconds} s (from {fastest} s) while {learners} learner trains on "
                "this server process at about {cost} ms of the server's time each.",
                "Updates slowed to one every {seconds} s (from {fastest} s) while {learners} learners train on "
                "this server process at about {cost} ms of the server's time each.", sessions,
            ).format(seconds=numbers.general(self.seconds), fastest=fastest, learners=numbers.integer(sessions),
                     cost=numbers.decimal(1000 * self.load.cost, 0))
        return ngettext(
            "Updates slowed to one every {seconds} s (from {fastest} s) while {learners} learner trains on "
            "this server process.",
            "Updates slowed to one every {seconds} s (from {fastest} s) while {learners} learners train on "
            "this server process.", sessions,
        ).format(seconds=numbers.general(self.seconds), fastest=fastest, learners=numbers.integer(sessions))
