"""How often a tab may ask for live updates: no faster than its browser draws them.

A browser's fragment timer asks for the next update every interval whether or not it has drawn
the last one. A desktop draws a live update in a few tens of milliseconds; a phone can take a
third of a second for one of MNIST's, yet its timer still fires between the steps of that
drawing. The updates it has received and not yet drawn then pile up: a phone 4 times slower than
this machine's browser was 10 updates (3 s) behind after 8 s of MNIST, so after Pause it went on
showing 3 s of training that had already happened (docs/speed.md, "On a phone").

So each live update carries its number to the browser, which sends back the number of the last
update it drew (ui/live/drawn.py). ``BrowserPace`` turns how far behind that is into the slowest
interval this tab may have, its ``floor``:

* late: besides the update on its way, updates not yet drawn that make up at least
  ``LATE_SECONDS`` of training, in ``LATE_IN_A_ROW`` requests in a row. The floor becomes the
  interval times ``SLOW_DOWN`` (a level of ``TICK_LEVELS``), and is not slowed again while the
  browser works through what it has, unless it falls further behind. Counted in seconds, not
  updates: a desktop browser that draws an update in nearly the whole of a 0.05 s tick is often
  two or three updates behind, and shows training 0.1 s late, which nobody sees; a phone two
  updates behind at a 0.3 s tick shows it 0.6 s late, and Pause seems not to work. A moment late
  is no backlog either: the browser catches up;
* not late in ``SPEED_UP_AFTER`` requests in a row: the floor one level
  faster, so a tab that was slow for a moment (a burst of other work, a hidden tab, whose timers
  the browser slows to once a second) speeds up again, and a phone finds the fastest pace it keeps.

No Streamlit here: the page passes what its browser sent (``PageTick.update``).
"""

from __future__ import annotations

import dataclasses

#: Seconds of training a browser may show late, besides the update on its way.
LATE_SECONDS = 0.25
#: Requests in a row that must find the browser late: a backlog, not a moment's delay.
LATE_IN_A_ROW = 3
#: A browser that is late gets this many times its interval (a tick level at least that).
SLOW_DOWN = 1.5
#: Requests in a row not late before the floor is lowered one level.
SPEED_UP_AFTER = 20


@dataclasses.dataclass
class BrowserPace:
    """The slowest interval one tab's browser has shown it needs; kept by the page's ``PageTick``."""

    #: Seconds; 0.0: the browser keeps up with any level.
    floor: float = 0.0
    #: Updates behind when the floor was last raised; None once the browser has not been late since.
    behind_when_slowed: int | None = None
    #: Requests in a row that found the browser late.
    late_in_a_row: int = 0
    #: Requests in a row that found the browser not late.
    keeping_up: int = 0

    def judge(self, behind: int | None, interval: float, levels: tuple[float, ...]) -> None:
        """After the browser's request: it is ``behind`` updates behind (None: no browser said), and its
        timer fires every ``interval`` seconds. ``levels``: the intervals a page may have, fastest first."""
        if behind is None:
            return
        if late(behind, interval):
            self.keeping_up = 0
            self.late_in_a_row += 1
            if self.late_in_a_row < LATE_IN_A_ROW:
                return
            if self.behind_when_slowed is None or behind > self.behind_when_slowed:
                self.floor = next((level for level in levels if level >= SLOW_DOWN * interval), levels[-1])
                self.behind_when_slowed = behind
            return
        self.behind_when_slowed, self.late_in_a_row = None, 0
        self.keeping_up += 1
        if self.floor and self.keeping_up >= SPEED_UP_AFTER:
            self.keeping_up = 0
            faster = [level for level in levels if level < self.floor]
            self.floor = faster[-1] if len(faster) > 1 else 0.0


def late(behind: int, interval: float) -> bool:
    """Whether a browser ``behind`` updates behind, at an update every ``interval`` seconds, shows
    training at least LATE_SECONDS late, besides the update on its way."""
    return (behind - 1) * interval >= LATE_SECONDS
