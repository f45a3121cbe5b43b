""""Predict first": before a stage shows its result, the learner answers a question about it.

The question comes from :mod:`nn.questions` (made from this sample's trace with a
generator seeded by the network's seed, the sample and the stage, so a link gives
every student the same question); the answer is computed from the same trace when
the learner commits, never stored. Here live only the widgets; the words are
:mod:`ui.question_words`' (shared with the class room).

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
from ui import picture_words
from ui import question_words as words
from ui.i18n import N_, _, numbers
from ui.i18n.widget_language import redraw_in_language
from ui.network_diagram import lines_caption, network_figure, node_name
from ui.question_words import fmt
from ui.settings.display import current_palette
from ui.settings.widgets import setting_ui
from ui.step.record import StepRecord
from ui.step.render import Equation, array_heatmap, notation, substituted_latex
from ui.step.shown import in_this_language
from ui.step.stages import STAGES, stage_heading

ANSWERS_KEY = "step_predict_answers"
SCORE_KEY = "step_predict_score"
#: The question seed of the step page; with the network's seed, the sample and the stage it picks the question.
QUESTION_SEED = 0

#: What each kind of question is called in the score table.
KIND_LABELS = {
    "strongest_input": N_("which input counts most"),
    "largest_node": N_("which node gets the largest sum"),
    "compute": N_("compute it yourself"),
    "above_half": N_("answer above or below 0.5"),
    "too_high_or_low": N_("too high or too low"),
    "largest_error": N_("which output's error is largest"),
    "most_blame": N_("which hidden node gets the most blame"),
    "weight_direction": N_("weight up or down"),
    "largest_change": N_("which weight changes most"),
    "error_falls": N_("does the error fall"),
    "largest_move": N_("which answer moves most"),
}
assert set(KIND_LABELS) == set(nq.KINDS)


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


#: The line that repeats the question above its verdict.
YOU_PREDICTED = N_("You predicted: {question}")


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
    network = record.before
    said = words.verdict_text(network, question, verdict, labels=labels)
    why = words.explanation(network, question, answer.correct, answer.figures, labels=labels)
    box = st.container(border=True, key="step_predict_verdict")
    with box:
        asked = words.question_text(network, record.trace, question, labels=labels)
        st.caption(_(YOU_PREDICTED).format(question=asked))
        (st.success if verdict.right else st.error)(f"{said} {why}")


def _question_ui(record: StepRecord, stage: int, view, question: nq.Question, key: str,
                 labels: Optional[dict] = None) -> None:
    st.subheader(stage_heading(stage, view.title))
    maths, picture = st.columns([5, 3])
    with maths:
        st.latex(notation(view.formula))
        _known_numbers_ui(record, stage, view, question, labels=labels)
        with st.form(key=f"step_predict_form_{stage}", border=True):
            asked = words.question_text(record.before, record.trace, question, labels=labels)
            st.markdown(_("**Predict first.** {question}").format(question=asked))
            if question.kind == "compute":
                typed = st.text_input(_("Your number"), key=f"step_predict_number_{stage}",
                                      help=_("A number such as {examples}; within {tolerance} of the network's "
                                             "counts as right.").format(examples=_(NUMBER_EXAMPLES),
                                                                        tolerance=numbers.percent(nq.COMPUTE_TOLERANCE, 0)))
                picked = None
            else:
                typed = None
                redraw_in_language(f"step_predict_choice_{stage}")  # an answer's name is the language's words
                picked = st.radio(
                    _("Your answer"), range(len(question.choices)), index=None, key=f"step_predict_choice_{stage}",
                    format_func=in_this_language(lambda n: words.choice_name(record.before, question,
                                                                             question.choices[n], labels=labels)),
                    help=_("Pick one, then commit: the stage's numbers appear with the answer."),
                )
            committed = st.form_submit_button(_("Commit my answer"), type="primary",
                                              key=f"step_predict_commit_{stage}",
                                              help=_("Lock in your answer and see this stage's numbers. Key: V."))
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
        st.caption(" ".join((_("Orange rings: the nodes and links the question is about. Beside the nodes: the numbers "
                              "of the stage before."), lines_caption(current_palette()))))


#: Numbers a learner may type, written the session's way (in Russian with the decimal comma).
NUMBER_EXAMPLES = N_("0.25, -1.3 or 2.5e-4")


def _commit(record: StepRecord, question: nq.Question, key: str, typed: Optional[str], picked) -> None:
    if question.kind == "compute":
        given = numbers.typed_number(typed)
        if given is None:
            st.error(_("Your number: type a number such as {examples}.").format(examples=_(NUMBER_EXAMPLES)))
            return
        if not np.isfinite(given):
            st.error(_("Your number must be a finite number."))
            return
    else:
        if picked is None:
            st.error(_("Your answer: pick one of the choices first."))
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
        st.dataframe(
            {_("input"): words.choice_names(record.before, question, labels=labels),
             _("signal"): [fmt(record.trace.inputs[c[0]]) for c in question.choices],
             _("weight into {node}").format(node=node_name("hidden", j, record.before.hidden_nodes, labels)):
                 [fmt(record.before.wih[j, c[0]]) for c in question.choices]},
            hide_index=True, key="step_predict_known",
        )


def predict_toggle_ui(table) -> bool:
    """The Predict first switch: a setting of the page, so a lesson link can turn it on (``?predict=true``)."""
    return setting_ui(table, "predict", st.session_state.get(table.key("predict"), False))


def score_ui() -> None:
    """The session's score, by kind of question, and a button to start again."""
    score = st.session_state.get(SCORE_KEY, {})
    answered = sum(a for a, _r in score.values())
    right = sum(r for _a, r in score.values())
    heading = _("Your predictions this session: {right} right of {answered}")
    with st.expander(heading.format(right=numbers.integer(right), answered=numbers.integer(answered)),
                     expanded=bool(answered)):
        if score:
            st.dataframe(
                {_("question"): [_(KIND_LABELS[kind]) for kind in score],
                 _("answered"): [a for a, _r in score.values()],
                 _("right first time"): [r for _a, r in score.values()]},
                hide_index=True, key="step_predict_score_table",
            )
        else:
            st.caption(_("No predictions yet: answer a stage's question to start the count."))
        if st.button(_("Reset the score"), key="step_predict_reset",
                     help=_("Start the count again; the questions answered so far are asked again too.")):
            st.session_state[SCORE_KEY] = {}
            st.session_state[ANSWERS_KEY] = {}
            st.rerun()
