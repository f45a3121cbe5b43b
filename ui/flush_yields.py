"""The runtime's flush to the browsers yields to the event loop every few milliseconds, not after every message.

Streamlit 1.67's runtime loop (``Runtime._loop_coroutine``) sends each session's queued messages
and awaits ``asyncio.sleep(0)`` after every one, so a flush of n messages is n rounds of the event
loop. A round polls the sockets, which lets go of the interpreter's lock, and handles whatever is
ready, each browser request making a script thread whose start waits until that thread has the lock.
On a busy server, where many script threads run Python at once, each wait for the lock lasts about
a switch interval (5 ms) per thread ahead in line, and a round took about 150 ms: one message each.
A class of 60 that pressed Start together (30 runs of about 70 messages on each replica) had the last
of its pages waiting a minute and more for a run that had ended in half a second, and every other
page of that replica got no update meanwhile (docs/classroom.md, "A 60-learner Start understood").

So the ``asyncio`` that module sees is this process's ``asyncio`` with one change: ``sleep(0)``
yields only once :data:`YIELD_EVERY_SECONDS` have passed since the coroutines that call it last
yielded, or it has been called :data:`MOST_CALLS_A_ROUND` times meanwhile. A flush then sends a few
milliseconds' worth of messages a round (the sockets' own send tasks write them at the next round),
and still lets the loop serve everything else in between. The count keeps a long page's flush from
filling a browser's send queue before its send task has had a turn: Streamlit holds at most 500
messages for one browser and drops the connection of a browser whose queue is full. Every other
name (``sleep`` with a delay, ``wait``, ``Event``, ...) is ``asyncio``'s own.

``install`` makes the change once per process (importing ``ui`` does it, while the loop already
runs: the loop looks ``asyncio.sleep`` up on each call).
"""

from __future__ import annotations

import asyncio
import inspect
import time
import types

from streamlit.runtime import runtime as streamlit_runtime

#: The longest the runtime's flush runs before it lets the event loop serve anything else.
YIELD_EVERY_SECONDS = 0.005
#: The most messages the flush sends a round: well below the 500 Streamlit queues for one browser.
MOST_CALLS_A_ROUND = 100


class FlushYields(types.ModuleType):
    """``asyncio`` as the runtime module sees it: its own ``sleep(0)``, every other name asyncio's."""

    def __init__(self, clock=time.perf_counter) -> None:
        super().__init__("asyncio", "asyncio, whose sleep(0) yields every few milliseconds (ui/flush_yields.py)")
        self._clock = clock
        self._last_yield = clock()
        self._calls_since_yield = 0

    def __getattr__(self, name: str):
        return getattr(asyncio, name)

    async def sleep(self, delay: float, result=None):
        """``asyncio.sleep``; a ``sleep(0)`` soon after the last yield returns at once, without yielding."""
        if delay <= 0:
            self._calls_since_yield += 1
            if (self._calls_since_yield < MOST_CALLS_A_ROUND
                    and self._clock() - self._last_yield < YIELD_EVERY_SECONDS):
                return result
        try:
            return await asyncio.sleep(delay, result)
        finally:
            self._last_yield, self._calls_since_yield = self._clock(), 0


def install() -> None:
    """Give Streamlit's runtime module the ``asyncio`` whose ``sleep(0)`` yields every few milliseconds (once)."""
    if isinstance(streamlit_runtime.asyncio, FlushYields):
        return
    if "asyncio.sleep(0)" not in inspect.getsource(streamlit_runtime.Runtime._loop_coroutine):
        # a Streamlit whose flush no longer yields this way: fail at start, not quietly change nothing
        raise RuntimeError("Streamlit's Runtime._loop_coroutine no longer awaits asyncio.sleep(0): "
                           "see ui/flush_yields.py")
    streamlit_runtime.asyncio = FlushYields()
