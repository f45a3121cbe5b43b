"""Lessons: every link parses back to the settings it encodes, and each lesson's claim holds in nn/."""

from __future__ import annotations

import numpy as np
import pytest

from nn import NeuralNetwork
from nn.training import TrainingRun
from urllib.parse import parse_qsl, urlsplit

from scipy.special import expit as sigmoid

from ui.datasets import MNIST
from ui.live.settings import LIVE_SETTINGS
from ui.classroom.lessons import LESSON_PARAM, LESSONS, LESSONS_BY_SLUG, link, link_params, read_link
from ui.datasets import live_dataset, mnist_test_set, labels_of


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.slug)
@pytest.mark.parametrize("presenter", [False, True])
def test_a_lesson_link_parses_back_to_its_settings_and_controls(lesson, presenter):
    address = link(lesson.params(presenter=presenter), "http://127.0.0.1:8501/Classroom")
    assert address.startswith("http://127.0.0.1:8501/Watch_it_learn?")
    contents = read_link(address)
    assert contents.problems == []
    assert contents.values == lesson.values
    assert set(contents.values) == set(LIVE_SETTINGS)  # every setting spelled out
    assert contents.hidden == set(lesson.hide) and contents.locked == set(lesson.lock)
    assert contents.presenter is presenter
    # the learner can move exactly the controls the lesson is about
    assert set(LIVE_SETTINGS) - contents.hidden - contents.locked == set(lesson.show)


def test_the_lessons_the_classroom_asked_for_are_there():
    titles = [lesson.title.lower() for lesson in LESSONS]
    for words in ("learning rate", "between 0 and 1", "bias node", "xor need", "book's rule", "mnist in one epoch"):
        assert any(words in title for title in titles), words


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.slug)
def test_every_lesson_has_a_goal_timed_steps_questions_and_teacher_notes(lesson):
    assert lesson.goal and lesson.notes and len(lesson.questions) >= 2
    assert len(lesson.steps) >= 3 and all(minutes > 0 and step for minutes, step in lesson.steps)
    assert 5 <= lesson.minutes <= 20
    assert read_link(link(lesson.params())).values == lesson.values
    assert dict(parse_qsl(urlsplit(link(lesson.params())).query))[LESSON_PARAM] == lesson.slug


#: Words that say what a lesson's run will show; they belong in the teacher's notes, not on the students' card.
RESULT_WORDS = ("stuck", "saturat", "pinned", "flat", "below", "passes", "never", "stays", "falls", "learns all",
                "same answer", "%")


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.slug)
def test_the_students_card_does_not_give_the_result_away(lesson):
    card = (lesson.task + " " + " ".join(lesson.questions)).lower()
    assert [word for word in RESULT_WORDS if word in card] == []
    assert any(word in lesson.notes.lower() for word in RESULT_WORDS)  # the result is in the notes


def test_a_link_without_the_app_address_is_relative_to_the_app():
    assert link({"seed": "4"}) == "/Watch_it_learn?seed=4"


def test_a_built_link_keeps_only_real_settings_in_hide_and_lock():
    params = link_params(LIVE_SETTINGS.defaults(), hide=["init", "wih_secret"], lock=["seed", "<b>"])
    contents = read_link(link(params))
    assert contents.hidden == {"init"} and contents.locked == {"seed"}
    assert contents.values == LIVE_SETTINGS.defaults()


def test_a_tampered_link_names_each_bad_setting():
    contents = read_link("/Watch_it_learn?hidden_nodes=0&learning_rate=nan&seed=3")
    assert contents.values == {"seed": 3}
    assert any(problem.startswith("hidden_nodes must be") for problem in contents.problems)
    assert any(problem.startswith("learning_rate must be") for problem in contents.problems)


# -- each lesson's notes say what its settings do: every claim measured ---------------------------------


def lesson_network(slug: str, **changes) -> tuple[NeuralNetwork, object]:
    values = {**LESSONS_BY_SLUG[slug].values, **changes}
    data = live_dataset(values["dataset"])
    network = NeuralNetwork(
        data.input_nodes, values["hidden_nodes"], data.output_nodes, values["learning_rate"],
        init=values["init"], bias=values["bias"], rule=values["rule"], seed=values["seed"],
    )
    return network, data


def lesson_run(slug: str, samples: int, **changes) -> TrainingRun:
    network, data = lesson_network(slug, **changes)
    run = TrainingRun(network, data.inputs, data.targets)
    run.train(samples)
    return run


def final_error(run: TrainingRun) -> float:
    """The mean error over the last whole epoch(s): every sample counted once."""
    return float(run.running_mean(run.epoch_size * max(1, 20 // run.epoch_size))[-1])


def hidden_outputs(network: NeuralNetwork, inputs) -> np.ndarray:
    return sigmoid(network._with_bias(np.asarray(inputs)) @ network.wih.T)


def test_learning_rate_lesson_creeps_at_0_01_learns_at_0_3_and_saturates_at_30():
    run = lesson_run("learning-rate", 2000)
    assert final_error(run) > 0.2                       # "still above 0.2 after 2,000 samples"
    run.network.learning_rate = 0.3
    run.train(1000)
    assert final_error(run) < 0.02                      # "falls below 0.02 within 1,000 more"
    run.network.learning_rate = 30
    run.train(2000)
    assert run.diverged is None
    hidden = hidden_outputs(run.network, run.inputs)
    assert np.all((hidden < 0.01) | (hidden > 0.99))    # every hidden sigmoid pinned, for every digit
    answers = run.network.query(run.inputs)
    assert np.ptp(answers, axis=0).max() < 1e-3         # the same answer for every digit
    last = np.asarray(run.errors[-500:])
    assert 0.4 < last.mean() < 0.55                     # "flat near 0.48"
    epoch_means = last.reshape(-1, run.epoch_size).mean(axis=1)
    assert np.ptp(epoch_means) < 0.05                   # flat: it does not jump about


def test_positive_init_lesson_pins_every_hidden_node_and_reads_few_digits_normal_reads_most():
    epoch = len(live_dataset(MNIST).inputs)
    positive = lesson_run("positive-init", epoch)
    test = mnist_test_set()
    assert np.all(hidden_outputs(positive.network, test.inputs) > 0.99)
    assert mnist_accuracy(positive) < 0.2
    assert mnist_accuracy(lesson_run("positive-init", epoch, init="normal")) > 0.85


def test_bias_lesson_without_bias_digit_3_stays_low_with_bias_every_digit_passes_0_7():
    without, with_bias = (lesson_run("bias-node", 3000, bias=b) for b in (False, True))
    right = labels_of(live_dataset("5x5 digits"))
    low = without.network.query(without.inputs)[np.arange(5), right]
    assert np.argmin(low) == 3 and 0.15 < low[3] < 0.35   # "digit 3: about 0.24"
    assert 0.06 < final_error(without) < 0.11               # "about 0.085"
    assert np.all(with_bias.network.query(with_bias.inputs)[np.arange(5), right] > 0.7)
    assert final_error(with_bias) < final_error(without) / 3 and final_error(with_bias) < 0.03


def corners_right(run: TrainingRun, within: float = 0.5) -> int:
    """How many XOR corners the network answers within ``within`` of their target."""
    outputs = run.network.query(run.inputs)[:, 0]
    return int(np.sum(np.abs(outputs - run.targets[:, 0]) < within))


@pytest.mark.parametrize("seed", range(5))
def test_xor_lesson_one_hidden_node_never_gets_all_four_corners(seed):
    run = lesson_run("xor-hidden-layer", 40_000, seed=seed)
    assert corners_right(run) < 4


def test_xor_lesson_two_hidden_nodes_stick_at_seed_1_learn_at_seed_3_and_three_learn_in_4000_samples():
    stuck = lesson_run("xor-hidden-layer", 40_000, hidden_nodes=2)
    outputs = stuck.network.query(stuck.inputs)[:, 0]
    assert np.sum(np.abs(outputs - 0.49) < 0.02) == 2     # two corners near 0.49
    assert corners_right(lesson_run("xor-hidden-layer", 4000, hidden_nodes=2, seed=3), within=0.2) == 4
    assert corners_right(lesson_run("xor-hidden-layer", 4000, hidden_nodes=3), within=0.2) == 4


def test_rule_lesson_the_books_rule_leaves_a_corner_at_0_50_and_the_gradient_learns_all_four():
    book = lesson_run("book-rule-or-gradient", 40_000)
    outputs = book.network.query(book.inputs)[:, 0]
    assert abs(outputs[1] - 0.5) < 0.02                   # input A off, input B on: stuck at 0.50
    assert book.inputs[1, 0] < 0.5 < book.inputs[1, 1]
    assert corners_right(book, within=0.1) == 3
    assert corners_right(lesson_run("book-rule-or-gradient", 20_000, rule="gradient"), within=0.2) == 4


def test_rule_lesson_at_seed_0_both_rules_leave_a_corner_at_0_50():
    for rule in ("book", "gradient"):
        run = lesson_run("book-rule-or-gradient", 20_000, rule=rule, seed=0)
        assert np.any(np.abs(run.network.query(run.inputs)[:, 0] - 0.5) < 0.02), rule


def mnist_accuracy(run: TrainingRun) -> float:
    test = mnist_test_set()
    return float(np.mean(np.argmax(run.network.query(test.inputs), axis=1) == labels_of(test)))


def test_mnist_lesson_one_epoch_reads_more_than_85_percent():
    epoch = len(live_dataset(MNIST).inputs)
    assert mnist_accuracy(lesson_run("mnist-one-epoch", epoch)) > 0.85
