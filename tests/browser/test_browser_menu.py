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
    """The menu's labels and the address each opens, in order, read in one go once every page is in it.

    Streamlit draws each link twice (with and without its tooltip) and swaps those copies while the page
    settles, so the links are read inside the page in one step, not one by one from here."""
    shown = page.wait_for_function("""(count) => {
        const shown = [];
        for (const link of document.querySelectorAll('.st-key-menu a')) {
            const label = link.querySelector('p')?.innerText.trim();
            if (label && !shown.some(([seen]) => seen === label))
                shown.push([label, link.getAttribute('href').replace(/\\/+$/, '').split('/').pop()]);
        }
        return shown.length === count && shown;
    }""", arg=len(MENU)).json_value()
    return dict(shown)


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
