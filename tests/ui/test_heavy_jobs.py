"""The server-wide heavy-job slots: never more holders than slots, a lease lapses, a job releases its slot."""

from __future__ import annotations

import threading

from ui.heavy_jobs import Slots


class StepClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_no_more_holders_than_slots_and_a_refusal_is_immediate():
    slots = Slots(2, clock=StepClock())
    assert slots.claim("a") and slots.claim("b")
    assert not slots.claim("c")
    assert slots.claim("a"), "a holder renews its own slot"
    slots.release("a")
    assert slots.claim("c")


def test_a_lease_not_renewed_lapses_so_a_closed_tab_frees_its_slot():
    clock = StepClock()
    slots = Slots(1, clock=clock)
    assert slots.claim("tab that closes", lease=3.0)
    clock.now = 2.9
    assert not slots.claim("another tab")
    clock.now = 3.0
    assert not slots.holds("tab that closes")
    assert slots.claim("another tab")


def test_a_job_holds_its_slot_until_it_ends_even_past_any_lease():
    clock = StepClock()
    slots = Slots(1, clock=clock)
    with slots.job("experiment") as started:
        assert started
        clock.now = 10_000.0
        assert not slots.claim("training")
    assert slots.claim("training")


def test_a_job_finding_no_slot_does_not_run_and_does_not_free_the_holders_slot():
    slots = Slots(1, clock=StepClock())
    assert slots.claim("training")
    with slots.job("experiment") as started:
        assert not started
    assert slots.holds("training")


def test_many_threads_claiming_at_once_never_exceed_the_slots():
    slots = Slots(3)
    barrier = threading.Barrier(40)
    won = []

    def claim(name):
        barrier.wait()
        if slots.claim(name, lease=None):
            won.append(name)

    threads = [threading.Thread(target=claim, args=(f"session {i}",)) for i in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(won) == 3


def test_training_lowers_only_its_own_threads_priority():
    import os

    from ui.heavy_jobs import TRAINING_NICE, yield_to_pages

    seen = {}

    def training_run():
        yield_to_pages()
        seen["training"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    thread = threading.Thread(target=training_run)
    thread.start()
    thread.join()
    assert seen["training"] == TRAINING_NICE
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before, "other threads keep theirs"
