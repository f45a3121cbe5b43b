"""How often live pages ask for an update: as fast as a learner can follow, slower when the server is busy.

The live page's fragment reruns every ``run_every`` seconds, asked for by a timer in the
browser. One server process chooses one tick for all its live pages (``ServerTick``), from
what it measures of its own live updates (``ServerLoad``):

* how many sessions train live (``LiveSessions``: each live update touches it; sessions
  quiet for ``ACTIVE_SECONDS`` are dropped);
* what one live update costs the process: its CPU time (``time.process_time``, every thread:
  the script runs, Streamlit's messages, the websockets) between the first and the last update
  measured, less the full script runs' own CPU, divided by the updates made meanwhile. A full
  run (Start, a page load, a changed setting) is not an update's cost. Before any update is
  measured, ``ASSUMED_COST``;
* how long an update takes, start to end (the median): when that nears the tick, requests
  arrive while the last is still running, whatever the CPU count says (the process waits for
  a core other programs have, or for the interpreter);
* how many sessions have an update that has been running for longer than a tick: more than
  half, and the process is swamped (it has more to do than it can, and then does far less).

``tick_for`` picks the fastest of ``TICK_LEVELS`` at which all the live sessions' updates would
use at most ``TARGET_CORE_SHARE`` of one core (sessions x cost / tick) and, when more than one
page trains, an update takes at most ``LATE_SHARE`` of the tick. ``next_tick`` slows down at once when the current level asks
for more (a swamped process at least doubles its tick), and speeds up only when a faster level
would leave room (``SPEED_UP_SHARE``) and the current one has held ``HOLD_SECONDS``. After a
change, only the updates made once every page has followed it are measured: the level is judged
on its own updates.

A page follows a new level without rerunning: its fragment tells the browser the new interval
(ui/live/timer.py), so a tick change costs nothing and cannot leave a page without a timer.
Each replica (deploy/) measures its own process.

A class's timers would fire together: a browser's timer starts when its message arrives, and
those messages reach a class at the same moment (a class pressing Start together; then a new
level, which each page learns from its next update, and those come together). Requests that
arrive together run together, each taking about as long as all of them (the interpreter serves
the script threads in turn): with 30 learners on MNIST the median update took 0.36 s of a 0.71 s
tick while the core was 0.6 busy, so ``LATE_SHARE`` held the tick back and the updates came in
bursts. So each page has its own place in the tick (``TimerPhases``, spread evenly over the
pages of a process), and whenever a page starts its timer or changes its level while other
pages train, it first declares the interval that makes its next request come at its place on
the process's clock, then the level at its next update: the class's requests come spread
over the tick, however their messages arrived.

A page is also never asked to be faster than its own browser draws (``BrowserPace``,
ui/live/pace.py): a phone that falls behind gets a slower tick of its own.

A page whose browser keeps up is *streamed* (ui/live/stream.py): one fragment run draws update
after update at the level, and the browser's timer only ends each such run every
``HEARTBEAT_SECONDS``, its request saying which update the browser drew. A tab found late at a
heartbeat goes back to a timer per update. Streamlit's own work for a fragment run is about as much
as a small page's update, so a class is streamed too: each streamed update comes at the page's
place in the tick (``PageTick.next_due_after``), as its timer's requests would.

``TICK_VARIABLE``, when set, fixes every page's tick instead.

No Streamlit here (only the session's language, for ``PageTick.note``); the page holds a
``PageTick`` in its session state.
"""

from __future__ import annotations

import collections
import dataclasses
import math
import os
import statistics
import threading
import time

from ui.i18n import _, ngettext, numbers
from ui.live.pace import LATE_SECONDS, Behind, BrowserPace

#: The environment variable a server sets to fix every live page's tick.
TICK_VARIABLE = "NN_DASHBOARD_TICK_SECONDS"
#: What TICK_VARIABLE may hold, in seconds.
TICK_RANGE = (0.05, 5.0)
#: The ticks a page may declare, fastest first, each about an eighth slower than the one before,
#: so a class gets close to the share of a core it may use. One learner gets the first: 20
#: requests a second, of which a browser on a small data set draws about 15 to 18. The slowest
#: keeps a class that a starved server cannot serve at 1.2 s updating every page (30 learners on
#: MNIST on one process of a loaded machine were swamped at 1.2 s: updates 9 s late at p95).
TICK_LEVELS = (0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.11, 0.125, 0.14, 0.16, 0.18, 0.2, 0.225, 0.25, 0.28,
               0.32, 0.36, 0.4, 0.45, 0.5, 0.56, 0.63, 0.71, 0.8, 0.9, 1.0, 1.1, 1.2, 1.4, 1.7, 2.0)
#: Share of one core the live updates of one process may use. Not all of it: updates that
#: keep the interpreter busy all the time wait for each other, and page loads, buttons and
#: the websockets need the rest.
TARGET_CORE_SHARE = 0.7
#: In a class, an update may take at most this share of the tick, start to end; longer, and the
#: pages' requests would often arrive while their last update still runs, which means it waits for
#: the others (for a core other programs hold, or for the interpreter) whatever the CPU count says.
#: A learner alone is not held to it: its request that arrives during an update waits for it
#: (ui/timer_requests.py) and costs nothing, so at full speed training may fill the tick.
LATE_SHARE = 0.5
#: When more than this share of the live sessions have an update that has been running for longer
#: than a tick, the process is swamped: it has more updates to make than it can, and then makes
#: far fewer than it could (many script threads, each waiting for the interpreter after every
#: message it sends). The tick at least doubles at once, without waiting for updates to end and be
#: measured.
SWAMPED_SHARE = 0.5
#: Speed up only when the faster level would use at most this share of what it may (core and
#: time), so a level near the boundary does not go back and forth ...
SPEED_UP_SHARE = 0.9
#: ... and the current level has held this long.
HOLD_SECONDS = 10.0
#: What an update is assumed to cost before any was measured in this process (on a 2-core Xeon
#: VM a 3-3-3 update costs 5 to 7 ms, MNIST 784-100-10 at speed 200 17 to 23 ms, more on a loaded
#: machine): a class that starts together is not asked for more than the process can do while its
#: first updates are measured.
ASSUMED_COST = 0.012
#: A session counts as training live if it updated within this many seconds.
ACTIVE_SECONDS = 15.0
#: Cost and duration are measured over the live updates of this many recent seconds...
WINDOW_SECONDS = 5.0
#: ... once there are at least this many of them (before that the last cost measured is used).
MIN_UPDATES = 8
#: After a change, measuring starts again once every page has had time to follow it: its next
#: request (one old tick) and that update's own run.
FOLLOW_SECONDS = 1.0
#: The process measures its updates at most this often (each live update asks for the level).
MEASURE_EVERY_SECONDS = 0.5
#: Most sessions the registry remembers (the oldest are dropped first).
MAX_SESSIONS = 2000
#: While a page is streamed, its browser's timer: each of its requests ends the streaming run and
#: says which update the browser drew. Streamlit's own work for a run is paid once this often.
HEARTBEAT_SECONDS = 1.0
#: Requests in a row at which its browser had drawn every update before the one on its way, before a
#: page is streamed (BrowserPace.drew_all): a phone that draws an update in about a tick never is.
STREAM_AFTER = 20


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


@dataclasses.dataclass(frozen=True)
class Load:
    """What one server process measured of its live updates, recently."""

    #: Sessions training live in this process.
    sessions: int
    #: Seconds of the process's CPU per live update; None until enough updates were seen.
    cost: float | None = None
    #: Median seconds from an update's start to its end.
    duration: float = 0.0
    #: Cores this process used over the window (its CPU time / the window's wall time).
    core_use: float = 0.0
    #: Share of the live sessions whose update now running began more than a tick ago.
    overdue: float = 0.0

    def core_share(self, tick: float) -> float:
        """Share of one core the live sessions' updates would use at this tick."""
        return self.sessions * (self.cost or 0.0) / tick

    def fits(self, tick: float, room: float = 1.0) -> bool:
        """Whether this tick keeps the updates within ``room`` of what they may use: core and time."""
        return (self.core_share(tick) <= room * TARGET_CORE_SHARE
                and (self.sessions <= 1 or self.duration <= room * LATE_SHARE * tick))

    @property
    def swamped(self) -> bool:
        return self.sessions > 1 and self.overdue > SWAMPED_SHARE


def tick_for(load: Load) -> float:
    """The fastest level at which the live updates fit (the slowest if none does)."""
    return next((tick for tick in TICK_LEVELS if load.fits(tick)), TICK_LEVELS[-1])


def next_tick(load: Load, current: float, held_for: float) -> float:
    """The level a process that has declared ``current`` for ``held_for`` seconds should move to."""
    if load.cost is None:  # nothing measured, nor assumed
        return current
    wanted = tick_for(load)
    if load.swamped and held_for >= current + FOLLOW_SECONDS:  # once the pages have followed the last change
        wanted = max(wanted, _at_least(2 * current))
    if wanted >= current:
        return wanted  # slower at once (or the same)
    if held_for < HOLD_SECONDS:
        return current
    # Faster only to a level that leaves room to spare, so the next measurement does not send it back.
    return next((tick for tick in TICK_LEVELS if tick < current and load.fits(tick, SPEED_UP_SHARE)), current)


def _at_least(seconds: float) -> float:
    return next((tick for tick in TICK_LEVELS if tick >= seconds), TICK_LEVELS[-1])


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
    """This process's live sessions and the measured cost and duration of their recent updates."""

    def __init__(self, sessions: LiveSessions | None = None, window: float = WINDOW_SECONDS,
                 clock=time.monotonic, process_cpu=time.process_time):
        self.sessions = sessions or LiveSessions(clock=clock)
        self.window, self.clock, self.process_cpu = window, clock, process_cpu
        #: (when, the process's CPU seconds then, the update's duration), oldest first.
        self._updates: collections.deque = collections.deque()
        #: (when, CPU seconds of a full script run's own thread), oldest first.
        self._full_runs: collections.deque = collections.deque()
        #: Session id -> when its update in progress began.
        self._running: dict[str, float] = {}
        self._lock = threading.Lock()

    def update_started(self, session_id: str) -> None:
        """A live update of this session begins."""
        with self._lock:
            self._running[session_id] = self.clock()

    def note_update(self, session_id: str, wall: float) -> None:
        """One live update of this session took ``wall`` seconds, start to end."""
        self.sessions.touch(session_id)
        with self._lock:
            now = self.clock()
            self._running.pop(session_id, None)
            self._updates.append((now, self.process_cpu(), wall))
            self._prune(now)

    def note_full_run(self, session_id: str, cpu: float) -> None:
        """A full script run of a live page used ``cpu`` seconds of its own thread: not an update's cost.
        (An update of that session cut short by it, st.rerun or a click, is not running any more.)"""
        with self._lock:
            now = self.clock()
            self._running.pop(session_id, None)
            self._full_runs.append((now, cpu))
            self._prune(now)

    def forget(self, session_id: str) -> None:
        """This session stopped training (paused, reset, diverged)."""
        self.sessions.forget(session_id)
        with self._lock:
            self._running.pop(session_id, None)

    def measure(self, since: float = -math.inf) -> Load:
        """The load measured from the updates made after ``since`` (the clock's time) in the window."""
        sessions = self.sessions.active()
        with self._lock:
            self._prune(self.clock())
            updates = [update for update in self._updates if update[0] > since]
            full_runs = [cpu for when, cpu in self._full_runs
                         if updates and updates[0][0] < when <= updates[-1][0]]
        if len(updates) < MIN_UPDATES:
            return Load(sessions)
        # CPU between the first and the last update noted, over the updates made in between.
        used, span = updates[-1][1] - updates[0][1], updates[-1][0] - updates[0][0]
        cost = max(used - sum(full_runs), 0.0) / (len(updates) - 1)
        return Load(sessions, cost, statistics.median(wall for _, _, wall in updates),
                    used / span if span > 0 else 0.0)

    def overdue(self, tick: float, sessions: int | None = None) -> float:
        """Share of the live sessions whose update now running began more than ``tick`` seconds ago."""
        sessions = self.sessions.active() if sessions is None else sessions
        with self._lock:
            now = self.clock()
            self._prune(now)
            late = sum(now - began > tick for began in self._running.values())
        return min(late / sessions, 1.0) if sessions else 0.0

    def _prune(self, now: float) -> None:
        for kept in (self._updates, self._full_runs):
            while kept and now - kept[0][0] > self.window:
                kept.popleft()
        for session_id in [session_id for session_id, began in self._running.items() if now - began > self.window]:
            del self._running[session_id]  # its run ended some other way (an error, a lost session)


#: The live updates of this server process (each replica measures its own).
SERVER_LOAD = ServerLoad()


#: Each page that starts training takes the next place in the tick by this step (the golden
#: ratio's fractional part), so the pages of a class, one after another, spread evenly over it.
PHASE_STEP = (math.sqrt(5) - 1) / 2
#: A page's first interval towards its place is at least this share of the level, so the request
#: it brings can be told from one the old timer sent before the browser had it: a request that
#: comes at least WAITED_SHARE of that interval after the run that told it ended.
MIN_FIRST_SHARE = 0.5
WAITED_SHARE = 0.75


class TimerPhases:
    """Where in the tick each live page's timer fires (a share of it), for the pages of one process."""

    def __init__(self):
        self._share = 0.0
        self._lock = threading.Lock()

    def next(self) -> float:
        """The next page's share of the tick, from 0 (inclusive) to 1."""
        with self._lock:
            share = self._share
            self._share = (share + PHASE_STEP) % 1.0
            return share


@dataclasses.dataclass
class ServerTick:
    """The one tick this process's live pages declare, decided from its measured load."""

    load: ServerLoad = dataclasses.field(default_factory=lambda: SERVER_LOAD)
    #: The level now.
    seconds: float = TICK_LEVELS[0]
    #: When the level last changed (the load's clock), and the level before.
    changed_at: float = -math.inf
    previous: float = TICK_LEVELS[0]
    #: What the level was last decided on (the sessions now, the cost measured or last known).
    measured: Load = Load(0)
    #: The latest cost measured, for when too few updates are measured to judge (a class that
    #: starts together): the level then follows the session count (at ASSUMED_COST before any).
    known_cost: float | None = None
    #: Whether the level was chosen on a cost measured at the level before it. One chosen on an
    #: assumed or remembered cost may speed up as soon as its own updates are measured.
    on_measurement: bool = False
    #: The latest measurement of the updates made since every page followed the last change.
    #: Where in the tick each page's timer fires.
    phases: TimerPhases = dataclasses.field(default_factory=TimerPhases, repr=False)
    _fresh: Load = Load(0)
    _measured_at: float = -math.inf
    _lock: threading.Lock = dataclasses.field(default_factory=threading.Lock, repr=False)

    def current(self) -> float:
        """The level for the sessions training now, from the latest measurements (taken at most
        every MEASURE_EVERY_SECONDS: every live update asks)."""
        with self._lock:
            now = self.load.clock()
            if now - self._measured_at >= MEASURE_EVERY_SECONDS:
                self._measured_at = now
                # Updates made before every page followed the last change are the old level's.
                self._fresh = self.load.measure(since=self.changed_at + self.previous + FOLLOW_SECONDS)
                if self._fresh.cost is not None:
                    self.known_cost = self._fresh.cost
            # A class that joins or leaves counts at once, at the cost last measured.
            sessions = self.load.sessions.active()
            self.measured = Load(sessions, self._fresh.cost or self.known_cost, self._fresh.duration,
                                 self._fresh.core_use, self.load.overdue(self.seconds, sessions))
            judged = self.measured if self.measured.cost is not None else dataclasses.replace(
                self.measured, cost=ASSUMED_COST)
            held_for = now - self.changed_at
            if not self.on_measurement and self._fresh.cost is not None:
                held_for = math.inf  # its first measurement: no need to wait for a better one
            chosen = next_tick(judged, self.seconds, held_for)
            if chosen != self.seconds:
                self.previous, self.seconds, self.changed_at = self.seconds, chosen, now
                self.on_measurement = self._fresh.cost is not None
            return self.seconds


#: The tick of this server process's live pages.
SERVER_TICK = ServerTick()


@dataclasses.dataclass
class PageTick:
    """One session's declared tick; kept in its session state."""

    session_id: str
    #: The level this page follows (the server's, or TICK_VARIABLE's); None while not training.
    seconds: float | None = None
    #: The interval the browser's timer has: the level, or once, the wait for the page's place in it.
    browser_seconds: float | None = None
    #: The page's place in the tick, as a share of it (TimerPhases); None until it first trains.
    phase: float | None = None
    #: When (the process's clock) the run that told the browser to wait for the page's place ended.
    _told_at: float = -math.inf
    #: Whether the run in progress tells the browser to wait for the page's place.
    _telling: bool = False
    #: What the server measured when its level was chosen.
    load: Load = Load(0)
    #: Whether TICK_VARIABLE chose it.
    fixed: bool = False
    #: Set by ``declare`` in a full run, cleared by the first ``update`` after it: the fragment runs
    #: inside that same full run, whose own messages declare the tick, and whose cost is a full run's.
    just_declared: bool = False
    #: Whether the live update in progress is measured: only in the fragment's own runs.
    _measuring: bool = False
    #: How fast this tab's browser draws: the page's level is never faster.
    pace: BrowserPace = dataclasses.field(default_factory=BrowserPace)
    #: Whether the page is streamed: its runs draw update after update, and the browser's timer is the heartbeat.
    streaming: bool = False
    #: When (time.monotonic) the next update is due: kept by every update, waited for while streamed.
    next_due: float = -math.inf

    def declare(self, running: bool, server: ServerTick | None = None, environment=None) -> float | None:
        """The run_every to declare in a full script run: None when not training."""
        server = SERVER_TICK if server is None else server
        self.just_declared, self.streaming = True, False  # a full run declares a timer per update
        if not running:
            server.load.forget(self.session_id)
            self.seconds = self.browser_seconds = None
            return None
        server.load.sessions.touch(self.session_id)
        self._choose(server, environment)
        self.browser_seconds = self._first_interval(server)
        return self.browser_seconds

    def update(self, server: ServerTick | None = None, environment=None, behind: Behind | None = None) -> float | None:
        """Before a live update: the interval to tell the browser now (ui/live/timer.py), or None.
        Never inside the full run that declared it: that run's messages do. ``behind``: how far behind
        the browser was when it asked for this one (None: it did not say)."""
        server = SERVER_TICK if server is None else server
        self._measuring = not self.just_declared
        if self.just_declared or self.seconds is None:
            self.just_declared = False
            return None
        server.load.update_started(self.session_id)
        self.pace.judge(behind, self.seconds, TICK_LEVELS)
        before = self.seconds
        self._choose(server, environment)
        if self.streaming:  # a heartbeat: streamed on, unless its browser was late or another learner trains
            late = behind is not None and behind.late >= LATE_SECONDS
            return self.stream_ends(server) if late or not self._stream_goes_on(server) else None
        if self.seconds != before:
            self.browser_seconds = self._first_interval(server)  # a new level: to its place in it first
        elif self.browser_seconds != self.seconds:
            if server.load.clock() - self._told_at < WAITED_SHARE * self.browser_seconds:
                # A request the old timer sent before the browser had the wait (held while the
                # run that told it ran): the wait goes on, so the level starts at the page's place.
                return None
            self.browser_seconds = self.seconds  # at its place: the level from now on
        else:
            return None
        return self.browser_seconds

    def streamed_update(self, server: ServerTick | None = None, environment=None) -> bool:
        """Before an update a streaming run draws without a request: whether the page is still streamed
        (the level may have changed; False: a second learner trains, and the browser's timer is the
        level's again, told by ``stream_ends``)."""
        server = SERVER_TICK if server is None else server
        self._measuring = True
        server.load.update_started(self.session_id)
        self._choose(server, environment)
        return self._stream_goes_on(server)

    def may_stream(self, server: ServerTick | None = None) -> bool:
        """Whether this page may be streamed now: training, and its browser not slowed and drawing every
        update before its next request, ``STREAM_AFTER`` requests in a row."""
        server = SERVER_TICK if server is None else server
        return self._stream_goes_on(server) and self.pace.drew_all >= STREAM_AFTER

    def _stream_goes_on(self, server: ServerTick) -> bool:
        """Whether a streamed page stays streamed: training and its browser not slowed (and, judged at
        each heartbeat by ``update``, not late). However many pages train: the level is the process's."""
        return self.seconds is not None and not self.pace.floor

    def stream_begins(self) -> float:
        """The page is streamed from this update on: the interval to tell the browser's timer."""
        self.streaming, self.browser_seconds = True, HEARTBEAT_SECONDS
        return self.browser_seconds

    def stream_ends(self, server: ServerTick | None = None) -> float:
        """The page gets a timer per update again: the interval to tell the browser."""
        server = SERVER_TICK if server is None else server
        self.streaming = False
        self.browser_seconds = self._first_interval(server)
        return self.browser_seconds

    def _first_interval(self, server: ServerTick) -> float:
        """The interval a timer (re)started now first has: when other pages train in this process,
        the wait until this page's place in the tick on the process's clock (so a class's timers
        do not fire together); alone, the level."""
        if server.load.sessions.active() < 2:
            return self.seconds
        if self.phase is None:
            self.phase = server.phases.next()
        level, self._telling = self.seconds, True
        ticks = server.load.clock() / level - self.phase  # this page's places come at whole numbers
        wait = (math.floor(ticks) + 1 - ticks) * level
        return wait if wait >= MIN_FIRST_SHARE * level else wait + level

    def next_due_after(self, due: float, interval: float, server: ServerTick | None = None) -> float:
        """When the update after one due at ``due`` (the load's clock) is due, ``interval`` on.

        Alone in its process: exactly one interval later. When other pages train, at this page's place
        in the interval, the first from half an interval on: a streamed page has no timer of its own to
        keep its place, and a class that pressed Start together (or follows a new level together) would
        otherwise have its updates due at one moment, each then taking as long as all of them."""
        server = SERVER_TICK if server is None else server
        if server.load.sessions.active() < 2 or not math.isfinite(interval):
            return due + interval
        if self.phase is None:
            self.phase = server.phases.next()
        return (math.ceil((due + interval / 2) / interval - self.phase) + self.phase) * interval

    def measured(self, wall: float, server: ServerTick | None = None) -> None:
        """After a live update: it took ``wall`` seconds, start to end (not counted inside a full run)."""
        server = SERVER_TICK if server is None else server
        if self._measuring:
            server.load.note_update(self.session_id, wall)
        self._measuring = False
        self._told(server)

    def full_run_ended(self, cpu: float, server: ServerTick | None = None) -> None:
        """At the end of the page's full run: it used ``cpu`` seconds of its own thread, which the
        cost of an update leaves out."""
        server = SERVER_TICK if server is None else server
        server.load.note_full_run(self.session_id, cpu)
        self._told(server)

    def _told(self, server: ServerTick) -> None:
        """A run ends: if it told the browser to wait for the page's place, the wait starts about now."""
        if self._telling:
            self._told_at, self._telling = server.load.clock(), False

    def _choose(self, server: ServerTick, environment) -> None:
        """Set ``seconds`` to the server's level, or the browser's pace if slower (TICK_VARIABLE wins)."""
        fixed = fixed_tick(os.environ if environment is None else environment)
        self.fixed = fixed is not None
        self.seconds = fixed if fixed is not None else max(server.current(), self.pace.floor)
        self.load = server.measured

    def note(self) -> str:
        """A sentence for the counters' help when updates are slowed, else ''."""
        if self.seconds is None or self.seconds <= TICK_LEVELS[0]:
            return ""
        if self.fixed:
            return _("This server asks for an update every {seconds} s ({variable}).").format(
                seconds=numbers.general(self.seconds), variable=TICK_VARIABLE)
        if self.pace.floor >= self.seconds:
            return _("Updates slowed to one every {seconds} s (from {fastest} s): this browser drew them more slowly "
                     "than they came, and would have shown them later and later.").format(
                seconds=numbers.general(self.seconds), fastest=numbers.general(TICK_LEVELS[0]))
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
