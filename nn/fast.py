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
apart just as far (measured on MNIST 784-100-10: at 0.3 all three pairs are
about 1e-13 apart after 5,000 samples and about 1 after 30,000; at 0.6, about
1 after 5,000). Tests therefore compare at 0.1-0.7 over hundreds of samples.

Two ways, chosen by the network's size (:func:`train_many` decides):

**Big networks (MNIST: 784-100-10): blocks of samples.**
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
While it trains, BLAS is kept to one thread (see :class:`_OneBlasThread`).
The per-sample loop over a block is :class:`BlockSamples`.

The loop and the block products each take about half the time. For long runs
on a machine with two free cores, :mod:`nn.helper_process` makes the next
block's products in a forked helper process while this one runs the loop
(about 1.3 to 1.5 times faster); :func:`train_many` decides when that is worth
it and safe.

**Tiny networks (3-3-3, XOR): plain Python floats.**
For a handful of weights each numpy call costs more than its arithmetic
(about a microsecond per call), so the same equations are written out for the
network's sizes as straight-line Python: one line per node, every weight a
local variable. :func:`unrolled_source` shows the generated code; it reads
like the book's equations with the sums written out.
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import threading

import numpy as np
from scipy.linalg.blas import dgemm, dgemv, dger
from scipy.special import expit as sigmoid

try:  # optional, pure Python; without it BLAS keeps its default thread count
    from threadpoolctl import ThreadpoolController
except ImportError:  # pragma: no cover - depends on the environment
    ThreadpoolController = None

#: Samples per block on the big-network path. Larger blocks make the two
#: block-wide matrix products more efficient but the Gram matrix and the
#: per-sample correction ``L[j] . A`` cost grows with B. Measured on
#: 784-100-10 and 784-200-10: 48 to 128 all within a few percent, 32 slower;
#: 784-300-10 (CPU time): 48 to 96 within 2%, 128 8% slower, 160 14% slower.
BLOCK_SAMPLES = 64

#: Networks with at most this many weights take the plain-Python path. Its
#: cost grows with the weight count; the block path costs about 10 numpy
#: calls per sample whatever the size. Measured crossover: about 150 weights.
UNROLLED_MAX_WEIGHTS = 150


def train_many(network, inputs: np.ndarray, targets: np.ndarray, *, helper_process=None) -> np.ndarray:
    """Train ``network`` on each row in order; return each sample's error before its update.

    ``inputs`` (n, input_nodes) and ``targets`` (n, output_nodes) are float64
    and already checked by :meth:`NeuralNetwork.train_many`. Uses
    ``network.learning_rate`` as it is now. Changes ``network.wih`` and
    ``network.who`` exactly as calling ``network.train`` on each row would.

    ``helper_process``: whether big networks make their block products in a
    second process (:mod:`nn.helper_process`); ``None`` lets
    :func:`nn.helper_process.worthwhile` decide (long runs, two free CPUs, a
    single-threaded caller).
    """
    if len(inputs) == 0:
        return np.empty(0)
    if network.wih.size + network.who.size <= UNROLLED_MAX_WEIGHTS:
        try:
            return _train_unrolled(network, inputs, targets)
        except OverflowError:
            # math.exp overflows beyond about 709 where scipy's expit just
            # returns 0; the weights were not touched, so redo it with numpy.
            pass
    from nn import helper_process as helper  # imports this module: loaded on first use

    if helper_process is None:
        helper_process = helper.worthwhile(len(inputs))
    with _one_blas_thread():
        if helper_process and hasattr(os, "fork"):
            try:
                return helper.train_in_blocks(network, inputs, targets, BLOCK_SAMPLES)
            except helper.HelperFailed:
                pass  # the network is unchanged: train it here instead
        return _train_in_blocks(network, inputs, targets)


class _OneBlasThread:
    """Run BLAS single-threaded while any ``train_many`` is training (needs threadpoolctl).

    The per-sample loop is sequential; only the block products could use a
    second core, and :mod:`nn.helper_process` gives them one. BLAS's own
    threads do not: OpenBLAS's worker threads keep spinning after each
    product, and on a busy machine (a shared 2-core box, a classroom server)
    they take the core the loop needs: train_many measured up to 20 times
    slower than with one thread (and 6 times slower on an idle 2-core
    machine, where even the loop's small products were split). Two threads
    for the block products alone were no better on the shared machine:
    784-300-10's products took 3.5 to 16 times the CPU time of one.

    BLAS's thread count is one setting for the whole process, and the
    dashboard trains in several sessions' threads at once: the first caller
    in sets it to 1, the last one out restores what it was.
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
                self._limiter = self._controller.limit(limits=1, user_api="blas")
            self._callers += 1
        try:
            yield
        finally:
            with self._lock:
                self._callers -= 1
                if self._callers == 0 and self._limiter is not None:
                    self._limiter.restore_original_limits()
                    self._limiter = None


_one_blas_thread = _OneBlasThread()


# -- big networks: blocks of samples -------------------------------------------------


def _train_in_blocks(network, inputs, targets, block_samples=BLOCK_SAMPLES) -> np.ndarray:
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
        self.learning_rate = network.learning_rate
        self.hidden, self.output, self.bias = network.hidden_nodes, network.output_nodes, int(network.bias)
        self.backpropagate_gradient = network.rule == "gradient"
        self.who = who
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


# -- tiny networks: the equations as plain Python ---------------------------------------


def _train_unrolled(network, inputs, targets) -> np.ndarray:
    train_rows = _unrolled_function(
        network.input_nodes, network.hidden_nodes, network.output_nodes, network.bias, network.rule
    )
    # One tuple (inputs..., targets...) per row, its floats made as the loop asks
    # for them: a quarter of the cost of .tolist(), which builds every row's list first.
    values = iter(memoryview(np.hstack([inputs, targets]).ravel()))
    rows = zip(*[values] * (inputs.shape[1] + targets.shape[1]))
    weights = network.wih.ravel().tolist() + network.who.ravel().tolist()
    weights, errors = train_rows(rows, weights, network.learning_rate, math.exp)
    split = network.wih.size
    # in place, like train: anyone holding network.wih sees the new weights
    network.wih[...] = np.reshape(weights[:split], network.wih.shape)
    network.who[...] = np.reshape(weights[split:], network.who.shape)
    return np.array(errors)


@functools.lru_cache(maxsize=64)
def _unrolled_function(input_nodes, hidden_nodes, output_nodes, bias, rule):
    namespace = {}
    exec(unrolled_source(input_nodes, hidden_nodes, output_nodes, bias, rule), namespace)
    return namespace["train_rows"]


def unrolled_source(input_nodes, hidden_nodes, output_nodes, bias=False, rule="book") -> str:
    """Python source of ``train_rows(rows, weights, learning_rate, exp)`` for these sizes.

    ``rows`` are lists ``inputs + targets``; ``weights`` is ``wih`` then ``who``,
    flattened row by row. Returns the new weights (same layout) and the errors.
    Each line is one of the book's equations for one node, e.g. for 3-3-3::

        hidden_output_0 = 1.0 / (1.0 + exp(-(wih_0_0*x_0 + wih_0_1*x_1 + wih_0_2*x_2)))
    """
    b = int(bias)
    inputs = [f"x_{i}" for i in range(input_nodes)] + ["1.0"] * b
    targets = [f"t_{k}" for k in range(output_nodes)]
    hidden_outputs = [f"hidden_output_{j}" for j in range(hidden_nodes)] + ["1.0"] * b
    wih = [[f"wih_{j}_{i}" for i in range(input_nodes + b)] for j in range(hidden_nodes)]
    who = [[f"who_{k}_{j}" for j in range(hidden_nodes + b)] for k in range(output_nodes)]
    all_weights = ", ".join(name for row in wih + who for name in row)
    back = "output_error" if rule == "book" else "output_gradient"

    def weighted_sum(weights, signals):  # the bias node's signal is 1.0: just the weight
        return " + ".join(w if s == "1.0" else f"{w}*{s}" for w, s in zip(weights, signals))

    def times(signal):
        return "" if signal == "1.0" else f" * {signal}"

    lines = [
        "def train_rows(rows, weights, learning_rate, exp):",
        f"    [{all_weights}] = weights",
        "    errors = []",
        f"    for {', '.join(inputs[:input_nodes] + targets)} in rows:",
        "        # forward: hidden_outputs = sigmoid(wih . inputs), final_outputs = sigmoid(who . hidden_outputs)",
    ]
    for j in range(hidden_nodes):
        lines.append(f"        hidden_output_{j} = 1.0 / (1.0 + exp(-({weighted_sum(wih[j], inputs)})))")
    for k in range(output_nodes):
        lines.append(f"        final_output_{k} = 1.0 / (1.0 + exp(-({weighted_sum(who[k], hidden_outputs)})))")
    lines.append("        # backward: errors and slopes, with who as it was before this sample")
    for k in range(output_nodes):
        lines.append(f"        output_error_{k} = t_{k} - final_output_{k}")
        lines.append(
            f"        output_gradient_{k} = output_error_{k} * final_output_{k} * (1.0 - final_output_{k})"
        )
    for j in range(hidden_nodes):
        hidden_error = " + ".join(f"{who[k][j]}*{back}_{k}" for k in range(output_nodes))
        lines.append(f"        hidden_error_{j} = {hidden_error}")
    lines.append("        # updates: who += learning_rate * output_gradient . hidden_outputs^T")
    for k in range(output_nodes):
        lines.append(f"        step = learning_rate * output_gradient_{k}")
        for j, signal in enumerate(hidden_outputs):
            lines.append(f"        {who[k][j]} += step{times(signal)}")
    lines.append("        # wih += learning_rate * (hidden_errors * hidden_outputs * (1 - hidden_outputs)) . inputs^T")
    for j in range(hidden_nodes):
        lines.append(
            f"        step = learning_rate * hidden_error_{j} * hidden_output_{j} * (1.0 - hidden_output_{j})"
        )
        for i, signal in enumerate(inputs):
            lines.append(f"        {wih[j][i]} += step{times(signal)}")
    squares = " + ".join(f"output_error_{k}*output_error_{k}" for k in range(output_nodes))
    lines.append(f"        errors.append(0.5 * ({squares}))")
    lines.append(f"    return [{all_weights}], errors")
    return "\n".join(lines) + "\n"
