"""Memory closed tabs held goes back to the system: a regular full collection, a fixed mmap threshold and
a regular trim, set once."""

from __future__ import annotations

import gc
import threading
import time
import weakref

import pytest

from ui import memory


class RecordingLibc:
    def __init__(self):
        self.calls = []
        self.trimmed = threading.Event()

    def mallopt(self, option, value):
        self.calls.append(("mallopt", option, value))
        return 1

    def malloc_trim(self, pad):
        self.calls.append(("malloc_trim", pad))
        self.trimmed.set()
        return 1


@pytest.fixture
def fresh_memory(monkeypatch):
    libc = RecordingLibc()
    monkeypatch.setattr(memory, "_started", False)
    monkeypatch.setattr(memory, "_glibc", lambda: libc)
    monkeypatch.setattr(memory, "TRIM_EVERY_SECONDS", 0.01)
    return libc


def test_the_mmap_threshold_is_fixed_once_and_the_arenas_are_trimmed(fresh_memory):
    assert memory.give_back_freed_memory()
    assert memory.give_back_freed_memory()  # a second training run changes nothing more
    assert fresh_memory.trimmed.wait(10)
    settings = [call for call in fresh_memory.calls if call[0] == "mallopt"]
    assert settings == [("mallopt", -3, memory.MMAP_THRESHOLD_BYTES)]
    assert ("malloc_trim", 0) in fresh_memory.calls


def test_without_glibc_nothing_is_asked(monkeypatch):
    monkeypatch.setattr(memory, "_started", False)
    monkeypatch.setattr(memory, "_glibc", lambda: None)
    assert memory.give_back_freed_memory() is False


def test_objects_in_a_cycle_are_freed_even_when_python_collects_nothing_by_itself(fresh_memory):
    """A closed tab's session refers to itself (session, script runner, state): on a quiet server
    Python's own collector may not look at it for a long time; the thread collects it."""

    class SessionState:
        pass

    gc.disable()  # Python's automatic collection, as on a server where no old objects are examined
    try:
        state = SessionState()
        state.myself = state
        freed = weakref.ref(state)
        del state
        assert freed() is not None, "a cycle is not freed by reference counting"
        memory.give_back_freed_memory()
        deadline = time.monotonic() + 30
        while freed() is not None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert freed() is None
    finally:
        gc.enable()


def test_the_collection_comes_before_the_trim_so_what_it_frees_is_given_back(fresh_memory, monkeypatch):
    monkeypatch.setattr(memory.gc, "collect", lambda *generation: fresh_memory.calls.append(("collect",)) or 0)
    memory.give_back_freed_memory()
    assert fresh_memory.trimmed.wait(10)
    first_trim = fresh_memory.calls.index(("malloc_trim", 0))
    assert ("collect",) in fresh_memory.calls[:first_trim]


def test_training_asks_for_it_before_it_trains(monkeypatch):
    from ui import heavy_jobs

    asked = []
    monkeypatch.setattr(heavy_jobs, "give_back_freed_memory", lambda: asked.append(True))
    heavy_jobs.yield_to_pages()
    assert asked == [True]
