"""``ast.parse`` one thread at a time, in the test process.

CPython 3.11 keeps ``ast.parse``'s count of how deep it is in the tree it builds in the interpreter,
not in the thread. When two threads parse at once and the interpreter switches between them mid-tree
(a garbage collection runs a finalizer, which gives other threads their turn), one of them fails with
``SystemError: AST constructor recursion depth mismatch``. The tests have two such threads: an AppTest's
script thread, where Streamlit parses the page to add its "magic", and the test's own thread, which
parses nn/ for the code's names (tests/i18n/untranslated.py). A test failed so, once, on a loaded
machine. ``tests/test_one_parse_at_a_time.py`` shows the fault and that the lock removes it.

The server is not affected: Streamlit's script cache parses each page under a lock of its own.
"""

from __future__ import annotations

import ast
import functools
import threading

_LOCK = threading.Lock()
_UNLOCKED_PARSE = ast.parse


@functools.wraps(_UNLOCKED_PARSE)
def _parse_alone(*args, **kwargs):
    with _LOCK:
        return _UNLOCKED_PARSE(*args, **kwargs)


def install() -> None:
    """Every later ``ast.parse`` in this process waits for any other thread's to end."""
    ast.parse = _parse_alone


def unlocked_parse(*args, **kwargs):
    """``ast.parse`` as CPython has it, for the test that shows the fault."""
    return _UNLOCKED_PARSE(*args, **kwargs)
