"""What the live page's buttons and its timer do to the session's lab.

One live update trains a chunk of samples and returns, so the page can draw
between chunks (a Streamlit fragment calls it every few tenths of a second,
ui/live/tick.py). All state stays in the lab; there is no thread and no loop
that outlives a script run.
"""

from __future__ import annotations

import contextlib
import time

from nn.fast import UNROLLED_MAX_WEIGHTS
from nn.fast.blas_threads import one_blas_thread
from nn.scoring import accuracy
from ui.heavy_jobs import yield_to_pages
from ui.i18n import N_, _, numbers
from ui.datasets import MNIST, labels_of, mnist_test_set
from ui.live.interrupt import rerun_waiting
from ui.session import Lab

#: Longest a live update may train before it draws: about as long as drawing
#: one update costs the server, so at full speed training keeps half the time
#: or more, and Pause still answers at once.
TRAIN_BUDGET_SECONDS = 0.15
#: A big network (MNIST's 784-100-10) costs more to draw, so each update trains
#: longer, keeping training above half the time; still two or more pictures a second.
BIG_NETWORK_WEIGHTS = 10_000
BIG_TRAIN_BUDGET_SECONDS = 0.4
#: On MNIST, the test accuracy is measured every this many samples, and in a long run every tenth
#: of the samples seen, at most ACCURACY_MOST_APART apart (``accuracy_due``), and when training is
#: paused. Each measurement runs the 1,000 test images through the network: about 5 ms, as much as
#: training 250 samples, so measured every 1,000 samples it was a tenth of an update's cost at speed 200.
ACCURACY_EVERY = 2000
ACCURACY_MOST_APART = 10_000
#: Most samples one live session trains before it asks for a Reset. Every sample's
#: error is kept for the curve and the CSV (about 32 bytes each), so this bounds
#: one student's memory on a shared classroom server to a few tens of MB.
MAX_LIVE_SAMPLES = 1_000_000
#: Said when a session reaches MAX_LIVE_SAMPLES: training paused, and how to go on.
HISTORY_FULL = N_(
    "This network has trained {samples} samples, the most one live session keeps a "
    "history of, so training is paused. Download the history under 'Save or load' if you want it, "
    "then press Reset to start again."
)
#: Gaps longer than this between updates mean the run was paused in between.
_PAUSE_GAP_SECONDS = 2.0


def live_update(lab: Lab) -> int:
    """Train up to ``speed`` samples (within the time budget); return how many were trained."""
    room = MAX_LIVE_SAMPLES - lab.run.samples_seen
    if room <= 0:
        lab.running = False
        return 0
    lab.remember_weights()
    yield_to_pages()
    # BLAS on one thread for the whole update, once: train_many asks for it on every slice of
    # 64 samples, and MNIST's test accuracy (1,000 images through the network) cost several times
    # the CPU on BLAS's default threads, which spin while they wait (nn/fast/blas_threads.py).
    # A tiny network trains without BLAS (nn/fast/unrolled.py) and skips the 0.1 ms of asking.
    tiny = lab.network.wih.size + lab.network.who.size <= UNROLLED_MAX_WEIGHTS and lab.dataset != MNIST
    with contextlib.nullcontext() if tiny else one_blas_thread():
        started = time.perf_counter()
        # stop: a click waiting (Pause) ends the training at the next slice, not at the budget (ui/live/interrupt.py)
        trained = lab.run.train(min(lab.speed, room), time_budget=train_budget(lab), stop=rerun_waiting)
        training_time = time.perf_counter() - started
        if not rerun_waiting():  # a click ends this run: a pause measures it then, anything else after
            _keep_accuracy(lab)
    # Measured from the start of the previous update, so drawing time counts too.
    since_last = None if lab.last_update_at is None else started - lab.last_update_at
    if since_last is None or since_last > _PAUSE_GAP_SECONDS:
        since_last = training_time
    lab.samples_per_second = trained / since_last if since_last > 0 else 0.0
    lab.last_update_at = started
    return trained


def train_budget(lab: Lab) -> float:
    """Seconds one live update may train."""
    weights = lab.network.wih.size + lab.network.who.size
    return BIG_TRAIN_BUDGET_SECONDS if weights > BIG_NETWORK_WEIGHTS else TRAIN_BUDGET_SECONDS


def step_sample(lab: Lab) -> None:
    """Train the next sample of the data set, exactly as ``NeuralNetwork.train`` does."""
    lab.remember_weights()
    lab.run.train(1)
    _keep_accuracy(lab)


def step_epoch(lab: Lab) -> None:
    """Train to the end of the current pass through the data set."""
    lab.remember_weights()
    lab.run.train_epoch()
    _keep_accuracy(lab)


def history_full(lab: Lab) -> bool:
    return lab.run.samples_seen >= MAX_LIVE_SAMPLES


def history_full_message() -> str:
    return _(HISTORY_FULL).format(samples=numbers.integer(MAX_LIVE_SAMPLES))


def start_or_pause(lab: Lab, start: bool) -> None:
    """Start (``start``) or pause training, as the button said when the learner pressed it.

    Not a toggle: Streamlit can deliver one click twice (ui/live/controls.py), and a second
    "Pause" must leave training paused, not start it again.
    """
    lab.running = start and not lab.run.diverged and not history_full(lab)
    lab.last_update_at = None
    if not lab.running:  # the accuracy the paused page shows is the network's as it is now
        _keep_accuracy(lab, now=True)


def test_accuracy(lab: Lab) -> float:
    """Fraction of the MNIST test images whose largest output is the right digit."""
    test = mnist_test_set()
    return accuracy(lab.network, test.inputs, labels_of(test))


def accuracy_step(seen: int) -> int:
    """Samples from a test-accuracy measurement made at ``seen`` samples to the next one: ACCURACY_EVERY,
    or in a long run a tenth of the samples seen (in thousands), at most ACCURACY_MOST_APART."""
    return min(ACCURACY_MOST_APART, max(ACCURACY_EVERY, seen // 10_000 * 1000))


def accuracy_due(last: int | None, seen: int) -> bool:
    """Whether a run at ``seen`` samples, whose test accuracy was last measured at ``last``
    (None: never), has reached the next multiple of the step there."""
    if last is None:
        return True
    step = accuracy_step(last)
    return seen >= (last // step + 1) * step


def _keep_accuracy(lab: Lab, now: bool = False) -> None:
    """Measure the MNIST test accuracy when it is due, or ``now`` (unless measured at these very weights)."""
    if lab.dataset != MNIST:
        return
    last = lab.test_accuracy[-1][0] if lab.test_accuracy else None
    seen = lab.run.samples_seen
    if (now and last != seen) or accuracy_due(last, seen):
        lab.test_accuracy.append((seen, test_accuracy(lab)))
