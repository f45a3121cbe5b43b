"""A fraction typed into a whole-number box in a real browser (ui/whole_numbers.py): Streamlit's box would read
3.5 as 3 and Chromium «3,5» as 35, without a word; here the box keeps what it held and says what it takes.

Each test then makes a run it knows of (another box, a button) and counts the runs the tab asked for: the
refused Enter or click asked for none, so nothing the box held changed on the server either.

Screenshots: test-artifacts/whole_number_refused.png, whole_number_refused_ru.png, whole_number_form.png.
"""

import pytest

from conftest import FullRuns, wait_for_app

pytestmark = pytest.mark.browser

REFUSAL = ".nn-whole-number-refusal"


def typed(box, text: str) -> None:
    """Select what the box holds and type ``text`` key by key, as a learner does."""
    box.focus()
    box.press("Control+a")
    box.press_sequentially(text)


def url_value(page, name: str) -> str:
    return page.evaluate("(name) => new URLSearchParams(location.search).get(name)", name)


def test_a_fraction_in_the_hidden_nodes_box_is_refused_by_name_and_the_box_keeps_its_number(
        page, streamlit_url, artifacts):
    runs = FullRuns(page)
    page.goto(f"{streamlit_url}/Watch_it_learn?hidden_nodes=5")
    wait_for_app(page)
    hidden_nodes = page.locator(".st-key-live_hidden_nodes input")
    assert hidden_nodes.input_value() == "5"
    asked = runs.asked  # the page's first run, over
    typed(hidden_nodes, "3.5")
    assert hidden_nodes.input_value() == "3.5"
    hidden_nodes.press("Enter")
    with runs.awaited():  # a run this test knows of: a new seed
        typed(page.locator(".st-key-live_seed input"), "9")
        page.locator(".st-key-live_seed input").press("Enter")
    assert runs.asked == asked + 1 and url_value(page, "seed") == "9"
    assert hidden_nodes.input_value() == "5" and url_value(page, "hidden_nodes") == "5"   # not 3
    message = page.locator(REFUSAL)
    assert message.inner_text() == "“Hidden nodes” takes whole numbers only, from 1 to 200: the box is back to 5."
    assert message.get_attribute("role") == "alert"
    page.mouse.move(5, 5)
    page.screenshot(path=str(artifacts / "whole_number_refused.png"))
    # a whole number written another way is read as the number written (Streamlit would read 1e1 as 1)
    with runs.awaited():
        typed(hidden_nodes, "1e1")
        hidden_nodes.press("Enter")
    assert hidden_nodes.input_value() == "10" and url_value(page, "hidden_nodes") == "10"
    assert page.locator(REFUSAL).count() == 0
    assert page.get_by_test_id("stException").count() == 0


def test_a_decimal_comma_is_refused_in_russian_not_read_as_35(page, streamlit_url, artifacts):
    runs = FullRuns(page)
    page.goto(f"{streamlit_url}/Watch_it_learn?lang=ru&hidden_nodes=5")
    wait_for_app(page)
    hidden_nodes = page.locator(".st-key-live_hidden_nodes input")
    asked = runs.asked
    typed(hidden_nodes, "3,5")
    assert hidden_nodes.input_value() == "3.5"   # Chromium alone drops the comma: 35
    hidden_nodes.press("Tab")                    # leaving the box is when Streamlit reads it too
    with runs.awaited():
        typed(page.locator(".st-key-live_seed input"), "9")
        page.locator(".st-key-live_seed input").press("Enter")
    assert runs.asked == asked + 1
    assert hidden_nodes.input_value() == "5" and url_value(page, "hidden_nodes") == "5"
    assert page.locator(REFUSAL).inner_text() == "«Скрытые узлы»: только целые числа от 1 до 200; в поле снова 5."
    page.mouse.move(5, 5)
    page.screenshot(path=str(artifacts / "whole_number_refused_ru.png"))


def test_a_fraction_in_a_form_stops_the_click_that_would_send_it(page, streamlit_url, artifacts):
    """The MNIST Train form: a click on Train right after typing 2.5 epochs (Streamlit would train 2) is not acted on
    (the learner reads why first); the next click trains with the epochs the box kept."""
    runs = FullRuns(page)
    page.goto(f"{streamlit_url}/MNIST_workshop?epochs=3&train_count=200")
    wait_for_app(page)
    epochs = page.get_by_label("epochs", exact=True)
    asked = runs.asked
    typed(epochs, "2.5")
    train = page.locator(".st-key-mnist_train button:visible").first
    train.click()
    assert epochs.input_value() == "3"
    assert page.locator(REFUSAL).inner_text() == (
        "“epochs” takes whole numbers only, from 1 to 30: the box is back to 3.")
    page.mouse.move(5, 5)
    page.screenshot(path=str(artifacts / "whole_number_form.png"))
    with runs.awaited():
        train.click()
    assert runs.asked == asked + 1 and url_value(page, "epochs") == "3"
    assert page.get_by_test_id("stException").count() == 0
