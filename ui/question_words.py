"""The words of a prediction question, shared by the step-through page and the class room.

:mod:`nn.questions` gives codes and figures; this module words them for the screen:
the question, its choices, the verdict on an answer and the sentence or two of why.
Each sentence is a whole template with named placeholders, so it can be translated
as one. Nodes are named as on every page (:func:`ui.network_diagram.node_name`, with
the data set's ``labels`` when there are some), weights as the step-through page
numbers them (1-based, with their link: ``who[2,1] (output 2 ← hidden 1)``), and every
number is the figure ``nn/`` computed, to 4 significant figures.

The tables below hold the English, marked with ``N_``; each function translates
what it words into the session's language (``ui.i18n``), numbers with its decimal sign.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

from nn import questions as nq
from ui.i18n import N_, _, numbers
from ui.network_diagram import node_name

WORDS = {
    # Translators: the answers of the prediction questions (a weight goes up/down, an answer is too high/low,
    # the error falls/rises after the update, an output is above/below 0.5); each is also a choice on its own.
    nq.UP: N_("up"), nq.DOWN: N_("down"), nq.TOO_HIGH: N_("too high"), nq.TOO_LOW: N_("too low"),
    nq.FALLS: N_("falls"), nq.RISES: N_("rises"), nq.ABOVE: N_("above 0.5"), nq.BELOW: N_("below 0.5"),
}


def fmt(value: float) -> str:
    """A number as the page prints it: 4 significant figures, with the session's decimal sign (0.7311 / 0,7311)."""
    return f"{float(value):#.4g}".replace(".", numbers.decimal_sign())


def _sizes(network) -> dict:
    return {"inputs": network.input_nodes, "hidden": network.hidden_nodes, "outputs": network.output_nodes}


def _weight_name(network, quantity: str, index: tuple, labels: Optional[dict] = None) -> str:
    """``who[2,1] (output 2 ← hidden 1)``, numbered from 1 as the diagram numbers nodes."""
    matrix = "who" if quantity == "delta_who" else "wih"
    source, target = ("hidden", "outputs") if matrix == "who" else ("inputs", "hidden")
    row, column = index
    sizes = _sizes(network)
    return (f"{matrix}[{row + 1},{column + 1}] "
            f"({node_name(target, row, sizes[target], labels)} ← {node_name(source, column, sizes[source], labels)})")


def choice_name(network, question: nq.Question, choice, labels: Optional[dict] = None) -> str:
    """A choice as the learner reads it: a node, a weight or a word."""
    if isinstance(choice, str):
        return _(WORDS[choice])
    if question.kind == "strongest_input":
        return node_name("inputs", choice[0], network.input_nodes, labels)
    place = nq.QUANTITY_PLACE[question.quantity]
    if place in ("who", "wih"):
        return _weight_name(network, question.quantity, choice, labels=labels)
    return node_name(place, choice[0], _sizes(network)[place], labels)


def choice_names(network, question: nq.Question, labels: Optional[dict] = None) -> list[str]:
    """Every choice's name, in the question's order."""
    return [choice_name(network, question, choice, labels=labels) for choice in question.choices]


def answer_name(network, question: nq.Question, value, labels: Optional[dict] = None) -> str:
    """An answer (given or true) as the learner reads it: a number for a compute-it-yourself, else a choice."""
    return fmt(value) if question.kind == "compute" else choice_name(network, question, value, labels=labels)


def _subject_name(network, question: nq.Question, labels: Optional[dict] = None) -> str:
    place = nq.QUANTITY_PLACE[question.quantity]
    if question.kind == "strongest_input":
        return node_name("hidden", question.subject[0], network.hidden_nodes, labels)
    if place is None or not question.subject:
        return ""  # the question is over its choices, or about the whole sample
    if place in ("who", "wih"):
        return _weight_name(network, question.quantity, question.subject, labels=labels)
    return node_name(place, question.subject[0], _sizes(network)[place], labels)


#: Each question as one whole sentence (or two) with named placeholders, for translation.
QUESTIONS = {
    "strongest_input": N_("Into {node} comes each input's signal times the weight of its link. Whose share of "
                          "{node}'s sum will be largest in size (weight × signal, ignoring the sign)?"),
    "largest_node_hidden": N_("Which hidden node, of these, will receive the largest summed signal (hidden_inputs)?"),
    "largest_node_outputs": N_("Which output node, of these, will receive the largest summed signal (final_inputs)?"),
    "compute_error": N_("Compute it yourself: what is the error E of this sample, ½ × the sum of the squared "
                        "output errors? Type your number; within {tolerance} of the network's counts as right."),
    "compute_change": N_("Compute it yourself: what is the change to {node}? Type your number; within {tolerance} "
                         "of the network's counts as right."),
    "compute": N_("Compute it yourself: what is {quantity} of {node}? Type your number; within {tolerance} of the "
                  "network's counts as right."),
    "above_half": N_("Will {node}'s answer (its final_outputs value) be above or below 0.5?"),
    "too_high_or_low": N_("Is {node}'s answer too high or too low for its target of {target}?"),
    "largest_error": N_("Which of these output nodes will have the largest error, in size?"),
    "most_blame": N_("Which of these hidden nodes will receive the most blame: the largest hidden error, in size?"),
    "weight_direction": N_("Will the weight {node} go up or down in this update?"),
    "largest_change": N_("Which of these weights will change the most, in size?"),
    "error_falls": N_("After the update, will this sample's error fall or rise?"),
    "largest_move": N_("After the update, which of these output nodes' answers for this sample will move the most?"),
}

#: Each explanation as whole sentences with named placeholders; lists are joined from the fragments below.
EXPLANATIONS = {
    "strongest_input": N_("Weight × signal into {node}: {shares}. The largest in size is {correct}'s."),
    "largest_node": N_("{quantity}: {listing}. The largest is {correct}."),
    "largest_error": N_("output_errors: {listing}. The largest, compared by size, is {correct}."),
    "most_blame": N_("hidden_errors: {listing}. The largest, compared by size, is {correct}."),
    "largest_change": N_("The changes: {listing}. The largest, compared by size, is {correct}."),
    "largest_move": N_("The answers before and after the update: {listing}. The one that moves most is {correct}."),
    "above_half_positive": N_("{node}'s final_inputs is {final_input}, positive, and the sigmoid of a positive "
                              "number is above 0.5: its answer is {final_output}."),
    "above_half_negative": N_("{node}'s final_inputs is {final_input}, negative, and the sigmoid of a negative "
                              "number is below 0.5: its answer is {final_output}."),
    "too_high_or_low": N_("{node} answers {final_output} and its target is {target}, so its error "
                          "(target − answer) is {output_error}: the answer is {correct}."),
    "weight_direction_who": N_("{node} goes {correct}: {target}'s error is {error} and {source}'s output is "
                               "{signal}; the learning rate ({learning_rate}) and the slope o(1 − o) ({slope}) are "
                               "positive, so the change, their product, is {delta}."),
    "weight_direction_wih": N_("{node} goes {correct}: {target}'s hidden error is {error} and {source}'s signal is "
                               "{signal}; the learning rate ({learning_rate}) and the slope o(1 − o) ({slope}) are "
                               "positive, so the change, their product, is {delta}."),
    "error_falls": N_("The error was {error_before} before the update and is {error_after} after it: it {correct}."),
    "compute_sum": N_("{quantity} of {node} is the sum {terms} = {value}."),
    "compute_sigmoid": N_("sigmoid({x}) = 1 / (1 + e^−({x})) = {value}."),
    "compute_subtraction": N_("target − answer = {target} − {final_output} = {value}."),
    "compute_error": N_("E = ½ × ({squares}) = {value}."),
    "compute_change": N_("learning rate × error × slope × signal = {learning_rate} × {error} × {slope} × {signal} "
                         "= {value}."),
}
#: The pieces lists are made of.
SHARE = "{name}: {weight} × {signal} = {product}"
VALUE = "{name}: {value}"
MOVE = "{name}: {before} → {after}"
SQUARE = "({value})²"


def question_text(network, trace, question: nq.Question, labels: Optional[dict] = None) -> str:
    """The question in one or two whole sentences (``trace``: the sample's, for its targets)."""
    node = _subject_name(network, question, labels=labels)
    kind, quantity = question.kind, question.quantity
    tolerance = numbers.percent(nq.COMPUTE_TOLERANCE, 0)
    if kind == "largest_node":
        key = "largest_node_hidden" if quantity == "hidden_inputs" else "largest_node_outputs"
    elif kind == "compute":
        key = {"error": "compute_error", "delta_who": "compute_change", "delta_wih": "compute_change"}.get(
            quantity, "compute")
    else:
        key = kind
    target = fmt(trace.targets[question.subject[0]]) if kind == "too_high_or_low" else ""
    return _(QUESTIONS[key]).format(node=node, quantity=quantity, tolerance=tolerance, target=target)


def explanation(network, question: nq.Question, correct: Any, figures: Mapping,
                labels: Optional[dict] = None) -> str:
    """One or two sentences of why, in the numbers on screen: ``correct`` and ``figures`` are the
    :class:`nn.questions.Reveal`'s, computed when the answer was revealed."""
    f, kind, quantity = figures, question.kind, question.quantity
    node = _subject_name(network, question, labels=labels)
    correct = answer_name(network, question, correct, labels=labels)
    names = choice_names(network, question, labels=labels)
    if kind == "strongest_input":
        shares = "; ".join(SHARE.format(name=name, weight=fmt(w), signal=fmt(x), product=fmt(p))
                           for name, w, x, p in zip(names, f["weights"], f["inputs"], f["products"]))
        return _(EXPLANATIONS[kind]).format(node=node, shares=shares, correct=correct)
    if kind in ("largest_node", "largest_error", "most_blame", "largest_change"):
        listing = "; ".join(VALUE.format(name=name, value=fmt(v)) for name, v in zip(names, f["values"]))
        return _(EXPLANATIONS[kind]).format(quantity=quantity, listing=listing, correct=correct)
    if kind == "largest_move":
        listing = "; ".join(MOVE.format(name=name, before=fmt(b), after=fmt(a))
                            for name, b, a in zip(names, f["outputs_before"], f["outputs_after"]))
        return _(EXPLANATIONS[kind]).format(listing=listing, correct=correct)
    if kind == "above_half":
        key = "above_half_positive" if f["final_input"] > 0 else "above_half_negative"
        return _(EXPLANATIONS[key]).format(node=node, final_input=fmt(f["final_input"]),
                                        final_output=fmt(f["final_output"]))
    if kind == "too_high_or_low":
        return _(EXPLANATIONS[kind]).format(node=node, final_output=fmt(f["final_output"]), target=fmt(f["target"]),
                                         output_error=fmt(f["output_error"]), correct=correct)
    if kind == "weight_direction":
        row, column = question.subject
        sizes = _sizes(network)
        who = quantity == "delta_who"
        target = node_name("outputs" if who else "hidden", row, sizes["outputs" if who else "hidden"], labels)
        source = node_name("hidden" if who else "inputs", column, sizes["hidden" if who else "inputs"], labels)
        return _(EXPLANATIONS["weight_direction_who" if who else "weight_direction_wih"]).format(
            node=node, correct=correct, target=target, source=source, error=fmt(f["error"]),
            signal=fmt(f["signal"]), learning_rate=fmt(f["learning_rate"]), slope=fmt(f["slope"]),
            delta=fmt(f["delta"]))
    if kind == "error_falls":
        return _(EXPLANATIONS[kind]).format(error_before=fmt(f["error_before"]), error_after=fmt(f["error_after"]),
                                         correct=correct)
    # compute
    value = fmt(f["value"])
    if "terms" in f:
        terms = " + ".join(fmt(t) if t >= 0 else f"({fmt(t)})" for t in f["terms"])
        return _(EXPLANATIONS["compute_sum"]).format(quantity=quantity, node=node, terms=terms, value=value)
    if "hidden_input" in f or "final_input" in f:
        x = fmt(f.get("hidden_input", f.get("final_input")))
        return _(EXPLANATIONS["compute_sigmoid"]).format(x=x, value=value)
    if "target" in f:
        return _(EXPLANATIONS["compute_subtraction"]).format(target=fmt(f["target"]),
                                                          final_output=fmt(f["final_output"]), value=value)
    if "output_errors" in f:
        squares = " + ".join(SQUARE.format(value=fmt(e)) for e in f["output_errors"])
        return _(EXPLANATIONS["compute_error"]).format(squares=squares, value=value)
    return _(EXPLANATIONS["compute_change"]).format(learning_rate=fmt(f["learning_rate"]), error=fmt(f["error"]),
                                                 slope=fmt(f["slope"]), signal=fmt(f["signal"]), value=value)


#: The verdict on an answer; the step-through page follows it with the explanation.
VERDICT_RIGHT = N_("Right: you said {given}, and you are right: the answer is {correct}.")
VERDICT_WRONG = N_("Not this time: you said {given}, and the answer is {correct}.")


def verdict_text(network, question: nq.Question, verdict: nq.Verdict, labels: Optional[dict] = None) -> str:
    """Right or not (:func:`nn.questions.grade`'s verdict), in one sentence naming the answer given and the true one."""
    words = _(VERDICT_RIGHT if verdict.right else VERDICT_WRONG)
    return words.format(given=answer_name(network, question, verdict.given, labels=labels),
                        correct=answer_name(network, question, verdict.correct, labels=labels))
