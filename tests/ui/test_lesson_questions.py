"""A ready lesson's question for a class room: its answer is what nn.comparison.compare_runs says of two runs
trained here, from the lesson's seed, independently of the page's code; what the room keeps is small JSON."""

from __future__ import annotations

import json

import pytest

from nn import NeuralNetwork, comparison
from nn.training import TrainingRun
from ui.classroom import lesson_questions
from ui.classroom.lessons import LESSONS, LESSONS_BY_SLUG
from ui.classroom.rooms.base import MAX_VALUE_BYTES, checked_json
from ui.classroom.shown_question import shown
from ui.datasets import MNIST, live_dataset
from ui.i18n import speaking
from ui.live.written import significant


def trained_errors(values: dict, samples: int) -> tuple[list, bool]:
    """A run of these settings, built and trained here as the book's network (not through ui.session)."""
    data = live_dataset(values["dataset"])
    network = NeuralNetwork(data.input_nodes, values["hidden_nodes"], data.output_nodes, values["learning_rate"],
                            init=values["init"], bias=values["bias"], rule=values["rule"], seed=values["seed"])
    run = TrainingRun(network, data.inputs, data.targets)
    run.train(samples)
    return run.errors, run.diverged is not None


def oracle(lesson) -> comparison.RunComparison:
    """compare_runs on the lesson's network and the changed one, over the live chart's window."""
    before = lesson.values
    after = {**before, **lesson.question.change}
    samples = lesson.question.samples
    before_errors, before_diverged = trained_errors(before, samples)
    after_errors, after_diverged = trained_errors(after, samples)
    window = 100 if before["dataset"] == MNIST else 20  # the live chart's: 100 digits, or whole epochs of ~20
    return comparison.compare_runs(before_errors, after_errors, samples, window,
                                   before_diverged=before_diverged, after_diverged=after_diverged)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.slug)
def test_every_lesson_asks_about_a_control_its_learners_may_move_with_bounded_training(lesson):
    question = lesson_questions.make_question(lesson)
    asked = lesson_questions.read_question(json.loads(json.dumps(question)))  # as the store gives it back
    assert asked.before == lesson.values
    assert asked.changed and set(asked.changed) <= set(lesson.show)
    assert 1 <= asked.samples <= lesson_questions.max_samples(lesson.values)
    assert len(checked_json(question).encode()) < MAX_VALUE_BYTES // 16


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.slug)
def test_a_lesson_questions_answer_is_what_compare_runs_says_of_two_runs_trained_from_its_seed(lesson):
    reveal = lesson_questions.true_answer(lesson_questions.make_question(lesson))
    expected = oracle(lesson)
    assert reveal["correct"] == str(comparison.OUTCOMES.index(expected.outcome))
    assert lesson_questions.comparison_of(json.loads(checked_json(reveal))) == expected  # kept as JSON, exactly
    assert len(checked_json(reveal).encode()) < 1024


def test_the_reveal_sentence_gives_both_running_means_as_measured_in_either_language():
    lesson = LESSONS_BY_SLUG["bias-node"]
    question = lesson_questions.make_question(lesson)
    reveal = lesson_questions.true_answer(question)
    result = lesson_questions.comparison_of(reveal)
    with speaking("en"):
        sentence = shown(question).explanation(reveal)
        assert sentence.startswith(f"Measured from seed {lesson.values['seed']} after 3,000 samples: the running "
                                   f"mean error (last 20 samples) was {significant(result.mean_before, 4)} with "
                                   f"bias node off and {significant(result.mean_after, 4)} with bias node on.")
    with speaking("ru"):
        sentence = shown(question).explanation(reveal)
        assert significant(result.mean_before, 4) in sentence and significant(result.mean_after, 4) in sentence
        assert "," in significant(result.mean_before, 4) and "Измерено" in sentence


def test_a_question_asked_again_is_answered_without_training_again(monkeypatch):
    lesson = LESSONS_BY_SLUG["learning-rate"]
    question = lesson_questions.make_question(lesson)
    first = lesson_questions.true_answer(question)
    assert lesson_questions.measured(lesson_questions.read_question(question)) is not None

    def no_training(values):
        raise AssertionError("trained again")

    monkeypatch.setattr(lesson_questions, "build_lab", no_training)
    assert lesson_questions.true_answer(question) == first


@pytest.mark.parametrize("broken, field", [
    ({"samples": 10 ** 6}, "samples"),
    ({"samples": "2000"}, "samples"),
    ({"change": {"wih": 1}}, "change"),
    ({"change": {}}, "change"),
    ({"change": {"learning_rate": 0.01}}, "change"),  # the lesson's own value: nothing changes
    ({"change": {"learning_rate": float("nan")}}, "learning_rate"),
    ({"kind": "step"}, "kind"),
])
def test_a_malformed_lesson_question_is_refused_naming_the_field(broken, field):
    question = {**lesson_questions.make_question(LESSONS_BY_SLUG["learning-rate"]), **broken}
    with pytest.raises(ValueError, match=field):
        lesson_questions.read_question(question)

