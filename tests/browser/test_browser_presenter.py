"""Presenter mode on a 1280 x 720 projector: what the page is about is on screen without scrolling.

The sidebar starts folded (its arrow still opens it, for the live page's Start), the step
page's choices fold into one line, no label is cut ("Play" was cut to "P"), and the stage's
formula and diagram, or the live page's weights, sit above the fold.
"""

import pytest

from tests.conftest import wait_for_app, wait_for_layout_still

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1280, "height": 720}


@pytest.fixture
def projector(browser):
    context = browser.new_context(viewport=PROJECTOR)
    yield context.new_page()
    context.close()


def box(locator) -> dict:
    locator.wait_for(timeout=60_000)
    return locator.bounding_box()


def above_the_fold(locator) -> bool:
    found = box(locator)
    return found["y"] >= 0 and found["y"] + found["height"] <= PROJECTOR["height"] and \
        found["x"] + found["width"] <= PROJECTOR["width"]


def not_cut(locator) -> bool:
    """The element shows all of its text: nothing hidden by an ellipsis or a narrow column."""
    return locator.evaluate("e => e.scrollWidth <= e.clientWidth + 1")


def test_the_step_page_fits_a_projector_stage_formula_and_diagram_above_the_fold(projector, streamlit_url, artifacts):
    page = projector
    page.goto(f"{streamlit_url}/Step_through?presenter=1&stage=2")
    page.get_by_text("Stage 2 of 10").first.wait_for(timeout=60_000)
    wait_for_app(page)
    page.mouse.move(640, 5)
    wait_for_layout_still(page)  # KaTeX and plotly finish drawing
    page.screenshot(path=str(artifacts / "presenter_step_1280x720.png"))
    assert page.locator('[data-testid="stSidebar"]').get_attribute("data-collapsed") == "true"
    assert above_the_fold(page.get_by_text("Stage 2 of 10").first)
    assert above_the_fold(page.locator(".katex").first)
    assert above_the_fold(page.locator(".js-plotly-plot").first)
    play = page.locator('.st-key-step_play [data-testid="stMarkdownContainer"]')
    assert play.inner_text() == "Play"
    assert above_the_fold(play) and not_cut(play)
    for name in ("◀ Back", "Next ▶"):
        assert not_cut(page.get_by_role("button", name=name))
    # the choices are folded, not gone: one click opens them
    page.get_by_text("Network, rule and sample").click()
    page.get_by_text("Rule for the hidden errors").wait_for(timeout=60_000)


def test_the_live_page_fits_a_projector_weights_above_the_fold_and_start_one_click_away(
        projector, streamlit_url, artifacts):
    page = projector
    page.goto(f"{streamlit_url}/Watch_it_learn?presenter=1")
    page.locator(".weights-table").first.wait_for(timeout=60_000)
    wait_for_app(page)
    page.mouse.move(640, 5)
    wait_for_layout_still(page)
    page.screenshot(path=str(artifacts / "presenter_live_1280x720.png"))
    assert page.locator('[data-testid="stSidebar"]').get_attribute("data-collapsed") == "true"
    for table in page.locator(".weights-table").all():
        assert above_the_fold(table)
    assert above_the_fold(page.locator(".live-counter").first)
    page.locator('[data-testid="stExpandSidebarButton"]').click()
    start = page.locator(".st-key-live_start").get_by_role("button")
    start.wait_for(timeout=60_000)
    assert start.is_visible() and not_cut(start)
