"""Predict first on the step-through page: every kind of question, asked and marked against the numbers shown.

Cases are found by searching networks and samples for each kind of question
(with the page's own choice of question, ui.step.predict.question_for); the
page is then opened at that stage and answered. The verdict is checked against
an oracle that reads the trace directly (tests/question_oracle.py) and against
the result the revealed stage prints; the question's nodes and weights against
the ones the page's diagram rings. The tests that read the page's numbers or words back run in
English and in Russian (the ``lang`` fixture), where a learner types 0,73 with a decimal comma.
"""

from __future__ import annotations

import itertools
import json
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from conftest import url
from nn import NeuralNetwork
from nn.questions import KINDS, QUANTITY_PLACE
from nn.teaching_sets import TEACHING_SETS
from question_oracle import expected_answer
from test_step_page import PAGE, lang, make_lab, open_page, printed_numbers, typed_number  # noqa: F401 (lang: a fixture)
from ui.i18n import _
from ui.network_diagram import HIGHLIGHT_COLOUR
from ui.step.predict import question_for
from ui.step.record import record_step

#: Typed samples (inputs, targets) for the 3-3-3 network: middling targets let "too high or too low" be asked.
TYPED = [("0.2, -0.7, 1.5", "0.4, 0.6, 0.3"), ("1.0, 0.5, -1.5", "0.7, 0.2, 0.5"), ("-0.3, 0.8, 0.1", "0.35, 0.5, 0.8")]


def parse(text: str) -> np.ndarray:
    return np.array([float(v) for v in text.split(",")])


def candidate_cases(bias: bool):
    """(lab, page state, inputs, targets) for many networks and samples, with or without the bias node."""
    for seed, dataset in itertools.product(range(24), (*TEACHING_SETS,)):
        data = TEACHING_SETS[dataset]
        hidden = 2 + seed % 4
        for sample in range(min(len(data.inputs), 4)):
            state = {"step_sample": sample + 1}
            yield (dataset, hidden, bias, seed), state, data.inputs[sample], data.targets[sample]
        if dataset == "3-3-3: the book's first network":
            for inputs, targets in TYPED:
                state = {"step_own": True, "step_inputs": inputs, "step_targets": targets}
                yield (dataset, hidden, bias, seed), state, parse(inputs), parse(targets)


def find_case(kind: str, rule: str, bias: bool = False, skip: int = 0):
    """The first (skip-th) network, sample and stage whose question on the page is of this kind."""
    found = 0
    for (dataset, hidden, bias, seed), state, inputs, targets in candidate_cases(bias):
        if hidden > 6 and dataset != "5x5 digits":
            continue
        lab = make_lab(dataset=dataset, hidden=hidden, bias=bias, rule=rule, seed=seed)
        record = record_step(lab.network, inputs, targets)
        for stage in range(1, 11):
            question = question_for(record, stage)
            if question is not None and question.kind == kind:
                if found == skip:
                    return (dataset, hidden, bias, rule, seed), state, inputs, targets, stage, question
                found += 1
    raise AssertionError(f"no case asks {kind} with rule {rule}, bias {bias}")


#: The words the tests look for, in each language (written here, not taken from the catalogue).
WORDS = {
    "en": {"ask": "**Predict first.**", "stage": "Stage", "right": "Right:", "wrong": "Not this time:",
           "answer": r"the answer is (.+?)\. ", "answer is": "answer is", "not a number": "type a number",
           "waits": "Predict first:", "score": "Your predictions this session: {right} right of {answered}",
           "question": "question", "answered": "answered", "right first time": "right first time"},
    "ru": {"ask": "**Сначала прогноз.**", "stage": "Этап", "right": "Верно:", "wrong": "На этот раз нет:",
           "answer": r"правильный ответ — (.+?)\. ", "answer is": "правильный ответ", "not a number": "введите число",
           "waits": "Сначала прогноз:", "score": "Ваши прогнозы за сеанс: верно {right} из {answered}",
           "question": "вопрос", "answered": "отвечено", "right first time": "верно с первого раза"},
}


def typed(value: float, lang: str) -> str:
    """A number as a learner types it: 0.7311 in English, 0,7311 with the decimal comma in Russian."""
    return repr(float(value)).replace(".", "," if lang == "ru" else ".")


def open_question(case, lang: str = "en") -> tuple[AppTest, NeuralNetwork]:
    (dataset, hidden, bias, rule, seed), state, inputs, targets, stage, question = case
    lab = make_lab(dataset=dataset, hidden=hidden, bias=bias, rule=rule, seed=seed)
    at = open_page(lab, lang, step_predict=True, step_stage=stage, **state)
    return at, lab.network


def question_words(at: AppTest, lang: str = "en") -> str:
    return next(m.value for m in at.markdown if m.value.startswith(WORDS[lang]["ask"]))


def diagram(at: AppTest) -> tuple[set, set, set]:
    """(every node's name, the names ringed in orange, the weights drawn lit as 'target <- source')."""
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        traces = {t.get("meta"): t for t in spec["data"]}  # a node column's trace holds its layer in meta
        if "hidden" not in traces:
            continue
        every, ringed = set(), set()
        for layer in ("inputs", "hidden", "outputs"):
            trace = traces[layer]
            for hover, colour in zip(trace["hovertext"], trace["marker"]["line"]["color"]):
                name = hover.rsplit(": ", 1)[0] if re.search(r": -?\d+(?:[.,]\d+)?$", hover) else hover
                every.add(name)
                if colour == HIGHLIGHT_COLOUR:
                    ringed.add(name)
        links = {text.rsplit(": ", 1)[0] for t in spec["data"] if t.get("mode") == "markers" and t.get("hovertext")
                 and str(t["marker"]["color"]).endswith(",0.5)") for text in t["hovertext"] if "<-" in text}
        return every, ringed, links
    raise AssertionError("no network diagram on the page")


#: A weight as the page names it: who[2,1] (target ← source); names may hold brackets ("pixel (2,3)").
WEIGHT = re.compile(r"\b(?:who|wih)\[\d+,\d+\] \((.+?) ← (.+?)\)(?=[ ?.,;:»]|$)")


def named(texts, every_node: set) -> tuple[set, set]:
    """The nodes (of ``every_node``) and weights (as 'target <- source') a question and its choices name."""
    nodes, links = set(), set()
    for text in texts:
        nodes.update(name for name in every_node if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text))
        links.update(f"{target} <- {source}" for target, source in WEIGHT.findall(text))
    return nodes, links


def options(at: AppTest, stage: int) -> list[str]:
    radios = [r for r in at.radio if r.key == f"step_predict_choice_{stage}"]
    return list(radios[0].options) if radios else []


def verdict_text(at: AppTest, lang: str = "en") -> str:
    texts = [e.value for e in at.success] + [e.value for e in at.error if WORDS[lang]["answer is"] in e.value]
    assert len(texts) == 1, texts
    return texts[0]


def commit(at: AppTest, stage: int, answer: str) -> None:
    """Type a number or pick a choice (by its label), whichever the question asks, and commit it."""
    if options(at, stage):
        at.radio(key=f"step_predict_choice_{stage}").set_value(options(at, stage).index(answer))
    else:
        at.text_input(key=f"step_predict_number_{stage}").set_value(answer)
    at.button(key=f"step_predict_commit_{stage}").click().run()
    assert not at.exception


def shown_result(at: AppTest, quantity: str, network: NeuralNetwork, lang: str = "en") -> np.ndarray:
    """The array the revealed stage prints as its result, read back from its LaTeX."""
    equations = [e.value for e in at.latex if r"\Delta w &=" not in e.value][1:]
    numbers = lambda latex: [float(n) for n in printed_numbers(latex, lang)]  # noqa: E731
    b = int(network.bias)
    sizes = {"hidden_inputs": network.hidden_nodes, "hidden_outputs": network.hidden_nodes + b,
             "final_inputs": network.output_nodes, "final_outputs": network.output_nodes,
             "output_errors": network.output_nodes, "hidden_errors": network.hidden_nodes,
             "delta_who": network.who.size, "delta_wih": network.wih.size}
    if quantity == "error":
        return np.array(numbers(equations[1])[-1:])
    if quantity == "outputs_after":
        return np.array(numbers(equations[2])[-1 - network.output_nodes:-1])
    values = np.array(numbers(equations[0])[-sizes[quantity]:])
    return values.reshape(getattr(network, "who" if quantity == "delta_who" else "wih").shape) \
        if quantity.startswith("delta") else values


@pytest.mark.parametrize("bias", [False, True], ids=["no bias", "bias"])
@pytest.mark.parametrize("rule", ["book", "gradient"])
@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_question_is_marked_by_the_numbers_the_stage_then_shows(kind, rule, bias, lang):
    case = find_case(kind, rule, bias)
    _case, state, inputs, targets, stage, question = case
    at, network = open_question(case, lang)
    words = question_words(at, lang)
    labels = options(at, stage)

    # the question names what the diagram rings
    every_node, ringed_nodes, lit_links = diagram(at)
    named_nodes, named_links = named([words, *labels], every_node)
    if question.highlight():
        assert named_nodes - ringed_nodes == set(), (named_nodes, ringed_nodes)
        assert ringed_nodes - named_nodes == set() or question.kind == "strongest_input", (named_nodes, ringed_nodes)
        assert named_links <= lit_links, (named_links, lit_links)
        assert named_links or not question.quantity.startswith("delta"), "a weight question names its weights"
    assert WORDS[lang]["stage"] in at.subheader[0].value and not [e for e in at.latex if r"\Delta w &=" in e.value]

    # answered rightly in two of the four cases of each kind, wrongly in the other two
    trace = network.trace(inputs, targets)
    truth = expected_answer(network, inputs, targets, trace, question)
    answer_right = (rule == "book") != bias
    if question.kind == "compute":
        given = truth * (1.004 if answer_right else 1.03)
        commit(at, stage, typed(given, lang))
    else:
        index = question.choices.index(truth) if answer_right else \
            next(i for i, c in enumerate(question.choices) if c != truth)
        commit(at, stage, labels[index])
    verdict = verdict_text(at, lang)
    assert verdict.startswith(WORDS[lang]["right" if answer_right else "wrong"]), verdict
    said = re.search(WORDS[lang]["answer"], verdict).group(1)
    if question.kind == "compute":
        [number] = printed_numbers(said, lang)  # with the language's decimal sign
        assert typed_number(said) == float(number) == pytest.approx(truth, rel=5e-4)
        shown = shown_result(at, question.quantity, network, lang)
        on_screen = shown[0] if question.quantity == "error" else shown[question.subject]
        assert float(number) == on_screen, "the answer is the number the stage prints"
    else:
        assert said == labels[question.choices.index(truth)]
        if question.kind in ("largest_node", "largest_error", "most_blame", "largest_change", "largest_move"):
            shown = shown_result(at, question.quantity, network, lang)
            if question.kind == "largest_move":  # after (printed here) minus before (printed at stage 5)
                shown = shown - np.array([float(f"{v:.4g}") for v in trace.final_outputs])
            size = (lambda v: v) if question.kind == "largest_node" else abs
            best = max(question.choices, key=lambda c: size(shown[c]))
            assert said == labels[question.choices.index(best)], "the stage's printed numbers give the same answer"
    # the stage's numbers are revealed now
    assert len([e for e in at.latex if r"\Delta w &=" not in e.value]) >= 2 or not network.hidden_nodes <= 6


@pytest.mark.parametrize("sign", [".", ","], ids=["decimal point", "decimal comma"])
def test_compute_it_yourself_accepts_within_one_percent_and_refuses_just_outside(sign, lang):
    case = find_case("compute", "book")
    stage, question = case[4], case[5]
    for factor, right in ((1.0099, True), (0.9901, True), (1.0101, False), (0.9899, False)):
        at, network = open_question(case, lang)
        trace = network.trace(case[2], case[3])
        truth = expected_answer(network, case[2], case[3], trace, question)
        commit(at, stage, repr(float(truth * factor)).replace(".", sign))
        verdict = verdict_text(at, lang)
        assert verdict.startswith(WORDS[lang]["right" if right else "wrong"]), (factor, verdict)


@pytest.mark.parametrize("answer", ["<b>twelve</b>", "1,000.5", "0,1,2"])
def test_a_typed_answer_that_is_not_a_number_is_refused_and_nothing_is_revealed(answer, lang):
    case = find_case("compute", "book")
    at, _network = open_question(case, lang)
    commit(at, case[4], answer)
    assert any(WORDS[lang]["not a number"] in e.value for e in at.error)
    assert answer not in " ".join(e.value for e in at.error), "the typed text is not echoed"
    assert question_words(at, lang)  # still asking


def test_the_score_counts_answers_and_right_first_time_by_kind_and_resets(lang):
    lab = make_lab()
    words = WORDS[lang]
    at = open_page(lab, lang, step_predict=True, step_stage=1)
    record = record_step(lab.network, TEACHING_SETS["3-3-3: the book's first network"].inputs[0],
                         TEACHING_SETS["3-3-3: the book's first network"].targets[0])
    expected = {}
    for stage in (1, 2, 3):
        question = question_for(record, stage)
        at.selectbox(key="step_stage").set_value(stage).run()
        if question.kind == "compute":
            commit(at, stage, "12345")
            right = False
        else:
            commit(at, stage, options(at, stage)[0])
            right = verdict_text(at, lang).startswith(words["right"])
        answered, good = expected.get(question.kind, (0, 0))
        expected[question.kind] = (answered + 1, good + right)
    table = next(f.value for f in at.dataframe if words["right first time"] in f.value.columns)
    from ui.step.predict import KIND_LABELS
    assert {row[words["question"]]: (row[words["answered"]], row[words["right first time"]])
            for _row, row in table.iterrows()} == {_(KIND_LABELS[k]): v for k, v in expected.items()}
    total_right = sum(r for _a, r in expected.values())
    assert any(e.label == words["score"].format(right=total_right, answered=3) for e in at.expander)
    at.button(key="step_predict_reset").click().run()
    assert any(e.label == words["score"].format(right=0, answered=0) for e in at.expander)
    at.selectbox(key="step_stage").set_value(1).run()
    assert question_words(at, lang), "after a reset the questions are asked again"


def test_why_this_number_and_check_it_wait_until_stages_1_to_9_are_predicted(lang):
    lab = make_lab()
    at = open_page(lab, lang, step_predict=True)
    finite = {"en": "finite difference", "ru": "конечная разность"}[lang]
    assert not [r for r in at.radio if r.key == "step_why_matrix"]
    assert not [f for f in at.dataframe if finite in f.value.columns]
    assert sum(WORDS[lang]["waits"] in i.value for i in at.info) == 2
    for stage in range(1, 10):
        at.selectbox(key="step_stage").set_value(stage).run()
        if any(m.value.startswith(WORDS[lang]["ask"]) for m in at.markdown):
            commit(at, stage, options(at, stage)[0] if options(at, stage) else "1")
        why = [r for r in at.radio if r.key == "step_why_matrix"]
        checks = [f for f in at.dataframe if finite in f.value.columns]
        assert bool(why) == (stage >= 8), stage
        if why:
            assert list(why[0].options) == (["who"] if stage == 8 else ["who", "wih"])
        assert bool(checks) == (stage >= 9), stage


def test_without_predict_every_stage_shows_at_once_and_asks_nothing():
    at = open_page(make_lab(), step_stage=4)
    assert not any(m.value.startswith("**Predict first.**") for m in at.markdown)
    assert [r for r in at.radio if r.key == "step_why_matrix"]


def test_a_link_with_predict_gives_a_second_session_the_same_questions():
    link = {"source": "fresh", "dataset": "5x5-digits", "hidden_nodes": "5", "seed": "11", "predict": "true",
            "sample": "4"}
    asked = []
    for _ in range(2):
        at = AppTest.from_file(PAGE, default_timeout=60)
        for name, value in link.items():
            at.query_params[name] = value
        at.run()
        assert not at.exception
        words = []
        for stage in range(1, 11):
            at.selectbox(key="step_stage").set_value(stage).run()
            words.append((question_words(at), tuple(options(at, stage))))
        asked.append(words)
        assert url(at)["predict"] == "true"
    assert asked[0] == asked[1]
    assert len({w for w, _ in asked[0]}) >= 5, "the stages ask different questions"


def test_questions_differ_between_samples():
    lab = make_lab(dataset="5x5 digits", hidden=4)
    data = TEACHING_SETS["5x5 digits"]
    per_sample = [[question_for(record_step(lab.network, x, t), stage) for stage in range(1, 11)]
                  for x, t in zip(data.inputs[:4], data.targets[:4])]
    assert len({tuple(q) for q in per_sample}) == 4
    stage = next(s for s in range(1, 11) if per_sample[0][s - 1] != per_sample[1][s - 1])
    at = open_page(lab, step_predict=True, step_stage=stage, step_sample=1)
    first = (question_words(at), options(at, stage))
    at.number_input(key="step_sample").set_value(2).run()
    assert (question_words(at), options(at, stage)) != first


@pytest.mark.parametrize("stage", [1, 2, 5, 10])
def test_before_the_answer_a_stage_shows_the_numbers_known_and_not_its_result(stage, lang):
    lab = make_lab()
    data = TEACHING_SETS["3-3-3: the book's first network"]
    t = lab.network.trace(data.inputs[0], data.targets[0])
    at = open_page(lab, lang, step_predict=True, step_stage=stage)
    assert question_words(at, lang)
    shown = [float(n) for e in at.latex for n in printed_numbers(e.value, lang)]
    flat = lambda *arrays: [float(f"{v:.4g}") for a in arrays for v in np.ravel(a)]  # noqa: E731
    known = {1: flat(t.inputs, t.targets), 2: flat(lab.network.wih, t.inputs), 5: flat(t.final_inputs),
             10: flat(lab.network.who, t.delta_who, lab.network.wih, t.delta_wih)}[stage]
    assert shown == known
