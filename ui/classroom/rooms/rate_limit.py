"""How fast one session may join rooms or answer: a token bucket per session and action.

Kept in the session (each browser tab has its own), so a script or a stuck key
cannot flood the shared store: a burst of a few actions at once is allowed, then
one more every ``seconds_per_action``.
"""

from __future__ import annotations

import time
from typing import Callable


class RateLimit:
    def __init__(self, burst: int, seconds_per_action: float, clock: Callable[[], float] = time.monotonic):
        self.burst = burst
        self.seconds_per_action = seconds_per_action
        self.clock = clock
        self._tokens = float(burst)
        self._checked = clock()

    def allow(self) -> bool:
        """Whether one more action may go ahead now (and, if so, count it)."""
        now = self.clock()
        self._tokens = min(self.burst, self._tokens + (now - self._checked) / self.seconds_per_action)
        self._checked = now
        if self._tokens >= 1:
            self._tokens -= 1
            return True
        return False

    def wait_seconds(self) -> float:
        """How long until the next action is allowed."""
        return max(0.0, (1 - self._tokens) * self.seconds_per_action)


def join_limit(clock: Callable[[], float] = time.monotonic) -> RateLimit:
    """Five tries at a code, then one every ten seconds: enough for typos, far too slow to guess codes."""
    return RateLimit(burst=5, seconds_per_action=10.0, clock=clock)


def answer_limit(clock: Callable[[], float] = time.monotonic) -> RateLimit:
    """A few changes of mind at once, then one answer a second."""
    return RateLimit(burst=5, seconds_per_action=1.0, clock=clock)
