"""The three-layer network of Tariq Rashid's *Make Your Own Neural Network*.

Written from the book's equations (the book's own notebooks are GPL and are
not copied here). Orientation, once for the whole module:

    weights are stored  rows = next layer, columns = previous layer
    wih: (hidden, input)    links input -> hidden
    who: (output, hidden)   links hidden -> output

With ``bias=True`` a constant 1.0 "displacement" node is appended to the
input layer and to the hidden layer, so ``wih`` gains one column and ``who``
gains one column; those weights learn like every other weight.

The forward and backward pass of one sample is computed in one place,
:meth:`NeuralNetwork.trace`, which returns every named intermediate.
:meth:`NeuralNetwork.train` applies what ``trace`` computed; the step-through
page shows it. Nothing else retypes the equations (the fast multi-sample path
in :mod:`nn.fast` is tested against ``trace``).
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from typing import Optional

import numpy as np
from scipy.special import expit as sigmoid
from scipy.special import logit as inverse_sigmoid

from nn.fast import train_many as train_many_fast  # apart from the equations it reproduces
from nn.files import NotASavedNetwork, read_arrays

#: Largest node count accepted for any one layer. 784 inputs (MNIST) must fit,
#: and a 2000-wide layer still trains interactively; beyond that a page would
#: stall and one classroom visitor could starve the rest.
MAX_NODES = 2000

#: Largest learning rate accepted. The useful range is about 0.01 .. 1; values
#: above this are certainly typing mistakes.
MAX_LEARNING_RATE = 100.0

INITS = ("normal", "uniform", "positive")
RULES = ("book", "gradient")

#: Bumped when the layout of the ``.npz`` written by :meth:`NeuralNetwork.save` changes.
FORMAT_VERSION = 1


class BadSetting(ValueError):
    """A network setting this module refuses: which ``field``, the ``value`` given, and what is allowed.

    Allowed is ``choices`` (one of them), or a number from ``low`` to ``high``
    (``None``: no bound; ``low_included`` False: strictly above ``low``), ``whole``
    if it must be a whole number, ``optional`` if None is allowed too. ``str()`` is a
    short technical reason; a page words the fields for the learner (``ui/messages.py``).
    """

    def __init__(self, field: str, value, *, low=None, high=None, low_included=True, whole=False,
                 choices: Optional[tuple] = None, optional=False):
        self.field, self.value = field, value
        self.low, self.high, self.low_included, self.whole = low, high, low_included, whole
        self.choices, self.optional = choices, optional
        if choices is not None:
            allowed = "one of " + ", ".join(map(str, choices))
        else:
            allowed = ("whole " if whole else "finite ") + f"number {'>=' if low_included else '>'} {low:g}"
            allowed += "" if high is None else f" and <= {high:g}"
        super().__init__(f"{field} must be {allowed}{' or None' if optional else ''}; got {value!r}")


@dataclasses.dataclass(frozen=True)
class Trace:
    """One sample's forward and backward pass, every intermediate by its book name.

    Shapes (``b`` is 1 with a bias node, else 0):
        inputs          (input + b,)   the input layer's signals, bias 1.0 last
        targets         (output,)
        hidden_inputs   (hidden,)      wih . inputs
        hidden_outputs  (hidden + b,)  sigmoid(hidden_inputs), bias 1.0 last
        final_inputs    (output,)      who . hidden_outputs
        final_outputs   (output,)      sigmoid(final_inputs)
        output_errors   (output,)      targets - final_outputs
        hidden_errors   (hidden,)      error reaching each real hidden node
        delta_who       (output, hidden + b)
        delta_wih       (hidden, input + b)
        error           float          1/2 sum (targets - final_outputs)^2, before the update
    """

    inputs: np.ndarray
    targets: np.ndarray
    hidden_inputs: np.ndarray
    hidden_outputs: np.ndarray
    final_inputs: np.ndarray
    final_outputs: np.ndarray
    output_errors: np.ndarray
    hidden_errors: np.ndarray
    delta_who: np.ndarray
    delta_wih: np.ndarray
    error: float


class NeuralNetwork:
    """Input, hidden and output layers of sigmoid nodes, trained one sample at a time.

    Args:
        input_nodes, hidden_nodes, output_nodes: layer sizes, 1 .. MAX_NODES.
        learning_rate: finite, > 0 and <= MAX_LEARNING_RATE. May be changed
            between samples by assigning ``network.learning_rate``.
        init: starting weights. ``"normal"``: the book's final choice,
            N(0, sd = incoming_nodes ** -0.5) as its text says (wih: input
            nodes, who: hidden nodes); ``"uniform"``: U[-0.5, 0.5), the book's
            first try (rand - 0.5); ``"positive"``: U[0, 1), rand alone, not
            in the book, which learns badly.
        bias: append a constant 1.0 node to the input and hidden layers.
        rule: how the error reaches the hidden layer. ``"book"``:
            hidden_errors = who^T . output_errors (the book's simplification);
            ``"gradient"``: who^T . (output_errors * o * (1 - o)), the exact
            gradient of 1/2 sum (t - o)^2.
        seed: makes the starting weights reproducible on every machine.
    """

    def __init__(
        self,
        input_nodes: int,
        hidden_nodes: int,
        output_nodes: int,
        learning_rate: float,
        *,
        init: str = "normal",
        bias: bool = False,
        rule: str = "book",
        seed: Optional[int] = None,
    ):
        self.input_nodes = _node_count("input_nodes", input_nodes)
        self.hidden_nodes = _node_count("hidden_nodes", hidden_nodes)
        self.output_nodes = _node_count("output_nodes", output_nodes)
        self.learning_rate = learning_rate  # validated by the property setter
        if not isinstance(init, str) or init not in INITS:
            raise BadSetting("init", init, choices=INITS)
        if not isinstance(rule, str) or rule not in RULES:
            raise BadSetting("rule", rule, choices=RULES)
        if not isinstance(bias, (bool, np.bool_)):
            raise BadSetting("bias", bias, choices=(True, False))
        if seed is not None and (
            isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0
        ):
            raise BadSetting("seed", seed, low=0, whole=True, optional=True)
        self.init = init
        self.rule = rule
        self.bias = bool(bias)
        self.seed = None if seed is None else int(seed)

        rng = np.random.default_rng(self.seed)
        b = int(self.bias)
        self.wih = _initial_weights(rng, init, (self.hidden_nodes, self.input_nodes + b), self.input_nodes)
        self.who = _initial_weights(rng, init, (self.output_nodes, self.hidden_nodes + b), self.hidden_nodes)

    # -- settings -------------------------------------------------------------

    @property
    def learning_rate(self) -> float:
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, value: float) -> None:
        self._learning_rate = check_learning_rate(value)

    def __repr__(self) -> str:
        return (
            f"NeuralNetwork({self.input_nodes}, {self.hidden_nodes}, {self.output_nodes}, "
            f"{self.learning_rate}, init={self.init!r}, bias={self.bias}, "
            f"rule={self.rule!r}, seed={self.seed})"
        )

    def copy(self) -> "NeuralNetwork":
        """An independent network with the same settings and weights."""
        twin = object.__new__(NeuralNetwork)
        twin.__dict__.update(self.__dict__)
        twin.wih = self.wih.copy()
        twin.who = self.who.copy()
        return twin

    # -- the book's equations ---------------------------------------------------

    def query(self, inputs) -> np.ndarray:
        """Run the network forward.

        One sample (length ``input_nodes``) gives a 1-D array of ``output_nodes``
        outputs; a 2-D array with one sample per row gives one row of outputs per sample.
        """
        samples = self._check_signals("inputs", inputs, self.input_nodes, allow_rows=True)
        rows = np.atleast_2d(samples)                                   # (n, input)
        hidden_outputs = sigmoid(self._with_bias(rows) @ self.wih.T)    # (n, hidden)
        final_outputs = sigmoid(self._with_bias(hidden_outputs) @ self.who.T)  # (n, output)
        return final_outputs if samples.ndim == 2 else final_outputs[0]

    def trace(self, inputs, targets) -> Trace:
        """One forward and backward pass of one sample. Changes nothing."""
        # copies, so the record stays true if the caller later changes their arrays
        inputs = self._with_bias(self._check_signals("inputs", inputs, self.input_nodes).copy())
        targets = self._check_signals("targets", targets, self.output_nodes).copy()
        hidden = self.hidden_nodes

        # forward
        hidden_inputs = self.wih @ inputs                           # (hidden,)
        hidden_outputs = self._with_bias(sigmoid(hidden_inputs))    # (hidden + b,)
        final_inputs = self.who @ hidden_outputs                    # (output,)
        final_outputs = sigmoid(final_inputs)                       # (output,)

        # backward: errors, then each layer's change, using who as it was before this sample
        output_errors = targets - final_outputs                     # (output,)
        output_slope = final_outputs * (1.0 - final_outputs)        # d sigmoid / d final_inputs
        who_to_real_hidden = self.who[:, :hidden]                   # the bias node has no incoming links
        if self.rule == "book":
            hidden_errors = who_to_real_hidden.T @ output_errors    # (hidden,)
        else:
            hidden_errors = who_to_real_hidden.T @ (output_errors * output_slope)
        real_hidden_outputs = hidden_outputs[:hidden]
        hidden_slope = real_hidden_outputs * (1.0 - real_hidden_outputs)

        delta_who = self.learning_rate * np.outer(output_errors * output_slope, hidden_outputs)
        delta_wih = self.learning_rate * np.outer(hidden_errors * hidden_slope, inputs)
        error = 0.5 * float(np.sum(output_errors**2))

        return Trace(
            inputs=inputs,
            targets=targets,
            hidden_inputs=hidden_inputs,
            hidden_outputs=hidden_outputs,
            final_inputs=final_inputs,
            final_outputs=final_outputs,
            output_errors=output_errors,
            hidden_errors=hidden_errors,
            delta_who=delta_who,
            delta_wih=delta_wih,
            error=error,
        )

    def train(self, inputs, targets) -> float:
        """Backpropagate one sample: apply exactly the changes ``trace`` computes.

        Returns the sample's error 1/2 sum (t - o)^2, measured before the update.
        """
        step = self.trace(inputs, targets)
        self.who += step.delta_who
        self.wih += step.delta_wih
        return step.error

    def train_many(self, inputs, targets) -> np.ndarray:
        """Train on rows of samples in order, one sample at a time.

        The same result as calling :meth:`train` on each row (to 1e-9), computed
        faster (see :mod:`nn.fast`). Returns each sample's error, before its update.
        """
        inputs = self._check_signals("inputs", inputs, self.input_nodes, allow_rows=True)
        targets = self._check_signals("targets", targets, self.output_nodes, allow_rows=True)
        inputs, targets = np.atleast_2d(inputs), np.atleast_2d(targets)
        if len(inputs) != len(targets):
            raise ValueError(
                f"inputs and targets must have the same number of rows; "
                f"got {len(inputs)} and {len(targets)}"
            )
        return train_many_fast(self, inputs, targets)

    def backquery(self, targets) -> np.ndarray:
        """The book's reverse query: what input would give these outputs?

        Each layer's signal is passed backwards through the inverse sigmoid
        (logit) and the transposed weights, then rescaled into 0.01 .. 0.99 so
        the next logit is defined. With a bias node, its contribution is taken
        off before going back. Targets must lie strictly between 0 and 1.
        Returns one value per input node.
        """
        final_outputs = self._check_signals("targets", targets, self.output_nodes)
        if np.any(final_outputs <= 0.0) or np.any(final_outputs >= 1.0):
            raise ValueError("targets for backquery must lie strictly between 0 and 1")
        b, hidden = int(self.bias), self.hidden_nodes

        final_inputs = inverse_sigmoid(final_outputs)                       # (output,)
        if b:
            final_inputs = final_inputs - self.who[:, hidden]               # take off the bias node's share
        hidden_outputs = _rescale(self.who[:, :hidden].T @ final_inputs)    # (hidden,)
        hidden_inputs = inverse_sigmoid(hidden_outputs)
        if b:
            hidden_inputs = hidden_inputs - self.wih[:, self.input_nodes]
        return _rescale(self.wih[:, : self.input_nodes].T @ hidden_inputs)  # (input,)

    # -- files ----------------------------------------------------------------------

    def save(self, path) -> None:
        """Write the network to a ``.npz`` file (no pickles; see :meth:`load`)."""
        np.savez(
            path,
            format_version=np.int64(FORMAT_VERSION),
            wih=self.wih,
            who=self.who,
            input_nodes=np.int64(self.input_nodes),
            hidden_nodes=np.int64(self.hidden_nodes),
            output_nodes=np.int64(self.output_nodes),
            learning_rate=np.float64(self.learning_rate),
            init=np.str_(self.init),
            bias=np.bool_(self.bias),
            rule=np.str_(self.rule),
            seed=np.int64(-1 if self.seed is None else self.seed),
        )

    @classmethod
    def load(cls, path, *, max_bytes: Optional[int] = None) -> "NeuralNetwork":
        """Read a network written by :meth:`save`.

        Raises :class:`nn.files.NotASavedNetwork` (a ValueError) saying what is wrong for
        anything that is not such a network: not a .npz, damaged or truncated, a pickle,
        members that are not arrays, arrays of the wrong kind or shape, more than
        ``max_bytes`` unpacked (default: the largest network :data:`MAX_NODES` allows).
        """
        if max_bytes is None:
            max_bytes = largest_file_bytes(MAX_NODES, MAX_NODES, MAX_NODES)
        return cls._from_fields(read_arrays(path, max_unpacked_bytes=max_bytes))

    @classmethod
    def _from_fields(cls, fields: dict) -> "NeuralNetwork":
        expected = (
            "format_version wih who input_nodes hidden_nodes output_nodes "
            "learning_rate init bias rule seed"
        ).split()
        missing = [name for name in expected if name not in fields]
        if missing:
            raise NotASavedNetwork(f"missing {', '.join(missing)}", fault="missing", names=missing)

        def scalar(name, kind, convert):
            value = fields[name]
            if value.shape != () or value.dtype.kind not in kind:
                raise NotASavedNetwork(f"{name} has the wrong type ({value.dtype} {value.shape})", fault="wrong_type", field=name)
            return convert(value.item())

        version = scalar("format_version", "iu", int)
        if version != FORMAT_VERSION:
            raise NotASavedNetwork(f"format version {version}; this program reads {FORMAT_VERSION}", fault="format_version",
                                   version=version, reads=FORMAT_VERSION)
        seed = scalar("seed", "iu", int)
        # Checked after converting: a float128 or int64 that fits its own type may not fit ours.
        try:
            network = cls(
                scalar("input_nodes", "iu", int),
                scalar("hidden_nodes", "iu", int),
                scalar("output_nodes", "iu", int),
                scalar("learning_rate", "f", float),
                init=scalar("init", "U", str),
                bias=scalar("bias", "b", bool),
                rule=scalar("rule", "U", str),
                seed=None if seed < 0 else seed,
            )
        except NotASavedNetwork:
            raise
        except BadSetting as problem:
            raise NotASavedNetwork(str(problem), fault="bad_setting", setting=problem) from None
        except (ValueError, OverflowError) as problem:
            raise NotASavedNetwork(str(problem)) from None
        for name in ("wih", "who"):
            weights = fields[name]
            expected_shape = getattr(network, name).shape
            if weights.shape != expected_shape or weights.dtype.kind != "f":
                raise NotASavedNetwork(
                    f"{name} should be floats of shape {expected_shape}, got {weights.dtype} {weights.shape}",
                    fault="wrong_weights", field=name, expected=expected_shape, shape=weights.shape,
                )
            with np.errstate(over="ignore"):
                weights = weights.astype(np.float64)
            if not np.all(np.isfinite(weights)):
                raise NotASavedNetwork(f"{name} holds NaN or infinity (as 64-bit floats)", fault="not_finite", field=name)
            setattr(network, name, weights)
        return network

    # -- helpers ------------------------------------------------------------------

    def _with_bias(self, signals: np.ndarray) -> np.ndarray:
        """Append the constant 1.0 bias node along the last axis, when there is one."""
        if not self.bias:
            return signals
        ones = np.ones(signals.shape[:-1] + (1,))
        return np.concatenate([signals, ones], axis=-1)

    @staticmethod
    def _check_signals(name, values, length, allow_rows=False) -> np.ndarray:
        try:
            array = np.asarray(values, dtype=np.float64)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be numbers; got {type(values).__name__}") from None
        allowed_dims = (1, 2) if allow_rows else (1,)
        if array.ndim not in allowed_dims or array.shape[-1] != length:
            shape = f"({length},)" + (f" or (n, {length})" if allow_rows else "")
            raise ValueError(f"{name} must have shape {shape}; got {array.shape}")
        if not np.all(np.isfinite(array)):
            raise ValueError(f"{name} must be finite numbers; found NaN or infinity")
        return array


def largest_file_bytes(input_nodes: int, hidden_nodes: int, output_nodes: int) -> int:
    """Unpacked bytes of a saved network with these layer sizes at most (bias nodes included).

    The weights as float64 plus, for each of the 11 members, a ``.npy`` header
    (128 bytes) and a scalar or a short word: 4 KB covers them all.
    """
    weights = hidden_nodes * (input_nodes + 1) + output_nodes * (hidden_nodes + 1)
    return 8 * weights + 4096


def check_learning_rate(value) -> float:
    """The learning rate as a float, or :class:`BadSetting` saying what is allowed."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not (
        math.isfinite(value) and 0 < value <= MAX_LEARNING_RATE
    ):
        raise BadSetting("learning_rate", value, low=0, low_included=False, high=MAX_LEARNING_RATE)
    return float(value)


def _node_count(name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not 1 <= value <= MAX_NODES:
        raise BadSetting(name, value, low=1, high=MAX_NODES, whole=True)
    return int(value)


def _initial_weights(rng: np.random.Generator, init: str, shape: tuple, previous_nodes: int) -> np.ndarray:
    """Starting weights of one layer; ``previous_nodes`` is the book's fan-in (bias node not counted)."""
    if init == "normal":
        return rng.normal(0.0, previous_nodes**-0.5, size=shape)
    if init == "uniform":
        return rng.uniform(-0.5, 0.5, size=shape)
    return rng.uniform(0.0, 1.0, size=shape)  # "positive"


def _rescale(signal: np.ndarray) -> np.ndarray:
    """Map a signal linearly onto 0.01 .. 0.99, as the book's backquery does."""
    low, span = signal.min(), np.ptp(signal)
    if span == 0:
        return np.full_like(signal, 0.5)
    return (signal - low) / span * 0.98 + 0.01
