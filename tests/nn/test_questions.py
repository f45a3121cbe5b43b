"""Questions made from a trace are answered by the trace: checked on many random networks against oracles.

The oracles are independent of nn/questions.py: the trace's own arrays read
directly, ``NeuralNetwork.train`` on a copy for the error after the update,
and sums recomputed from numbers rounded as the page shows them.
"""

from __future__ import annotations

import json
from collections import Counter

import numpy as np
import pytest

from nn import NeuralNetwork
from nn.questions import COMPUTE_TOLERANCE, KINDS, STAGE_KINDS, STAGES, Question, ask, grade, reveal, rng_for
from nn.teaching_sets import TEACHING_SETS
from question_oracle import expected_answer, four_figures


def random_case(rng: np.random.Generator):
    """A random small network, rule, bias, learning rate and one sample for it."""
    sizes = rng.integers(1, 7, size=3)
    network = NeuralNetwork(
        int(sizes[0]), int(sizes[1]), int(sizes[2]), float(rng.choice([0.05, 0.3, 1.0, 5.0])),
        init=str(rng.choice(["normal", "uniform", "positive"])), bias=bool(rng.integers(2)),
        rule=str(rng.choice(["book", "gradient"])), seed=int(rng.integers(1000)),
    )
    inputs = rng.uniform(-1.0, 1.0, size=network.input_nodes)
    targets = rng.uniform(0.01, 0.99, size=network.output_nodes) if rng.integers(2) else \
        np.where(rng.integers(2, size=network.output_nodes) == 1, 0.99, 0.01)
    return network, inputs, targets


def many_questions(count=150, seed=0):
    """(network, inputs, targets, trace, question) over many random cases and every stage."""
    rng = np.random.default_rng(seed)
    for case in range(count):
        network, inputs, targets = random_case(rng)
        trace = network.trace(inputs, targets)
        for stage in STAGES:
            question = ask(network, trace, stage, rng_for(seed, case, stage))
            if question is not None:
                yield network, inputs, targets, trace, question


def test_every_revealed_answer_is_what_the_trace_says_over_many_random_networks():
    checked = Counter()
    for network, inputs, targets, trace, question in many_questions():
        answer = reveal(question, network, trace)
        expected = expected_answer(network, inputs, targets, trace, question)
        if question.kind == "compute":
            assert answer.correct == pytest.approx(expected, rel=1e-12, abs=1e-300)
        else:
            assert answer.correct == expected, question
        checked[question.kind] += 1
    assert set(checked) == set(KINDS), checked  # every kind was drawn and checked


def test_the_right_choice_is_marked_right_and_every_other_choice_wrong():
    for network, inputs, targets, trace, question in many_questions(count=40, seed=1):
        if question.kind == "compute":
            continue
        answer = reveal(question, network, trace)
        for choice in question.choices:
            verdict = grade(question, answer, choice)
            assert verdict.right == (choice == answer.correct)
            assert verdict.correct == answer.correct and verdict.given == choice


def test_compute_it_yourself_accepts_within_one_percent_and_refuses_outside():
    seen = 0
    for network, inputs, targets, trace, question in many_questions(count=40, seed=2):
        if question.kind != "compute":
            continue
        answer = reveal(question, network, trace)
        truth = answer.correct
        assert grade(question, answer, truth).right
        assert grade(question, answer, truth * (1 + 0.99 * COMPUTE_TOLERANCE)).right
        assert grade(question, answer, truth * (1 - 0.99 * COMPUTE_TOLERANCE)).right
        assert not grade(question, answer, truth * (1 + 1.01 * COMPUTE_TOLERANCE)).right
        assert not grade(question, answer, truth * (1 - 1.01 * COMPUTE_TOLERANCE)).right
        assert not grade(question, answer, -truth).right
        seen += 1
    assert seen > 20


def test_a_sum_computed_from_the_rounded_numbers_on_screen_is_within_the_tolerance():
    """Working from the 4-figure numbers shown (weights, signals, errors) lands within 1%."""
    seen = 0
    for network, inputs, targets, trace, question in many_questions(count=150, seed=3):
        if question.kind != "compute":
            continue
        q, index = question.quantity, question.subject
        shown = np.vectorize(four_figures)
        hidden = network.hidden_nodes
        if q == "hidden_inputs":
            by_hand = np.sum(shown(network.wih[index[0]]) * shown(trace.inputs))
        elif q == "final_inputs":
            by_hand = np.sum(shown(network.who[index[0]]) * shown(trace.hidden_outputs))
        elif q == "hidden_errors":
            sent = shown(trace.output_errors)
            if network.rule == "gradient":
                o = shown(trace.final_outputs)
                sent = sent * o * (1 - o)
            by_hand = np.sum(shown(network.who[:, :hidden][:, index[0]]) * sent)
        elif q == "hidden_outputs":
            by_hand = 1 / (1 + np.exp(-four_figures(trace.hidden_inputs[index])))
        elif q == "final_outputs":
            by_hand = 1 / (1 + np.exp(-four_figures(trace.final_inputs[index])))
        elif q == "output_errors":
            by_hand = four_figures(trace.targets[index]) - four_figures(trace.final_outputs[index])
        elif q == "error":
            by_hand = 0.5 * np.sum(shown(trace.output_errors) ** 2)
        else:  # a weight's change: learning rate x error x slope x signal, each as shown
            errors, outputs, signals = (
                (trace.output_errors, trace.final_outputs, trace.hidden_outputs) if q == "delta_who"
                else (trace.hidden_errors, trace.hidden_outputs, trace.inputs))
            row, column = index
            o = four_figures(outputs[row])
            by_hand = network.learning_rate * four_figures(errors[row]) * o * (1 - o) * four_figures(signals[column])
        if q == "output_errors" and abs(trace.output_errors[index]) < 1e-3:
            continue  # a subtraction of two 4-figure numbers: only the near-equal case loses digits
        verdict = grade(question, reveal(question, network, trace), float(by_hand))
        assert verdict.right, (question, by_hand, verdict.correct)
        seen += 1
    assert seen > 100


def test_the_same_network_sample_stage_and_seed_give_the_same_question_and_it_survives_json():
    rng = np.random.default_rng(4)
    for case in range(30):
        network, inputs, targets = random_case(rng)
        for stage in STAGES:
            first = ask(network, network.trace(inputs, targets), stage, rng_for(7, case, stage))
            twin = NeuralNetwork(network.input_nodes, network.hidden_nodes, network.output_nodes,
                                 network.learning_rate, init=network.init, bias=network.bias,
                                 rule=network.rule, seed=network.seed)
            again = ask(twin, twin.trace(inputs.copy(), targets.copy()), stage, rng_for(7, case, stage))
            assert first == again
            if first is not None:
                assert Question.from_dict(json.loads(json.dumps(first.to_dict()))) == first


def test_questions_vary_between_samples_of_one_data_set():
    data = TEACHING_SETS["5x5 digits"]
    network = NeuralNetwork(data.input_nodes, 5, data.output_nodes, 0.3, seed=3)
    for stage in STAGES:
        asked = {ask(network, network.trace(x, t), stage, rng_for(0, sample, stage))
                 for sample, (x, t) in enumerate(zip(data.inputs, data.targets))}
        assert len(asked) > 1, stage


def test_every_stage_has_a_kind_and_the_pass_has_more_than_one_kind():
    assert set(STAGE_KINDS) == set(range(1, 11))
    assert all(STAGE_KINDS[stage] for stage in STAGES)
    assert len(KINDS) >= 8


def test_every_stage_asks_a_question_on_every_teaching_set_with_both_rules_and_the_bias_node():
    missing = Counter()
    for name, data in TEACHING_SETS.items():
        for rule in ("book", "gradient"):
            for bias in (False, True):
                network = NeuralNetwork(data.input_nodes, 4, data.output_nodes, 0.3, bias=bias, rule=rule, seed=2)
                for sample, (x, t) in enumerate(zip(data.inputs, data.targets)):
                    trace = network.trace(x, t)
                    for stage in STAGES:
                        if ask(network, trace, stage, rng_for(0, sample, stage)) is None:
                            missing[(name, stage)] += 1
    total = sum(len(d.inputs) for d in TEACHING_SETS.values()) * 4 * len(STAGES)
    assert sum(missing.values()) <= 0.02 * total, missing


def test_which_questions_have_a_winner_clear_at_four_significant_figures():
    for network, inputs, targets, trace, question in many_questions(count=60, seed=5):
        if question.kind in ("strongest_input", "largest_node", "largest_error", "most_blame", "largest_change", "largest_move"):
            values = sorted((four_figures(v) for v in reveal(question, network, trace).values), reverse=True)
            assert 2 <= len(values) <= 4
            assert values[0] > values[1]


def test_no_direction_is_asked_when_every_change_of_the_matrix_has_the_same_sign():
    # One output node: every who change has the sign of its one error (hidden outputs are positive).
    rng = np.random.default_rng(6)
    for case in range(40):
        network = NeuralNetwork(3, 4, 1, 0.3, seed=case)
        trace = network.trace(rng.uniform(0, 1, 3), [0.99])
        question = ask(network, trace, 8, rng_for(0, case, 8))
        assert question.kind != "weight_direction"


def test_the_question_names_the_node_or_weight_it_asks_about_for_the_diagram():
    for network, inputs, targets, trace, question in many_questions(count=40, seed=8):
        marks = question.highlight()
        if question.kind == "strongest_input":
            assert ("hidden", question.subject[0]) in marks
        if question.quantity == "delta_who" and question.subject:
            assert ("who", *question.subject) in marks
        if question.quantity == "delta_wih" and question.subject:
            assert ("wih", *question.subject) in marks
        if question.quantity in ("hidden_inputs", "hidden_outputs", "hidden_errors") and question.kind != "strongest_input":
            for index in [question.subject, *question.choices]:
                if index:
                    assert ("hidden", *index) in marks


def test_grading_refuses_an_answer_the_question_does_not_offer():
    network = NeuralNetwork(2, 3, 2, 0.3, seed=1)
    trace = network.trace([0.2, 0.9], [0.01, 0.99])
    question = ask(network, trace, 10, rng_for(0, 0, 10))
    answer = reveal(question, network, trace)
    with pytest.raises(ValueError, match="choices"):
        grade(question, answer, "sideways")
    compute = Question("compute", 3, "hidden_outputs", (0,))
    with pytest.raises(ValueError, match="finite number"):
        grade(compute, reveal(compute, network, trace), float("nan"))


@pytest.mark.parametrize("bad", [
    {"kind": "guess", "stage": 2, "quantity": "hidden_inputs"},
    {"kind": "compute", "stage": 1, "quantity": "hidden_inputs"},
    {"kind": "compute", "stage": 2, "quantity": "__class__"},
    {"kind": "compute", "stage": 2, "quantity": "hidden_inputs", "subject": [-1]},
    {"kind": "largest_node", "stage": 2, "quantity": "hidden_inputs", "choices": [[1, 2, 3]]},
    "not a dict",
])
def test_a_malformed_question_dict_is_refused_naming_the_field(bad):
    with pytest.raises(ValueError):
        Question.from_dict(bad)
