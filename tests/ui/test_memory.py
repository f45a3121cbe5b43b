"""Memory closed tabs held goes back to the system: a regular full collection, a fixed mmap threshold and
a regular trim, set once."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
import time
import weakref
from pathlib import Path

import pytest

from ui import memory

ROOT = Path(__file__).resolve().parents[2]


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
    assert settings == [("mallopt", -3, memory.MMAP_THRESHOLD_BYTES), ("mallopt", -8, memory.ARENAS)]
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


#: Live MNIST updates in a process of their own, with the server's memory settings: the minor page
#: faults per update (memory the kernel had to map afresh), printed.
FAULTS_PER_LIVE_UPDATE = """
import logging, resource, sys
sys.path[:0] = [sys.argv[1]]
import streamlit  # first, as on the server: ui installs its Streamlit patches
logging.disable(logging.WARNING)  # st.html outside a server warns on every call
from ui import memory
from ui.live import samples, training, view
from ui.live.block import HtmlBlock
from ui.live.settings import LIVE_SETTINGS
from ui.session import build_lab

assert memory.give_back_freed_memory()  # done already, at ui's import under Streamlit: as on the server
memory._glibc().mallopt(memory._M_MMAP_THRESHOLD, int(sys.argv[2]))  # the threshold compared
lab = build_lab({**LIVE_SETTINGS.defaults(), "dataset": "MNIST", "hidden_nodes": 100, "speed": 200})
lab.running = True

def update():
    block = HtmlBlock()
    training.live_update(lab)
    view.counters_ui(lab, block, "")
    wih_colours = view.weights_ui(lab, block, False, False)
    view.error_curve_ui(lab, block, [])
    view.hidden_nodes_ui(lab, block, lab.teaching_set, wih_colours)
    block.send()

for _ in range(12):  # past the first test-accuracy measurement, which loads the test set
    update()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(20):  # two test-accuracy measurements among them
    update()
print((resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / 20)
"""


def faults_per_live_update(threshold: int) -> float:
    result = subprocess.run([sys.executable, "-c", FAULTS_PER_LIVE_UPDATE, str(ROOT), str(threshold)],
                            capture_output=True, text=True, check=True, timeout=300)
    return float(result.stdout.split()[-1])


def test_a_live_mnist_updates_arrays_and_pictures_come_from_memory_already_mapped():
    """Each live MNIST update makes blocks of 0.25 to 1 MB (a copy of wih, its pictures' HTML, the
    protobuf message, the test accuracy's products). Above the mmap threshold each is a mapping of
    its own, and every page of it a page fault when first written: 400 to 1,000 an update at glibc's
    128 KB, a tenth of the update's CPU (docs/speed.md). Below it they reuse the arena's memory."""
    kept_in_arenas = faults_per_live_update(memory.MMAP_THRESHOLD_BYTES)
    mapped_each = faults_per_live_update(128 * 1024)
    assert mapped_each > 300  # the test sees the difference it guards
    assert kept_in_arenas < mapped_each / 5


def test_the_server_limits_glibcs_arenas_at_its_first_page_run_before_anyone_trains():
    """The arena limit only counts arenas made after it is set: set at the first training, a server
    that had served a few page loads already had one per script thread, up to sixteen."""
    code = ("import sys; sys.path[:0] = [sys.argv[1]]; import streamlit, ui; from ui import memory; "
            "print(memory._started)")
    result = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, check=True)
    assert result.stdout.split()[-1] == "True"


#: A page that keeps 200 MB in its session, in a mapping of its own, so the server's resident memory
#: says whether the session is still held.
HOLDING_APP = """
import numpy as np
import streamlit as st

import ui  # noqa: F401 (the dashboard's server settings, ui/memory's thread among them)

st.session_state.setdefault("held", np.ones(200 * 2**20 // 8))
st.write("holding 200 MB")
"""


def resident_megabytes(pid: int) -> float:
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def test_a_closed_tabs_session_is_given_back_after_its_time_to_live_without_another_visitor(tmp_path):
    """Streamlit drops an expired session only at its next session write: when someone next opens a page.
    A server left quiet after a heavy visitor kept the visitor's memory until then (docs/speed.md)."""
    from benchmarks.streamlit_protocol import Learner
    from conftest import start_streamlit, stop_streamlit
    from double_delivery import run

    app = tmp_path / "holding_app.py"
    app.write_text(HOLDING_APP)
    process, url = start_streamlit(str(app), extra_args=["--server.disconnectedSessionTTL", "1"],
                                   env={"DASHBOARD_TRIM_EVERY_SECONDS": "0.5"})
    try:
        async def visit() -> float:
            tab = Learner(url)
            await tab.open(timeout=120)
            holding = resident_megabytes(process.pid)
            await tab.close()
            return holding

        holding = run(visit())
        assert holding > 200
        deadline = time.monotonic() + 120  # far beyond the time-to-live and a few rounds of the thread
        while resident_megabytes(process.pid) > holding - 150 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert resident_megabytes(process.pid) < holding - 150, "the expired session's 200 MB are still held"
    finally:
        stop_streamlit(process)
