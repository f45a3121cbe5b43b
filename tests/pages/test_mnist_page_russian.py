"""The MNIST workshop in Russian: every tab speaks it, numbers are written its way, and nothing the
workshop's catalogue translates is left on the page in English.

The tests that read numbers back against nn/ run in both languages in test_mnist_page.py and
test_mnist_predict.py; these are what only Russian has (three plural forms, the decimal comma, the
tabs' names changing while their identities stay).
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from google.protobuf import text_format
from streamlit.testing.v1 import AppTest

from conftest import message_text, url
from nn.data import load_mnist
from nn.scoring import accuracy
from test_mnist_page import PAGE, fresh_page, integer, lab, open_tab, percent, png_bytes, train_small
from ui.i18n import ngettext, speaking
from ui.i18n.catalogues import read
from ui.i18n.language import LANGUAGE_SETTINGS
from ui.mnist.settings import MNIST_TABS
from ui.mnist.state import PEEK_TEST_IMAGES

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"%?\{[^{}]*\}")


def english_phrases() -> set[str]:
    """Every stretch of English of at least three words between the placeholders of the workshop's
    catalogue: none of them may be on the page in Russian."""
    phrases = set()
    for message in read("mnist", "ru"):
        for source in ([message.id] if isinstance(message.id, str) else message.id):
            for piece in _PLACEHOLDER.split(source or ""):
                piece = piece.strip(" .,:;()·")
                if len(piece.split()) >= 3:
                    phrases.add(piece)
    return phrases


def page_text(at: AppTest) -> str:
    """Everything the main area holds (labels, values, help texts, captions, alt texts), Markdown escapes undone."""
    texts = []

    def walk(node):
        for child in getattr(node, "children", {}).values():
            walk(child)
        proto = getattr(node, "proto", None)
        if proto is not None:
            texts.append(text_format.MessageToString(proto, as_utf8=True).replace("\\n", " "))

    walk(at.main)
    return re.sub(r"\\(.)", r"\1", "\n".join(texts)).replace("\u2060", "")


def open_russian(tab: str = "Train") -> AppTest:
    at = fresh_page("ru")
    if tab != "Train":
        open_tab(at, tab)
    return at


@pytest.mark.parametrize("tab", MNIST_TABS)
def test_every_tab_opens_in_russian_with_no_english_from_the_workshops_catalogue(tab):
    at = open_russian(tab)
    assert at.title[0].value == "Мастерская MNIST"
    assert [t.label for t in at.tabs] == ["Обучение", "Проверка", "Предскажите", "Ваш почерк", "Что она выучила", "Эксперименты"]
    text = page_text(at)
    left = sorted(phrase for phrase in english_phrases() if phrase in text)
    assert left == [], f"English left on the {tab} tab"
    for element in (*at.main.subheader, *at.main.button, *at.main.metric):  # the sidebar is not the workshop's
        label = getattr(element, "label", None) or element.value
        assert CYRILLIC.search(label), label


def test_the_english_check_would_catch_an_untranslated_sentence():
    at = fresh_page("en")
    intro = next(phrase for phrase in english_phrases() if phrase.startswith("Do what the book's second"))
    assert intro in page_text(at)
    assert "Dark = high: white is an input of 0.01, black an input of 1.00 (ink), as the book draws digits" in page_text(at)
    assert any("Train a new network" in line for line in workshop_english(at)), "the walker finds the form's button"


def test_numbers_on_the_train_tab_are_written_the_russian_way():
    at = open_russian()
    train_small(at, images=1_000, hidden_nodes=8)
    [progress] = at.get("progress")
    assert progress.proto.text == f"{integer(1_000, 'ru')} из {integer(1_000, 'ru')} образцов (эпоха 1 из 1)"
    images, labels = load_mnist("test", PEEK_TEST_IMAGES)
    shown = accuracy(lab(at).network, images, labels)
    assert at.metric[0].label == "точность на первых 2\u00a0000 тестовых изображений"
    assert at.metric[0].value == percent(shown, "ru") and "," in at.metric[0].value
    assert "после 1\u00a0000 обучающих образцов" in at.metric[0].help


def test_a_counted_word_takes_each_of_russians_three_forms():
    message = ("{n} mistake, {per_page} to a page, in test-set order.",
               "{n} mistakes, {per_page} to a page, in test-set order.")
    with speaking("ru"):
        forms = {n: ngettext(*message, n).split()[1] for n in (1, 3, 5, 11, 21, 22, 111)}
    assert forms == {1: "ошибка,", 3: "ошибки,", 5: "ошибок,", 11: "ошибок,", 21: "ошибка,", 22: "ошибки,",
                     111: "ошибок,"}


def test_switching_language_keeps_the_open_tab_and_the_links_word_for_it():
    at = fresh_page("en")
    open_tab(at, "Experiments")
    assert url(at).get("tab") == "experiments"
    at.radio(key="language_lang").set_value("ru").run()
    assert not at.exception
    assert at.session_state["mnist_tab"] == "Эксперименты"
    assert url(at)["tab"] == "experiments", "the URL's word for a tab does not change with the language"
    assert at.subheader[0].value == "Меняем одну настройку, измеряем точность"
    at.radio(key="language_lang").set_value("en").run()
    assert at.session_state["mnist_tab"] == "Experiments" and at.subheader[0].value.startswith("Change one setting")


def test_a_link_names_a_tab_by_its_english_word_in_russian_too():
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.query_params.update({"lang": "ru", "tab": "what-it-learned"})
    at.run()
    assert not at.exception
    assert at.session_state["mnist_tab"] == "Что она выучила"
    assert any(image.captions[0].startswith("Как сеть представляет 0, 1, 2") for image in at.image)


def test_an_oversized_picture_is_refused_in_russian_naming_the_limit():
    at = open_russian("Your handwriting")
    at.radio(key="mnist_source").set_value("upload a picture").run()
    assert at.radio(key="mnist_source").options == ["нарисовать", "загрузить картинку"]
    huge = png_bytes(np.full((3001, 4000), 255, dtype=np.uint8))  # 12,004,000 pixels: one row too many
    at.file_uploader(key="mnist_picture").set_value(("huge.png", huge, "image/png")).run()
    assert not at.exception
    [message] = [message_text(e) for e in at.error]
    # Pillow refuses it while reading the header (its own limit is ours), before the size is known to the page
    assert message == ("Файл huge.png не подошёл: здесь допускается не больше 12\u00a0000\u00a0000 пикселей (фото на 12 "
                       "мегапикселей). Хватит и фотографии одной цифры или её фрагмента. Попробуйте PNG или JPEG с "
                       "одной цифрой.")


def test_a_file_that_is_not_a_picture_is_refused_in_russian_saying_what_is_allowed():
    at = open_russian("Your handwriting")
    at.radio(key="mnist_source").set_value("upload a picture").run()
    at.file_uploader(key="mnist_picture").set_value(("notes.png", b"not a picture", "image/png")).run()
    assert not at.exception
    [message] = [message_text(e) for e in at.error]
    assert message == ("Файл notes.png не подошёл: это не картинка PNG, JPEG, BMP, GIF или WebP. "
                       "Попробуйте PNG или JPEG с одной цифрой.")


# -- the walker of tests/i18n, in the states only an interaction reaches ---------------------------

def workshop_english(at: AppTest) -> list[str]:
    """The English tests/i18n's walker finds on the page as it is now (main area and sidebar)."""
    from tests.i18n.untranslated import untranslated

    return [item.line() for item in untranslated(at)]


def test_no_english_is_left_in_the_workshops_answers_verdicts_and_results():
    at = fresh_page("ru")
    at.button(key="mnist_pretrained").click().run()
    seen = {"pre-trained, Train": workshop_english(at)}
    open_tab(at, "Test")
    seen["Test, the mistakes"] = workshop_english(at)
    open_tab(at, "Predict it")
    at.radio(key="mnist_predict_digit_test").set_value(3)
    at.button(key="mnist_predict_commit_test").click().run()
    at.checkbox(key=next(box.key for box in at.checkbox if box.key.startswith("mnist_spot_"))).check()
    at.button(key="mnist_spot_commit").click().run()
    seen["Predict it, both revealed"] = workshop_english(at)
    open_tab(at, "Your handwriting")
    at.radio(key="mnist_source").set_value("upload a picture").run()
    digit = 255 - np.kron(load_mnist("test", 1)[0][0], np.ones((6, 6), dtype=np.uint8))
    at.file_uploader(key="mnist_picture").set_value(("seven.png", png_bytes(digit), "image/png")).run()
    seen["Your handwriting, read"] = workshop_english(at)
    open_tab(at, "Experiments")
    at.text_input(key="mnist_sweep_values_learning_rate").set_value("0,1; 0,3").run()
    at.number_input(key="mnist_sweep_hidden_nodes").set_value(10)
    at.number_input(key="mnist_sweep_train_count").set_value(100)
    at.button(key="mnist_sweep_run").click().run()
    at.number_input(key="mnist_rotation_train_count").set_value(100).run()
    at.button(key="mnist_rotation_run").click().run()
    assert not at.exception
    seen["Experiments, both run"] = workshop_english(at)
    assert {state: found for state, found in seen.items() if found} == {}


def test_sweep_values_are_typed_the_russian_way_and_drawn_with_a_decimal_comma():
    at = fresh_page("ru")
    open_tab(at, "Experiments")
    values = at.text_input(key="mnist_sweep_values_learning_rate")
    assert values.value == "0,01; 0,1; 0,3; 0,6" and values.label == "значения через точку с запятой"
    values.set_value("0,1; 0,3").run()
    at.number_input(key="mnist_sweep_hidden_nodes").set_value(10)
    at.number_input(key="mnist_sweep_train_count").set_value(100)
    at.button(key="mnist_sweep_run").click().run()
    assert not at.exception and not at.error
    figure = json.loads(next(c for c in at.get("plotly_chart") if "mnist_sweep_chart" in c.proto.id).proto.spec)
    assert [float(x) for x in figure["data"][0]["x"]] == [0.1, 0.3]
    assert figure["layout"]["separators"] == ",\u00a0", "plotly writes the axis 0,1 and 0,3"
    assert figure["layout"]["xaxis"]["title"]["text"] == "скорость обучения"


def test_the_learning_rate_is_written_and_typed_with_the_russian_decimal_comma():
    """Streamlit's number box writes 0.100 and, in Chromium, drops a typed comma (0,2 became 2): the
    fractions are text boxes, written the session's way and read with either sign (docs/translation.md)."""
    at = open_russian()
    box = at.text_input(key="mnist_learning_rate")
    assert box.value == "0,1"
    box.set_value("0,2")
    at.number_input(key="mnist_train_count").set_value(100)
    at.button(key="mnist_train").click().run()
    assert lab(at).network.learning_rate == 0.2 and url(at)["learning_rate"] == "0.2"
    open_tab(at, "Experiments")
    assert at.text_input(key="mnist_sweep_learning_rate").value == "0,1"
    at.text_input(key="mnist_sweep_learning_rate").set_value("0,5 x").run()
    assert any("learning_rate" in message_text(error) and "0,5 x" in message_text(error) for error in at.error)


def test_a_learning_rate_written_the_russian_way_is_written_the_english_way_after_a_switch():
    """A text box keeps its text through a switch unless it is given it again: «0,2» stayed in English
    (ui/i18n/widget_language.py). A text that is no number is left as the learner typed it."""
    at = open_russian()
    at.text_input(key="mnist_learning_rate").set_value("0,2")
    at.number_input(key="mnist_train_count").set_value(100)
    at.button(key="mnist_train").click().run()
    at.sidebar.radio(key=LANGUAGE_SETTINGS.key("lang")).set_value("en").run()
    assert not at.exception
    assert at.text_input(key="mnist_learning_rate").value == "0.2"
    open_tab(at, "Experiments")
    at.text_input(key="mnist_sweep_learning_rate").set_value("0.5 x").run()
    at.sidebar.radio(key=LANGUAGE_SETTINGS.key("lang")).set_value("ru").run()
    assert at.text_input(key="mnist_sweep_learning_rate").value == "0.5 x"
