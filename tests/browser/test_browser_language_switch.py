"""A language switch leaves no words of the old language in a widget (ui/i18n/widget_language.py).

Streamlit 1.67 keeps a choice widget's value in the browser as the words it was shown in, and a text box its
text: after a switch from Russian the MNIST Train form showed «равномерные» and «0,2» in English, the sidebar's
weight colours had no choice marked, and pressing Train made a network with normal starting weights, the first
choice, since «равномерные» is none of the English ones.

Screenshots: test-artifacts/language_switch_{ru,en}.png.
"""

import pytest
from playwright.sync_api import expect

from conftest import PATIENCE_MS, wait_for_app
from ui.mnist.settings import MNIST_SETTINGS

pytestmark = pytest.mark.browser

INIT = f".st-key-{MNIST_SETTINGS.key('init')}"
LEARNING_RATE = f".st-key-{MNIST_SETTINGS.key('learning_rate')}"
TRAIN_COUNT = f".st-key-{MNIST_SETTINGS.key('train_count')}"
PALETTE = ".st-key-display_palette"

#: Until the form's run is over: the address bar names its training images, or the form refused something.
SUBMITTED = """(count) => new URLSearchParams(location.search).get('train_count') === count
    || document.querySelector('[data-testid="stAlertContentError"]') !== null"""


def assert_shows(page, init: str, learning_rate: str, palette: str) -> None:
    """The Train form's starting weights and learning rate and the sidebar's weight colours show these (once the
    run drawing them is over: ``expect`` waits for them)."""
    expect(page.locator(f"{INIT} input")).to_have_value(init, timeout=PATIENCE_MS)
    expect(page.locator(f"{LEARNING_RATE} input")).to_have_value(learning_rate, timeout=PATIENCE_MS)
    expect(page.locator(f"{PALETTE} label:has(input:checked)")).to_have_text(palette, timeout=PATIENCE_MS)


def train(page, count: str, button: str) -> None:
    """Set the form's training images to ``count``, press ``button`` and wait until the run that follows is over."""
    page.locator(f"{TRAIN_COUNT} input").fill(count)
    page.get_by_role("button", name=button).click()
    page.wait_for_function(SUBMITTED, arg=count)
    wait_for_app(page)


def switch_to(page, language: str, word: str) -> None:
    """Press the sidebar's ``word`` and wait until the page is in ``language`` (English: no ``lang`` in the address)."""
    page.locator('[data-testid="stSidebar"]').get_by_text(word, exact=True).click()
    page.wait_for_function("(lang) => (new URLSearchParams(location.search).get('lang') || 'en') === lang",
                           arg=language)
    wait_for_app(page)


def test_a_switch_shows_every_choice_and_fraction_of_the_train_form_in_the_new_language(page, streamlit_url,
                                                                                        artifacts):
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{streamlit_url}/MNIST_workshop?lang=ru")
    wait_for_app(page)
    page.locator(f"{INIT} input").click()
    page.get_by_role("option", name="равномерные").click()
    page.locator(f"{LEARNING_RATE} input").fill("0,2")
    train(page, "200", "Обучить новую сеть")
    page.locator(PALETTE).get_by_text("оранжевый – серый – синий", exact=False).click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('palette') === 'orange-blue'")
    wait_for_app(page)
    assert page.get_by_test_id("stAlertContentError").count() == 0
    assert_shows(page, "равномерные", "0,2", "оранжевый – серый – синий (для нарушений цветового зрения)")
    page.screenshot(path=str(artifacts / "language_switch_ru.png"))

    switch_to(page, "en", "English")
    assert_shows(page, "uniform", "0.2", "orange – grey – blue (colour-vision safe)")
    page.screenshot(path=str(artifacts / "language_switch_en.png"))
    train(page, "300", "Train a new network")                  # the form takes what it shows
    assert page.get_by_test_id("stAlertContentError").count() == 0
    assert "init=uniform" in page.url and "learning_rate=0.2" in page.url

    switch_to(page, "ru", "Русский")
    assert_shows(page, "равномерные", "0,2", "оранжевый – серый – синий (для нарушений цветового зрения)")


def test_a_switch_keeps_the_handwriting_tabs_choice_in_the_new_language(page, streamlit_url):
    """A choice drawn outside the settings tables: the Your handwriting tab's "your digit" radio."""
    page.goto(f"{streamlit_url}/MNIST_workshop?lang=ru&tab=Your+handwriting")
    wait_for_app(page)
    source = page.locator(".st-key-mnist_source")
    source.get_by_text("загрузить картинку", exact=True).click()
    page.locator(".st-key-mnist_picture").wait_for()
    checked = source.locator("label:has(input:checked)")
    expect(checked).to_have_text("загрузить картинку", timeout=PATIENCE_MS)
    switch_to(page, "en", "English")
    expect(checked).to_have_text("upload a picture", timeout=PATIENCE_MS)
    expect(page.locator(".st-key-mnist_picture")).to_be_visible(timeout=PATIENCE_MS)
