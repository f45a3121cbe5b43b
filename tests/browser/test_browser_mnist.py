"""The MNIST workshop in a real browser: train, then draw a digit with the mouse and upload a picture of one.

Screenshots go to test-artifacts/mnist_*.png.
"""

import re

import numpy as np
import pytest
from PIL import Image

from conftest import wait_for_app, wait_for_picture
from nn.data import load_mnist, make_targets, scale_inputs
from nn.experiments import Config
from nn.handwriting import prepare
from nn.training import TrainingRun
from ui.mnist.handwriting import STEP_CAPTIONS
from ui.mnist.settings import MNIST_TABS
from ui.mnist.state import training_data
from ui.settings.setting import slug

pytestmark = pytest.mark.browser

TRAIN_IMAGES, HIDDEN_NODES = 2000, 40


def set_number(page, label: str, value: int) -> None:
    # After a tab switch the previous tab's widgets linger until the rerun lands: wait for one field.
    page.wait_for_function(
        "label => document.querySelectorAll(`input[aria-label=\"${label}\"]`).length === 1",
        arg=label, timeout=60_000,
    )
    field = page.get_by_label(label, exact=True)
    field.fill(str(value))
    field.press("Tab")  # not Enter: inside the settings form, Enter would submit it


def open_tab(page, name: str, shown: str | None = None) -> None:
    """Click the workshop's tab ``name`` (``shown``: its label, if not English) and wait for the run the click
    asks for: the page writes the open tab into the address at the end of that run (the first tab as none).
    Until then the tab before's widgets are still on the page, and a field found by its label may be theirs."""
    page.get_by_role("tab", name=shown or name).click()
    word = None if name == MNIST_TABS[0] else slug(name)
    page.wait_for_function("(word) => new URLSearchParams(location.search).get('tab') === word", arg=word)
    wait_for_app(page)


def train_in_the_browser(page, url: str) -> None:
    page.goto(f"{url}/MNIST_workshop")
    wait_for_app(page)
    set_number(page, "hidden nodes", HIDDEN_NODES)
    set_number(page, "training images", TRAIN_IMAGES)
    page.get_by_role("button", name="Train a new network").click()
    page.get_by_text(f"{TRAIN_IMAGES:,} of {TRAIN_IMAGES:,} samples").wait_for(timeout=120_000)
    wait_for_app(page)


def same_network_trained_here():
    """The page's network, rebuilt here: same seed, same images, same order, so the same weights."""
    inputs, targets = training_data(TRAIN_IMAGES, rotations=False)
    run = TrainingRun(Config(hidden_nodes=HIDDEN_NODES).network(), inputs, targets,
                      prepare_inputs=scale_inputs, prepare_targets=make_targets)
    run.train_epoch()
    return run.network


def shown_answer(page) -> str:
    metric = page.get_by_test_id("stMetric").filter(has_text="the network reads")
    metric.wait_for(timeout=60_000)
    return metric.get_by_test_id("stMetricValue").inner_text().strip()


def test_a_digit_drawn_with_the_mouse_is_read_and_its_steps_shown(page, streamlit_url, artifacts):
    train_in_the_browser(page, streamlit_url)
    page.screenshot(path=str(artifacts / "mnist_train.png"), full_page=True)
    for tab, shows in (("Test", "Its mistakes"), ("What it learned", "full blue at"),
                       ("Experiments", "Compare (about")):
        open_tab(page, tab)
        page.get_by_text(shows).first.wait_for(timeout=60_000)
        wait_for_app(page)
        page.screenshot(path=str(artifacts / f"mnist_{tab.lower().replace(' ', '_')}.png"), full_page=True)
    open_tab(page, "Your handwriting")
    canvas = page.locator("canvas").last
    canvas.wait_for(timeout=60_000)
    box = canvas.bounding_box()
    x, y = box["x"], box["y"]
    page.mouse.move(x + 80, y + 60)
    page.mouse.down()
    for step in range(1, 21):                                  # the 7's top bar
        page.mouse.move(x + 80 + step * 6, y + 60, steps=2)
    for step in range(1, 31):                                  # its stem
        page.mouse.move(x + 200 - step * 3, y + 60 + step * 6.5, steps=2)
    page.mouse.up()
    answer = shown_answer(page)
    wait_for_app(page)
    for step in ("grey", "inverted", "cropped", "resized"):  # a drawing is dark ink on white: inverted
        caption = STEP_CAPTIONS[step]
        page.get_by_text(caption).first.wait_for(timeout=60_000)  # the step pictures arrive one by one
    page.screenshot(path=str(artifacts / "mnist_drawn_digit.png"), full_page=True)
    assert re.fullmatch(r"[0-9]", answer), answer
    assert page.get_by_test_id("stException").count() == 0


def test_an_uploaded_picture_gets_the_answer_nn_computes(page, streamlit_url, artifacts, tmp_path):
    train_in_the_browser(page, streamlit_url)
    open_tab(page, "Your handwriting")
    page.get_by_text("upload a picture").click()
    # the picture is given to the upload box the click's run draws, once that run is over (right after
    # the click the browser has not yet heard of it: wait_for_app alone could return before the box is there)
    page.locator('input[type="file"]').wait_for(state="attached")
    wait_for_app(page)
    digit = load_mnist("test", 3)[0][2]
    picture = 255 - np.kron(digit, np.ones((8, 8), dtype=np.uint8))   # dark ink on paper, 224 x 224
    path = tmp_path / "my_digit.png"
    Image.fromarray(picture).save(path)
    page.locator('input[type="file"]').set_input_files(str(path))
    answer = shown_answer(page)
    wait_for_app(page)
    page.screenshot(path=str(artifacts / "mnist_uploaded_digit.png"), full_page=True)
    network = same_network_trained_here()
    expected = int(np.argmax(network.query(prepare(np.asarray(Image.open(path).convert("RGBA"))).inputs)))
    assert answer == str(expected)


def test_an_experiment_draws_accuracy_against_the_setting_with_the_books_figures(page, streamlit_url, artifacts):
    page.goto(f"{streamlit_url}/MNIST_workshop")
    wait_for_app(page)
    open_tab(page, "Experiments")
    set_number(page, "training images", 500)
    wait_for_app(page)
    page.get_by_role("button", name="Run the experiment").click()
    page.get_by_text("Orange diamonds: the figures").wait_for(timeout=120_000)
    wait_for_app(page)
    page.get_by_text("Orange diamonds: the figures").scroll_into_view_if_needed()
    # the book's four learning-rate figures are drawn as diamonds beside this run's four points
    # (the first plotly chart of the page: its script may still be loading)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .scatterlayer .trace').length >= 2")
    page.screenshot(path=str(artifacts / "mnist_experiment_result.png"), full_page=True)
    assert page.locator(".js-plotly-plot .scatterlayer .trace").count() == 2
    assert page.get_by_test_id("stException").count() == 0


def test_a_link_fills_the_form_makes_its_network_and_the_tab_follows_the_address_bar(page, streamlit_url, artifacts):
    from playwright.sync_api import expect

    page.set_default_timeout(90_000)
    page.goto(f"{streamlit_url}/MNIST_workshop?hidden_nodes=40&learning_rate=0.2&train_count=2000&seed=3")
    wait_for_app(page)
    page.get_by_text("This session's network: 784-40-10, learning rate 0.2").wait_for()
    for label, value in (("hidden nodes", "40"), ("learning rate", "0.2"), ("training images", "2000"), ("seed", "3")):
        expect(page.get_by_label(label, exact=True)).to_have_value(value, timeout=60_000)
    page.get_by_role("button", name="Start", exact=True).wait_for()  # made from the link, not yet trained
    page.mouse.move(5, 5)
    page.screenshot(path=str(artifacts / "mnist_link.png"), full_page=False)
    open_tab(page, "What it learned")
    page.wait_for_function("() => new URL(location.href).searchParams.get('tab') === 'what-it-learned'")
    assert "hidden_nodes=40" in page.url
    open_tab(page, "Train")
    page.wait_for_function("() => !new URL(location.href).searchParams.has('tab')")
    expect(page.get_by_label("hidden nodes", exact=True)).to_have_value("40", timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_predict_it_hides_the_answer_until_committed_and_spot_the_mistakes_marks_the_ticks(
        page, streamlit_url, artifacts):
    page.set_default_timeout(90_000)
    page.goto(f"{streamlit_url}/MNIST_workshop")
    wait_for_app(page)
    page.get_by_role("button", name="Start from the pre-trained network").click()
    page.get_by_text("the pre-trained network (").first.wait_for()  # the network asked about is in place
    wait_for_app(page)
    open_tab(page, "Predict it")
    page.get_by_text("What will the network answer?").first.wait_for()
    assert page.locator(".st-key-mnist_predict_outputs").count() == 0, "no outputs before the prediction"
    page.screenshot(path=str(artifacts / "mnist_predict_question.png"), full_page=False)
    page.get_by_role("radio", name="7", exact=True).first.check(force=True)
    page.get_by_role("button", name="Commit my answer").first.click()
    page.get_by_text(re.compile(r"(Right|Not this time): you said 7")).first.wait_for()
    wait_for_app(page)
    commit = page.get_by_role("button", name="Commit my picks").first
    commit.scroll_into_view_if_needed()
    commit.click()
    page.get_by_text(re.compile(r"The network got \d+ of these 8 wrong")).first.wait_for()
    wait_for_app(page)
    page.get_by_text(re.compile(r"The network got \d+ of these 8 wrong")).first.scroll_into_view_if_needed()
    page.mouse.move(5, 5)
    wait_for_picture(page)  # drawn, still, no tooltip left from the button just pressed
    page.screenshot(path=str(artifacts / "mnist_spot_the_mistakes.png"), full_page=False)
    assert page.locator('[data-testid="stException"]').count() == 0
