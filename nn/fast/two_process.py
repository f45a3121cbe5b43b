"""The block path on two cores: the big matrix products in a helper process.

Per block of B samples, :func:`nn.fast.one_process.train_in_blocks` does two kinds of work
one after the other: the per-sample loop (small numpy calls, sequential by
nature) and three block-wide matrix products (``H = X W^T``, the Gram matrix
``X X^T`` and the update ``W += learning_rate * A^T X``). Both take about half
the time. Here a forked helper process makes the products for the *next* block
while this process runs the current block's samples.

The next block cannot wait for this block's update, so its first half starts
from weights one block behind and is corrected for the block it missed. For
block k+1, with ``lrA_k = learning_rate * A_k`` (block k's hidden error
signals, one row per sample)::

    W_{k+1} = W_k + lrA_k^T X_k
    H_{k+1} = X_{k+1} W_{k+1}^T
            = X_{k+1} W_k^T  +  (X_{k+1} X_k^T) lrA_k

The first term is the helper's, made during block k; the second is block k's
signals weighted by each sample's overlap with them: more columns of the
per-sample correction :class:`nn.fast.blocks.BlockSamples` already makes for the
block's own earlier samples. The second half of block k+1 needs none of that:
by the time this process reaches it, the helper has applied block k's update
and made its rows of ``H`` from ``W_{k+1}``. So while this process trains block
k, the helper

1. applies block k-1's update to ``W`` and makes block k's second-half rows of
   ``H`` (this process trains the first half meanwhile), then
2. makes block k+1's first-half rows of ``H``, their cross products
   ``X_{k+1} X_k^T`` and block k+1's Gram matrix (this process trains the
   second half meanwhile).

The sums are the same as :mod:`nn.fast.one_process`'s, added in another order: the results
agree with ``train`` and with the one-process path to about 1e-13 (tested to 1e-9).

Why a process, not a thread: the per-sample loop holds Python's GIL almost all
the time, so a helper thread waits for it at the start and end of every numpy
call (and scipy's BLAS wrappers hold it throughout). On an early version of
this schedule a thread gained at most 1.4x, and only with a 10 us
``sys.setswitchinterval``; a process 1.1-1.4x (about 1.5x with the schedule above). ``W``, the
products and the error signals live in shared memory; the helper sees the
inputs because it is forked after they exist, and each block is handed over
with four bytes through a pipe.

Forking is only safe in a process with one thread (a fork copies only the
calling thread; a lock held by another thread, in BLAS or malloc, would stay
locked in the helper forever), so :func:`worthwhile` says no inside a
multi-threaded server such as Streamlit's, and the caller uses the one-process
path. If the helper fails or stops answering, training starts again on the
one-process path from the untouched starting weights.
"""

from __future__ import annotations

import mmap
import os
import select
import signal
import threading

import numpy as np

from nn.fast.blocks import BlockSamples, InputBlocks, add_block_update, overlaps_within

#: Fewer samples than this are not worth the helper's start-up (the fork and the first
#: blocks' copy-on-write page faults); at this many it already pays (docs/speed.md).
MIN_SAMPLES = 4096

#: Seconds to wait for the helper to finish a block before giving up on it. A block
#: takes about a millisecond; this only matters if the helper died or hung.
HELPER_TIMEOUT_SECONDS = 30.0

_MESSAGE_BYTES = 4
_STOP = -1
# what the helper reports for block k, as 2k + stage
_LATE_ROWS_READY, _NEXT_BLOCK_READY = 0, 1


class HelperFailed(RuntimeError):
    """The helper process ended or stopped answering; the network was not changed."""


def worthwhile(samples: int) -> bool:
    """Whether a run of ``samples`` should use the helper process here and now."""
    return (
        samples >= MIN_SAMPLES
        and hasattr(os, "fork")
        and _usable_cpus() >= 2
        and threading.active_count() == 1   # forking a multi-threaded process can deadlock the child
    )


def _usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def train_in_blocks(network, inputs, targets, block_samples) -> np.ndarray:
    """As :func:`nn.fast.one_process.train_in_blocks`, with the block products in a helper process.

    Raises :class:`HelperFailed` with ``network`` unchanged if the helper fails.
    """
    b = block_samples
    early = _early_samples(b)
    blocks = InputBlocks(inputs, network.bias, b)
    shared = _SharedBuffers(network, b)
    who = np.array(network.who, dtype=np.float64)  # a copy: the network stays as it was if the helper fails
    samples = BlockSamples(network, who, b)
    # An early sample j is corrected by the previous block's signals (rows 0..B-1 of
    # shared.signals) and its own block's earlier ones (rows B..B+j-1); a late one only
    # by its own block's: its row of H comes from weights the previous block has updated.
    earlier_signals = [shared.signals.T[:, : b + j] if j < early else shared.signals.T[:, b : b + j]
                       for j in range(b)]  # Fortran (hidden, n)
    rows = [samples.rows([coefficients[j, : b + j] if j < early else coefficients[j, b : b + j] for j in range(b)],
                         earlier_signals, hidden_inputs, shared.signals[b:])
            for coefficients, hidden_inputs in zip(shared.coefficients, shared.hidden_inputs)]
    errors = np.empty(len(inputs))

    # the first block has no previous block: its products are made here, before the helper starts
    x = blocks[0]
    np.matmul(x, shared.wih.T, out=shared.hidden_inputs[0][: len(x)])
    overlaps_within(x, network.learning_rate, out=shared.coefficients[0][: len(x), b : b + len(x)])
    with _Helper(blocks, shared, network.learning_rate) as helper:
        for k in range(len(blocks)):
            m = len(blocks[k])
            helper.start(k)  # W += lrA_{k-1}^T X_{k-1}; this block's late rows of H; the next block's products
            samples.targets[:m] = targets[k * b : k * b + m]
            samples.train(rows[k % 2][: min(m, early)])
            helper.wait_for(k, _LATE_ROWS_READY)
            samples.train(rows[k % 2][early:m])
            errors[k * b : k * b + m] = samples.errors(m)
            helper.wait_for(k, _NEXT_BLOCK_READY)
            shared.signals[:m] = shared.signals[b : b + m]  # this block's A: the next one's previous block
        # the last block's update, once the helper is done with W
        add_block_update(shared.wih, network.learning_rate, blocks[len(blocks) - 1], shared.signals[:m])
    network.wih[...] = shared.wih  # in place, like train: a page may hold on to the arrays
    network.who[...] = who
    return errors


def _early_samples(block_samples):
    """How many of a block's samples start before the previous block's update is applied.

    The rest wait for it: their rows of ``H`` need no correction by the previous
    block, which saves the helper that part of ``X_{k+1} X_k^T``. Half the block:
    the update and the late rows take the helper about as long as the early half's
    loop takes this process.
    """
    return block_samples // 2


class _SharedBuffers:
    """Arrays both processes see: ``W``, and what is handed over for each block."""

    def __init__(self, network, block_samples):
        hidden, columns = network.wih.shape
        b = block_samples
        shapes = {
            "wih": (hidden, columns),
            "signals": (2 * b, hidden),           # A of the previous block, then of this one
            # by block parity, written by the helper for the block after the one being trained:
            "hidden_inputs": (2, b, hidden),      # X_{k+1} W_k^T
            "coefficients": (2, b, 2 * b),        # [lr X_{k+1} X_k^T | L of block k+1]
        }
        sizes = {name: int(np.prod(shape)) for name, shape in shapes.items()}
        self._memory = mmap.mmap(-1, 8 * sum(sizes.values()))  # anonymous, zeroed, shared with a forked child
        offset = 0
        for name, shape in shapes.items():
            setattr(self, name, np.frombuffer(self._memory, np.float64, sizes[name], offset).reshape(shape))
            offset += 8 * sizes[name]
        self.wih[...] = network.wih


class _Helper:
    """The forked helper process, driven one block at a time through two pipes."""

    def __init__(self, blocks, shared, learning_rate):
        self.blocks, self.shared, self.learning_rate = blocks, shared, learning_rate
        self.pid = None

    def __enter__(self):
        reap_ended_helpers(wait=True)  # the last run's helper: long since gone
        try:
            jobs_read, self._jobs = os.pipe()
            self._done, done_write = os.pipe()
        except OSError as error:  # out of file descriptors
            raise HelperFailed(f"no pipe for the helper process: {error}") from error
        try:
            self.pid = os.fork()
        except OSError as error:  # out of memory or processes
            for end in (jobs_read, self._jobs, self._done, done_write):
                os.close(end)
            raise HelperFailed(f"could not fork the helper process: {error}") from error
        if self.pid == 0:  # the helper: never returns into the caller's code
            status = 1
            try:
                os.close(self._jobs)
                os.close(self._done)
                _serve(self.blocks, self.shared, self.learning_rate, jobs_read, done_write)
                status = 0
            finally:
                os._exit(status)
        os.close(jobs_read)
        os.close(done_write)
        return self

    def start(self, k):
        try:
            _send(self._jobs, k)
        except OSError as error:  # the helper has gone: its end of the pipe is closed
            raise HelperFailed(f"the helper process is gone before block {k}") from error

    def wait_for(self, k, stage):
        ready, _, _ = select.select([self._done], [], [], HELPER_TIMEOUT_SECONDS)
        if not ready or _receive(self._done) != 2 * k + stage:
            raise HelperFailed(f"the helper process did not finish its work for block {k}")

    def __exit__(self, *exc):
        try:
            self.start(_STOP)
        except HelperFailed:  # gone already
            pass
        os.close(self._jobs)
        os.close(self._done)
        if exc[0] is not None:  # failed or interrupted: do not wait for a helper that may hang
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
        else:
            _ending_helpers.append(self.pid)
            reap_ended_helpers(wait=False)
        return False


#: Helpers told to stop but maybe still exiting: unmapping a forked copy of a big
#: process takes ~5 ms, which the caller need not wait for. Reaped here on the next
#: run (or by init once this process ends), so no zombie piles up.
_ending_helpers: list[int] = []


def reap_ended_helpers(wait: bool) -> None:
    """Collect the exit of helpers told to stop; ``wait``: block until each has ended."""
    for pid in list(_ending_helpers):
        try:
            ended, _ = os.waitpid(pid, 0 if wait else os.WNOHANG)
        except ChildProcessError:  # already reaped (by someone calling os.wait)
            ended = pid
        if ended:
            _ending_helpers.remove(pid)


def _serve(blocks, shared, learning_rate, jobs, done):
    """The helper's loop. For block k: apply block k-1's update to W, then make block k's
    late rows of H, then block k+1's early rows of H and its coefficients."""
    b = blocks.block_samples
    early = _early_samples(b)
    while True:
        k = _receive(jobs)
        if k is None or k == _STOP:
            return
        x = blocks[k]
        if k > 0:
            # W_k = W_{k-1} + lrA_{k-1}^T X_{k-1}   (A_{k-1}: the previous-block rows)
            previous_x = blocks[k - 1]
            add_block_update(shared.wih, learning_rate, previous_x, shared.signals[: len(previous_x)])
            np.matmul(x[early:], shared.wih.T, out=shared.hidden_inputs[k % 2][early : len(x)])
        _tell(done, k, _LATE_ROWS_READY)
        if k + 1 < len(blocks):
            next_x = blocks[k + 1]
            next_early = next_x[:early]
            np.matmul(next_early, shared.wih.T, out=shared.hidden_inputs[(k + 1) % 2][: len(next_early)])
            coefficients = shared.coefficients[(k + 1) % 2]
            np.matmul(next_early, x.T, out=coefficients[: len(next_early), : len(x)])
            coefficients[: len(next_early), : len(x)] *= learning_rate
            overlaps_within(next_x, learning_rate, out=coefficients[: len(next_x), b : b + len(next_x)])
        _tell(done, k, _NEXT_BLOCK_READY)


def _tell(pipe, k, stage):
    _send(pipe, 2 * k + stage)


def _send(pipe, number):
    os.write(pipe, number.to_bytes(_MESSAGE_BYTES, "little", signed=True))


def _receive(pipe):
    """The next number from the pipe, or None if the other end has closed it."""
    message = os.read(pipe, _MESSAGE_BYTES)
    return int.from_bytes(message, "little", signed=True) if len(message) == _MESSAGE_BYTES else None
