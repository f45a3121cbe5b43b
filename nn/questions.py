"""Questions to answer before a stage of the pass is shown, made from one sample's trace and answered from it.

Predicting before seeing is what makes a demonstration teach. A :class:`Question`
asks about one stage of :meth:`nn.network.NeuralNetwork.trace` (stages numbered
as the step-through page numbers them, 1-10). It holds only the ask: its kind,
the trace quantity it is about, the node or weight it names and the choices; the
answer is never stored in it. :func:`reveal` computes the answer from the trace
when the learner has committed, and :func:`grade` marks a response against it.

The same (network, sample, stage, random generator) always gives the same
question, so a link or a classroom can give every student the same one; a
question is a small JSON-able dict (:meth:`Question.to_dict`). :func:`rng_for`
makes the generator from a question seed and the sample and stage numbers.

Questions are chosen to be worth asking: a "which is largest" has a clear
winner (by :data:`CLEAR_MARGIN`, so the 4 significant figures on screen show
it), a direction is asked only when the matrix has changes of both signs, and a
"compute it yourself" only for a sum short enough to do by hand whose terms do
not nearly cancel (so working from the rounded numbers on screen lands within
:data:`COMPUTE_TOLERANCE`).

Nothing here is a sentence for the screen: kinds, choices and figures are
codes and numbers; the page words them.

Index conventions follow :mod:`ui.network_diagram`'s highlight vocabulary,
0-based: a node is (layer, index) with layer "inputs", "hidden" or "outputs"
(index == layer size is the bias node); a weight is (matrix, row, column) with
rows = next layer, columns = previous layer.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from typing import Any, Optional, Sequence, Union

import numpy as np

from nn.chain_rule import weight_change_factors

#: A stage's kinds of question, in the order of the pass. More than one kind per
#: stage where the stage allows it; :func:`ask` picks one that suits this trace.
STAGE_KINDS: dict[int, tuple[str, ...]] = {
    1: ("strongest_input",),                                  # inputs and targets
    2: ("largest_node", "compute"),                           # hidden_inputs
    3: ("compute",),                                          # hidden_outputs
    4: ("largest_node", "above_half", "compute"),             # final_inputs
    5: ("compute",),                                          # final_outputs, error
    6: ("largest_error", "too_high_or_low", "compute"),       # output_errors
    7: ("most_blame", "compute"),                             # hidden_errors
    8: ("weight_direction", "largest_change", "compute"),     # delta_who
    9: ("weight_direction", "largest_change", "compute"),     # delta_wih
    10: ("error_falls", "largest_move"),                      # the error and outputs after the update
}
KINDS = tuple(dict.fromkeys(kind for kinds in STAGE_KINDS.values() for kind in kinds))
STAGES = tuple(STAGE_KINDS)

#: The trace quantity each stage's compute-it-yourself may ask for (stage 5 also the error E).
COMPUTE_QUANTITIES = {
    2: ("hidden_inputs",), 3: ("hidden_outputs",), 4: ("final_inputs",),
    5: ("final_outputs", "error"), 6: ("output_errors",), 7: ("hidden_errors",), 8: ("delta_who",), 9: ("delta_wih",),
}
#: The layer or matrix each quantity belongs to, in the diagram's vocabulary.
QUANTITY_PLACE = {
    "inputs": "inputs", "hidden_inputs": "hidden", "hidden_outputs": "hidden", "hidden_errors": "hidden",
    "final_inputs": "outputs", "final_outputs": "outputs", "output_errors": "outputs",
    "delta_who": "who", "delta_wih": "wih", "error": None,
    "outputs_after": "outputs",  # final_outputs of the same sample through the updated weights
}

#: Words a choice question may offer (codes; the page words them).
UP, DOWN = "up", "down"
TOO_HIGH, TOO_LOW = "too_high", "too_low"
FALLS, RISES = "falls", "rises"
ABOVE, BELOW = "above", "below"

#: A typed number is right when it is within this fraction of the true value.
COMPUTE_TOLERANCE = 0.01
#: A "which is largest" is asked only if the winner beats the runner-up by this fraction.
CLEAR_MARGIN = 0.02
#: At most this many choices of node or weight (a big layer offers a random few).
MAX_CHOICES = 4
#: A sum is asked to be computed by hand only with at most this many terms.
MAX_HAND_TERMS = 7
#: ... and only when it is at least this fraction of the sum of its terms' sizes: then terms rounded to 4
#: significant figures (each product off by at most ~0.1%) still sum to within 1% of the true value.
MIN_SUM_FRACTION = 0.1
#: How many random draws of choices are tried for a clear winner before the kind is given up.
_DRAWS = 12

Choice = Union[str, tuple]


@dataclasses.dataclass(frozen=True)
class Question:
    """What is asked, never its answer.

    kind      one of :data:`KINDS`
    stage     1-10, the stage whose result answers it
    quantity  the trace array the answer comes from (``hidden_inputs``, ``delta_who``, ``error`` ...)
    subject   the index into ``quantity`` asked about: ``(j,)`` for a node, ``(row, column)`` for a
              weight, ``()`` when the question is over the choices or about a whole-sample number;
              for ``strongest_input`` the hidden node whose sum is meant
    choices   index tuples into ``quantity`` (nodes or weights to pick from; for ``strongest_input``
              input nodes), or words (:data:`UP`, :data:`DOWN` ...); empty for ``compute``
    """

    kind: str
    stage: int
    quantity: str
    subject: tuple = ()
    choices: tuple = ()

    def highlight(self) -> frozenset:
        """The nodes and weights the question names, in :mod:`ui.network_diagram`'s highlight vocabulary."""
        marks = set()
        if self.kind == "strongest_input":
            (j,) = self.subject
            marks.add(("hidden", j))
            for (i,) in self.choices:
                marks.update({("inputs", i), ("wih", j, i)})
            return frozenset(marks)
        place = QUANTITY_PLACE[self.quantity]
        for index in [self.subject, *(c for c in self.choices if isinstance(c, tuple))]:
            if place is None or not index:
                continue
            marks.add((place, *index))
            if place in ("who", "wih"):  # a weight: light its two ends too
                row, column = index
                source, target = ("hidden", "outputs") if place == "who" else ("inputs", "hidden")
                marks.update({(target, row), (source, column)})
        return frozenset(marks)

    def to_dict(self) -> dict:
        """A small JSON-able dict; :meth:`from_dict` gives the question back."""
        return {
            "kind": self.kind, "stage": self.stage, "quantity": self.quantity,
            "subject": list(self.subject),
            "choices": [list(c) if isinstance(c, tuple) else c for c in self.choices],
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Question":
        """The question a :meth:`to_dict` described; ValueError naming the field for anything else."""
        if not isinstance(data, dict):
            raise ValueError("a question must be a dict")
        kind, stage, quantity = data.get("kind"), data.get("stage"), data.get("quantity")
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}; got {kind!r}")
        if isinstance(stage, bool) or not isinstance(stage, int) or kind not in STAGE_KINDS.get(stage, ()):
            raise ValueError(f"stage must be a stage (1-10) that asks {kind}; got {stage!r}")
        if quantity not in QUANTITY_PLACE:
            raise ValueError(f"quantity must be one of {', '.join(QUANTITY_PLACE)}; got {quantity!r}")
        subject = _indices("subject", data.get("subject", []))
        choices = []
        for choice in data.get("choices", []):
            choices.append(choice if isinstance(choice, str) else _indices("choices", choice))
        return cls(kind, stage, quantity, subject, tuple(choices))


@dataclasses.dataclass(frozen=True)
class Reveal:
    """The answer, computed from the trace when it is revealed.

    correct   the right choice, or the true number for ``compute``
    values    for a choice of nodes or weights: the number compared for each choice, in order
              (the size of it where the question asks about size)
    figures   the numbers an explanation needs, by name (floats, or tuples in choice order)
    """

    correct: Any
    values: tuple = ()
    figures: dict = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class Verdict:
    right: bool
    given: Any
    correct: Any
    figures: dict


# -- making questions ------------------------------------------------------------------------


def rng_for(question_seed: int, *context: int) -> np.random.Generator:
    """The generator for one question: the same seed and context (sample, stage ...) give the same question."""
    parts = (question_seed, *context)
    for part in parts:
        if isinstance(part, bool) or not isinstance(part, numbers.Integral) or part < 0:
            raise ValueError(f"question seed and context must be non-negative whole numbers; got {part!r}")
    return np.random.default_rng([int(part) for part in parts])


def ask(network, trace, stage: int, rng: np.random.Generator) -> Optional[Question]:
    """One question about ``stage`` of ``trace`` (``network``'s pass on one sample), or None if none suits.

    The kinds the stage allows are tried in an order drawn from ``rng``; the first
    that suits this trace is asked. None only when no kind suits (a network with one
    input and no bias node has no "which input" to ask at stage 1).
    """
    if stage not in STAGE_KINDS:
        raise ValueError(f"stage must be from 1 to {len(STAGE_KINDS)}; got {stage!r}")
    kinds = STAGE_KINDS[stage]
    for position in rng.permutation(len(kinds)):
        question = _MAKERS[kinds[position]](network, trace, stage, rng)
        if question is not None:
            return question
    return None


def _matrix(stage: int) -> str:
    return "delta_who" if stage == 8 else "delta_wih"


def _node_quantity(stage: int, kind: str) -> str:
    return {("largest_node", 2): "hidden_inputs", ("largest_node", 4): "final_inputs"}[(kind, stage)]


def _draw_clear_winner(rng, candidates: list, size_of) -> Optional[tuple]:
    """Up to MAX_CHOICES of ``candidates`` (sorted) whose largest size_of is clearly the largest."""
    if len(candidates) < 2:
        return None
    for _ in range(_DRAWS):
        if len(candidates) <= MAX_CHOICES:
            chosen = list(candidates)
        else:
            picks = rng.choice(len(candidates), MAX_CHOICES, replace=False)
            chosen = sorted(candidates[p] for p in picks)
        if _clear_winner([size_of(c) for c in chosen]):
            return tuple(chosen)
        if len(candidates) <= MAX_CHOICES:
            return None  # every candidate is already in: another draw would be the same
    return None


def _clear_winner(values: Sequence[float]) -> bool:
    """The largest beats the runner-up by CLEAR_MARGIN of the largest size among them (signed values too)."""
    ordered = sorted(values, reverse=True)
    return ordered[0] - ordered[1] > CLEAR_MARGIN * max(abs(v) for v in values)


def _strongest_input(network, trace, stage, rng):
    contributions = network.wih * trace.inputs  # (hidden, input + b): each input's share of each sum
    inputs = [(i,) for i in range(len(trace.inputs))]
    for j in rng.permutation(network.hidden_nodes):
        choices = _draw_clear_winner(rng, inputs, lambda c: abs(contributions[j, c[0]]))
        if choices is not None:
            return Question("strongest_input", stage, "hidden_inputs", (int(j),), choices)
    return None


def _largest_node(network, trace, stage, rng):
    quantity = _node_quantity(stage, "largest_node")
    values = getattr(trace, quantity)
    choices = _draw_clear_winner(rng, [(n,) for n in range(len(values))], lambda c: values[c[0]])  # signed
    return None if choices is None else Question("largest_node", stage, quantity, (), choices)


def _largest_of_sizes(kind, quantity):
    def make(network, trace, stage, rng):
        values = getattr(trace, quantity)
        choices = _draw_clear_winner(rng, [(n,) for n in range(len(values))], lambda c: abs(values[c[0]]))
        return None if choices is None else Question(kind, stage, quantity, (), choices)
    return make


def _too_high_or_low(network, trace, stage, rng):
    # A target at either end (the book's 0.01 / 0.99) gives the answer away: ask about middling targets only.
    middling = [k for k, t in enumerate(trace.targets) if 0.1 <= t <= 0.9 and trace.output_errors[k] != 0]
    if not middling:
        return None
    k = int(middling[rng.integers(len(middling))])
    return Question("too_high_or_low", stage, "output_errors", (k,), (TOO_HIGH, TOO_LOW))


def _above_half(network, trace, stage, rng):
    # final_outputs[k] > 0.5 exactly when final_inputs[k] > 0; with several outputs, only worth
    # asking when their signs differ (else one answer fits all).
    signs = np.sign(trace.final_inputs)
    if len(signs) > 1 and not (np.any(signs > 0) and np.any(signs < 0)):
        return None
    nonzero = np.flatnonzero(signs)
    if not len(nonzero):
        return None
    k = int(nonzero[rng.integers(len(nonzero))])
    return Question("above_half", stage, "final_inputs", (k,), (ABOVE, BELOW))


def _weight_direction(network, trace, stage, rng):
    quantity = _matrix(stage)
    deltas = getattr(trace, quantity)
    if not (np.any(deltas > 0) and np.any(deltas < 0)):
        return None  # every change has the same sign: the picture would give it away
    moving = np.argwhere(deltas != 0)
    row, column = moving[rng.integers(len(moving))]
    return Question("weight_direction", stage, quantity, (int(row), int(column)), (UP, DOWN))


def _largest_change(network, trace, stage, rng):
    quantity = _matrix(stage)
    deltas = getattr(trace, quantity)
    weights = [tuple(int(n) for n in index) for index in np.ndindex(deltas.shape)]
    choices = _draw_clear_winner(rng, weights, lambda w: abs(deltas[w]))
    return None if choices is None else Question("largest_change", stage, quantity, (), choices)


def _error_falls(network, trace, stage, rng):
    before, after = trace.error, _error_after(network, trace)
    if not abs(after - before) > 1e-9 * max(before, 1e-300):
        return None  # no change to speak of
    return Question("error_falls", stage, "error", (), (FALLS, RISES))


def _largest_move(network, trace, stage, rng):
    moves = np.abs(_outputs_after(network, trace) - trace.final_outputs)
    choices = _draw_clear_winner(rng, [(k,) for k in range(len(moves))], lambda c: moves[c[0]])
    return None if choices is None else Question("largest_move", stage, "outputs_after", (), choices)


def _compute(network, trace, stage, rng):
    quantities = COMPUTE_QUANTITIES[stage]
    for position in rng.permutation(len(quantities)):
        quantity = quantities[position]
        if quantity == "error":
            if len(trace.output_errors) <= MAX_HAND_TERMS and trace.error > 0:
                return Question("compute", stage, "error")
            continue
        shape = getattr(trace, quantity).shape
        if quantity == "hidden_outputs":
            shape = (network.hidden_nodes,)  # the bias node's 1.0 is not computed
        indices = [tuple(int(n) for n in index) for index in np.ndindex(shape)]
        good = [index for index in indices if _computable(network, trace, quantity, index)]
        if good:
            return Question("compute", stage, quantity, good[rng.integers(len(good))])
    return None


def _computable(network, trace, quantity, index) -> bool:
    value = float(getattr(trace, quantity)[index])
    if not math.isfinite(value) or value == 0:
        return False
    terms = _terms(network, trace, quantity, index)
    if terms is None:
        return True  # one sigmoid or one product: rounding cannot cancel
    sizes = np.abs(terms)
    return len(terms) <= MAX_HAND_TERMS and abs(value) >= MIN_SUM_FRACTION * float(sizes.sum())


def _terms(network, trace, quantity, index) -> Optional[np.ndarray]:
    """The terms whose sum is ``quantity[index]``, for the quantities that are sums; None otherwise."""
    hidden = network.hidden_nodes
    if quantity == "hidden_inputs":
        (j,) = index
        return network.wih[j] * trace.inputs
    if quantity == "final_inputs":
        (k,) = index
        return network.who[k] * trace.hidden_outputs
    if quantity == "hidden_errors":
        (j,) = index
        sent_back = trace.output_errors
        if network.rule == "gradient":
            sent_back = trace.output_errors * trace.final_outputs * (1.0 - trace.final_outputs)
        return network.who[:, :hidden][:, j] * sent_back
    return None


_MAKERS = {
    "strongest_input": _strongest_input,
    "largest_node": _largest_node,
    "compute": _compute,
    "largest_error": _largest_of_sizes("largest_error", "output_errors"),
    "too_high_or_low": _too_high_or_low,
    "above_half": _above_half,
    "most_blame": _largest_of_sizes("most_blame", "hidden_errors"),
    "weight_direction": _weight_direction,
    "largest_change": _largest_change,
    "error_falls": _error_falls,
    "largest_move": _largest_move,
}
assert set(_MAKERS) == set(KINDS)


# -- answering ---------------------------------------------------------------------------------


def reveal(question: Question, network, trace) -> Reveal:
    """The answer to ``question``, computed now from ``trace`` (``network``'s pass on the sample asked about)."""
    kind = question.kind
    if kind == "strongest_input":
        (j,) = question.subject
        products = tuple(float(network.wih[j, i] * trace.inputs[i]) for (i,) in question.choices)
        sizes = tuple(abs(p) for p in products)
        return Reveal(
            question.choices[int(np.argmax(sizes))], sizes,
            {"weights": tuple(float(network.wih[j, i]) for (i,) in question.choices),
             "inputs": tuple(float(trace.inputs[i]) for (i,) in question.choices),
             "products": products, "hidden_input": float(trace.hidden_inputs[j])},
        )
    if kind in ("largest_node", "largest_error", "most_blame", "largest_change"):
        values = getattr(trace, question.quantity)
        signed = tuple(float(values[c]) for c in question.choices)
        compared = signed if kind == "largest_node" else tuple(abs(v) for v in signed)
        return Reveal(question.choices[int(np.argmax(compared))], compared, {"values": signed})
    if kind == "too_high_or_low":
        (k,) = question.subject
        error = float(trace.output_errors[k])
        return Reveal(TOO_HIGH if error < 0 else TOO_LOW, (), {
            "final_output": float(trace.final_outputs[k]), "target": float(trace.targets[k]), "output_error": error,
        })
    if kind == "above_half":
        (k,) = question.subject
        final_input = float(trace.final_inputs[k])
        return Reveal(ABOVE if final_input > 0 else BELOW, (), {
            "final_input": final_input, "final_output": float(trace.final_outputs[k])})
    if kind == "weight_direction":
        delta = float(getattr(trace, question.quantity)[question.subject])
        return Reveal(UP if delta > 0 else DOWN, (), {"delta": delta, **_factors(network, trace, question)})
    if kind == "largest_move":
        after = _outputs_after(network, trace)
        before = tuple(float(trace.final_outputs[c]) for c in question.choices)
        now = tuple(float(after[c]) for c in question.choices)
        moves = tuple(abs(a - b) for a, b in zip(now, before))
        return Reveal(question.choices[int(np.argmax(moves))], moves,
                      {"outputs_before": before, "outputs_after": now})
    if kind == "error_falls":
        before, after = float(trace.error), _error_after(network, trace)
        return Reveal(FALLS if after < before else RISES, (), {"error_before": before, "error_after": after})
    if kind == "compute":
        return Reveal(_true_value(network, trace, question), (), _compute_figures(network, trace, question))
    raise ValueError(f"unknown kind of question {kind!r}")


def grade(question: Question, answer: Reveal, response) -> Verdict:
    """Mark one response: a choice for a choice question, a number for ``compute`` (within COMPUTE_TOLERANCE).

    ValueError for a response the question does not accept (the page checks typed numbers first).
    """
    if question.kind == "compute":
        given = _number(response)
        truth = float(answer.correct)
        right = abs(given - truth) <= COMPUTE_TOLERANCE * abs(truth)
        return Verdict(right, given, truth, answer.figures)
    given = tuple(response) if isinstance(response, list) else response
    if given not in question.choices:
        raise ValueError(f"the answer must be one of the question's choices; got {response!r}")
    return Verdict(given == answer.correct, given, answer.correct, answer.figures)


def _number(response) -> float:
    if isinstance(response, bool) or not isinstance(response, numbers.Real) or not math.isfinite(response):
        raise ValueError(f"the answer must be a finite number; got {response!r}")
    return float(response)


def _true_value(network, trace, question: Question) -> float:
    if question.quantity == "error":
        return float(trace.error)
    return float(getattr(trace, question.quantity)[question.subject])


def _compute_figures(network, trace, question: Question) -> dict:
    quantity, index = question.quantity, question.subject
    figures: dict = {"value": _true_value(network, trace, question)}
    if quantity == "error":
        figures["output_errors"] = tuple(float(e) for e in trace.output_errors)
    elif quantity == "hidden_outputs":
        figures["hidden_input"] = float(trace.hidden_inputs[index])
    elif quantity == "final_outputs":
        figures["final_input"] = float(trace.final_inputs[index])
    elif quantity == "output_errors":
        figures.update(target=float(trace.targets[index]), final_output=float(trace.final_outputs[index]))
    elif quantity in ("delta_who", "delta_wih"):
        figures.update(_factors(network, trace, question))
    else:
        figures["terms"] = tuple(float(t) for t in _terms(network, trace, quantity, index))
    return figures


def _factors(network, trace, question: Question) -> dict:
    """learning rate, error, slope and signal whose product is the weight's change (nn.chain_rule)."""
    matrix = "who" if question.quantity == "delta_who" else "wih"
    learning_rate, error, slope, signal = weight_change_factors(trace, network.learning_rate, matrix, *question.subject)
    return {"learning_rate": learning_rate.value, "error": error.value, "slope": slope.value, "signal": signal.value}


def _outputs_after(network, trace) -> np.ndarray:
    """This sample's final_outputs through the weights after the update the trace computes (what train leaves)."""
    after = network.copy()
    after.who = after.who + trace.delta_who
    after.wih = after.wih + trace.delta_wih
    return after.query(trace.inputs[: network.input_nodes])


def _error_after(network, trace) -> float:
    return 0.5 * float(np.sum((trace.targets - _outputs_after(network, trace)) ** 2))


def _indices(field: str, values) -> tuple:
    if not isinstance(values, (list, tuple)) or len(values) > 2 or not all(
        isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in values
    ):
        raise ValueError(f"{field} must be a list of at most two non-negative whole numbers; got {values!r}")
    return tuple(values)
