"""Big networks in one process: blocks of samples, one matrix product each for the whole block.

The maths is in :mod:`nn.fast.blocks`. Per block: ``H = X W0^T`` and the
Gram matrix ``L``, then the per-sample loop, then the block's ``wih`` update.
The loop and the block products each take about half the time;
:mod:`nn.fast.two_process` overlaps them on two cores.
"""

from __future__ import annotations

import contextlib
import threading

import numpy as np

from nn.fast.blocks import BlockSamples, InputBlocks, add_block_update, overlaps_within

#: Workspaces kept for later calls, per shape, and shapes kept (the oldest shape is dropped first).
#: Each is a few hundred KB at most (200 hidden nodes); several threads may train at once.
SPARE_WORKSPACES_PER_SHAPE = 4
SPARE_SHAPES = 8


def train_in_blocks(network, inputs, targets, block_samples) -> np.ndarray:
    """As :func:`nn.fast.train_many`, for a big network, in blocks of ``block_samples`` rows."""
    wih = np.ascontiguousarray(network.wih, dtype=np.float64)  # (hidden, input + b)
    who = np.ascontiguousarray(network.who, dtype=np.float64)  # (output, hidden + b)
    errors = np.empty(len(inputs))
    with _workspace(network, who, block_samples) as space:
        samples, rows = space.samples, space.rows
        block_hidden_inputs, hidden_signals, earlier_overlaps = (
            space.block_hidden_inputs, space.hidden_signals, space.earlier_overlaps)
        for k, x in enumerate(InputBlocks(inputs, network.bias, block_samples)):  # x: (B, input + b)
            start, m = k * block_samples, len(x)
            np.matmul(x, wih.T, out=block_hidden_inputs[:m])                              # H = X W0^T
            overlaps_within(x, network.learning_rate, out=earlier_overlaps[:m, :m])      # L
            hidden_signals[0].fill(0.0)  # sample 0's correction reads row 0 (times L[0, 0] = 0): never NaN
            samples.targets[:m] = targets[start : start + m]
            samples.train(rows[:m])
            errors[start : start + m] = samples.errors(m)
            add_block_update(wih, network.learning_rate, x, hidden_signals[:m])
    network.wih, network.who = wih, who
    return errors


class _Workspace:
    """What a block run writes into (H, the signals A, the Gram matrix L, the per-sample loop's
    arrays) and each sample's views of them. Every value is written before it is read in each
    block, so a workspace carries nothing from one call to the next but its memory."""

    def __init__(self, network, who, block_samples):
        self.samples = BlockSamples(network, who, block_samples)
        self.block_hidden_inputs = np.empty((block_samples, network.hidden_nodes))  # H, then each sample's own
        self.hidden_signals = np.empty((block_samples, network.hidden_nodes))       # A: row j = a_j
        self.earlier_overlaps = np.empty((block_samples, block_samples))            # L, rewritten for each block
        # Sample j's correction only needs the block's samples before it (L[j, i] = 0 for
        # i >= j): views of L[j, :j] and of A's first j rows, made once here, halve that
        # work on average. (Sample 0 takes one row of each: its L[0, 0] is 0.)
        self.rows = self.samples.rows(
            [self.earlier_overlaps[j, : max(j, 1)] for j in range(block_samples)],
            [self.hidden_signals.T[:, : max(j, 1)] for j in range(block_samples)],  # Fortran (hidden, j)
            self.block_hidden_inputs, self.hidden_signals,
        )


_spare: dict[tuple, list[_Workspace]] = {}
_spare_lock = threading.Lock()


@contextlib.contextmanager
def _workspace(network, who, block_samples):
    """A workspace for this network's shape, set to its learning rate, rule and ``who``.

    Kept for the next call rather than made afresh: its arrays and the 128 views into them cost
    about 0.1 ms to make, which a live page paid on every slice of 64 samples it trained.
    A workspace is used by one call at a time; other threads get their own.
    """
    shape = (network.hidden_nodes, network.output_nodes, bool(network.bias), block_samples)
    with _spare_lock:
        kept = _spare.get(shape)
        space = kept.pop() if kept else None
    if space is None:
        space = _Workspace(network, who, block_samples)
    else:
        space.samples.use(network, who)
    try:
        yield space
    finally:
        space.samples.use(None, None)  # hold no network's weights while unused
        with _spare_lock:
            kept = _spare.pop(shape, [])  # re-inserted last: the oldest shape is dropped first
            if len(kept) < SPARE_WORKSPACES_PER_SHAPE:
                kept.append(space)
            _spare[shape] = kept
            while len(_spare) > SPARE_SHAPES:
                del _spare[next(iter(_spare))]
