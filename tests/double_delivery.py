"""Helpers for protocol tests of one click delivered twice (benchmarks/streamlit_protocol.py's Learner).

A browser sends a click a moment after it happens (its widget manager batches updates in a
zero-delay timeout); a fragment's timer that fires in that moment sends the click with its own
request, and the click's own request follows. :func:`click_carried_by_the_timer_then_sent` sends
exactly those two, each once the run before has finished: no timing decides what a test sees.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import re

from benchmarks.streamlit_protocol import Learner
from conftest import stop_streamlit as stop  # noqa: F401: the protocol tests stop their servers with it

#: Only a guard against a hung server: the outcome never depends on how fast the steps are
#: (each waits for the run before it), and a loaded 2-core machine may take minutes.
HANG_GUARD_SECONDS = 540


def run(coroutine):
    """Run the scenario in a thread of its own: an AppTest that ran before may have left an event
    loop running in this one, where asyncio.run is refused."""
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        return thread.submit(lambda: asyncio.run(asyncio.wait_for(coroutine, HANG_GUARD_SECONDS))).result()


async def click_carried_by_the_timer_then_sent(learner: Learner, key: str, fragment_id: str | None = None) -> None:
    """What the browser sends when a fragment's timer fires between a click on ``key`` and the click.

    ``fragment_id``: the fragment whose timer fires; by default the page's one fragment with a timer.
    """
    if fragment_id is None:
        (fragment_id,) = learner.intervals
    await learner.rerun_fragment(fragment_id, press=key)
    await learner.press(key)


def last_counter(learner: Learner, name: str) -> str:
    """The value the live page's counter ``name`` ("Samples seen") showed last (ui/live/view.py)."""
    pattern = re.compile(rf'data-name="{re.escape(name)}".*?class="value"[^>]*>([^<]*)<', re.S)
    for body in reversed(learner.html or []):
        if found := pattern.search(body):
            return found.group(1)
    raise LookupError(f"no counter {name!r} among the {len(learner.html or [])} html elements received")


def last_markdown(learner: Learner, pattern: str) -> re.Match:
    """The last markdown element (st.write, st.subheader ...) that matches ``pattern``."""
    compiled = re.compile(pattern)
    for body in reversed(learner.markdown or []):
        if found := compiled.search(body):
            return found
    raise LookupError(f"no markdown matching {pattern!r} among the {len(learner.markdown or [])} received")
