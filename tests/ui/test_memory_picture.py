"""The server's memory picture: off unless asked for, and when asked, every layer of the memory described."""

from __future__ import annotations

import gc
import shutil
import threading
import time

import numpy as np

from ui import memory_picture


def test_without_the_environment_variable_no_thread_watches_anything(monkeypatch):
    monkeypatch.delenv(memory_picture.ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.setattr(memory_picture, "_started", False)
    assert memory_picture.start_if_asked() is False
    assert memory_picture._started is False


def test_a_picture_describes_the_kernels_glibcs_pythons_and_streamlits_view_of_the_memory():
    text = memory_picture.picture(label="test")
    for section in ("## kernel", "VmRSS", "## glibc", "## pymalloc", "## Streamlit", "## objects"):
        assert section in text, section
    assert "picture failed" not in text


def test_a_picture_finds_a_large_array_by_its_size():
    class Holder:
        pass

    holder = Holder()
    holder.array = np.ones((1000, 1000))  # 7.6 MB, the largest array this process has made here
    text = memory_picture.picture()
    line = next(line for line in text.splitlines() if "(1000, 1000) float64" in line)
    assert line.split()[0] == "7.63"  # MB
    del holder


def test_a_request_in_the_folder_is_answered_with_a_picture_after_a_garbage_collection(monkeypatch, tmp_path):
    monkeypatch.setenv(memory_picture.ENVIRONMENT_VARIABLE, str(tmp_path))
    monkeypatch.setattr(memory_picture, "_started", False)
    monkeypatch.setattr(memory_picture, "POLL_SECONDS", 0.05)
    assert memory_picture.start_if_asked() is True
    assert memory_picture.start_if_asked() is True  # once per process: no second thread
    (tmp_path / "after.writing").write_text("collect")
    (tmp_path / "after.writing").rename(tmp_path / "after.request")  # whole: the watch never reads it half-written
    answer = tmp_path / "after.txt"
    deadline = time.monotonic() + 60
    while not (answer.exists() and not (tmp_path / "after.request").exists()) and time.monotonic() < deadline:
        time.sleep(0.05)
    text = answer.read_text()
    assert text.startswith("# memory picture 'after'")
    assert "gc.collect() freed" in text
    shutil.rmtree(tmp_path)  # ends the watch
    deadline = time.monotonic() + 60
    while any(thread.name == "memory-picture" for thread in threading.enumerate()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(thread.name == "memory-picture" for thread in threading.enumerate())
    gc.collect()
