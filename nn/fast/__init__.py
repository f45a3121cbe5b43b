"""Training many samples in order, fast, with exactly the book's per-sample updates.

:meth:`nn.network.NeuralNetwork.train` is the readable truth: one sample, one
forward pass, one backward pass, ``wih`` and ``who`` changed. This module
computes the same thing for many samples in a row, faster, and is tested
against ``train`` (same weights and errors to 1e-9 after a full MNIST epoch).
Nothing here is an approximation: no mini-batches, no float32; only the order
in which the sums are added differs, which changes the last bits of a float.
At the book's learning rate 0.1 the weights after a full MNIST epoch agree
with ``train`` to about 1e-13. At 0.3 and above, training is chaotic: any
last-bit difference grows until two runs disagree visibly, and the book's
own loop and ``train`` (same maths, numpy adding in another order) drift
apart just as far (docs/speed.md). Tests therefore compare at 0.1-0.7 over
hundreds of samples.

Three paths, chosen here by the network's size and the run's length; each is
its own module, and only this one imports them:

- :mod:`nn.fast.unrolled`: tiny networks (3-3-3, XOR), the equations as
  straight-line Python floats.
- :mod:`nn.fast.one_process`: big networks (MNIST: 784-100-10), blocks of
  samples, each block's big matrix products made once for the whole block.
- :mod:`nn.fast.two_process`: the same blocks, with the products made in a
  forked helper process while this one runs the per-sample loop; for long
  runs on a machine with two free cores, outside a multi-threaded server.

Both block paths are built from the kernels in :mod:`nn.fast.blocks` (the
per-sample loop over a block, the input blocks, the block update). While they
train, BLAS is kept to one thread (:mod:`nn.fast.blas_threads`).
"""

from __future__ import annotations

import os

import numpy as np

from nn.fast import one_process, two_process, unrolled
from nn.fast.blas_threads import one_blas_thread
from nn.fast.blocks import BLOCK_SAMPLES

#: Networks with at most this many weights take the plain-Python path: its cost
#: grows with the weight count, while the block path costs about 10 numpy calls
#: per sample whatever the size; this is about where the two cross.
UNROLLED_MAX_WEIGHTS = 150


def train_many(network, inputs: np.ndarray, targets: np.ndarray, *, helper_process=None) -> np.ndarray:
    """Train ``network`` on each row in order; return each sample's error before its update.

    ``inputs`` (n, input_nodes) and ``targets`` (n, output_nodes) are float64
    and already checked by :meth:`NeuralNetwork.train_many`. Uses
    ``network.learning_rate`` as it is now. Changes ``network.wih`` and
    ``network.who`` exactly as calling ``network.train`` on each row would.

    ``helper_process``: whether big networks make their block products in a
    second process (:mod:`nn.fast.two_process`); ``None`` lets
    :func:`nn.fast.two_process.worthwhile` decide (long runs, two free CPUs, a
    single-threaded caller).
    """
    if len(inputs) == 0:
        return np.empty(0)
    if network.wih.size + network.who.size <= UNROLLED_MAX_WEIGHTS:
        try:
            return unrolled.train_unrolled(network, inputs, targets)
        except OverflowError:
            # math.exp overflows beyond about 709 where scipy's expit just
            # returns 0; the weights were not touched, so redo it with numpy.
            pass
    if helper_process is None:
        helper_process = two_process.worthwhile(len(inputs))
    with one_blas_thread():
        if helper_process and hasattr(os, "fork"):
            try:
                return two_process.train_in_blocks(network, inputs, targets, BLOCK_SAMPLES)
            except two_process.HelperFailed:
                pass  # the network is unchanged: train it here instead
        return one_process.train_in_blocks(network, inputs, targets, BLOCK_SAMPLES)

