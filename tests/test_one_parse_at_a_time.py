"""Two threads parsing at once: CPython 3.11's fault, and the test process's lock that removes it
(tests/one_parse_at_a_time.py)."""

from __future__ import annotations

import ast
import sys
import threading
from pathlib import Path

import pytest

from tests.one_parse_at_a_time import unlocked_parse

SOURCE = (Path(__file__).resolve().parents[1] / "ui" / "live" / "tick.py").read_text()
ROUNDS = 100  # 20 were enough to meet the fault in each of 5 tries


class _FinalizedInACycle:
    """Garbage that only the collector frees, running Python code as it does: the interpreter may then
    let another thread run, in the middle of a parse."""

    def __init__(self):
        self.itself = self

    def __del__(self):
        sum(range(200))


def failures_of_two_threads_parsing(parse) -> list[str]:
    """Two threads each parse a module ROUNDS times, making cyclic garbage between parses, with the
    interpreter switching threads as often as it can; the SystemErrors they met."""
    failures: list[str] = []

    def parse_many():
        for _ in range(ROUNDS):
            [_FinalizedInACycle() for _ in range(50)]
            try:
                parse(SOURCE)
            except SystemError as error:
                failures.append(str(error))
                return

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=parse_many) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    return failures


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="the fault is CPython 3.11's")
def test_two_threads_parsing_at_once_fail_without_the_lock():
    failures = failures_of_two_threads_parsing(unlocked_parse)
    assert failures and "recursion depth mismatch" in failures[0]


def test_two_threads_parsing_at_once_succeed_with_the_lock():
    assert ast.parse is not unlocked_parse  # conftest installed the lock
    assert failures_of_two_threads_parsing(ast.parse) == []
