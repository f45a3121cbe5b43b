"""The ten stages of one forward and one backward pass, each as formula, numbers, words and highlight.

Every stage is a function of the :class:`ui.step.record.StepRecord` alone; the
numbers are the record's arrays, never recomputed here. Notation follows the
book: X = combined (summed) signal into a layer, O = a layer's output,
W_input_hidden = ``wih``, W_hidden_output = ``who``, E = errors, alpha = learning rate;
"*" multiplies node by node, "·" is the matrix product.
"""

from __future__ import annotations

import dataclasses
from typing import Callable

from ui.i18n import N_, _, numbers
from ui.stage_titles import STAGE_TITLES
from ui.step.record import StepRecord
from ui.step.render import LINE_BREAK, Equation, Term, notation, number

# The book's symbols, LaTeX.
I, T = r"\mathbf{I}", r"\mathbf{T}"
X_HIDDEN, O_HIDDEN = r"\mathbf{X}_{\text{hidden}}", r"\mathbf{O}_{\text{hidden}}"
X_OUTPUT, O_OUTPUT = r"\mathbf{X}_{\text{output}}", r"\mathbf{O}_{\text{output}}"
W_IH, W_HO = r"\mathbf{W}_{\text{input\_hidden}}", r"\mathbf{W}_{\text{hidden\_output}}"
E_OUTPUT, E_HIDDEN = r"\mathbf{E}_{\text{output}}", r"\mathbf{E}_{\text{hidden}}"
ALPHA = r"\alpha"


@dataclasses.dataclass(frozen=True)
class StageView:
    title: str
    code: str                 # the same step in the code's names
    formula: str              # LaTeX, book notation, symbols only
    equations: list           # Equations whose numbers are shown
    explanation: str          # one or two plain sentences: what and why
    highlight: frozenset      # for ui.network_diagram.network_figure
    node_values: dict         # numbers printed beside the diagram's nodes
    node_caption: str         # what those numbers are
    diagram_after: bool = False  # draw the updated weights instead of the old ones
    aside: str = ""              # a note set apart from the main explanation


def _real_hidden(record: StepRecord):
    """hidden_outputs without the bias node's 1.0 (the bias node has no sigmoid and no error)."""
    return record.trace.hidden_outputs[: record.before.hidden_nodes]


def _who_to_real_hidden(record: StepRecord):
    return record.before.who[:, : record.before.hidden_nodes]


def _with_note(sentences: str, note: str, record: StepRecord) -> str:
    """``sentences``, then ``note`` (a whole sentence about the bias node) when the network has one."""
    return f"{sentences} {note}" if record.before.bias else sentences


def inputs_and_targets(r: StepRecord) -> StageView:
    signals, wanted = _("the input signals"), _("the answer we want")  # words inside the formula
    return StageView(
        _("inputs and targets"),
        "inputs, targets",
        # one definition a line: side by side they are wider than a phone (in either language)
        rf"\begin{{gathered}} {I} = \text{{{signals}}} \\ {T} = \text{{{wanted}}} \end{{gathered}}",
        [Equation(I, (), Term(I, "inputs", r.trace.inputs)), Equation(T, (), Term(T, "targets", r.trace.targets))],
        _with_note(_("The sample goes in at the input layer; the targets are what the output layer should say. "
                     "Targets stay strictly between 0 and 1 because a sigmoid never reaches 0 or 1."),
                   _("The last input is the bias node, always 1.0."), r),
        frozenset({"inputs"}),
        {"inputs": r.inputs},
        _("Beside the input nodes: the inputs."),
    )


def hidden_inputs(r: StepRecord) -> StageView:
    return StageView(
        _("signals into the hidden layer"),
        "hidden_inputs = wih · inputs",
        rf"{X_HIDDEN} = {W_IH} \cdot {I}",
        [Equation(X_HIDDEN, (Term(W_IH, "wih", r.before.wih, "matrix"), r"\cdot", Term(I, "inputs", r.trace.inputs)),
                  Term(X_HIDDEN, "hidden_inputs", r.trace.hidden_inputs))],
        _("Each hidden node adds up every input signal times the weight of its link: row j of the weight "
          "matrix holds the links into hidden node j. Big positive sums will fire the node, negative ones quieten it."),
        frozenset({"inputs", "wih", "hidden"}),
        {"inputs": r.inputs, "hidden": r.trace.hidden_inputs},
        _("Beside the hidden nodes: hidden_inputs, the summed signal."),
    )


def hidden_outputs(r: StepRecord) -> StageView:
    return StageView(
        _("the hidden layer's outputs"),
        "hidden_outputs = sigmoid(hidden_inputs)",
        rf"{O_HIDDEN} = \sigma({X_HIDDEN}), \quad \sigma(x) = \frac{{1}}{{1 + e^{{-x}}}}",
        [Equation(O_HIDDEN, (r"\sigma\left(", Term(X_HIDDEN, "hidden_inputs", r.trace.hidden_inputs), r"\right)"),
                  Term(O_HIDDEN, "hidden_outputs", r.trace.hidden_outputs))],
        _with_note(_("The sigmoid squashes each sum into 0..1: the hidden node's output. Large sums come out near 1, "
                     "very negative ones near 0."),
                   _("The last hidden output is the bias node, always 1.0."), r),
        frozenset({"hidden"}),
        {"hidden": _real_hidden(r)},
        _("Beside the hidden nodes: hidden_outputs."),
    )


def final_inputs(r: StepRecord) -> StageView:
    return StageView(
        _("signals into the output layer"),
        "final_inputs = who · hidden_outputs",
        rf"{X_OUTPUT} = {W_HO} \cdot {O_HIDDEN}",
        [Equation(X_OUTPUT, (Term(W_HO, "who", r.before.who, "matrix"), r"\cdot",
                             Term(O_HIDDEN, "hidden_outputs", r.trace.hidden_outputs)),
                  Term(X_OUTPUT, "final_inputs", r.trace.final_inputs))],
        _("The same again one layer on: each output node adds up the hidden outputs, each times its link's weight."),
        frozenset({"hidden", "who", "outputs"}),
        {"hidden": _real_hidden(r), "outputs": r.trace.final_inputs},
        _("Beside the hidden nodes: hidden_outputs; beside the output nodes: final_inputs."),
    )


def final_outputs(r: StepRecord) -> StageView:
    return StageView(
        _("the network's answer, and its error"),
        "final_outputs = sigmoid(final_inputs);  error = 1/2 sum (targets - final_outputs)^2",
        rf"{O_OUTPUT} = \sigma({X_OUTPUT}), \quad E = \tfrac{{1}}{{2}} \textstyle\sum ({T} - {O_OUTPUT})^2",
        [Equation(O_OUTPUT, (r"\sigma\left(", Term(X_OUTPUT, "final_inputs", r.trace.final_inputs), r"\right)"),
                  Term(O_OUTPUT, "final_outputs", r.trace.final_outputs)),
         Equation("E", (r"\tfrac{1}{2} \textstyle\sum \Big(", Term(T, "targets", r.trace.targets), "-",
                        Term(O_OUTPUT, "final_outputs", r.trace.final_outputs), r"\Big)^2"),
                  Term("E", "error", r.trace.error))],
        _("The sigmoid turns each sum into the network's answer. The error E measures how far the answers are "
          "from the targets: it is the number training tries to make small."),
        frozenset({"outputs"}),
        {"outputs": r.trace.final_outputs},
        _("Beside the output nodes: final_outputs, the answer."),
        aside=_(ERROR_ASIDE),
    )


def output_errors(r: StepRecord) -> StageView:
    return StageView(
        _("the output errors"),
        "output_errors = targets - final_outputs",
        rf"{E_OUTPUT} = {T} - {O_OUTPUT}",
        [Equation(E_OUTPUT, (Term(T, "targets", r.trace.targets), "-",
                             Term(O_OUTPUT, "final_outputs", r.trace.final_outputs)),
                  Term(E_OUTPUT, "output_errors", r.trace.output_errors))],
        _("Each output node's error is simply what we wanted minus what we got. A positive error means the "
          "answer was too small, so that node's incoming weights should grow."),
        frozenset({"outputs"}),
        {"outputs": r.trace.output_errors},
        _("Beside the output nodes: output_errors."),
    )


#: Stage 7's note on the other rule; whole sentences with placeholders, for translation.
BOOK_RULE_ASIDE = N_(
    "This is the book's rule. The book first splits each output error between the links into that output "
    "node in proportion to their weights (a link's share is its weight divided by the sum of those weights), "
    "then drops that denominator, as the book itself does, leaving whoᵀ · output_errors. "
    "The exact gradient (rule \"gradient\") also multiplies each output error by that output's slope o(1 − o), "
    "which the book's rule leaves out: {formula}. "
    "For this sample the slopes are {slopes}, so the exact hidden errors would be {exact}, "
    "where the book's are {book}. Switch the rule above to see them worked through."
)
GRADIENT_RULE_ASIDE = N_(
    "This is the exact gradient of E. The book's rule leaves out each output's slope o(1 − o) and splits "
    "the output errors back in proportion to the weights alone, with the denominator of that split dropped, "
    "as the book itself does: {formula}. "
    "For this sample the slopes are {slopes}, so the book's hidden errors would be {book}, "
    "where the exact ones are {exact}. Switch the rule above to see them worked through."
)
#: The two rules in short, for the notes above.
EXACT_RULE = r"E_{\text{hidden}} = W^T \cdot (E_{\text{output}} * O * (1 - O))"
BOOK_RULE = r"E_{\text{hidden}} = W^T \cdot E_{\text{output}}"
#: Stage 5's note on how the book writes the error.
ERROR_ASIDE = N_(
    "The error here is ½Σ(t − o)²: stage 8 moves each weight of who by minus the learning rate times this "
    "error's slope for that weight. The book writes the error as (t − o)² and drops constant factors such as the ½ or the 2 "
    "when it takes the slope: that changes the size of the slope, not its direction, and the learning "
    "rate sets the size of the step anyway."
)


#: Numbers written out in a sentence; a longer list ends with how many there are.
NUMBERS_IN_A_SENTENCE = 6
MORE_NUMBERS = N_("{shown}, … ({count} in all)")


def _numbers(values) -> str:
    """A short list of numbers for a sentence: "0.1966, 0.2065, 0.1727" ("0,1966; 0,2065; 0,1727" in Russian,
    where the comma is the decimal sign)."""
    between = "; " if numbers.decimal_sign() == "," else ", "
    shown = between.join(numbers.decimal(float(value), 4) for value in values[:NUMBERS_IN_A_SENTENCE])
    if len(values) <= NUMBERS_IN_A_SENTENCE:
        return shown
    return _(MORE_NUMBERS).format(shown=shown, count=numbers.integer(len(values)))


def hidden_errors(r: StepRecord) -> StageView:
    who_t = Term(W_HO + "^{T}", N_("who (transposed)"), _who_to_real_hidden(r).T, "matrix")
    errors = Term(E_OUTPUT, "output_errors", r.trace.output_errors)
    result = Term(E_HIDDEN, "hidden_errors", r.trace.hidden_errors)
    outputs = Term(O_OUTPUT, "final_outputs", r.trace.final_outputs)
    book = rf"{E_HIDDEN} = {W_HO}^{{T}} \cdot {E_OUTPUT}"
    gradient = rf"{E_HIDDEN} = {W_HO}^{{T}} \cdot \big({E_OUTPUT} * {O_OUTPUT} * (1 - {O_OUTPUT})\big)"
    slopes = _numbers(r.trace.final_outputs * (1.0 - r.trace.final_outputs))
    if r.before.rule == "book":
        formula, rhs = book, (who_t, r"\cdot", errors)
        other = _(BOOK_RULE_ASIDE).format(
            formula=f"${notation(EXACT_RULE)}$", slopes=slopes, exact=_numbers(r.other_rule.hidden_errors), book=_numbers(r.trace.hidden_errors)
        )
    else:
        formula = gradient
        rhs = (who_t, r"\cdot", LINE_BREAK, r"\Big(", errors, "*", outputs, LINE_BREAK, r"*\big(1-", outputs, r"\big)\Big)")
        other = _(GRADIENT_RULE_ASIDE).format(
            formula=f"${notation(BOOK_RULE)}$", slopes=slopes, exact=_numbers(r.trace.hidden_errors), book=_numbers(r.other_rule.hidden_errors)
        )
    return StageView(
        _("the hidden errors (backpropagated)"),
        "hidden_errors = who.T · output_errors" if r.before.rule == "book"
        else "hidden_errors = who.T · (output_errors * final_outputs * (1 - final_outputs))",
        formula,
        [Equation(E_HIDDEN, rhs, result)],
        _with_note(_("A hidden node has no target, so its error is the output errors sent back along the same links, "
                     "each in proportion to the link's weight: row j of the transposed matrix holds the weights of the "
                     "links leaving hidden node j. This uses who as it was for the forward pass, before any "
                     "weight changes: the answer being blamed was made with those weights.") if r.before.rule == "book"
                   else _("A hidden node has no target, so its error is the output errors, each times its output "
                          "node's sigmoid slope o(1 − o), sent back along the same links, each in proportion to the "
                          "link's weight: row j of the transposed matrix holds the weights of the links leaving hidden "
                          "node j. This uses who as it was for the forward pass, before any weight changes: the answer "
                          "being blamed was made with those weights."),
                   _("The bias node has no incoming link, so it gets no error."), r),
        frozenset({"outputs", "who", "hidden"}),
        {"outputs": r.trace.output_errors, "hidden": r.trace.hidden_errors},
        _("Beside the output nodes: output_errors; beside the hidden nodes: hidden_errors."),
        aside=other,
    )


def who_change(r: StepRecord) -> StageView:
    outputs = Term(O_OUTPUT, "final_outputs", r.trace.final_outputs)
    return StageView(
        _("the change to who"),
        "delta_who = learning_rate * outer(output_errors * final_outputs * (1 - final_outputs), hidden_outputs)",
        rf"\Delta {W_HO} = {ALPHA} \cdot \big({E_OUTPUT} * {O_OUTPUT} * (1 - {O_OUTPUT})\big) \cdot {O_HIDDEN}^{{T}}",
        [Equation(rf"\Delta {W_HO}",
                  (Term(ALPHA, "learning_rate", r.before.learning_rate), r"\cdot\Big(",
                   Term(E_OUTPUT, "output_errors", r.trace.output_errors), "*", outputs, LINE_BREAK, r"*\big(1-", outputs,
                   r"\big)\Big)", LINE_BREAK, r"\cdot", Term(O_HIDDEN + "^{T}", "hidden_outputs", r.trace.hidden_outputs, "row")),
                  Term(rf"\Delta {W_HO}", "delta_who", r.trace.delta_who))],
        _("Each weight from hidden node j to output node k moves by learning rate × output error × the output "
          "node's sigmoid slope o(1 − o) × the signal that came along the link. That is minus the learning "
          "rate times the slope of the error E for that weight: a step downhill."),
        frozenset({"hidden", "who", "outputs"}),
        {"hidden": _real_hidden(r), "outputs": r.trace.output_errors},
        _("Beside the hidden nodes: hidden_outputs; beside the output nodes: output_errors."),
    )


def wih_change(r: StepRecord) -> StageView:
    hidden = Term(O_HIDDEN, N_("hidden_outputs (real nodes)"), _real_hidden(r))
    return StageView(
        _("the change to wih"),
        "delta_wih = learning_rate * outer(hidden_errors * hidden_outputs * (1 - hidden_outputs), inputs)",
        rf"\Delta {W_IH} = {ALPHA} \cdot \big({E_HIDDEN} * {O_HIDDEN} * (1 - {O_HIDDEN})\big) \cdot {I}^{{T}}",
        [Equation(rf"\Delta {W_IH}",
                  (Term(ALPHA, "learning_rate", r.before.learning_rate), r"\cdot\Big(",
                   Term(E_HIDDEN, "hidden_errors", r.trace.hidden_errors), "*", hidden, LINE_BREAK, r"*\big(1-", hidden,
                   r"\big)\Big)", LINE_BREAK, r"\cdot", Term(I + "^{T}", "inputs", r.trace.inputs, "row")),
                  Term(rf"\Delta {W_IH}", "delta_wih", r.trace.delta_wih))],
        _("The same rule one layer back, with the hidden errors of stage 7 in place of the output errors "
          "and the inputs as the incoming signals."),
        frozenset({"inputs", "wih", "hidden"}),
        {"inputs": r.inputs, "hidden": r.trace.hidden_errors},
        _("Beside the input nodes: inputs; beside the hidden nodes: hidden_errors."),
    )


#: Stage 10's words on the error after the update, by whether it fell (-1), stayed exactly the same (0) or rose (1).
#: It stays the same when the step moves the weights too little to change it, e.g. when every hidden node
#: outputs exactly 0 or 1 (no signal along who, no sigmoid slope for wih): a smaller learning rate would not help.
_ERROR_AFTER = {
    -1: N_("Both changes are added at once. Run the same sample again through the new weights: the error goes "
           "from {before} to {after} — smaller, as a step downhill should be."),
    0: N_("Both changes are added at once. Run the same sample again through the new weights: the error goes "
          "from {before} to {after} — not changed: this step moved the weights too little to change it."),
    1: N_("Both changes are added at once. Run the same sample again through the new weights: the error goes "
          "from {before} to {after} — not smaller: the step was too big for this sample (try a smaller "
          "learning rate)."),
}


def updated_weights(r: StepRecord) -> StageView:
    targets = Term(T, "targets", r.trace.targets)
    return StageView(
        _("the updated weights, and the error after"),
        "who += delta_who;  wih += delta_wih",
        rf"\begin{{aligned}}{W_HO} &\leftarrow {W_HO} + \Delta {W_HO} \\ {W_IH} &\leftarrow {W_IH} + \Delta {W_IH}\end{{aligned}}",
        [Equation(W_HO + r"^{\text{new}}", (Term(W_HO, N_("who (before)"), r.before.who, "matrix"), LINE_BREAK, "+",
                                           Term(rf"\Delta {W_HO}", "delta_who", r.trace.delta_who)),
                  Term(W_HO + r"^{\text{new}}", N_("who (after)"), r.after.who)),
         Equation(W_IH + r"^{\text{new}}", (Term(W_IH, N_("wih (before)"), r.before.wih, "matrix"), LINE_BREAK, "+",
                                           Term(rf"\Delta {W_IH}", "delta_wih", r.trace.delta_wih)),
                  Term(W_IH + r"^{\text{new}}", N_("wih (after)"), r.after.wih)),
         Equation(r"E_{\text{after}}", (r"\tfrac{1}{2} \textstyle\sum \Big(", targets, "-",
                                        Term(O_OUTPUT + r"^{\text{new}}", N_("final_outputs (after)"), r.outputs_after),
                                        r"\Big)^2"),
                  Term(r"E_{\text{after}}", N_("error (after)"), r.error_after))],
        _(_ERROR_AFTER[(r.error_after > r.trace.error) - (r.error_after < r.trace.error)]).format(
            before=f"${number(r.trace.error)}$", after=f"${number(r.error_after)}$"),
        frozenset({"wih", "who"}),
        {"outputs": r.outputs_after},
        _("The diagram shows the new weights; beside the output nodes: the new final_outputs for this sample."),
        diagram_after=True,
    )


#: The stages in the order the pass runs them.
STAGES: tuple[Callable[[StepRecord], StageView], ...] = (
    inputs_and_targets, hidden_inputs, hidden_outputs, final_inputs, final_outputs,
    output_errors, hidden_errors, who_change, wih_change, updated_weights,
)
assert len(STAGES) == len(STAGE_TITLES), "one title per stage (ui/stage_titles.py)"


def stage_heading(number: int, title: str) -> str:
    """"Stage 3 of 10: the hidden layer's outputs" (``title`` already in the session's language)."""
    return _("Stage {number} of {count}: {title}").format(number=number, count=len(STAGES), title=title)
