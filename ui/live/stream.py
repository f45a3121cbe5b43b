"""A live page whose browser keeps up: one fragment run draws its live updates one after another.

Streamlit's own work for a fragment run (the browser's request and all its widget states read, a
script runner and its thread made, the run's events handed to the event loop, two copies of the
fragment's place on the page, the run's end) costs the server about as much as the 3-3-3 page's
own update, whatever the run draws: 4.2 to 4.6 ms on a 2-core AMD EPYC VM, against a 4.5 ms goal
for the whole update (docs/speed.md). A run per update can never be cheaper than that.

So while a page may be streamed (``PageTick.may_stream``: it trains, and its browser has drawn
every update on time for a while), its fragment's run does not end after its update. It waits for
the next tick and draws the next update over the last (ui/live/in_place.py), and again, until a
request for the session waits (ui/live/interrupt.py):

* a click (Pause, Reset, a setting): the run ends at once (its request wakes the waiting run, or
  ends one drawing at its next Streamlit call) and the click's run follows;
* the browser's timer, which while the page is streamed fires every ``HEARTBEAT_SECONDS``
  (ui/live/tick.py): the run ends, and the timer's run goes on streaming. Its request says which
  update the browser drew (ui/live/drawn.py): a browser found late ends the streaming, and the page
  gets a timer per update again;
* ``MOST_SECONDS`` with no request at all: the browser stopped asking (a hidden tab, whose
  timers it slows; a closed one), so the server stops sending until it asks again.

A class is streamed too, each page at its own place in the tick (``update_begins``), as its timer
would have spread its requests; the level is the process's, chosen from the updates' measured cost
(ui/live/tick.py). Without a server (AppTest) nothing streams.
"""

from __future__ import annotations

import math
import time
from typing import Callable

from ui import server_push, timer_requests
from ui.event_batches import batch_of, handed_over_together
from ui.live.in_place import InPlace
from ui.live.interrupt import app_session, can_tell, request_arrival, request_waiting
from ui.live.tick import HEARTBEAT_SECONDS, PageTick, ServerTick
from ui.live.timer import retime_running_fragment

#: Longest a streamed run goes on with no request from its browser (its heartbeat comes every HEARTBEAT_SECONDS).
MOST_SECONDS = 2.5 * HEARTBEAT_SECONDS


def draw_live_updates(tick: PageTick, draw: Callable[[bool], bool], every: Callable[[float], float]) -> None:
    """The live fragment's run: ``draw`` one update (``draw(True)``: the one its request asked for) and,
    while the page may be streamed, wait for each next update's turn and ``draw(False)`` it over the
    last. ``draw`` returns whether training goes on; ``every`` turns the level into the interval the
    learner gets (slower for one who asked for less motion)."""
    if tick.streaming:  # this run follows a streamed one: the next update's turn first
        wait_for_turn(tick)
    place = InPlace.begin() if server_push.this_session() is not None and can_tell() else None
    if not draw(True) or place is None or not (tick.streaming or tick.may_stream()):
        return
    if not tick.streaming:
        retime_running_fragment(every(tick.stream_begins()))
    session, began = app_session(), time.monotonic()
    while time.monotonic() - began < MOST_SECONDS:
        if not wait_for_turn(tick):
            return  # a request waits: its run takes over
        place.again()
        if not tick.streamed_update():
            retime_running_fragment(every(tick.stream_ends()))
            draw(False)
            return
        with handed_over_together(session):  # the update's elements reach the event loop at once, in one wakeup
            going_on = draw(False)
        if not going_on:
            return


def wait_for_turn(tick: PageTick) -> bool:
    """Wait until the next update is due and the last one has been sent; False as soon as a request for
    the session waits instead.

    It sleeps until then, woken early by any request that reaches the session (``request_arrival``) and,
    when it waits for its last update to leave, by the runtime's flush of the session's messages; a
    request is looked for again after each wakeup (cleared first, so one that comes in between still wakes it).

    Waiting for the last update to be sent is what a timer's request does (ui/timer_requests.py): a
    streamed page that drew on regardless once the event loop fell behind queued its updates faster
    than the loop sent them, and a replica's 15 learners then got nothing for a minute with 1,400
    messages waiting in each session (benchmarks/protocol_load.py --dump-stalls)."""
    arrived = request_arrival()
    if arrived is None:  # no server, so no streamed run to wait in
        return True
    session, give_up = app_session(), math.inf
    while True:
        arrived.clear()
        if request_waiting():
            return False
        now = time.monotonic()
        if now < tick.next_due:
            arrived.wait(tick.next_due - now)
        elif last_update_sent(session):
            return True
        elif now > give_up:  # never sent (a browser gone): the run ends, and the page's timer takes over
            return False
        else:
            give_up = min(give_up, now + MOST_SECONDS)
            timer_requests.wake_when_sent(session)
            if not last_update_sent(session):  # sent in between: the flush that would wake it has been
                arrived.wait(give_up - now)


def last_update_sent(session) -> bool:
    """Whether every message the session's runs made has left for its browser: none waits for the event
    loop (ui/event_batches.py) or in the session's queue for the runtime's next flush."""
    return not batch_of(session).pending and session._browser_queue.is_empty()


def update_begins(tick: PageTick, every: Callable[[float], float], now: float | None = None,
                  server: ServerTick | None = None) -> None:
    """A live update begins ``now`` (time.monotonic): the next is due one interval after this one was (so
    streamed updates keep their pace, however long each waited for the core), or one interval from now if
    it came more than an interval late; in a class, at the page's place in the interval (``PageTick.next_due_after``)."""
    now = time.monotonic() if now is None else now
    interval = every(tick.seconds) if tick.seconds else math.inf
    due = tick.next_due if now - tick.next_due < interval else now
    tick.next_due = tick.next_due_after(due, interval, server)
