"""How often a tab may ask for live updates: no faster than its browser draws them.

A browser's fragment timer asks for the next update every interval whether or not it has drawn
the last one. A desktop draws a live update in a few tens of milliseconds; a phone can take a
third of a second for one of MNIST's, yet its timer still fires between the steps of that
drawing. The updates it has received and not yet drawn then pile up: a phone 4 times slower than
this machine's browser was 10 updates (3 s) behind after 8 s of MNIST, so after Pause it went on
showing 3 s of training that had already happened (docs/speed.md, "On a phone").

So each live update carries its number to the browser, which sends back the number of the last
update it drew (ui/live/drawn.py). ``SentUpdates`` remembers when each update was sent, and so
says how late the browser is (``Behind``): how many updates it has not drawn, and how long ago the
oldest of them was sent. ``BrowserPace`` turns that into the slowest interval this tab may have,
its ``floor``:

* late: an update besides the one on its way not drawn ``LATE_SECONDS`` after it was sent, in
  ``LATE_IN_A_ROW`` requests in a row. Judged in seconds, not updates: a desktop browser that draws
  an update in nearly the whole of a 0.05 s tick is often two or three updates behind, 0.1 s,
  which nobody sees; a phone two updates behind at 0.3 s an update shows training 0.6 s late, and
  Pause seems not to work. A moment late is no backlog either: the browser catches up.
  The floor becomes ``SLOW_DOWN`` times the interval at which the browser really asked (a phone's
  timer fires late, when its drawing lets it: 0.25 s apart where 0.05 s was declared), a level of
  ``TICK_LEVELS``. It is slowed again only if the browser is still late once it has had as many
  requests as it had updates to draw, and ``LATE_IN_A_ROW`` more: at the slower pace it works
  through what it has, and slowing it for that backlog as well left a phone that draws 3 MNIST
  updates a second at 1.7;
* not late in ``SPEED_UP_AFTER`` requests in a row: the floor one level faster, so a tab that was
  slow for a moment (a burst of other work, a hidden tab, whose timers the browser slows to once a
  second) speeds up again, and a phone finds the fastest pace it keeps.

No Streamlit here: the page passes what its browser sent (``PageTick.update``).
"""

from __future__ import annotations

import collections
import dataclasses
import statistics

#: Seconds after it was sent that an update other than the latest may still be waiting to be drawn.
LATE_SECONDS = 0.25
#: Requests in a row that must find the browser late: a backlog, not a moment's delay.
LATE_IN_A_ROW = 3
#: A browser that is late gets this many times the interval at which it asked (a tick level at least that).
SLOW_DOWN = 1.25
#: Requests in a row not late before the floor is lowered one level.
SPEED_UP_AFTER = 20
#: A browser that asks at most this many times its interval apart (the median) keeps its timer's pace.
KEPT_PACE = 1.1
#: Updates whose sending times are kept: the interval is judged on them; a browser further behind is late anyway.
REMEMBERED = 16


@dataclasses.dataclass(frozen=True)
class Behind:
    """How far behind a browser was when it asked for an update."""

    #: Updates sent that it had not drawn (the latest, on its way, is one).
    updates: int
    #: Seconds since the oldest of them other than the latest was sent; 0.0 if there is none.
    late: float
    #: The median seconds between the updates it was sent lately: how often it really asks.
    interval: float


class SentUpdates:
    """A tab's updates, numbered from 1 as they are sent, and when the latest were sent."""

    def __init__(self):
        self._sent: collections.deque[tuple[int, float]] = collections.deque(maxlen=REMEMBERED)
        #: The number of the latest update sent (0: none yet).
        self.latest = 0

    def send(self, now: float) -> int:
        """An update is sent at ``now``: its number."""
        self.latest += 1
        self._sent.append((self.latest, now))
        return self.latest

    def behind(self, drawn: int, now: float) -> Behind | None:
        """How far behind a browser that had drawn update ``drawn`` when it asked, at ``now``, was then (None:
        nothing sent yet). Updates sent after ``now`` it cannot have drawn: a busy server takes up a request
        later than it came, and meanwhile a streamed run (ui/live/stream.py) may send more."""
        if not self._sent:
            return None
        latest = self.latest - sum(when > now for _, when in self._sent)  # the latest sent when it asked
        updates = max(0, latest - drawn)
        waiting = [when for number, when in self._sent if drawn < number < latest]
        if updates > 1 and not waiting:  # further behind than remembered: at least as late as the oldest kept
            waiting = [self._sent[0][1]]
        # The median, not the mean: the first update after Start follows the page load by seconds.
        gaps = [later - earlier for (_, earlier), (_, later) in zip(self._sent, list(self._sent)[1:])]
        interval = statistics.median_low(gaps) if gaps else 0.0
        return Behind(updates, now - min(waiting) if waiting else 0.0, interval)


@dataclasses.dataclass
class BrowserPace:
    """The slowest interval one tab's browser has shown it needs; kept by the page's ``PageTick``."""

    #: Seconds; 0.0: the browser keeps up with any level.
    floor: float = 0.0
    #: Updates behind when the floor was last raised; None once the browser has not been late since.
    behind_when_slowed: int | None = None
    #: Requests since the floor was last raised.
    since_slowed: int = 0
    #: Requests in a row that found the browser late.
    late_in_a_row: int = 0
    #: Requests in a row that found the browser not late.
    keeping_up: int = 0
    #: Requests in a row that found every update drawn but the one on its way, from a browser that asked
    #: as often as its timer should (within ``KEPT_PACE``): one that draws each update before the next
    #: is due, as a streamed page needs (ui/live/stream.py). A browser that takes longer than the
    #: interval to draw has drawn the last update when it asks, but asks late: its timer waited for the drawing.
    drew_all: int = 0

    def judge(self, behind: Behind | None, interval: float, levels: tuple[float, ...]) -> None:
        """After the browser's request: how far ``behind`` it was (None: no browser said), with its timer
        set to fire every ``interval`` seconds. ``levels``: the intervals a page may have, fastest first."""
        if behind is None:
            return
        kept_pace = behind.updates <= 1 and behind.interval <= KEPT_PACE * interval
        self.drew_all = self.drew_all + 1 if kept_pace else 0
        if behind.late >= LATE_SECONDS:
            self.keeping_up = 0
            self.late_in_a_row += 1
            if self.late_in_a_row < LATE_IN_A_ROW:
                return
            self.since_slowed += 1
            if self.behind_when_slowed is None or self.since_slowed > self.behind_when_slowed + LATE_IN_A_ROW:
                asked = max(interval, behind.interval)
                self.floor = next((level for level in levels if level >= SLOW_DOWN * asked), levels[-1])
                self.behind_when_slowed, self.since_slowed = behind.updates, 0
            return
        self.behind_when_slowed, self.late_in_a_row = None, 0
        self.keeping_up += 1
        if self.floor and self.keeping_up >= SPEED_UP_AFTER:
            self.keeping_up = 0
            faster = [level for level in levels if level < self.floor]
            self.floor = faster[-1] if len(faster) > 1 else 0.0

