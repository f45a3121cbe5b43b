"""The step-through page in a real browser: stages 2, 7 and 8 drawn, screenshots for a human to look at."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import wait_for_app

pytestmark = pytest.mark.browser


def go_to_stage(page, stage: int) -> None:
    current = int(re.search(r"Stage (\d+) of 10", page.get_by_text(re.compile(r"Stage \d+ of 10")).first.inner_text())[1])
    while current < stage:
        page.get_by_role("button", name="Next ▶").click()
        current += 1
        page.get_by_text(f"Stage {current} of 10").first.wait_for(timeout=20000)
    wait_for_app(page)
    page.mouse.move(5, 5)  # no tooltip over the picture
    page.wait_for_timeout(800)  # let KaTeX and plotly finish drawing


def test_stages_2_7_and_8_show_formulas_numbers_and_the_diagram(page, streamlit_url, artifacts):
    page.goto(f"{streamlit_url}/Step_through")
    wait_for_app(page)
    page.get_by_text("Stage 1 of 10").first.wait_for(timeout=30000)
    for stage, words in ((2, "signals into the hidden layer"), (7, "the hidden errors"), (8, "the change to who")):
        go_to_stage(page, stage)
        assert page.get_by_text(words).first.is_visible()
        # formulas are typeset (KaTeX) and the diagram is drawn (plotly)
        assert page.locator(".katex").count() >= 2
        assert page.locator(".js-plotly-plot").count() >= 1
        page.screenshot(path=str(artifacts / f"step_stage_{stage}.png"), full_page=False)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_why_this_number_and_check_it_are_drawn(page, streamlit_url, artifacts):
    page.goto(f"{streamlit_url}/Step_through")
    wait_for_app(page)
    page.get_by_text("Multiplied out").first.scroll_into_view_if_needed()
    page.mouse.move(5, 5)
    page.wait_for_timeout(800)
    page.screenshot(path=str(artifacts / "step_why_this_number.png"), full_page=False)
    page.get_by_role("tab", name="Check it").click()
    page.get_by_text("Largest difference").first.wait_for(timeout=15000)
    page.get_by_text("Largest difference").first.scroll_into_view_if_needed()
    page.mouse.move(5, 5)
    page.wait_for_timeout(800)
    page.screenshot(path=str(artifacts / "step_check_it.png"), full_page=False)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_play_advances_the_stages_by_itself(page, streamlit_url):
    page.goto(f"{streamlit_url}/Step_through")
    wait_for_app(page)
    page.get_by_text("Stage 1 of 10").first.wait_for(timeout=30000)
    page.get_by_text("Play", exact=True).click()
    # one stage every 3 s, with no clicks in between
    page.get_by_text("Stage 2 of 10").first.wait_for(timeout=15000)
    page.get_by_text("Stage 3 of 10").first.wait_for(timeout=15000)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_a_link_opens_its_stage_and_next_and_back_change_the_address_bar(page, streamlit_url, artifacts):
    page.set_default_timeout(60_000)
    page.goto(f"{streamlit_url}/Step_through?source=fresh&seed=5&sample=2&stage=7")
    wait_for_app(page)
    page.get_by_text("Stage 7 of 10: the hidden errors").first.wait_for()
    # widgets are drawn from code loaded on first use: on a busy machine that can take a while
    expect(page.locator(".st-key-step_seed input")).to_have_value("5", timeout=60_000)
    expect(page.locator(".st-key-step_sample input")).to_have_value("2", timeout=60_000)
    expect(page.get_by_role("radio", name="a fresh small network")).to_be_checked(timeout=60_000)
    page.mouse.move(5, 5)
    page.wait_for_timeout(800)
    page.screenshot(path=str(artifacts / "step_link_stage_7.png"), full_page=False)

    page.get_by_role("button", name="Next ▶").click()
    page.get_by_text("Stage 8 of 10").first.wait_for()
    page.wait_for_function("() => new URL(location.href).searchParams.get('stage') === '8'")
    params = dict(p.split("=") for p in page.url.split("?", 1)[1].split("&"))
    assert params == {"source": "fresh", "seed": "5", "sample": "2", "stage": "8"}, page.url
    page.get_by_role("button", name="◀ Back").click()
    page.get_by_text("Stage 7 of 10").first.wait_for()
    page.get_by_role("button", name="◀ Back").click()
    page.get_by_text("Stage 6 of 10").first.wait_for()
    page.wait_for_function("() => new URL(location.href).searchParams.get('stage') === '6'")
    wait_for_app(page)
    page.mouse.move(5, 5)
    page.wait_for_timeout(800)
    page.screenshot(path=str(artifacts / "step_link_back_to_6.png"), full_page=False)

    page.goto(f"{streamlit_url}/Step_through?stage=99&sample=2")  # a bad value: named, the page still works
    wait_for_app(page)
    page.get_by_text("stage must be a whole number from 1 to 10; got '99'").first.wait_for()
    page.get_by_text("Stage 1 of 10").first.wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0
