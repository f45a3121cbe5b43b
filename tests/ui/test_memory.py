"""Training's freed memory goes back to the system: a fixed mmap threshold and a regular trim, set once."""

from __future__ import annotations

import threading

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


def test_training_asks_for_it_before_it_trains(monkeypatch):
    from ui import heavy_jobs

    asked = []
    monkeypatch.setattr(heavy_jobs, "give_back_freed_memory", lambda: asked.append(True))
    heavy_jobs.yield_to_pages()
    assert asked == [True]
