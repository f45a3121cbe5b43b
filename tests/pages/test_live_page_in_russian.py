"""The live page in Russian (?lang=ru): its words come from the catalogue, its numbers have a decimal comma,
and switching language keeps the session's network and training where they were.

The numbers shown are checked against what nn/ computed in both languages in test_live_page.py
(the tests parametrized over LANGUAGES); here, the words and what only Russian has.
"""

from __future__ import annotations

import base64
import html
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from nn.comparison import SLOWER, compare_runs
from test_live_page import NBSP, click, counters, errors_shown, lab_of, open_page, set_widget, written
from ui.i18n.language import LANGUAGE_SETTINGS
from ui.live.curve import curve_window
from ui.live.predict import MIN_COMPARE_SAMPLES
from ui.live.settings import LIVE_SETTINGS
from ui.session import build_lab

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
LATIN_WORD = re.compile(r"\b[a-z]{3,}\b")


def counter_names(at: AppTest) -> dict[str, str]:
    """Each counter's English name (its data-name) -> the name shown above its value."""
    shown = {}
    for element in at.get("html"):
        for key, name in re.findall(r'data-name="([^"]+)"[^>]*><div[^>]*>([^<]*)</div>', element.proto.body):
            shown[html.unescape(key)] = html.unescape(name)
    return shown


def button_label(at: AppTest, key: str) -> str:
    return at.button(key=key).label


def test_the_page_in_russian_has_its_title_intro_buttons_and_counters_in_russian():
    at = click(open_page(lang="ru"), "live_step_epoch")
    assert at.title[0].value == "Смотреть, как она учится"
    assert any(markdown.value.startswith("Нажмите **Пуск**") for markdown in at.markdown)
    assert [button_label(at, key) for key in ("live_start", "live_reset", "live_step_sample", "live_step_epoch")] \
        == ["Пуск", "Сброс", "+1 образец", "+1 эпоха"]
    assert [header.value for header in at.sidebar.header][-2:] == ["Сеть", "Обучение"]
    names = counter_names(at)
    assert names["Samples seen"] == "Пройдено образцов" and names["Samples / s"] == "Образцов/с"
    assert names["Mean error (all 3 samples)"] == "Средняя ошибка (по всем 3\u00a0образцам)"
    assert counters(at)["Samples / s"] == "пауза"
    for name in names.values():  # no English left among the counters' names
        assert CYRILLIC.search(name) and not LATIN_WORD.search(name), name
    for toggle in list(at.toggle) + list(at.sidebar.toggle):  # the page's and the settings' (bias node)
        assert CYRILLIC.search(toggle.label) and CYRILLIC.search(toggle.help), toggle.label
    for button in list(at.button) + list(at.sidebar.button):
        if button.key and button.key.startswith("live_"):
            assert CYRILLIC.search(button.help), button.key
    assert not errors_shown(at)


def test_start_in_russian_trains_and_the_button_then_says_pause():
    at = click(set_widget(open_page(lang="ru"), "speed", 5), "live_start")
    assert lab_of(at).run.samples_seen == 5
    assert button_label(at, "live_start") == "Пауза"
    speed = counters(at)["Samples / s"]
    assert speed.replace(NBSP, "").isdigit(), speed  # a count, grouped the Russian way when large
    click(at, "live_start")
    assert not lab_of(at).running and button_label(at, "live_start") == "Пуск"


def test_the_learning_rate_is_written_with_a_decimal_comma_in_russian_and_keeps_its_value():
    at = open_page(lang="ru")
    slider = at.select_slider(key="live_learning_rate")
    assert {"0,01", "0,1", "0,3", "0,6"} <= set(slider.options)
    assert slider.value == 0.3  # the value itself is the number, whatever the language
    english = open_page(lang="en").select_slider(key="live_learning_rate")
    assert {"0.01", "0.1", "0.3", "0.6"} <= set(english.options)


def test_switching_to_russian_keeps_the_network_and_its_training():
    at = click(click(open_page(lang="en"), "live_step_epoch"), "live_step_sample")
    lab = lab_of(at)
    seen, weights = lab.run.samples_seen, lab.network.wih.copy()
    at.sidebar.radio(key=LANGUAGE_SETTINGS.key("lang")).set_value("ru").run()
    assert not at.exception
    assert lab_of(at) is lab and lab.run.samples_seen == seen
    np.testing.assert_array_equal(lab.network.wih, weights)
    assert at.title[0].value == "Смотреть, как она учится"
    assert counters(at)["Samples seen"] == str(seen)


def test_the_history_limit_is_said_in_russian(monkeypatch):
    import ui.live.training

    monkeypatch.setattr(ui.live.training, "MAX_LIVE_SAMPLES", 12)
    at = click(set_widget(open_page(lang="ru"), "speed", 5), "live_start")
    at.run()
    at.run()
    assert not lab_of(at).running and lab_of(at).run.samples_seen == 12
    [message] = [box.value for box in at.info if "Сброс" in box.value]
    assert message.startswith("Сеть обучилась уже на 12 образцах")


def curve_svg(at: AppTest) -> str:
    for element in at.get("html"):
        if 'class="error-curve"' in element.proto.body:
            curve = r'class="error-curve" src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)'  # the pictures share the element
            return base64.b64decode(re.search(curve, element.proto.body).group(1)).decode()
    raise AssertionError("no error curve")


def test_predict_a_change_in_russian_asks_and_answers_with_the_measured_means_in_decimal_commas():
    at = open_page(lang="ru")
    at.sidebar.toggle(key="live_predict_changes").set_value(True).run()
    at.select_slider(key="live_learning_rate").set_value(0.01).run()
    assert not at.exception
    question = next(m.value for m in at.markdown if m.value.startswith("**Сначала прогноз.**"))
    assert "«скорость обучения: 0,3» на «скорость обучения: 0,01»" in question
    assert f"на {MIN_COMPARE_SAMPLES} образцах" in question
    at.radio(key="live_change_prediction").set_value(SLOWER)
    click(at, "live_change_commit")

    old = LIVE_SETTINGS.defaults()
    runs = []
    for rate in (0.3, 0.01):
        lab = build_lab({**old, "learning_rate": rate})
        lab.run.train(MIN_COMPARE_SAMPLES)
        runs.append(lab.run)
    window = curve_window(runs[0].epoch_size)
    truth = compare_runs(runs[0].errors, runs[1].errors, MIN_COMPARE_SAMPLES, window).outcome
    verdicts = [e.value for e in at.success] + [e.value for e in at.error]
    [verdict] = [v for v in verdicts if "вы предсказали" in v]
    assert verdict.startswith("Верно:" if truth == SLOWER else "На этот раз нет:")
    for errors in (runs[0].errors, runs[1].errors):
        assert f"{np.mean(errors[-window:]):.4g}".replace(".", ",") in verdict
    assert "Значит, новая сеть училась медленнее." in verdict
    assert "скорость обучения: 0,3</text>" in curve_svg(at)  # the earlier run's label, in Russian


def test_a_bad_setting_is_refused_in_russian_and_the_network_kept():
    at = open_page(lang="ru")
    network = lab_of(at).network
    set_widget(at, "hidden_nodes", 0)
    [message] = errors_shown(at)
    assert message.endswith("Сеть оставлена без изменений.") and "hidden_nodes" in message
    assert lab_of(at).network is network


@pytest.mark.parametrize("language", ("en", "ru"))
def test_the_stop_counters_read_the_same_numbers_in_both_languages(language):
    """The number of samples a Step trains is the same in both languages, only written differently."""
    at = click(open_page(lang=language, dataset="xor"), "live_step_epoch")
    run = lab_of(at).run
    assert counters(at)["Last sample's error"] == written(run.errors[-1], 4, language)


def english_in_the_main_area(at: AppTest) -> list[str]:
    """The walker's finds (tests/i18n/untranslated.py) in the page's own area: the sidebar's settings and
    saved work are other parts' words, walked on their own; a node's name ("A xor B") is a name."""
    from tests.i18n.untranslated import untranslated

    names = set(lab_of(at).teaching_set.output_labels) | set(lab_of(at).teaching_set.input_labels)
    return [found.line() for found in untranslated(at) if found.where.startswith("main")
            and not all(any(word in name.split() for name in names) for word in found.words)]


def test_no_english_is_left_in_the_pages_own_words_in_its_many_states(monkeypatch):
    import ui.live.training

    at = click(open_page(lang="ru", dataset="xor"), "live_step_epoch")  # the table of every sample, the surface
    at.toggle(key="live_show_change").set_value(True).run()
    at.toggle(key="live_as_numbers").set_value(True).run()
    assert english_in_the_main_area(at) == []

    at = open_page(lang="ru", dataset="5x5-digits", hidden_nodes="8", seed="1")  # pictures as inputs; stalled
    lab = lab_of(at)
    lab.run.train(1500)
    lab.network.learning_rate = 30
    lab.run.train(2000)
    at.run()
    assert any("застряло" in warning.value for warning in at.warning)
    assert english_in_the_main_area(at) == []

    at = click(open_page(lang="ru"), "live_step_epoch")  # a change to predict, then its verdict
    at.sidebar.toggle(key="live_predict_changes").set_value(True).run()
    at.select_slider(key="live_learning_rate").set_value(0.01).run()
    assert english_in_the_main_area(at) == []
    at.radio(key="live_change_prediction").set_value(SLOWER)
    click(at, "live_change_commit")
    assert english_in_the_main_area(at) == []

    at = click(set_widget(open_page(lang="ru", dataset="MNIST"), "hidden_nodes", 10), "live_step_sample")
    assert english_in_the_main_area(at) == []

    monkeypatch.setattr(ui.live.training, "MAX_LIVE_SAMPLES", 12)
    at = click(set_widget(open_page(lang="ru"), "speed", 5), "live_start")
    at.run()
    at.run()
    assert english_in_the_main_area(at) == []


def test_the_bias_node_is_named_in_russian_in_the_weight_tables():
    at = open_page(lang="ru", bias="true")
    at.toggle(key="live_as_numbers").set_value(True).run()
    assert not at.exception
    headers = [str(column) for frame in at.dataframe for column in frame.value.columns]
    rows = [str(row) for frame in at.dataframe for row in frame.value.index]
    assert "смещение" in headers + rows
    assert "bias" not in headers + rows
