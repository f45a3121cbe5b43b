"""How often live pages ask for an update: fast for one learner, slower as a class joins.

The live page's fragment reruns every ``run_every`` seconds, asked for by a timer in the
browser. Streamlit fixes that interval when the fragment is declared in a full script
run (a fragment's own reruns do not send it again), and on a busy server the timer
reruns of many sessions stall when asked for faster than the machine serves them: on
two cores 8 sessions at 0.15 s all kept updating, 20 at 0.15 s stalled, 20 at 0.6 s all
kept updating. A page that has stalled runs no update, so it cannot notice by itself.

So the server counts the sessions training live right now (``LiveSessions``: each live
update touches it, entries older than ``ACTIVE_SECONDS`` are dropped) and every page
picks its tick from ``TICK_LEVELS`` by that count (``tick_for``). A page whose level
changes reruns in full once to declare the new one (``PageTick.update``), slowing down
at once and speeding up again only when the count has clearly fallen and the level has
held for ``HOLD_SECONDS``, so it does not flap. No thread: all of it happens inside the
sessions' own script runs.

``TICK_VARIABLE``, when set, fixes every page's tick instead.

No Streamlit here; the page holds a ``PageTick`` in its session state.
"""

from __future__ import annotations

import math
import os
import threading
import time
from dataclasses import dataclass

#: The environment variable a server sets to fix every live page's tick.
TICK_VARIABLE = "NN_DASHBOARD_TICK_SECONDS"
#: What TICK_VARIABLE may hold, in seconds.
TICK_RANGE = (0.05, 5.0)
#: The ticks a page may declare, fastest first. One learner gets the first.
TICK_LEVELS = (0.15, 0.3, 0.6, 1.2)
#: Sessions one core serves at the fastest tick without their updates stalling: 8 kept
#: updating on the 2-core development machine (browsers on it too) when it was quiet;
#: 3 leaves room for a busy one. A level ``t`` allows this many times ``t / TICK_LEVELS[0]``
#: per core: on 2 cores 6 sessions at 0.15 s, 12 at 0.3 s, 24 at 0.6 s.
SESSIONS_PER_CORE_AT_FASTEST = 3
#: A session counts as training live if it updated within this many seconds. Long, because
#: a page that has stalled sends no updates but must still be counted, or the count falls,
#: the pages still updating speed up again and more stall (measured: 10 s let a 20-session
#: class fall back to 0.15 and 0.3 s and stall).
ACTIVE_SECONDS = 60.0
#: Speed up again only when the count is at most this share of what the faster level allows...
SPEED_UP_SHARE = 0.75
#: ... and the current level has held this long.
HOLD_SECONDS = 10.0
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


def cores() -> int:
    return max(1, os.cpu_count() or 1)


def sessions_allowed(tick: float, core_count: int) -> float:
    """How many live sessions a server with ``core_count`` cores serves at this tick."""
    return SESSIONS_PER_CORE_AT_FASTEST * core_count * tick / TICK_LEVELS[0]


def tick_for(active: int, core_count: int) -> float:
    """The fastest level that ``active`` sessions can all be served at (the slowest if none)."""
    for tick in TICK_LEVELS:
        if active <= sessions_allowed(tick, core_count):
            return tick
    return TICK_LEVELS[-1]


def next_tick(active: int, current: float, core_count: int, held_for: float) -> float:
    """The level a page declaring ``current`` for ``held_for`` seconds should move to.

    Slower at once when ``active`` exceeds what ``current`` allows; faster only when the
    count is well under what the faster level allows and ``current`` has held HOLD_SECONDS.
    """
    wanted = tick_for(active, core_count)
    if wanted >= current:
        return wanted
    if held_for < HOLD_SECONDS:
        return current
    for tick in TICK_LEVELS:  # fastest first
        if tick >= current:
            return current
        if active <= SPEED_UP_SHARE * sessions_allowed(tick, core_count):
            return tick
    return current


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


#: The sessions training live in this server process (each replica counts its own).
LIVE_SESSIONS = LiveSessions()


@dataclass
class PageTick:
    """One session's declared tick; kept in its session state."""

    session_id: str
    #: The run_every the page declared in its latest full run; None while not training.
    seconds: float | None = None
    #: When ``seconds`` last changed (registry clock).
    changed_at: float = -math.inf
    #: Sessions training live when it was chosen.
    active: int = 0
    #: Whether TICK_VARIABLE chose it.
    fixed: bool = False

    def declare(self, running: bool, registry: LiveSessions | None = None, environment=None,
                core_count: int | None = None) -> float | None:
        """The run_every to declare in a full script run: None when not training."""
        registry = LIVE_SESSIONS if registry is None else registry
        if not running:
            registry.forget(self.session_id)
            self.seconds, self.active = None, 0
            return None
        self.active = registry.touch(self.session_id)
        self._choose(registry, environment, core_count)
        return self.seconds

    def update(self, registry: LiveSessions | None = None, environment=None,
               core_count: int | None = None) -> bool:
        """Note one live update; True when the page should rerun in full to declare another tick."""
        registry = LIVE_SESSIONS if registry is None else registry
        self.active = registry.touch(self.session_id)
        before = self.seconds
        self._choose(registry, environment, core_count)
        return before is not None and self.seconds != before

    def _choose(self, registry: LiveSessions, environment, core_count: int | None) -> None:
        """Set ``seconds`` for ``self.active`` sessions (TICK_VARIABLE wins)."""
        fixed = fixed_tick(os.environ if environment is None else environment)
        core_count = core_count or cores()
        now = registry.clock()
        self.fixed = fixed is not None
        if fixed is not None:
            chosen = fixed
        elif self.seconds is None:
            chosen = tick_for(self.active, core_count)
        else:
            chosen = next_tick(self.active, self.seconds, core_count, now - self.changed_at)
        if chosen != self.seconds:
            self.seconds, self.changed_at = chosen, now

    def note(self) -> str:
        """A sentence for the counters' help when updates are slowed, else ''."""
        if self.seconds is None or self.seconds <= TICK_LEVELS[0]:
            return ""
        if self.fixed:
            return f"This server asks for an update every {self.seconds:g} s ({TICK_VARIABLE})."
        return (f"Updates slowed to one every {self.seconds:g} s (from {TICK_LEVELS[0]:g} s) while "
                f"{self.active} learners train on this server at once.")
