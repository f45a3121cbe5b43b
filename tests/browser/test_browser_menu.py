"""The sidebar menu, as a visitor sees it: the front door is "Start here", and every page keeps its address."""

from __future__ import annotations

import pytest

from conftest import wait_for_app

pytestmark = pytest.mark.browser

MENU = {
    "Start here": "",
    "Watch it learn": "Watch_it_learn",
    "Step through": "Step_through",
    "MNIST workshop": "MNIST_workshop",
    "Classroom": "Classroom",
}


def test_the_menu_calls_the_front_door_start_here_and_keeps_every_pages_address(page, streamlit_url, artifacts):
    page.set_default_timeout(90_000)
    page.goto(streamlit_url)
    wait_for_app(page)
    links = page.locator('[data-testid="stSidebarNav"] a')
    links.first.wait_for()
    page.get_by_text("This session's network").first.wait_for()  # the front door itself is drawn
    page.screenshot(path=artifacts / "menu.png")
    labels = [text.strip() for text in links.all_inner_texts()]
    assert labels == list(MENU), labels
    addresses = [href.rstrip("/").rsplit("/", 1)[-1] for href in (links.nth(i).get_attribute("href")
                                                                   for i in range(links.count()))]
    assert addresses[1:] == list(MENU.values())[1:]
    assert streamlit_url.rstrip("/").endswith(addresses[0]), "the front door is the app's own address"
    page.goto(f"{streamlit_url}/Step_through")  # an address from before the menu was named still opens its page
    page.locator(".st-key-step_source").first.wait_for()  # the page's own first control
