"""The kernels both block paths are built from: input blocks, the per-sample loop, the block update.

Per sample the textbook loop spends its time on two passes over ``wih``
(100 x 784): the forward product ``wih . x`` and the update
``wih += learning_rate * outer(a, x)``, where ``a`` is the hidden layer's
error signal ``hidden_errors * hidden_outputs * (1 - hidden_outputs)``.
Over a block of B samples x_0 .. x_{B-1} that start from weights W0, the
weights that sample j sees are W0 plus the updates of the samples before it::

    wih_j = W0 + learning_rate * sum_{i<j} a_i x_i^T

so its hidden inputs are::

    hidden_inputs_j = wih_j x_j
                    = (W0 x_j) + learning_rate * sum_{i<j} (x_i . x_j) a_i
                    = H[j]     + sum_{i<j} L[j, i] a_i

with ``H = X W0^T`` (one matrix product for the whole block) and
``L = learning_rate * (X X^T below the diagonal)`` (the Gram matrix of the
block's inputs, one more matrix product). The loop over the block's samples
then only needs ``L[j] . A`` (B x hidden, small) instead of a pass over
``wih``; when the block is done, its updates are applied together::

    wih += learning_rate * A^T X          # = sum_j learning_rate * a_j x_j^T

``who`` (output x hidden, small) is used and updated sample by sample, as in
the book, and ``hidden_errors`` uses ``who`` from before the sample's update.
With ``bias=True`` the bias node's constant 1.0 is one more column of X.

:mod:`nn.fast.one_process` runs these kernels one after the other;
:mod:`nn.fast.two_process` makes the block products in a helper process.
"""

from __future__ import annotations

import functools

import numpy as np
from scipy.linalg.blas import dgemm, dgemv, dger
from scipy.special import expit as sigmoid

#: Samples per block on the big-network path. Larger blocks make the two
#: block-wide matrix products more efficient but the Gram matrix and the
#: per-sample correction ``L[j] . A`` cost grows with B; 64 sits in the flat
#: middle of the sizes measured (docs/speed.md, "Tried and not kept").
BLOCK_SAMPLES = 64


def overlaps_within(x, learning_rate, out):
    """L (B, B): learning_rate * x_i . x_j for the block's sample i before sample j, else 0."""
    np.matmul(x, x.T, out=out)
    np.multiply(out, _earlier_times_rate(len(out), learning_rate), out=out)


@functools.lru_cache(maxsize=8)
def _earlier_times_rate(samples, learning_rate):
    return np.tril(np.full((samples, samples), learning_rate), -1)


def add_block_update(wih, learning_rate, x, hidden_signals):
    """All of a block's ``wih`` updates at once: ``wih += learning_rate * A^T X``, in place.

    (``wih.T`` is wih's memory in Fortran order, which BLAS updates without temporaries.)
    """
    dgemm(learning_rate, x.T, hidden_signals.T, beta=1.0, c=wih.T, trans_b=True, overwrite_c=True)


class InputBlocks:
    """A run's inputs as blocks of rows, with the bias node's constant 1.0 as one more column."""

    def __init__(self, inputs, bias, block_samples):
        self.inputs, self.bias, self.block_samples = inputs, bias, block_samples

    def __len__(self):
        return -(-len(self.inputs) // self.block_samples)

    def __getitem__(self, k):
        if not 0 <= k < len(self):
            raise IndexError(k)
        x = self.inputs[k * self.block_samples : (k + 1) * self.block_samples]
        return np.hstack([x, np.ones((len(x), 1))]) if self.bias else x


class BlockSamples:
    """The per-sample loop over one block: forward, backward and ``who``'s update, sample by sample.

    Sample j's hidden inputs are ``H[j] + sum_i c_i a_i``: its row of ``X W^T``
    for the weights the block started from, corrected by earlier samples'
    hidden error signals ``a_i`` weighted by their overlap with this one (see
    the module's docstring). The caller lays out ``H``, the coefficients and the
    signals (:meth:`rows`), fills them and :attr:`targets` for each block, and
    applies the block's ``wih`` update from the signals when the block's rows
    are trained. ``who`` is updated in place after every sample, as in the book.
    """

    def __init__(self, network, who, block_samples):
        self.hidden, self.output, self.bias = network.hidden_nodes, network.output_nodes, int(network.bias)
        self.use(network, who)
        self.targets = np.empty((block_samples, self.output))
        self.output_errors = np.empty((block_samples, self.output))  # row j = targets_j - final_outputs_j
        # One sample's signals, laid out so both layers' sigmoid slopes take one call:
        # [hidden_outputs (hidden) | bias node 1.0 (b) | final_outputs (output)]
        self.signals = np.ones(self.hidden + self.bias + self.output)
        self.slopes = np.empty_like(self.signals)       # sigmoid'(.) = s * (1 - s)
        self.final_inputs = np.empty(self.output)
        self.output_gradient = np.empty(self.output)    # output_errors * final_outputs * (1 - final_outputs)
        self.hidden_errors = np.empty(self.hidden)
        self.ones = np.ones_like(self.signals)          # 1 - s from an array: a Python 1.0 costs 0.6 us more

    def use(self, network, who) -> None:
        """Train ``network`` (one of this shape: its learning rate and rule as they are now) with
        ``who``, its output weights, updated in place; ``None`` for neither."""
        self.learning_rate = None if network is None else network.learning_rate
        self.backpropagate_gradient = network is not None and network.rule == "gradient"
        self.who = who

    def rows(self, coefficients, earlier_signals, block_hidden_inputs, hidden_signals) -> list:
        """What sample j reads and writes, as views made once (making them per sample costs 0.4 us).

        ``coefficients[j]`` weights the columns of ``earlier_signals[j]`` (hidden, n),
        Fortran-ordered, in the correction added to ``block_hidden_inputs[j]``; the
        sample's own signal ``a_j`` goes to ``hidden_signals[j]``.
        """
        return list(zip(coefficients, earlier_signals, block_hidden_inputs, self.targets,
                        hidden_signals, self.output_errors))

    def train(self, rows) -> None:
        """Train these samples of the block (all, or a run of them), in order."""
        learning_rate, hidden, b = self.learning_rate, self.hidden, self.bias
        who = self.who
        who_to_real_hidden = who[:, :hidden]   # a view: sees every update
        who_transposed = who.T  # Fortran-ordered view, so BLAS's rank-1 update writes into who
        signals, slopes = self.signals, self.slopes
        hidden_outputs = signals[:hidden]
        hidden_layer = signals[: hidden + b]          # what who multiplies (bias node included)
        final_outputs = signals[hidden + b :]
        hidden_slope = slopes[:hidden]
        output_slope = slopes[hidden + b :]
        final_inputs, output_gradient, hidden_errors = self.final_inputs, self.output_gradient, self.hidden_errors
        ones = self.ones
        backpropagate_gradient = self.backpropagate_gradient

        dot, subtract, multiply = np.dot, np.subtract, np.multiply  # looked up once, used 60,000 times an epoch
        for coefficients, earlier_signals, hidden_inputs, sample_targets, sample_a, sample_output_errors in rows:
            # forward, with wih as this sample sees it: H[j] + sum_i c_i a_i, in place in H[j]
            # (dgemv: y = 1.0 * A^T . c + 1.0 * y; positional, as f2py's keyword parsing costs ~1 us)
            dgemv(1.0, earlier_signals, coefficients, 1.0, hidden_inputs, 0, 1, 0, 1, 0, True)
            sigmoid(hidden_inputs, out=hidden_outputs)
            dot(who, hidden_layer, out=final_inputs)
            sigmoid(final_inputs, out=final_outputs)

            # backward, with who as it was before this sample
            subtract(sample_targets, final_outputs, out=sample_output_errors)
            subtract(ones, signals, out=slopes)
            multiply(slopes, signals, out=slopes)
            multiply(sample_output_errors, output_slope, out=output_gradient)
            back = output_gradient if backpropagate_gradient else sample_output_errors
            dot(back, who_to_real_hidden, out=hidden_errors)
            multiply(hidden_errors, hidden_slope, out=sample_a)

            # who += learning_rate * outer(output_gradient, hidden_layer), in place
            # (dger(alpha, x, y, incx, incy, a, overwrite_x, overwrite_y, overwrite_a), positional)
            dger(learning_rate, hidden_layer, output_gradient, 1, 1, who_transposed, False, False, True)

    def errors(self, samples) -> np.ndarray:
        """The block's first ``samples`` errors 1/2 sum (t - o)^2, each before its sample's update."""
        block_errors = self.output_errors[:samples]
        return 0.5 * np.einsum("ij,ij->i", block_errors, block_errors)
