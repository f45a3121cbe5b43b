"""How the live page's weights fit the screen, measured in a real browser (AppTest has no layout)."""

from __future__ import annotations

import pytest

from conftest import wait_for_app

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("dataset, hidden_nodes", [("5x5-digits", 8), ("3x3-lines", 6), ("3-3-3", 3)])
def test_side_by_side_weight_tables_fit_their_columns_without_scrolling(
    page, streamlit_url, artifacts, dataset, hidden_nodes
):
    # a laptop or projector screen; the sidebar takes part of it
    page.set_viewport_size({"width": 1280, "height": 900})
    page.set_default_timeout(90_000)
    page.goto(f"{streamlit_url}/Watch_it_learn?dataset={dataset}&hidden_nodes={hidden_nodes}")
    wait_for_app(page)
    page.wait_for_function("() => document.querySelectorAll('.weights-table').length == 2")  # wih and who
    tables = page.locator(".weights-table")
    page.screenshot(path=artifacts / f"live_tables_{dataset}_{hidden_nodes}.png", full_page=True)
    for index in range(2):
        overflow = tables.nth(index).evaluate("element => element.scrollWidth - element.clientWidth")
        assert overflow <= 1, f"weight table {index + 1} is {overflow} px wider than its column"
    # side by side: wih's table ends before who's begins
    wih_box, who_box = tables.nth(0).bounding_box(), tables.nth(1).bounding_box()
    assert wih_box["x"] + wih_box["width"] <= who_box["x"]
