"""Lessons: every link parses back to the settings it encodes, and each lesson's claim holds in nn/."""

from __future__ import annotations

import numpy as np
import pytest

from nn import NeuralNetwork
from nn.training import TrainingRun
from ui.datasets import MNIST
from ui.live.settings import LIVE_SETTINGS
from ui.classroom.lessons import LESSONS, LESSONS_BY_SLUG, link, link_params, read_link
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


def test_the_five_lessons_the_classroom_asked_for_are_there():
    titles = [lesson.title.lower() for lesson in LESSONS]
    for words in ("learning rate", "first init", "bias node", "xor needs a hidden layer", "mnist in one epoch"):
        assert any(words in title for title in titles), words
    assert all(lesson.text.count(". ") + lesson.text.count("; ") >= 1 for lesson in LESSONS)


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


# -- each lesson shows what its two sentences promise ---------------------------------------


def lesson_run(slug: str, samples: int, **changes) -> TrainingRun:
    values = {**LESSONS_BY_SLUG[slug].values, **changes}
    data = live_dataset(values["dataset"])
    network = NeuralNetwork(
        data.input_nodes, values["hidden_nodes"], data.output_nodes, values["learning_rate"],
        init=values["init"], bias=values["bias"], rule=values["rule"], seed=values["seed"],
    )
    run = TrainingRun(network, data.inputs, data.targets)
    run.train(samples)
    return run


def final_error(run: TrainingRun) -> float:
    return float(run.running_mean(run.epoch_size)[-1])


def test_learning_rate_lesson_slow_at_first_fast_at_0_3_and_useless_at_30():
    slow, good, wild = (final_error(lesson_run("learning-rate", 2000, learning_rate=lr)) for lr in (0.01, 0.3, 30))
    assert good < slow / 10 and good < wild / 10


def test_bias_lesson_three_hidden_nodes_do_several_times_better_with_a_bias_node():
    without, with_bias = (final_error(lesson_run("bias-node", 3000, bias=b)) for b in (False, True))
    assert with_bias < without / 3


def test_xor_lesson_stalls_with_one_hidden_node_and_learns_with_three():
    one = final_error(lesson_run("xor-hidden-layer", 8000))
    three = final_error(lesson_run("xor-hidden-layer", 8000, hidden_nodes=3))
    assert one > 0.05 and three < 0.01


def mnist_accuracy(run: TrainingRun) -> float:
    test = mnist_test_set()
    return float(np.mean(np.argmax(run.network.query(test.inputs), axis=1) == labels_of(test)))


def test_mnist_lessons_one_epoch_reads_nearly_nine_in_ten_but_not_with_the_first_init():
    epoch = len(live_dataset(MNIST).inputs)
    assert mnist_accuracy(lesson_run("mnist-one-epoch", epoch)) > 0.85
    assert mnist_accuracy(lesson_run("first-init", epoch)) < 0.2
