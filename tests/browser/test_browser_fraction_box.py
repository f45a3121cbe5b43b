"""A fraction typed the Russian way in a real browser: the MNIST workshop's learning rate is a text box
(ui/settings/widgets.py), because Streamlit's number box shows and takes the browser's own decimal sign and
Chromium dropped the comma of «0,2», training at 2 (docs/translation.md).

Screenshot: test-artifacts/fraction_box_ru.png.
"""

import pytest

from conftest import wait_for_app

pytestmark = pytest.mark.browser


def test_a_learning_rate_typed_with_a_decimal_comma_trains_at_that_rate(page, streamlit_url, artifacts):
    page.goto(f"{streamlit_url}/MNIST_workshop?lang=ru")
    wait_for_app(page)
    box = page.get_by_label("скорость обучения", exact=True)
    assert box.input_value() == "0,1"
    box.fill("")
    box.press_sequentially("0,2")          # key by key, as a learner types it
    assert box.input_value() == "0,2"
    page.get_by_label("обучающие изображения", exact=True).fill("200")   # a small run: the test is the rate
    page.get_by_role("button", name="Обучить новую сеть").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('learning_rate') === '0.2'"
                           " && new URLSearchParams(location.search).get('train_count') === '200'")
    wait_for_app(page)
    page.screenshot(path=str(artifacts / "fraction_box_ru.png"))
    assert page.get_by_label("скорость обучения", exact=True).input_value() == "0,2"
    assert page.get_by_test_id("stException").count() == 0
