"""The sidebar menu, as a visitor sees it: the front door is "Start here", and every page keeps its address."""

from __future__ import annotations

import pytest

from conftest import wait_for_app

pytestmark = pytest.mark.browser

#: The menu's labels and the addresses they open.
MENU = {
    "Start here": "",
    "Watch it learn": "Watch_it_learn",
    "Step through": "Step_through",
    "MNIST workshop": "MNIST_workshop",
    "Classroom": "Classroom",
}


def menu(page) -> dict[str, str]:
    """The menu's labels and the address each opens, in order."""
    page.locator(".st-key-menu a", has_text="Classroom").first.wait_for()
    shown = {}
    links = page.locator(".st-key-menu a")
    for i in range(links.count()):  # Streamlit draws each link twice (with and without its tooltip)
        link = links.nth(i)
        shown.setdefault(link.locator("p").inner_text().strip(), link.get_attribute("href").rstrip("/").rsplit("/", 1)[-1])
    return shown


@pytest.mark.parametrize("address", ["Watch_it_learn?hidden_nodes=4", ""])  # a lesson link first, then the front door
def test_the_menu_calls_the_front_door_start_here_on_every_page_and_keeps_every_pages_address(
    page, streamlit_url, artifacts, address
):
    page.set_default_timeout(90_000)
    page.goto(f"{streamlit_url}/{address}")
    wait_for_app(page)
    shown = menu(page)
    page.screenshot(path=artifacts / f"menu_{address.split('?')[0] or 'front_door'}.png")
    assert list(shown) == list(MENU), shown
    assert [shown[label] for label in list(MENU)[1:]] == list(MENU.values())[1:]
    assert streamlit_url.rstrip("/").endswith(shown["Start here"]), "the front door is the app's own address"
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0, "Streamlit's file-named menu is off"
