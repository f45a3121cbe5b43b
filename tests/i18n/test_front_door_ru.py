"""The front door and the shared pieces in Russian: title, intro, the network's caption with its numbers
written the Russian way, the path's links, the sidebar's settings, and a bad link value refused in Russian."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import message_text
from nn.teaching_sets import TEACHING_SETS
from ui.datasets import MNIST, SHOWN_NAMES, dataset_name
from ui.i18n import _, numbers, speaking
from ui.next_page import CLASSROOM, START_HERE
from ui.session import build_lab
from ui.settings.display import DISPLAY_SETTINGS
from ui.settings.network import CHOICE_NAMES, LAB_SETTINGS
from ui.settings.url import link_problem

ROOT = Path(__file__).resolve().parents[2]
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def opened(page: str = "dashboard.py", *, link: dict | None = None, lab=None) -> AppTest:
    at = AppTest.from_file(str(ROOT / page), default_timeout=90)
    at.query_params["lang"] = "ru"
    for name, value in (link or {}).items():
        at.query_params[name] = value
    if lab is not None:
        at.session_state["lab"] = lab
    at.run()
    assert not at.exception
    return at


def russian(message: str) -> str:
    with speaking("ru"):
        return _(message)


def test_the_front_door_in_russian_has_its_title_and_intro_in_russian():
    at = opened()
    assert at.title[0].value == russian("See a neural network learn") == "Смотрите, как учится нейронная сеть"
    intro = at.markdown[0].value
    assert "«Создаём нейронную сеть»" in intro and "обратного распространения ошибки" in intro
    assert "`wih`, `who`" in intro, "the book's code names stay as they are"
    assert [e.label for e in at.expander][:2] == ["Схема словами: все её веса списком",
                                                   "Код: как сеть отвечает (NeuralNetwork.query)"]
    assert [s.value for s in at.subheader] == ["Сеть этого сеанса", "Идите по порядку"]


def test_the_networks_caption_writes_its_numbers_the_russian_way():
    lab = build_lab({**LAB_SETTINGS.defaults(), "dataset": "XOR", "learning_rate": 0.05, "hidden_nodes": 12})
    lab.run.train(1234)
    at = opened(lab=lab)
    caption = message_text(at.caption[0])
    seen = at.session_state["lab"].run.samples_seen
    assert seen == 1234
    with speaking("ru"):
        assert numbers.integer(seen) == "1\u00a0234"
    assert "Входных узлов — 2, скрытых — 12, выходных — 1" in caption
    assert "на наборе **XOR**" in caption
    assert "скорость обучения 0,05, зерно 1" in caption, "a decimal comma; the seed as it is typed"
    assert "пройдено 1\u00a0234 обучающих образца" in caption, "1 234 is grouped by a space and takes 'образца'"
    assert "1,234" not in caption and "0.05" not in caption


@pytest.mark.parametrize("samples, words", [(1, "пройден 1 обучающий образец"), (3, "пройдено 3 обучающих образца"),
                                            (11, "пройдено 11 обучающих образцов"),
                                            (21, "пройден 21 обучающий образец")])
def test_the_count_of_samples_trained_takes_russians_three_forms(samples, words):
    lab = build_lab(LAB_SETTINGS.defaults())
    lab.run.train(samples)
    at = opened(lab=lab)
    assert words in message_text(at.caption[0])


def test_the_caption_names_the_data_set_in_russian_and_keeps_its_value():
    lab = build_lab({**LAB_SETTINGS.defaults(), "dataset": "3x3 lines"})
    at = opened(lab=lab)
    assert "на наборе **Линии 3×3**" in message_text(at.caption[0])
    assert at.session_state["lab"].dataset == "3x3 lines", "the option value is the English name"


def test_start_here_links_and_says_each_step_in_russian():
    at = opened()
    links = at.main.get("page_link")
    steps = (*START_HERE, CLASSROOM)
    assert [link.proto.label for link in links] == [russian(step.label) for step in steps]
    assert [link.proto.label for link in links][:2] == ["1. Пример из книги", "2. Смотреть, как она учится"]
    assert [link.proto.help for link in links] == [russian(step.teaches) for step in steps]
    captions = [message_text(c) for c in at.caption[1:]]
    assert captions == [russian(step.teaches) for step in steps]
    assert all(CYRILLIC.search(text) for text in captions)
    assert "hidden_inputs 1,16; 0,42; 0,62" in captions[0], "the book's numbers with decimal commas"
    assert "dataset=worked-example" in links[0].proto.query_string, "the link's words stay the URL's"


def test_the_sidebars_colour_setting_is_in_russian_with_its_values_kept():
    at = opened()
    palette = at.sidebar.radio(key=DISPLAY_SETTINGS.key("palette"))
    assert palette.label == "Цвета весов"
    assert CYRILLIC.search(palette.help)
    assert palette.value == DISPLAY_SETTINGS["palette"].default


def test_a_bad_value_in_the_front_doors_link_is_refused_in_russian_naming_the_setting_and_what_it_allows():
    at = opened(link={"palette": "purple"})
    [warning] = [message_text(w) for w in at.warning]
    assert warning == ("Ссылка задаёт недопустимое значение, оно пропущено. Параметр palette принимает одно из "
                       "значений: red-blue, orange-blue; получено 'purple'.")
    assert at.sidebar.radio(key=DISPLAY_SETTINGS.key("palette")).value == "red-blue", "nothing changed"


@pytest.mark.parametrize("name, value, words", [
    ("hidden_nodes", "0", "Параметр hidden_nodes должен быть целым числом от 1 до 200; получено '0'"),
    ("learning_rate", "500", "Параметр learning_rate должен быть числом от 0,001 до 100; получено '500'"),
    ("bias", "maybe", "Параметр bias принимает только «да» или «нет» (true/false); получено 'maybe'"),
    # the words a link takes, not the data sets' English names ("3-3-3: the book's first network")
    ("dataset", "cifar", "Параметр dataset принимает одно из значений: 3-3-3, xor, 3x3-lines, 5x5-digits, "
                         "worked-example, mnist; получено 'cifar'"),
])
def test_a_bad_value_in_a_lesson_link_is_refused_in_russian_with_its_allowed_range(name, value, words):
    at = opened("pages/1_Watch_it_learn.py", link={name: value})
    shown = [message_text(e) for e in at.error]
    assert f"Ссылка задаёт недопустимое значение, оно пропущено. {words}." in shown, shown
    assert at.session_state["lab"].settings[name] == LAB_SETTINGS[name].default, "the bad value was not applied"


def test_a_refused_value_reads_the_same_in_english_as_before():
    """English is the source: the whole sentences in English are exactly the old glued ones."""
    rows = LAB_SETTINGS
    assert rows["hidden_nodes"].refusal("0") == "hidden_nodes must be a whole number from 1 to 200; got '0'"
    assert rows["seed"].refusal("-1") == "seed must be a whole number from 0 to 4294967295; got '-1'"
    assert rows["learning_rate"].refusal("x") == "learning_rate must be a number from 0.001 to 100; got 'x'"
    assert rows["bias"].refusal("maybe") == "bias must be on or off (true/false); got 'maybe'"
    assert rows["init"].refusal("zero") == "init must be one of normal, uniform, positive; got 'zero'"
    assert link_problem("x") == "The link asks for something not allowed, so it was ignored: x."


def test_what_a_setting_allows_is_said_in_russian_with_russian_numbers():
    with speaking("ru"):
        assert LAB_SETTINGS["learning_rate"].allowed() == "число от 0,001 до 100"
        assert LAB_SETTINGS["hidden_nodes"].allowed() == "целое число от 1 до 200"
        assert "от 0 до 4\u00a0294\u00a0967\u00a0295" in LAB_SETTINGS["seed"].help_text
        assert "(от 1 до 200)" in LAB_SETTINGS["hidden_nodes"].help_text


def test_every_lab_setting_has_its_label_and_help_in_russian():
    with speaking("ru"):
        for row in LAB_SETTINGS.values():
            assert CYRILLIC.search(_(row.label)) and CYRILLIC.search(row.help_text), row.name
            assert "{range}" not in row.help_text, row.name


def test_every_data_set_and_every_word_choice_has_a_name_on_screen_in_the_catalogue():
    assert set(SHOWN_NAMES) == {*TEACHING_SETS, MNIST}, "a new data set needs its N_ mark in ui/datasets.py"
    word_choices = {choice for row in LAB_SETTINGS.values() if row.name != "dataset" for choice in row.choices
                    if isinstance(choice, str)}
    assert set(CHOICE_NAMES) == word_choices, "a new choice needs its N_ mark in ui/settings/network.py"
    with speaking("ru"):
        assert dataset_name("3x3 lines") == "Линии 3×3"
        assert all(CYRILLIC.search(_(choice)) for choice in CHOICE_NAMES)


def test_the_path_and_the_menu_name_the_live_pages_start_button_as_it_is_labelled():
    from ui.menu import PAGES

    live_menu_help = next(teaches for path, _label, _icon, teaches in PAGES if "Watch_it_learn" in path)
    with speaking("ru"):
        start = f"«{_('Start')}»"
        assert start != "«Start»"
        assert start in _(START_HERE[1].teaches) and start in _(live_menu_help)
