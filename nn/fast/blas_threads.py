"""BLAS kept to one thread while ``train_many`` trains (needs threadpoolctl)."""

from __future__ import annotations

import contextlib
import threading

try:  # optional, pure Python; without it BLAS keeps its default thread count
    import threadpoolctl
    from threadpoolctl import ThreadpoolController
except ImportError:  # pragma: no cover - depends on the environment
    threadpoolctl = ThreadpoolController = None


def _release_openblas() -> None:
    """Let any thread set OpenBLAS's thread count next, and let go of the thread that set it last.

    threadpoolctl (3.8 here) lets only the thread that first set OpenBLAS's count set it
    again while that thread lives, and keeps its Thread object until another thread takes over.
    Here the count is shared by every session's training thread (:class:`_OneBlasThread` counts
    them), so no thread may own it: the last one out could not restore it, and Streamlit hangs
    a session's whole state on its script thread, so the thread kept held a closed tab's network
    and training data (45 MB of rotated MNIST copies) on the server (docs/security.md).
    """
    controller = getattr(threadpoolctl, "OpenBLASController", None)
    if hasattr(controller, "clear_controlling_thread"):
        controller.clear_controlling_thread(force=True)


class _OneBlasThread:
    """Run BLAS single-threaded while any ``train_many`` is training (needs threadpoolctl).

    The per-sample loop is sequential; only the block products could use a
    second core, and :mod:`nn.fast.two_process` gives them one. BLAS's own
    threads do not: OpenBLAS's worker threads keep spinning after each
    product, and on a busy machine (a shared 2-core box, a classroom server)
    they take the core the loop needs; even on an idle one OpenBLAS splits the
    loop's small products. Two threads for the block products alone were no
    better either (docs/speed.md, "Tried and not kept").

    BLAS's thread count is one setting for the whole process, and the
    dashboard trains in several sessions' threads at once: the first caller
    in sets it to 1, the last one out restores what it was, and no thread
    keeps it (:func:`_release_openblas`).
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._callers = 0
        self._limiter = None
        self._controller = None  # finding the BLAS libraries takes milliseconds: once

    @contextlib.contextmanager
    def __call__(self):
        with self._lock:
            if self._callers == 0 and ThreadpoolController is not None:
                self._controller = self._controller or ThreadpoolController()
                _release_openblas()
                self._limiter = self._controller.limit(limits=1, user_api="blas")
                _release_openblas()
            self._callers += 1
        try:
            yield
        finally:
            with self._lock:
                self._callers -= 1
                if self._callers == 0 and self._limiter is not None:
                    self._limiter.restore_original_limits()
                    _release_openblas()
                    self._limiter = None


#: The one limiter for the whole process: ``with one_blas_thread(): ...``
one_blas_thread = _OneBlasThread()
