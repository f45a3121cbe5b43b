"""What benchmarks/protocol_load.py reports of a class: the arithmetic, from given times; the server's page faults."""

from __future__ import annotations

import mmap
import os

import pytest

from benchmarks.protocol_load import STALL_SECONDS, cpu_seconds, longest_without_update, minor_faults, stalled_servers


def test_the_longest_stretch_without_an_update_counts_the_measuring_window_s_edges():
    # Updates at 1, 2 and 6 of a window from 0 to 7: the longest wait is from 2 to 6.
    assert longest_without_update([1.0, 2.0, 6.0], 0.0, 7.0) == pytest.approx(4.0)
    # A page that stopped updating at 1 waited from then to the window's end.
    assert longest_without_update([0.5, 1.0], 0.0, 10.0) == pytest.approx(9.0)
    # One that began late waited from the window's start; updates outside the window do not count.
    assert longest_without_update([-3.0, 8.0, 12.0], 0.0, 10.0) == pytest.approx(8.0)


def test_a_page_with_no_update_waited_the_whole_window():
    assert longest_without_update([], 2.0, 32.0) == pytest.approx(30.0)


class Learner:
    """What stalled_servers reads of a learner: its replica and its updates' times."""

    def __init__(self, replica, updates):
        self.replica = replica
        self.record = type("Record", (), {"updates": updates})()


def test_a_server_stalls_when_none_of_its_learners_updated_for_the_stall_time_from_when_measuring_began():
    began = 100.0
    now = began + STALL_SECONDS + 5
    learners = [
        Learner("a", [began + 1, now - 1]), Learner("a", [began + 2]),  # one of a's learners still updates
        Learner("b", [began + 1]), Learner("b", [began + 4]),  # b's last update was STALL_SECONDS + 1 ago
        Learner("c", []),  # none since measuring began, STALL_SECONDS + 5 ago
        Learner("d", [now - STALL_SECONDS + 0.5]),
    ]
    assert stalled_servers(learners, now, began) == {"b", "c"}
    # Updates before measuring began count from its start: a server that just began is not stalled.
    assert stalled_servers([Learner(None, [began - 50])], began + STALL_SECONDS - 1, began) == set()
    assert stalled_servers([Learner(None, [began - 50])], began + STALL_SECONDS, began) == {None}


def test_page_faults_count_the_pages_a_process_maps_in_as_it_first_writes_them():
    pages = 2048  # 8 MB at 4 KB a page
    before = minor_faults([os.getpid()])
    with mmap.mmap(-1, pages * mmap.PAGESIZE) as fresh:
        if hasattr(mmap, "MADV_NOHUGEPAGE"):
            fresh.madvise(mmap.MADV_NOHUGEPAGE)  # one fault a page, not one per 2 MB
        for page in range(pages):
            fresh[page * mmap.PAGESIZE] = 1
    faults = minor_faults([os.getpid()]) - before
    assert pages <= faults < pages * 2


def test_cpu_seconds_reads_this_processs_own_time():
    before = cpu_seconds([os.getpid()])
    spent = os.times()
    while os.times().user - spent.user < 0.05:
        pass
    assert cpu_seconds([os.getpid()]) - before >= 0.03
