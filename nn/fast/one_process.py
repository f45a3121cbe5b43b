"""Big networks in one process: blocks of samples, one matrix product each for the whole block.

The maths is in :mod:`nn.fast.blocks`. Per block: ``H = X W0^T`` and the
Gram matrix ``L``, then the per-sample loop, then the block's ``wih`` update.
The loop and the block products each take about half the time;
:mod:`nn.fast.two_process` overlaps them on two cores.
"""

from __future__ import annotations

import numpy as np

from nn.fast.blocks import BlockSamples, InputBlocks, add_block_update, overlaps_within


def train_in_blocks(network, inputs, targets, block_samples) -> np.ndarray:
    """As :func:`nn.fast.train_many`, for a big network, in blocks of ``block_samples`` rows."""
    wih = np.ascontiguousarray(network.wih, dtype=np.float64)  # (hidden, input + b)
    who = np.ascontiguousarray(network.who, dtype=np.float64)  # (output, hidden + b)
    samples = BlockSamples(network, who, block_samples)
    block_hidden_inputs = np.empty((block_samples, network.hidden_nodes))  # H, then each sample's own
    hidden_signals = np.empty((block_samples, network.hidden_nodes))       # A: row j = a_j
    earlier_overlaps = np.empty((block_samples, block_samples))            # L, rewritten for each block
    # Sample j's correction only needs the block's samples before it (L[j, i] = 0 for
    # i >= j): views of L[j, :j] and of A's first j rows, made once here, halve that
    # work on average. (Sample 0 takes one row of each: its L[0, 0] is 0.)
    rows = samples.rows(
        [earlier_overlaps[j, : max(j, 1)] for j in range(block_samples)],
        [hidden_signals.T[:, : max(j, 1)] for j in range(block_samples)],  # Fortran (hidden, j)
        block_hidden_inputs, hidden_signals,
    )
    errors = np.empty(len(inputs))
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
