"""The live page in a real browser: Start makes the pictures move, Pause stops them, Reset starts over.

Only a browser shows this: under AppTest the live timer never fires.
"""

from __future__ import annotations

import base64
import re
import time

import pytest

from conftest import wait_for_app, wait_for_picture

pytestmark = pytest.mark.browser

WIH_CELL = 'td[title^="hidden 1 ← "] >> nth=0'  # the cell's title is its hover text, with the exact value
ERROR_CURVE = "img.error-curve"


def samples_seen(page) -> int:
    return int(page.locator('.live-counter[data-name="Samples seen"] .value').inner_text().replace(",", ""))


def curve_source(page) -> str:
    return page.locator(ERROR_CURVE).get_attribute("src")


def curve_points(page) -> int:
    """Points on the running-mean line of the error curve (an SVG sent as a data: URL)."""
    source = page.locator(ERROR_CURVE).get_attribute("src")
    svg = base64.b64decode(source.split(",", 1)[1]).decode()
    line = re.search(r'class="running-mean" points="([^"]*)"', svg)
    return len(line.group(1).split()) if line else 0


def wait_until(condition, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"not seen within {timeout:.0f} s: {what}"
        time.sleep(0.25)


def press(page, key: str) -> None:
    page.locator(f".st-key-{key} button").first.click()


def open_live_page(page, streamlit_url: str) -> None:
    page.set_default_timeout(90_000)  # a shared CI machine can be slow to draw the first time
    page.goto(streamlit_url)
    wait_for_app(page)
    page.get_by_role("link", name="Watch it learn").first.click()
    page.wait_for_selector(".st-key-live_start button")
    page.wait_for_selector(ERROR_CURVE)
    wait_for_app(page)


def test_start_moves_the_pictures_pause_stops_them_and_reset_starts_over(page, streamlit_url, artifacts):
    open_live_page(page, streamlit_url)
    page.wait_for_selector(WIH_CELL)  # weights named on hover
    page.mouse.move(700, 5)  # no tooltip over the picture
    wait_for_picture(page)
    page.screenshot(path=artifacts / "live_idle.png", full_page=True)
    assert samples_seen(page) == 0

    press(page, "live_start")
    page.get_by_role("button", name="Pause", exact=True).wait_for()
    first_weight, first_curve = page.locator(WIH_CELL).get_attribute("title"), curve_source(page)
    # Waited for, not timed: on a busy machine an update can take a while. (The curve draws at
    # most 400 points, so after the first 400 samples it moves rather than gains points.)
    wait_until(lambda: curve_source(page) != first_curve and curve_points(page) > 1,
               "the error curve changes while training")
    wait_until(lambda: page.locator(WIH_CELL).get_attribute("title") != first_weight, "the wih heatmap changes")
    page.mouse.move(700, 5)  # no tooltip over the picture
    page.evaluate("document.activeElement.blur()")
    page.screenshot(path=artifacts / "live_training.png", full_page=True)

    # The same button now says Pause: one press pauses.
    press(page, "live_start")
    # "Start" is drawn by the full run the press asks for, and a live update that was under way or asked for
    # before it trains nothing once that run has paused the lab (pages/1_Watch_it_learn.py trains only
    # while running): once that run is over, what the page shows is final.
    page.get_by_role("button", name="Start", exact=True).wait_for()
    wait_for_app(page)
    paused_at, paused_curve = samples_seen(page), curve_source(page)
    paused_weight = page.locator(WIH_CELL).get_attribute("title")
    assert paused_at > 0
    time.sleep(1.5)  # the scenario: time passes while paused (a live update comes every 0.05 to 2 s when training)
    assert samples_seen(page) == paused_at, "nothing trains once paused"
    assert curve_source(page) == paused_curve
    assert page.locator(WIH_CELL).get_attribute("title") == paused_weight

    press(page, "live_reset")
    page.wait_for_function(
        """() => document.querySelector('.live-counter[data-name="Samples seen"] .value')?.innerText === '0'"""
    )
    assert samples_seen(page) == 0


def test_two_tabs_have_their_own_networks(browser, streamlit_url):
    tabs = []
    for _ in range(2):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        tab.set_default_timeout(90_000)
        tab.goto(f"{streamlit_url}/Watch_it_learn?dataset=xor&hidden_nodes=2")
        wait_for_app(tab)
        tab.wait_for_selector(WIH_CELL)
        tabs.append((context, tab))
    (_, training), (_, watching) = tabs
    untouched = watching.locator(WIH_CELL).get_attribute("title")
    press(training, "live_start")
    wait_until(lambda: samples_seen(training) > 20, "the first tab trains")
    assert samples_seen(watching) == 0, "the other tab's network has not trained"
    assert watching.locator(WIH_CELL).get_attribute("title") == untouched
    assert training.locator(WIH_CELL).get_attribute("title") != untouched
    press(training, "live_start")
    for context, _ in tabs:
        context.close()


def first_weight_shown(page) -> str:
    """The hover text of wih[0, 0], e.g. 'hidden 1 ← input 1: 0.2043'."""
    return page.locator('td[title^="hidden 1 ← "]').first.get_attribute("title")


def first_weight_of(input_nodes, hidden_nodes, output_nodes, learning_rate, **options) -> str:
    """wih[0, 0] of the network nn/ builds from these settings, as the page prints it."""
    from nn import NeuralNetwork

    network = NeuralNetwork(input_nodes, hidden_nodes, output_nodes, learning_rate, **options)
    return f"{network.wih[0, 0]:.4f}"


def wait_for_network(page, expected_weight: str) -> None:
    wait_until(lambda: page.locator(WIH_CELL).count() and first_weight_shown(page).endswith(f": {expected_weight}"),
               f"wih[0, 0] = {expected_weight}")


def test_a_second_link_opened_in_the_same_tab_builds_its_network(page, streamlit_url, artifacts):
    from playwright.sync_api import expect

    page.set_default_timeout(90_000)
    page.goto(f"{streamlit_url}/Watch_it_learn?dataset=xor&hidden_nodes=2&seed=5")
    wait_for_app(page)
    from nn.teaching_sets import TEACHING_SETS

    wait_for_network(page, first_weight_of(2, 2, 1, 0.3, seed=5))
    press(page, "live_step_epoch")
    wait_until(lambda: samples_seen(page) == 4, "one XOR epoch trained")

    page.goto(f"{streamlit_url}/Watch_it_learn?dataset=3x3-lines&hidden_nodes=4&learning_rate=0.1&seed=9")
    wait_for_app(page)
    lines = TEACHING_SETS["3x3 lines"]
    wait_for_network(page, first_weight_of(lines.input_nodes, 4, lines.output_nodes, 0.1, seed=9))
    expect(page.locator(".st-key-live_hidden_nodes input")).to_have_value("4", timeout=60_000)
    assert samples_seen(page) == 0
    page.mouse.move(700, 5)
    page.screenshot(path=artifacts / "live_second_link.png", full_page=True)


def open_lesson_here(page, slug: str) -> None:
    """On the Classroom page: the lesson's "Open in this tab" link (same tab, Streamlit's own navigation).

    Found by the lesson its address names, not by the box around it: while the page is still
    arriving, the innermost box holding the lesson's title may be the whole column of lessons.
    """
    page.get_by_role("link", name="Open in this tab").and_(page.locator(f'[href*="lesson={slug}"]')).click()


def test_lessons_opened_one_after_another_in_the_same_tab_each_build_their_network(page, streamlit_url, artifacts):
    from playwright.sync_api import expect

    from ui.classroom.lessons import LESSONS_BY_SLUG

    page.set_default_timeout(90_000)
    page.goto(f"{streamlit_url}/Classroom")
    wait_for_app(page)
    from nn.teaching_sets import TEACHING_SETS

    for slug, shown in (("bias-node", "live_bias"), ("xor-hidden-layer", "live_hidden_nodes")):
        lesson = LESSONS_BY_SLUG[slug]
        data = TEACHING_SETS[lesson.values["dataset"]]
        sizes = (data.input_nodes, lesson.values["hidden_nodes"], data.output_nodes)
        page.get_by_text(lesson.title).first.wait_for()
        open_lesson_here(page, slug)
        page.wait_for_url(re.compile(r"/Watch_it_learn\?"))
        wait_for_app(page)
        values = lesson.values
        wait_for_network(page, first_weight_of(*sizes, values["learning_rate"], init=values["init"],
                                               bias=values["bias"], rule=values["rule"], seed=values["seed"]))
        page.locator(f".st-key-{shown}").wait_for()
        for name in lesson.hide:
            assert page.locator(f'[data-testid="stSidebar"] .st-key-live_{name}').count() == 0, name
        expect(page.locator(".st-key-live_dataset input")).to_be_disabled()
        assert samples_seen(page) == 0
        page.mouse.move(700, 5)
        page.screenshot(path=artifacts / f"lesson_here_{slug}.png", full_page=True)
        press(page, "live_step_epoch")  # the learner trains a little, then goes back for the next lesson
        wait_until(lambda: samples_seen(page) > 0, "an epoch trained")
        wait_for_app(page)
        page.get_by_role("link", name="Classroom").click()
        page.wait_for_url(re.compile(r"/Classroom$"))
        wait_for_app(page)
        # the same session all along (no reload): the Classroom shows the network the lesson trained
        page.get_by_text(re.compile(f"This session's network: {sizes[0]}-{sizes[1]}-{sizes[2]} on "
                                    f"{re.escape(values['dataset'])}, [1-9][0-9,]* samples trained")).wait_for()


def test_predict_a_learning_rate_change_then_see_both_curves(page, streamlit_url, artifacts):
    open_live_page(page, streamlit_url)
    page.locator(".st-key-live_predict_changes label").first.click()
    wait_for_app(page)
    thumb = page.locator(".st-key-live_learning_rate input[type='range']").first
    thumb.focus()
    page.keyboard.press("ArrowRight")  # 0.3 -> the next stop, 0.4
    page.get_by_text("Predict first.").first.wait_for()
    page.get_by_role("radio", name="faster").check(force=True)
    press(page, "live_change_commit")
    page.get_by_text("you predicted faster").first.wait_for()
    wait_for_app(page)

    def earlier_curves() -> int:
        source = page.locator(ERROR_CURVE).get_attribute("src")
        return base64.b64decode(source.split(",", 1)[1]).decode().count('class="earlier-run"')

    wait_until(lambda: earlier_curves() == 1, "the earlier run drawn behind the new one")
    assert curve_points(page) > 0, "the new run's curve is drawn too"
    page.locator(ERROR_CURVE).scroll_into_view_if_needed()
    page.mouse.move(700, 5)
    wait_for_picture(page)
    page.screenshot(path=artifacts / "live_predict_two_curves.png", full_page=False)
    page.get_by_text("you predicted faster").first.scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "live_predict_verdict.png", full_page=False)
    assert page.locator('[data-testid="stException"]').count() == 0
