"""The classroom's lessons in a real browser: a lesson link shows only its controls; presenter mode enlarges the page."""

from __future__ import annotations

import pytest

from playwright.sync_api import expect

from conftest import wait_for_app
from ui.classroom.lessons import LESSONS, link

pytestmark = pytest.mark.browser


def test_in_a_browser_a_lesson_link_shows_only_its_controls_and_presenter_mode_enlarges_the_page(
    page, streamlit_url, artifacts
):
    page.set_default_timeout(90_000)
    page.goto(f"{streamlit_url}/Classroom")
    wait_for_app(page)
    page.get_by_text("What does the learning rate do?").wait_for()
    page.get_by_role("link", name="Open in a new tab").first.wait_for()
    page.get_by_role("button", name="Download the network (.npz)").wait_for()
    page.screenshot(path=artifacts / "classroom.png", full_page=True)

    lesson = LESSONS[0]  # the learning rate: only the learning rate and speed may move
    page.goto(streamlit_url + link(lesson.params()))
    wait_for_app(page)
    page.locator(".st-key-live_learning_rate").wait_for()
    sidebar = page.locator('[data-testid="stSidebar"]')
    for name in lesson.hide:
        assert sidebar.locator(f".st-key-live_{name}").count() == 0, name
    expect(page.locator(".st-key-live_dataset input")).to_be_disabled()
    assert page.locator(".st-key-live_hidden_nodes").count() == 0
    page.locator('.live-counter, [data-testid="stMetricValue"]').first.wait_for()
    page.locator(".st-key-live_start button").first.wait_for()
    normal_size = page.evaluate("() => getComputedStyle(document.documentElement).fontSize")
    page.screenshot(path=artifacts / "lesson_learning_rate.png", full_page=True)

    page.goto(streamlit_url + link(lesson.params(presenter=True)))
    wait_for_app(page)
    page.locator(".st-key-live_learning_rate").wait_for()
    assert normal_size != "20px"
    page.wait_for_function("() => getComputedStyle(document.documentElement).fontSize === '20px'")
    page.locator('.live-counter, [data-testid="stMetricValue"]').first.wait_for()
    page.locator(".st-key-live_start button").first.wait_for()
    page.screenshot(path=artifacts / "lesson_presenter.png")
    assert page.locator(".st-key-menu").is_hidden(), "presenter mode leaves the menu out"
