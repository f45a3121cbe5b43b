"""The front door in Russian in a real browser: it says it is Russian (``<html lang>``), nothing in the sidebar
is cut or sticks out on a desktop or a phone, and a shortcut key works in a Russian keyboard layout."""

from __future__ import annotations

import pytest

from conftest import wait_for_app, wait_for_shortcut
from test_browser_accessibility import SIDEBAR_AT_REST

pytestmark = pytest.mark.browser

#: Elements of the sidebar whose text is cut (a box narrower than its text, which it hides or ellipsises),
#: or which reach past the sidebar's right edge.
CUT_IN_SIDEBAR = """() => {
    const sidebar = document.querySelector('[data-testid="stSidebarContent"]');
    const edge = sidebar.getBoundingClientRect().right;
    const found = [];
    for (const element of sidebar.querySelectorAll('*')) {
        const text = (element.innerText || element.value || '').trim();
        if (!element.offsetParent || !text) continue;
        const style = getComputedStyle(element);
        const clips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
        if ((clips && element.scrollWidth > element.clientWidth + 1) || element.getBoundingClientRect().right > edge + 1) {
            found.push(`${element.tagName} ${text.slice(0, 50)}`);
        }
    }
    return found;
}"""


@pytest.mark.parametrize("width, height", [(1400, 1000), (390, 844)], ids=["desktop", "phone"])
def test_the_front_door_in_russian_fits_its_sidebar_and_tells_the_browser_its_language(
    browser, streamlit_url, artifacts, width, height
):
    phone = width < 500
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.set_default_timeout(90_000)
    try:
        # orange-blue: the colour setting's longest name, chosen, in the sidebar
        page.goto(f"{streamlit_url}/?lang=ru&palette=orange-blue")
        wait_for_app(page)
        page.wait_for_selector('[data-testid="stImage"] img')
        page.wait_for_selector('[data-testid="stSidebar"] .st-key-display_palette')
        if phone:  # a phone starts with the sidebar folded
            page.locator('[data-testid="stExpandSidebarButton"]').click()
            page.wait_for_selector('[data-testid="stSidebar"][data-collapsed="false"]')
            page.wait_for_function(SIDEBAR_AT_REST, arg=True)  # its slide in over: measured where it stays
        page.screenshot(path=artifacts / f"front_door_ru_{width}x{height}.png")
        page.locator('[data-testid="stSidebar"]').screenshot(path=artifacts / f"front_door_ru_sidebar_{width}.png")
        assert page.evaluate("() => document.documentElement.lang") == "ru"
        assert page.locator("h1").first.inner_text().startswith("Смотрите, как учится")
        assert page.evaluate(CUT_IN_SIDEBAR) == []
    finally:
        context.close()


def test_a_shortcut_key_presses_its_button_in_a_russian_keyboard_layout(page, streamlit_url):
    page.set_default_timeout(90_000)
    page.goto(f"{streamlit_url}/Watch_it_learn?lang=ru")
    wait_for_app(page)
    wait_for_shortcut(page, "live_start", "S")
    before = page.locator(".st-key-live_start button").first.inner_text()
    # In the Russian layout the S key types "ы"; the page reads where it is on the keyboard (KeyS).
    page.evaluate("""() => document.body.dispatchEvent(new KeyboardEvent('keydown',
        {key: 'ы', code: 'KeyS', bubbles: true}))""")
    page.wait_for_function(
        "(before) => { const b = document.querySelector('.st-key-live_start button');"
        " return b && b.innerText.trim() && b.innerText !== before; }", arg=before)
    # A letter that is no shortcut in either layout does nothing.
    assert page.evaluate("""() => document.body.dispatchEvent(new KeyboardEvent('keydown',
        {key: 'ф', code: 'KeyA', bubbles: true, cancelable: true}))""") is True, "not taken by the page"
