"""The live page in Russian in a real browser: Start trains, and the longer Russian words fit a desktop and a
phone (nothing cut off, nothing scrolling sideways). Screenshots go to the test artifacts."""

from __future__ import annotations

import pytest

from conftest import wait_for_app, wait_for_layout_still, wait_for_shortcut

pytestmark = pytest.mark.browser

#: Text cut short inside its box (Streamlit ends a button's label that does not fit with an ellipsis): a button,
#: a counter, a table cell or a paragraph whose words need more room than they have.
CUT_TEXT = """(where) => [...document.querySelectorAll(where.map(area => area + ' button, ' + area + ' button *, ' + area + ' p, ' + area
        + ' label, ' + area + ' .live-counter div, ' + area + ' .samples-table th, ' + area + ' .samples-table td').join(', '))]
    .filter(e => e.offsetParent && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'auto')
    .map(e => (e.innerText || '').slice(0, 40))"""
SIDEWAYS = "() => document.scrollingElement.scrollWidth - window.innerWidth"


@pytest.mark.parametrize("width, height, phone", [(1400, 1000, False), (390, 844, True)])
def test_the_live_page_in_russian_trains_and_its_words_fit_a_desktop_and_a_phone(
    browser, streamlit_url, artifacts, width, height, phone
):
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.set_default_timeout(90_000)
    try:
        page.goto(f"{streamlit_url}/Watch_it_learn?lang=ru&dataset=xor")
        wait_for_app(page)
        page.wait_for_selector(".samples-table")
        assert page.locator("h1").first.inner_text() == "Смотреть, как она учится"
        if phone:  # the sidebar (with Start) starts folded on a phone: Start by its key, as the page says
            wait_for_shortcut(page, "live_start", "S")
            page.locator("body").press("s")
        else:
            page.get_by_role("button", name="Пуск", exact=True).click()
        page.get_by_role("button", name="Пауза", exact=True).wait_for()
        # waited for, not timed: a busy machine may take a while to train 50 samples
        page.wait_for_function("""() => Number((document.querySelector(
            '.live-counter[data-name="Samples seen"] .value')?.innerText || '').replace(/\\D/g, '')) >= 50""")
        page.evaluate("document.activeElement && document.activeElement.blur()")
        page.mouse.move(width - 5, 5)
        page.screenshot(path=artifacts / f"live_ru_training_{width}.png", full_page=True)
        assert page.evaluate(SIDEWAYS) <= 0
        # On a phone the sidebar is folded away (its own width is checked on the desktop).
        areas = ['[data-testid="stMain"]'] + ([] if phone else ['[data-testid="stSidebar"]'])
        assert page.evaluate(CUT_TEXT, areas) == []
        if phone:  # the whole page at once: Streamlit scrolls its main area, not the window
            page.set_viewport_size({"width": width, "height": 3200})
            wait_for_layout_still(page, training=True)  # laid out again at the new size (it is still training)
            page.screenshot(path=artifacts / f"live_ru_training_{width}_whole.png")
            assert page.evaluate(SIDEWAYS) <= 0
    finally:
        context.close()
