"""One server-wide limit on heavy jobs: big MNIST training runs and the workshop's experiments.

Streamlit runs every session of a server as threads of one Python process, so the
registry here (:data:`SLOTS`) is shared by every tab on that server. A job that
finds no free slot does not wait in a queue holding a thread: the page says the
server is busy and the job waits for its next tick (training) or for the learner to
press again (experiments), with the advice to try a smaller one.

Training runs in ticks and keeps its slot by claiming it again every tick: a slot
not renewed for :data:`LEASE_SECONDS` (the tab was closed or paused) is free again,
so a vanished tab cannot hold the server. A job that runs in one go (an experiment)
holds its slot until it ends.

Several replicas behind nginx (deploy/) are several processes: each has its own
:data:`SLOTS`, so the server-wide limit is ``replicas x HEAVY_JOB_SLOTS``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import threading
import time
import uuid
from typing import Callable, Iterator, Optional

from ui.i18n import N_, _, numbers
from ui.memory import give_back_freed_memory

#: Heavy jobs at once. On the 2-core classroom server: one, so one core is always left
#: for everyone else's pages. Set HEAVY_JOB_SLOTS in the environment to change it.
HEAVY_JOB_SLOTS = max(1, int(os.environ.get("HEAVY_JOB_SLOTS", max(1, (os.cpu_count() or 2) - 1))))

#: A training tick renews its slot every ~0.5 s; three seconds without one frees it.
LEASE_SECONDS = 3.0

#: Training work (samples x weights) above which a run is a heavy job: one epoch of the
#: book's 784-100-10 over all 60,000 images (4.8e9). The default workshop run (1,000
#: images) is 60 times smaller and never waits.
HEAVY_TRAINING_WORK = 60_000 * (100 * 785 + 10 * 101)

#: Longest experiment (or rotation comparison) allowed, in seconds of one core, as the
#: page estimates it before it starts: five minutes, a classroom activity's length.
MAX_EXPERIMENT_SECONDS = 300.0


@dataclasses.dataclass
class Slots:
    """At most ``size`` holders at once; a holder's claim lasts ``lease`` seconds unless renewed."""

    size: int
    clock: Callable[[], float] = time.monotonic
    _expires: dict = dataclasses.field(default_factory=dict)  # holder -> clock time (None: until released)
    _lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)

    def claim(self, holder: str, lease: Optional[float] = LEASE_SECONDS) -> bool:
        """Take or renew ``holder``'s slot; False (at once, never waiting) when all are taken."""
        with self._lock:
            now = self.clock()
            for other, expires in list(self._expires.items()):
                if expires is not None and expires <= now:
                    del self._expires[other]
            if holder not in self._expires and len(self._expires) >= self.size:
                return False
            self._expires[holder] = None if lease is None else now + lease
            return True

    def release(self, holder: str) -> None:
        with self._lock:
            self._expires.pop(holder, None)

    def holds(self, holder: str) -> bool:
        with self._lock:
            expires = self._expires.get(holder, 0.0)
            return expires is None or expires > self.clock()

    @contextlib.contextmanager
    def job(self, holder: str) -> Iterator[bool]:
        """``with SLOTS.job(holder) as started:`` runs the body with a slot held if ``started``."""
        started = self.claim(holder, lease=None)
        try:
            yield started
        finally:
            if started:
                self.release(holder)


SLOTS = Slots(HEAVY_JOB_SLOTS)


#: The nice value training runs at (19: the lowest priority). See :func:`yield_to_pages`.
TRAINING_NICE = 19


def yield_to_pages() -> None:
    """Let page loads and clicks go first: this thread's CPU priority drops to :data:`TRAINING_NICE`.

    Called by training (live ticks, MNIST ticks, experiments) before it trains. Linux keeps the
    nice value per thread, and Streamlit runs each script run in a thread that ends with it (with
    the session's reruns queued meanwhile), so only that session's training run is affected; a
    helper process forked for training inherits it. Elsewhere it does nothing.

    It also makes sure the memory training frees goes back to the system (ui.memory), so a
    finished or abandoned run does not leave its arrays' memory with the server.
    """
    give_back_freed_memory()
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), TRAINING_NICE)
    except (AttributeError, OSError):  # not Linux, or not allowed: training keeps its priority
        pass


HOLDER_KEY = "heavy_job_holder"


def session_holder(session_state) -> str:
    """The name under which this session's jobs hold slots (made once, kept in its session state)."""
    return session_state.setdefault(HOLDER_KEY, uuid.uuid4().hex)


#: What a learner is told when a heavy job finds every slot taken (or would take too long); said by the
#: functions below, in the session's language.
TRAINING_WAITS = N_(
    "The server is busy with another large job (it runs {slots} at a time, so that every learner's page "
    "stays quick). Your training waits and starts by itself when that job ends or pauses. Or pause it "
    "and train a smaller network: fewer training images, epochs or hidden nodes."
)
EXPERIMENT_BUSY = N_(
    "The server is busy with another large job (it runs {slots} at a time, so that every learner's page "
    "stays quick), so this experiment did not start. Press the button again in a minute, or try a "
    "smaller one: fewer values, images or epochs."
)
EXPERIMENT_TOO_BIG = N_(
    "This experiment would take about {seconds} s of the server's time; experiments here may take at "
    "most {limit} s, so that a class can share the server. Try fewer values, training images or epochs."
)


def training_waits() -> str:
    """A training run found no free slot: it waits for the next tick."""
    return _(TRAINING_WAITS).format(slots=numbers.integer(SLOTS.size))


def experiment_busy() -> str:
    """An experiment found no free slot: it did not start."""
    return _(EXPERIMENT_BUSY).format(slots=numbers.integer(SLOTS.size))


def experiment_too_big(seconds: float) -> str:
    """An experiment estimated at ``seconds`` of one core is over :data:`MAX_EXPERIMENT_SECONDS`."""
    return _(EXPERIMENT_TOO_BIG).format(seconds=numbers.integer(round(seconds)),
                                        limit=numbers.integer(round(MAX_EXPERIMENT_SECONDS)))
