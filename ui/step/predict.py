""""Predict first": before a stage shows its result, the learner answers a question about it.

The question comes from :mod:`nn.questions` (made from this sample's trace with a
generator seeded by the network's seed, the sample and the stage, so a link gives
every student the same question); the answer is computed from the same trace when
the learner commits, never stored. Here live only the words and the widgets.

Session state (keys prefixed ``step_predict_``): the answers given, by question
(network, sample and stage), and the score by kind of question.
"""

from __future__ import annotations

import hashlib
import zlib
from typing import Optional

import numpy as np
import streamlit as st

from nn import questions as nq
from ui.network_diagram import lines_caption, network_figure, node_name
from ui.settings.display import current_palette
from ui import picture_words
from ui.settings.widgets import setting_ui
from ui.step.record import StepRecord
from ui.step.render import Equation, array_heatmap, substituted_latex
from ui.step.stages import STAGES

ANSWERS_KEY = "step_predict_answers"
SCORE_KEY = "step_predict_score"
#: The question seed of the step page; with the network's seed, the sample and the stage it picks the question.
QUESTION_SEED = 0

#: What each kind of question is called in the score table.
KIND_LABELS = {
    "strongest_input": "which input counts most",
    "largest_node": "which node gets the largest sum",
    "compute": "compute it yourself",
    "above_half": "answer above or below 0.5",
    "too_high_or_low": "too high or too low",
    "largest_error": "which output's error is largest",
    "most_blame": "which hidden node gets the most blame",
    "weight_direction": "weight up or down",
    "largest_change": "which weight changes most",
    "error_falls": "does the error fall",
    "largest_move": "which answer moves most",
}
assert set(KIND_LABELS) == set(nq.KINDS)

WORDS = {
    nq.UP: "up", nq.DOWN: "down", nq.TOO_HIGH: "too high", nq.TOO_LOW: "too low",
    nq.FALLS: "falls", nq.RISES: "rises", nq.ABOVE: "above 0.5", nq.BELOW: "below 0.5",
}

#: The trace quantities by the names the page's formulas use.
QUANTITY_WORDS = {
    "hidden_inputs": "hidden_inputs", "hidden_outputs": "hidden_outputs", "final_inputs": "final_inputs",
    "final_outputs": "final_outputs", "output_errors": "output_errors", "hidden_errors": "hidden_errors",
}


def fmt(value: float) -> str:
    """A number as the page prints it: 4 significant figures."""
    return f"{float(value):#.4g}"


# -- which question -------------------------------------------------------------------------------


def question_for(record: StepRecord, stage: int) -> Optional[nq.Question]:
    """This stage's question for this network and sample: the same on every screen that has them."""
    sample = zlib.crc32(np.ascontiguousarray(record.trace.inputs).tobytes()
                        + np.ascontiguousarray(record.trace.targets).tobytes())
    rng = nq.rng_for(QUESTION_SEED, record.before.seed or 0, sample, stage)
    return nq.ask(record.before, record.trace, stage, rng)


def _question_key(record: StepRecord, stage: int) -> str:
    """Names one question: the weights and settings the pass used, the sample and the stage."""
    network = record.before
    digest = hashlib.sha1()
    for array in (network.wih, network.who, record.trace.inputs, record.trace.targets):
        digest.update(np.ascontiguousarray(array).tobytes())
    digest.update(f"{network.learning_rate!r}|{network.rule}|{network.bias}".encode())
    return f"{digest.hexdigest()[:16]}:{stage}"


def _answers() -> dict:
    return st.session_state.setdefault(ANSWERS_KEY, {})


def revealed(record: StepRecord, stage: int) -> bool:
    """True when this stage's result may be shown: its question is answered, or it has none."""
    return _question_key(record, stage) in _answers() or question_for(record, stage) is None


def revealed_through(record: StepRecord, last: int) -> bool:
    """True when stages 1..last have all been predicted and revealed."""
    return all(revealed(record, stage) for stage in range(1, last + 1))


# -- words ---------------------------------------------------------------------------------------


def _sizes(record: StepRecord) -> dict:
    n = record.before
    return {"inputs": n.input_nodes, "hidden": n.hidden_nodes, "outputs": n.output_nodes}


def _weight_name(record: StepRecord, quantity: str, index: tuple, labels: Optional[dict] = None) -> str:
    """``who[2,1] (output 2 ← hidden 1)``, numbered from 1 as the diagram numbers nodes."""
    matrix = "who" if quantity == "delta_who" else "wih"
    source, target = ("hidden", "outputs") if matrix == "who" else ("inputs", "hidden")
    row, column = index
    sizes = _sizes(record)
    return (f"{matrix}[{row + 1},{column + 1}] "
            f"({node_name(target, row, sizes[target], labels)} ← {node_name(source, column, sizes[source], labels)})")


def choice_name(record: StepRecord, question: nq.Question, choice, labels: Optional[dict] = None) -> str:
    """A choice as the learner reads it: a node, a weight or a word."""
    if isinstance(choice, str):
        return WORDS[choice]
    if question.kind == "strongest_input":
        return node_name("inputs", choice[0], record.before.input_nodes, labels)
    place = nq.QUANTITY_PLACE[question.quantity]
    if place in ("who", "wih"):
        return _weight_name(record, question.quantity, choice, labels=labels)
    return node_name(place, choice[0], _sizes(record)[place], labels)


def _subject_name(record: StepRecord, question: nq.Question, labels: Optional[dict] = None) -> str:
    place = nq.QUANTITY_PLACE[question.quantity]
    if question.kind == "strongest_input":
        return node_name("hidden", question.subject[0], record.before.hidden_nodes, labels)
    if place is None or not question.subject:
        return ""  # the question is over its choices, or about the whole sample
    if place in ("who", "wih"):
        return _weight_name(record, question.quantity, question.subject, labels=labels)
    return node_name(place, question.subject[0], _sizes(record)[place], labels)


#: Each question as one whole sentence (or two) with named placeholders, for translation.
QUESTIONS = {
    "strongest_input": "Into {node} comes each input's signal times the weight of its link. Whose share of "
                       "{node}'s sum will be largest in size (weight × signal, ignoring the sign)?",
    "largest_node_hidden": "Which of these hidden nodes will receive the largest summed signal (hidden_inputs)?",
    "largest_node_outputs": "Which of these output nodes will receive the largest summed signal (final_inputs)?",
    "compute_error": "Compute it yourself: what is the error E of this sample, ½ × the sum of the squared "
                     "output errors? Type your number; within {tolerance} of the network's counts as right.",
    "compute_change": "Compute it yourself: what is the change to {node}? Type your number; within {tolerance} "
                      "of the network's counts as right.",
    "compute": "Compute it yourself: what is {quantity} of {node}? Type your number; within {tolerance} of the "
               "network's counts as right.",
    "above_half": "Will {node}'s answer (its final_outputs value) be above or below 0.5?",
    "too_high_or_low": "Is {node}'s answer too high or too low for its target of {target}?",
    "largest_error": "Which of these output nodes will have the largest error, in size?",
    "most_blame": "Which of these hidden nodes will receive the most blame: the largest hidden error, in size?",
    "weight_direction": "Will the weight {node} go up or down in this update?",
    "largest_change": "Which of these weights will change the most, in size?",
    "error_falls": "After the update, will this sample's error fall or rise?",
    "largest_move": "After the update, which of these output nodes' answers for this sample will move the most?",
}

#: Each explanation as whole sentences with named placeholders; lists are joined from the fragments below.
EXPLANATIONS = {
    "strongest_input": "Weight × signal into {node}: {shares}. The largest in size is {correct}'s.",
    "largest_node": "{quantity}: {listing}. The largest is {correct}.",
    "largest_error": "output_errors: {listing}. The largest, compared by size, is {correct}.",
    "most_blame": "hidden_errors: {listing}. The largest, compared by size, is {correct}.",
    "largest_change": "The changes: {listing}. The largest, compared by size, is {correct}.",
    "largest_move": "The answers before and after the update: {listing}. The one that moves most is {correct}.",
    "above_half_positive": "{node}'s final_inputs is {final_input}, positive, and the sigmoid of a positive "
                           "number is above 0.5: its answer is {final_output}.",
    "above_half_negative": "{node}'s final_inputs is {final_input}, negative, and the sigmoid of a negative "
                           "number is below 0.5: its answer is {final_output}.",
    "too_high_or_low": "{node} answers {final_output} and its target is {target}, so its error "
                       "(target − answer) is {output_error}: the answer is {correct}.",
    "weight_direction_who": "{node} goes {correct}: {target}'s error is {error} and {source}'s output is "
                            "{signal}; the learning rate ({learning_rate}) and the slope o(1 − o) ({slope}) are "
                            "positive, so the change, their product, is {delta}.",
    "weight_direction_wih": "{node} goes {correct}: {target}'s hidden error is {error} and {source}'s signal is "
                            "{signal}; the learning rate ({learning_rate}) and the slope o(1 − o) ({slope}) are "
                            "positive, so the change, their product, is {delta}.",
    "error_falls": "The error was {error_before} before the update and is {error_after} after it: it {correct}.",
    "compute_sum": "{quantity} of {node} is the sum {terms} = {value}.",
    "compute_sigmoid": "sigmoid({x}) = 1 / (1 + e^−({x})) = {value}.",
    "compute_subtraction": "target − answer = {target} − {final_output} = {value}.",
    "compute_error": "E = ½ × ({squares}) = {value}.",
    "compute_change": "learning rate × error × slope × signal = {learning_rate} × {error} × {slope} × {signal} "
                      "= {value}.",
}
#: The pieces lists are made of.
SHARE = "{name}: {weight} × {signal} = {product}"
VALUE = "{name}: {value}"
MOVE = "{name}: {before} → {after}"
SQUARE = "({value})²"


def question_text(record: StepRecord, question: nq.Question, labels: Optional[dict] = None) -> str:
    """The question in one or two whole sentences."""
    node = _subject_name(record, question, labels=labels)
    kind, quantity = question.kind, question.quantity
    tolerance = f"{nq.COMPUTE_TOLERANCE:.0%}"
    if kind == "largest_node":
        key = "largest_node_hidden" if quantity == "hidden_inputs" else "largest_node_outputs"
    elif kind == "compute":
        key = {"error": "compute_error", "delta_who": "compute_change", "delta_wih": "compute_change"}.get(
            quantity, "compute")
    else:
        key = kind
    target = fmt(record.trace.targets[question.subject[0]]) if kind == "too_high_or_low" else ""
    return QUESTIONS[key].format(node=node, quantity=quantity, tolerance=tolerance, target=target)


def explanation(record: StepRecord, question: nq.Question, answer: nq.Reveal,
                labels: Optional[dict] = None) -> str:
    """One or two sentences of why, in the numbers on screen (from the answer computed just now)."""
    f, kind, quantity = answer.figures, question.kind, question.quantity
    node = _subject_name(record, question, labels=labels)
    correct = fmt(answer.correct) if kind == "compute" else choice_name(record, question, answer.correct, labels=labels)
    names = [choice_name(record, question, c, labels=labels) for c in question.choices]
    if kind == "strongest_input":
        shares = "; ".join(SHARE.format(name=name, weight=fmt(w), signal=fmt(x), product=fmt(p))
                           for name, w, x, p in zip(names, f["weights"], f["inputs"], f["products"]))
        return EXPLANATIONS[kind].format(node=node, shares=shares, correct=correct)
    if kind in ("largest_node", "largest_error", "most_blame", "largest_change"):
        listing = "; ".join(VALUE.format(name=name, value=fmt(v)) for name, v in zip(names, f["values"]))
        return EXPLANATIONS[kind].format(quantity=quantity, listing=listing, correct=correct)
    if kind == "largest_move":
        listing = "; ".join(MOVE.format(name=name, before=fmt(b), after=fmt(a))
                            for name, b, a in zip(names, f["outputs_before"], f["outputs_after"]))
        return EXPLANATIONS[kind].format(listing=listing, correct=correct)
    if kind == "above_half":
        key = "above_half_positive" if f["final_input"] > 0 else "above_half_negative"
        return EXPLANATIONS[key].format(node=node, final_input=fmt(f["final_input"]),
                                        final_output=fmt(f["final_output"]))
    if kind == "too_high_or_low":
        return EXPLANATIONS[kind].format(node=node, final_output=fmt(f["final_output"]), target=fmt(f["target"]),
                                         output_error=fmt(f["output_error"]), correct=correct)
    if kind == "weight_direction":
        row, column = question.subject
        sizes = _sizes(record)
        who = quantity == "delta_who"
        target = node_name("outputs" if who else "hidden", row, sizes["outputs" if who else "hidden"], labels)
        source = node_name("hidden" if who else "inputs", column, sizes["hidden" if who else "inputs"], labels)
        return EXPLANATIONS["weight_direction_who" if who else "weight_direction_wih"].format(
            node=node, correct=correct, target=target, source=source, error=fmt(f["error"]),
            signal=fmt(f["signal"]), learning_rate=fmt(f["learning_rate"]), slope=fmt(f["slope"]),
            delta=fmt(f["delta"]))
    if kind == "error_falls":
        return EXPLANATIONS[kind].format(error_before=fmt(f["error_before"]), error_after=fmt(f["error_after"]),
                                         correct=correct)
    # compute
    value = fmt(f["value"])
    if "terms" in f:
        terms = " + ".join(fmt(t) if t >= 0 else f"({fmt(t)})" for t in f["terms"])
        return EXPLANATIONS["compute_sum"].format(quantity=quantity, node=node, terms=terms, value=value)
    if "hidden_input" in f or "final_input" in f:
        x = fmt(f.get("hidden_input", f.get("final_input")))
        return EXPLANATIONS["compute_sigmoid"].format(x=x, value=value)
    if "target" in f:
        return EXPLANATIONS["compute_subtraction"].format(target=fmt(f["target"]),
                                                          final_output=fmt(f["final_output"]), value=value)
    if "output_errors" in f:
        squares = " + ".join(SQUARE.format(value=fmt(e)) for e in f["output_errors"])
        return EXPLANATIONS["compute_error"].format(squares=squares, value=value)
    return EXPLANATIONS["compute_change"].format(learning_rate=fmt(f["learning_rate"]), error=fmt(f["error"]),
                                                 slope=fmt(f["slope"]), signal=fmt(f["signal"]), value=value)


#: The verdict, and the line that repeats the question above it.
VERDICT_RIGHT = "Right: you said {given}, and the answer is {correct}. {why}"
VERDICT_WRONG = "Not this time: you said {given}, and the answer is {correct}. {why}"
YOU_PREDICTED = "You predicted: {question}"


# -- widgets -------------------------------------------------------------------------------------


def predict_ui(record: StepRecord, stage: int, view, labels: Optional[dict] = None) -> bool:
    """At one stage in Predict mode: the question, or the verdict once answered.

    Returns True while the question is open: the stage's result must wait.
    """
    question = question_for(record, stage)
    if question is None:
        return False
    key = _question_key(record, stage)
    given = _answers().get(key)
    if given is not None:
        _verdict_ui(record, question, given, labels=labels)
        return False
    _question_ui(record, stage, view, question, key, labels=labels)
    return True


def _verdict_ui(record: StepRecord, question: nq.Question, given, labels: Optional[dict] = None) -> None:
    answer = nq.reveal(question, record.before, record.trace)  # computed now, from the trace on screen
    verdict = nq.grade(question, answer, given)
    def shown(value) -> str:
        return fmt(value) if question.kind == "compute" else choice_name(record, question, value, labels=labels)

    shown_given, shown_correct = shown(verdict.given), shown(verdict.correct)
    why = explanation(record, question, answer, labels=labels)
    box = st.container(border=True, key="step_predict_verdict")
    with box:
        st.caption(YOU_PREDICTED.format(question=question_text(record, question, labels=labels)))
        words = VERDICT_RIGHT if verdict.right else VERDICT_WRONG
        (st.success if verdict.right else st.error)(words.format(given=shown_given, correct=shown_correct, why=why))


def _question_ui(record: StepRecord, stage: int, view, question: nq.Question, key: str,
                 labels: Optional[dict] = None) -> None:
    st.subheader(f"Stage {stage} of 10: {view.title}")
    maths, picture = st.columns([5, 3])
    with maths:
        st.latex(view.formula)
        _known_numbers_ui(record, stage, view, question, labels=labels)
        with st.form(key=f"step_predict_form_{stage}", border=True):
            st.markdown("**Predict first.** " + question_text(record, question, labels=labels))
            if question.kind == "compute":
                typed = st.text_input("Your number", key=f"step_predict_number_{stage}",
                                      help="A number such as 0.25, -1.3 or 2.5e-4; within 1% of the network's "
                                           "counts as right.")
                picked = None
            else:
                typed = None
                picked = st.radio(
                    "Your answer", range(len(question.choices)), index=None, key=f"step_predict_choice_{stage}",
                    format_func=lambda n: choice_name(record, question, question.choices[n], labels=labels),
                    help="Pick one, then commit: the stage's numbers appear with the answer.",
                )
            committed = st.form_submit_button("Commit my answer", type="primary", key=f"step_predict_commit_{stage}",
                                              help="Lock in your answer and see this stage's numbers. Key: V.")
        if committed:
            _commit(record, question, key, typed, picked)
    with picture:
        # beside the nodes: the numbers of the stage before, which are known by now
        known = STAGES[stage - 2](record).node_values if stage > 1 else view.node_values
        st.plotly_chart(
            network_figure(record.before, question.highlight() or view.highlight, node_values=known,
                           labels=labels, palette=current_palette()),
            key=f"step_predict_diagram_{stage}", config={"displayModeBar": False},
            alt=picture_words.diagram_alt(record.before),
        )
        st.caption("Orange rings: the nodes and links the question is about. Beside the nodes: the numbers "
                   "of the stage before. " + lines_caption(current_palette()))


def _commit(record: StepRecord, question: nq.Question, key: str, typed: Optional[str], picked) -> None:
    if question.kind == "compute":
        try:
            given = float((typed or "").strip().replace("−", "-"))
        except ValueError:
            st.error("Your number: type a number such as 0.25, -1.3 or 2.5e-4.")
            return
        if not np.isfinite(given):
            st.error("Your number must be a finite number.")
            return
    else:
        if picked is None:
            st.error("Your answer: pick one of the choices first.")
            return
        given = question.choices[picked]
    answer = nq.reveal(question, record.before, record.trace)
    verdict = nq.grade(question, answer, given)
    _answers()[key] = given
    score = st.session_state.setdefault(SCORE_KEY, {})
    answered, right = score.get(question.kind, (0, 0))
    score[question.kind] = (answered + 1, right + int(verdict.right))
    st.rerun(scope="app")


def _known_numbers_ui(record: StepRecord, stage: int, view, question: nq.Question,
                      labels: Optional[dict] = None) -> None:
    """The stage's equations with the numbers already known filled in, and the result left out."""
    results = {eq.result.name for eq in view.equations if eq.result is not None}
    for number, equation in enumerate(view.equations):
        inputs = [term for term in equation.terms() if term is not equation.result]
        if any(term.name in results or "(after)" in term.name for term in inputs):
            continue  # this equation's numbers come from the stage's own result: it waits
        blank = Equation(equation.lhs, equation.rhs, None) if equation.rhs else equation  # given data: shown
        if record.small:
            st.latex(substituted_latex(blank))
        else:
            for term in blank.terms():
                if getattr(term.values, "ndim", 0) == 0:
                    st.latex(substituted_latex(Equation(term.symbol, (), term)))
                else:
                    st.plotly_chart(array_heatmap(term, current_palette()), key=f"step_predict_heatmap_{stage}_{number}_{term.name}",
                                    config={"displayModeBar": False})
    if question.kind == "strongest_input":
        (j,) = question.subject
        sizes = _sizes(record)
        st.dataframe(
            {"input": [choice_name(record, question, c, labels=labels) for c in question.choices],
             "signal": [fmt(record.trace.inputs[c[0]]) for c in question.choices],
             f"weight into {node_name('hidden', j, sizes['hidden'], labels)}":
                 [fmt(record.before.wih[j, c[0]]) for c in question.choices]},
            hide_index=True, key="step_predict_known",
        )


def predict_toggle_ui(table) -> bool:
    """The Predict first switch: a setting of the page, so a lesson link can turn it on (``?predict=true``)."""
    return setting_ui(table, "predict", st.session_state.get(table.key("predict"), False))


def score_ui() -> None:
    """The session's score, by kind of question, and a button to start again."""
    score = st.session_state.get(SCORE_KEY, {})
    answered = sum(a for a, _ in score.values())
    right = sum(r for _, r in score.values())
    with st.expander(f"Your predictions this session: {right} right of {answered}", expanded=bool(answered)):
        if score:
            st.dataframe(
                {"question": [KIND_LABELS[kind] for kind in score],
                 "answered": [a for a, _ in score.values()],
                 "right first time": [r for _, r in score.values()]},
                hide_index=True, key="step_predict_score_table",
            )
        else:
            st.caption("No predictions yet: answer a stage's question to start the count.")
        if st.button("Reset the score", key="step_predict_reset",
                     help="Start the count again; the questions answered so far are asked again too."):
            st.session_state[SCORE_KEY] = {}
            st.session_state[ANSWERS_KEY] = {}
            st.rerun()
