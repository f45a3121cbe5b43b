"""The shared messages in Russian: what nn/ refuses or reports, the server's heavy-job limit, the keyboard
shortcuts and presenter mode; each a whole Russian sentence with its numbers written the Russian way,
and each the same English as before."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from nn import NeuralNetwork
from nn.handwriting import UnreadablePicture
from nn.network import BadSetting
from nn.training import EXPLODED_WEIGHT, TrainingRun
from ui import heavy_jobs
from ui.accessibility import shortcuts_caption
from ui.i18n import speaking
from ui.messages import divergence_message, picture_problem, setting_problem

ROOT = Path(__file__).resolve().parents[2]
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
LATIN_WORD = re.compile(r"\b[a-z]{4,}\b")


def refused(**arguments) -> BadSetting:
    positional = {"input_nodes": 784, "hidden_nodes": 10, "output_nodes": 10, "learning_rate": 0.1}
    keywords = {name: arguments.pop(name) for name in ("init", "bias", "seed") if name in arguments}
    with pytest.raises(BadSetting) as caught:
        NeuralNetwork(*{**positional, **arguments}.values(), **keywords)
    return caught.value


@pytest.mark.parametrize("arguments, words", [
    ({"hidden_nodes": 0}, "Для параметра hidden_nodes допустимо целое число от 1 до 2000; получено 0"),
    ({"learning_rate": -2.5},
     "Для параметра learning_rate допустимо конечное число больше 0 и не больше 100; получено -2.5"),
    ({"init": "gaussian"},
     "Для параметра init допустимо одно из значений: normal, uniform, positive; получено 'gaussian'"),
    ({"bias": "yes"}, "Для параметра bias допустимо True или False; получено 'yes'"),
    ({"seed": -1}, "Для параметра seed допустимо целое число не меньше 0 или ничего (None); получено -1"),
], ids=["hidden_nodes", "learning_rate", "init", "bias", "seed"])
def test_a_setting_nn_refuses_is_worded_in_russian_naming_it_by_its_code_word(arguments, words):
    problem = refused(**arguments)
    with speaking("ru"):
        assert setting_problem(problem) == words


def test_a_refused_learning_rate_writes_its_bounds_with_a_decimal_comma():
    problem = BadSetting("learning_rate", 0.0, low=0.5, high=2.5)
    with speaking("ru"):
        assert setting_problem(problem) == ("Для параметра learning_rate допустимо конечное число от 0,5 до 2,5; "
                                            "получено 0.0"), "the value given is shown as it was given"
    assert setting_problem(problem) == "learning_rate must be a finite number from 0.5 to 2.5; got 0.0"


def test_a_blown_up_run_is_explained_in_russian_with_nns_limit():
    run = TrainingRun(NeuralNetwork(2, 2, 1, 0.3, seed=1), np.full((1, 2), 0.5), np.full((1, 1), 0.5))
    run.network.who[0, 0] = 2 * EXPLODED_WEIGHT
    assert run.train(1) == 0
    with speaking("ru"):
        message = divergence_message(run.diverged)
    assert f"какой-то вес превысил {EXPLODED_WEIGHT:g}" in message
    assert "Попробуйте скорость обучения поменьше." in message


def test_every_reason_a_picture_cannot_be_read_has_its_own_russian_words():
    examples = {"not_numbers": {"dtype": "bool"}, "wrong_shape": {"shape": (3,)},
                "too_small": {"height": 2, "width": 3, "min_side": 8}, "out_of_range": {"low": -1.0, "high": 9.0},
                "blank": {"threshold": 40.0}, "vanished": {"side": 28}}
    assert set(examples) == set(UnreadablePicture.REASONS)
    with speaking("ru"):
        words = {reason: picture_problem(UnreadablePicture(reason, **figures)) for reason, figures in examples.items()}
    assert len(set(words.values())) == len(words)
    for reason, text in words.items():
        assert CYRILLIC.search(text) and text[0].islower(), (reason, text)  # a clause after the page's own words
        leftover = set(LATIN_WORD.findall(text)) - {"bool"}
        assert not leftover, (reason, leftover)
    assert "2 × 3" in words["too_small"] and "8 × 8" in words["too_small"]
    assert "28 × 28" in words["vanished"]


def test_the_heavy_job_messages_say_the_servers_figures_in_each_language():
    seconds = 1234.6
    english_before = ("This experiment would take about {seconds:,.0f} s of the server's time; experiments here may "
                      "take at most {limit:,.0f} s, so that a class can share the server. Try fewer values, "
                      "training images or epochs.").format(seconds=seconds, limit=heavy_jobs.MAX_EXPERIMENT_SECONDS)
    assert heavy_jobs.experiment_too_big(seconds) == english_before
    with speaking("ru"):
        too_big = heavy_jobs.experiment_too_big(seconds)
        busy, waits = heavy_jobs.experiment_busy(), heavy_jobs.training_waits()
    assert "около 1\u00a0235 с" in too_big and "не больше 300 с" in too_big
    size = heavy_jobs.SLOTS.size
    assert f"не больше {size}," in busy and f"не больше {size}," in waits
    assert "эксперимент не начался" in busy and "Ваше обучение ждёт" in waits
    assert f"it runs {size} at a time" in heavy_jobs.training_waits()


def test_the_keyboard_shortcuts_are_named_in_russian_with_their_latin_keys():
    with speaking("ru"):
        caption = shortcuts_caption("live_start", "live_step_sample", "live_reset")
    assert caption == ("Клавиши (в любой раскладке): S Пуск или пауза обучения · N Шаг: обучить на 1 образце · "
                       "R Сбросить сеть (когда курсор не в поле ввода).")


def test_presenter_mode_folds_the_step_pages_choices_under_a_russian_label():
    at = AppTest.from_file(str(ROOT / "pages/2_Step_through.py"), default_timeout=90)
    at.query_params["lang"] = "ru"
    at.query_params["presenter"] = "1"
    at.run()
    assert not at.exception
    assert "Сеть, правило и образец" in [expander.label for expander in at.expander]


@pytest.mark.parametrize("most, words", [(21, "не длиннее 21 символа"), (500, "не длиннее 500 символов")])
def test_a_text_too_long_for_its_setting_is_refused_with_the_russian_form_of_its_limit(most, words):
    from ui.settings.setting import Setting, SettingError

    row = Setting("vector", str, "", "Inputs", "Numbers typed in.", max_length=most)
    with speaking("ru"), pytest.raises(SettingError) as caught:
        row.check("1" * (most + 1))
    assert str(caught.value) == f"Параметр vector должен быть текстом {words}; получено '{'1' * (most + 1)}'"
    with pytest.raises(SettingError, match=f"^vector must be text of at most {most} characters; got '1+'$"):
        row.check("1" * (most + 1))
