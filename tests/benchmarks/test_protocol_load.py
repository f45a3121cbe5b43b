"""What benchmarks/protocol_load.py reports of a class: the arithmetic, from given times."""

from __future__ import annotations

import pytest

from benchmarks.protocol_load import longest_without_update


def test_the_longest_stretch_without_an_update_counts_the_measuring_window_s_edges():
    # Updates at 1, 2 and 6 of a window from 0 to 7: the longest wait is from 2 to 6.
    assert longest_without_update([1.0, 2.0, 6.0], 0.0, 7.0) == pytest.approx(4.0)
    # A page that stopped updating at 1 waited from then to the window's end.
    assert longest_without_update([0.5, 1.0], 0.0, 10.0) == pytest.approx(9.0)
    # One that began late waited from the window's start; updates outside the window do not count.
    assert longest_without_update([-3.0, 8.0, 12.0], 0.0, 10.0) == pytest.approx(8.0)


def test_a_page_with_no_update_waited_the_whole_window():
    assert longest_without_update([], 2.0, 32.0) == pytest.approx(30.0)
