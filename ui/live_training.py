"""What the live page's buttons and its timer do to the session's lab.

One live update trains a chunk of samples and returns, so the page can draw
between chunks (a Streamlit fragment calls it every TICK_SECONDS). All state
stays in the lab; there is no thread and no loop that outlives a script run.
"""

from __future__ import annotations

import time

import numpy as np

from ui.live_data import labels_of, mnist_test_set
from ui.session import Lab
from ui.settings import MNIST

#: Time between two live updates: five pictures a second.
TICK_SECONDS = 0.2
#: Longest a live update may train before it draws. About half a tick, so
#: training keeps at least half the machine while the pictures keep moving.
TRAIN_BUDGET_SECONDS = 0.12
#: On MNIST, the test accuracy is measured every this many samples.
ACCURACY_EVERY = 1000
#: Gaps longer than this between updates mean the run was paused in between.
_PAUSE_GAP_SECONDS = 2.0


def live_update(lab: Lab) -> int:
    """Train up to ``speed`` samples (within the time budget); return how many were trained."""
    lab.remember_weights()
    started = time.perf_counter()
    trained = lab.run.train(lab.settings["speed"], time_budget=TRAIN_BUDGET_SECONDS)
    training_time = time.perf_counter() - started
    # Measured from the start of the previous update, so drawing time counts too.
    since_last = None if lab.last_update_at is None else started - lab.last_update_at
    if since_last is None or since_last > _PAUSE_GAP_SECONDS:
        since_last = training_time
    lab.samples_per_second = trained / since_last if since_last > 0 else 0.0
    lab.last_update_at = started
    _keep_accuracy(lab)
    return trained


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


def start_or_pause(lab: Lab) -> None:
    lab.running = not lab.running and not lab.run.diverged
    lab.last_update_at = None


def test_accuracy(lab: Lab) -> float:
    """Fraction of the MNIST test images whose largest output is the right digit."""
    test = mnist_test_set()
    answers = np.argmax(lab.network.query(test.inputs), axis=1)
    return float(np.mean(answers == labels_of(test)))


def _keep_accuracy(lab: Lab) -> None:
    if lab.dataset != MNIST:
        return
    last = lab.test_accuracy[-1][0] if lab.test_accuracy else None
    seen = lab.run.samples_seen
    if last is None or seen // ACCURACY_EVERY > last // ACCURACY_EVERY:
        lab.test_accuracy.append((seen, test_accuracy(lab)))
