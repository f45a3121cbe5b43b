"""The live page in a real browser: Start makes the pictures move, Pause stops them, Reset starts over.

Only a browser shows this: under AppTest the live timer never fires.
"""

from __future__ import annotations

import base64
import re
import time

import pytest

from conftest import wait_for_app

pytestmark = pytest.mark.browser

WIH_CELL = 'td[title^="hidden 1 ← "] >> nth=0'  # the cell's title is its hover text, with the exact value
ERROR_CURVE = "img.error-curve"


def samples_seen(page) -> int:
    return int(page.locator('.live-counter[data-name="Samples seen"] .value').inner_text().replace(",", ""))


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
    time.sleep(0.5)
    page.screenshot(path=artifacts / "live_idle.png", full_page=True)
    assert samples_seen(page) == 0

    press(page, "live_start")
    page.get_by_role("button", name="Pause", exact=True).wait_for()
    first_weight, first_points = page.locator(WIH_CELL).get_attribute("title"), curve_points(page)
    time.sleep(3)
    # Polled rather than timed: on a busy machine an update can take a while.
    wait_until(lambda: curve_points(page) > first_points, "the error curve gains points while training")
    wait_until(lambda: page.locator(WIH_CELL).get_attribute("title") != first_weight, "the wih heatmap changes")
    page.mouse.move(700, 5)  # no tooltip over the picture
    page.evaluate("document.activeElement.blur()")
    page.screenshot(path=artifacts / "live_training.png", full_page=True)

    press(page, "live_start")  # the same button now says Pause
    page.get_by_role("button", name="Start", exact=True).wait_for()
    wait_for_app(page)
    time.sleep(0.5)
    paused_at, paused_points = samples_seen(page), curve_points(page)
    paused_weight = page.locator(WIH_CELL).get_attribute("title")
    assert paused_at > 0
    time.sleep(1.5)
    assert samples_seen(page) == paused_at, "nothing trains once paused"
    assert curve_points(page) == paused_points
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
