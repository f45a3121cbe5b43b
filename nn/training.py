"""A training run: a network, a data set, and the history of learning it.

The pages train in small chunks (one chunk per screen update) and draw the
history between chunks; every page's run goes through :class:`TrainingRun`, so
the bookkeeping (samples seen, epoch, error history, divergence) is written
once. Whole MNIST epochs with nothing to draw between them (the command, the
experiments) are :mod:`nn.mnist_training`.
"""

from __future__ import annotations

import array
import dataclasses
import time
from typing import Callable, Optional

import numpy as np

from nn.fast import train_many as train_many_fast
from nn.network import NeuralNetwork

#: A weight larger than this in size means the run has blown up: the sigmoids
#: are saturated and nothing more will be learned.
EXPLODED_WEIGHT = 1e4

#: Samples trained between clock readings when a time budget is given.
SAMPLES_PER_CLOCK_CHECK = 64

#: Most rows of a small data set trained in one ``train_many`` call (a big set's calls take one
#: epoch at most): many epochs of a 3-sample set, little memory for the rows put together.
ROWS_PER_CALL = 4096

#: The clock a time budget is measured on, in seconds. A module attribute so that a test can
#: replace it and decide when a budget runs out, instead of racing the machine's speed.
clock = time.perf_counter


@dataclasses.dataclass(frozen=True)
class Divergence:
    """Why a run stopped learning, with the figures a page needs to say so (it words them).

    ``error_finite``: False if a sample's error became NaN or infinite.
    ``largest_weight``: the largest weight's size after the chunk that blew up (may be NaN).
    ``weight_limit``: the size past which a weight counts as blown up (:data:`EXPLODED_WEIGHT`).
    ``learning_rate``: the rate the chunk was trained at.
    ``samples_kept``: samples seen once the chunk was rolled back.
    """

    error_finite: bool
    largest_weight: float
    weight_limit: float
    learning_rate: float
    samples_kept: int


class TrainingRun:
    """Trains ``network`` on the rows of ``inputs``/``targets`` in order, epoch after epoch.

    History kept: every sample's error (1/2 sum (t - o)^2, before its update),
    the sample counts at which epochs began, and whether the run diverged.
    The errors are an ``array.array('d')``: 8 bytes a sample, where a list of floats takes 32
    (a pointer and a float object): a full live history of 1,000,000 samples is 8.5 MB a session,
    not 32 MB (``python benchmarks/history_memory.py``). It appends, slices and deletes like a
    list; numpy reads it through the buffer protocol. A numpy view of it stops it growing
    (BufferError) while the view lives: to keep or share the errors, take :func:`error_snapshot`.
    A diverged chunk is rolled back, so the weights the learner had are kept.
    """

    def __init__(self, network: NeuralNetwork, inputs, targets, *, prepare_inputs=None, prepare_targets=None):
        """``prepare_inputs``/``prepare_targets``, when given, turn a slice of the stored rows
        into the network's inputs/targets just before training on it: MNIST is kept as
        uint8 pixels and labels (47 MB for 60,000 images, shared by every session through
        the loader's cache) instead of a 376 MB float64 copy per session.
        """
        if prepare_inputs is None:
            inputs = np.atleast_2d(np.asarray(inputs, dtype=np.float64))
        if prepare_targets is None:
            targets = np.atleast_2d(np.asarray(targets, dtype=np.float64))
        if len(inputs) == 0 or len(inputs) != len(targets):
            raise ValueError(
                f"a training set needs one target row per input row, at least one; "
                f"got {len(inputs)} inputs and {len(targets)} targets"
            )
        self.prepare_inputs = prepare_inputs or _as_stored
        self.prepare_targets = prepare_targets or _as_stored
        self.network = network
        self.inputs = inputs
        self.targets = targets
        self.position = 0          # next row of the data set to train on
        self.epoch = 0             # complete passes over the data set so far
        self.errors = array.array("d")
        self.diverged: Optional[Divergence] = None  # why it stopped, once it has happened
        # NeuralNetwork.train_many checks every row it is given for NaN: about 0.1 ms a slice of 64
        # MNIST images, paid on each slice of every live update for the same stored rows. Rows
        # stored read-only are checked once, here, and trained without that check.
        self._rows_checked = (prepare_inputs is None and prepare_targets is None
                              and _fit_and_finite(network, self.inputs, self.targets))

    @property
    def samples_seen(self) -> int:
        return len(self.errors)

    @property
    def epoch_size(self) -> int:
        return len(self.inputs)

    def epoch_starts(self) -> list[int]:
        """Samples seen at the start of each epoch after the first (where to draw a marker)."""
        return list(range(self.epoch_size, self.samples_seen + 1, self.epoch_size))

    def running_mean(self, window: int = 100) -> np.ndarray:
        """Mean of the last ``window`` errors at each sample (fewer at the start)."""
        return running_mean(error_snapshot(self.errors), window)

    def train(self, samples: int, time_budget: Optional[float] = None,
              stop: Optional[Callable[[], bool]] = None) -> int:
        """Train up to ``samples`` samples, or until ``time_budget`` seconds are spent, or ``stop()`` says so.

        With a budget or ``stop``, the clock is read and ``stop`` asked after every
        ``SAMPLES_PER_CLOCK_CHECK`` samples, so at least that many are trained (fewer only if fewer
        were asked for, or the run diverged).

        Returns how many samples were trained (0 once the run has diverged).
        """
        if self.diverged:
            return 0
        deadline = None if time_budget is None else clock() + time_budget
        in_slices = deadline is not None or stop is not None
        done = 0
        saved = _SavedWeights()  # one copy's memory for every slice of this call
        while done < samples and not self.diverged:
            take = min(SAMPLES_PER_CLOCK_CHECK, samples - done) if in_slices else samples - done
            done += self._train_slice(take, saved)
            if deadline is not None and clock() >= deadline:
                break
            if stop is not None and stop():
                break
        return done

    def train_epoch(self) -> int:
        """Train to the end of the current epoch."""
        return self.train(self.epoch_size - self.position)

    def _train_slice(self, samples: int, saved: "_SavedWeights") -> int:
        """Train ``samples`` in order, wrapping round at the end of the data set.

        A piece may run over the end of an epoch into the next ones: a live update of 20 samples
        of a 3-sample set is one ``train_many``, not seven (each call's checks cost more than a
        tiny network's arithmetic). A piece is at most an epoch's rows or ``ROWS_PER_CALL``, whichever
        is more: the rows put together take no more memory than an epoch of MNIST did before.
        """
        network = self.network
        saved.keep(network)
        start = self.position, self.epoch, len(self.errors)
        most = max(self.epoch_size, ROWS_PER_CALL)
        trained = 0
        while trained < samples:
            take = min(samples - trained, most)
            inputs, targets = self._next_rows(take)
            inputs, targets = self.prepare_inputs(inputs), self.prepare_targets(targets)
            errors = (train_many_fast(network, inputs, targets) if self._rows_checked
                      else network.train_many(inputs, targets))
            error_finite = bool(np.all(np.isfinite(errors)))
            largest_weight = _largest_weight(network)
            if not (error_finite and largest_weight <= EXPLODED_WEIGHT):
                network.wih, network.who = saved.hand_back()
                # The whole slice is undone, including samples already counted in it.
                self.position, self.epoch, kept = start
                del self.errors[kept:]
                self.diverged = Divergence(error_finite, largest_weight, EXPLODED_WEIGHT,
                                           network.learning_rate, kept)
                return 0
            # The slice's float64 bytes appended as they are: no Python float per sample.
            self.errors.frombytes(np.ascontiguousarray(errors, dtype=np.float64).tobytes())
            trained += take
            self.epoch += (self.position + take) // self.epoch_size
            self.position = (self.position + take) % self.epoch_size
        return trained

    def _next_rows(self, samples: int):
        """The stored rows of the next ``samples`` samples, inputs and targets: a view of them within
        this epoch, else a copy that runs on into the next epochs."""
        stop = self.position + samples
        if stop <= self.epoch_size:
            return self.inputs[self.position:stop], self.targets[self.position:stop]
        rows = np.arange(self.position, stop) % self.epoch_size
        return self.inputs[rows], self.targets[rows]


def error_snapshot(errors) -> np.ndarray:
    """A numpy copy of a run's ``errors`` as they are now.

    The copy is one slice of the array, made while holding Python's lock, so another thread's
    training cannot add to the history halfway through, and no numpy view of the history is left
    holding its buffer (an ``array.array`` with a view on it refuses to grow). A list is copied too.
    """
    if isinstance(errors, array.array):
        return np.frombuffer(errors[:], dtype=np.float64)
    return np.array(errors, dtype=np.float64)


def running_mean(errors, window: int = 100) -> np.ndarray:
    """Mean of the last ``window`` of ``errors`` at each sample (fewer at the start)."""
    errors = np.asarray(errors, dtype=np.float64)
    if errors.size == 0:
        return errors
    cumulative = np.concatenate([[0.0], np.cumsum(errors)])
    ends = np.arange(1, errors.size + 1)
    starts = np.maximum(ends - window, 0)
    return (cumulative[ends] - cumulative[starts]) / (ends - starts)


def _as_stored(rows: np.ndarray) -> np.ndarray:
    return rows


def _fit_and_finite(network: NeuralNetwork, inputs, targets) -> bool:
    """Whether the rows are what ``NeuralNetwork.train_many`` accepts (float64, one input and one
    target per node, finite numbers) and stay so: read-only arrays."""
    return all(
        isinstance(rows, np.ndarray) and rows.dtype == np.float64 and rows.ndim == 2 and rows.shape[1] == nodes
        and not rows.flags.writeable and bool(np.all(np.isfinite(rows)))
        for rows, nodes in ((inputs, network.input_nodes), (targets, network.output_nodes))
    )


def _largest_weight(network: NeuralNetwork) -> float:
    """The largest weight's size in either matrix: NaN if any weight is NaN, inf if any is infinite.

    From each matrix's largest and smallest weight, with no array of sizes: on MNIST's 78,400
    weights that array cost more than the comparison, on every slice a live update trains.
    """
    sizes = [max(float(weights.max()), -float(weights.min())) for weights in (network.wih, network.who)]
    return float(np.nan if np.isnan(sizes).any() else max(sizes))


class _SavedWeights:
    """The weights before a slice, to undo it if it blows up; the same memory for each slice of one
    ``train`` call (a fresh 627 KB copy of MNIST's wih per slice came with the system's page faults)."""

    def __init__(self):
        self._arrays: Optional[tuple[np.ndarray, np.ndarray]] = None

    def keep(self, network: NeuralNetwork) -> None:
        arrays = self._arrays
        if arrays is None or arrays[0].shape != network.wih.shape or arrays[1].shape != network.who.shape:
            self._arrays = network.wih.copy(), network.who.copy()
        else:
            np.copyto(arrays[0], network.wih)
            np.copyto(arrays[1], network.who)

    def hand_back(self) -> tuple[np.ndarray, np.ndarray]:
        """The kept weights, for the network to have again: no longer this object's to overwrite."""
        arrays, self._arrays = self._arrays, None
        return arrays
