"""Accessibility in a real browser: axe-core on every page, keyboard shortcuts, phone and tablet layout.

axe-core comes bundled in axe-playwright-python (no npm). Serious and critical
violations fail the test, except the ones listed in STREAMLIT_CHROME: each is in
Streamlit's own markup, excluded by rule AND the element it is on, and listed with
the Streamlit issue that tracks it in docs/accessibility.md.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import wait_for_app
from ui.accessibility import TOUCH_TARGET_PX

pytestmark = pytest.mark.browser

PAGES = {"home": "", "live": "Watch_it_learn", "step": "Step_through", "mnist": "MNIST_workshop",
         "classroom": "Classroom"}

#: (axe rule, the Streamlit element the failing node sits in): Streamlit's own markup, see docs/accessibility.md.
STREAMLIT_CHROME = (
    ("color-contrast", '[data-testid="stSliderThumbValue"]'),   # a slider's value label, dark theme
    ("color-contrast", '[data-testid="stSliderTickBarMin"]'),   # a slider's end labels
    ("color-contrast", '[data-testid="stSliderTickBarMax"]'),
)

SERIOUS = ("serious", "critical")


def own_violations(page) -> list[tuple[str, str, str]]:
    """axe's serious and critical violations on the page, less the listed Streamlit ones: (rule, target, html)."""
    results = Axe().run(page, options={"resultTypes": ["violations"]})
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] not in SERIOUS:
            continue
        for node in violation["nodes"]:
            inside = [container for rule, container in STREAMLIT_CHROME if rule == violation["id"]]
            if inside and page.evaluate(
                "([target, containers]) => { const node = document.querySelector(target);"
                " return !!node && containers.some(c => node.closest(c)); }",
                [node["target"][0], inside],
            ):
                continue
            found.append((violation["id"], " ".join(map(str, node["target"]))[-120:], node["html"][:200]))
    return found


def settle(page) -> None:
    """Wait until the script run is over and nothing is drawn faded as stale (axe would measure the fading)."""
    wait_for_app(page, 90_000)
    # quiet for 2 s in a row: a page may rerun once more just after its first run (a fragment, a link)
    page.wait_for_function("""() => {
        const busy = document.querySelector('[data-testid="stStatusWidget"], [data-stale="true"]');
        window.__quietSince = busy ? undefined : (window.__quietSince || Date.now());
        return !busy && Date.now() - window.__quietSince > 2000;
    }""", polling=250)


def open_page(page, url: str) -> None:
    page.goto(url)
    settle(page)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_page_has_a_serious_axe_violation_of_its_own_idle_or_training(browser, streamlit_url, theme):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, color_scheme=theme)
    page = context.new_page()
    page.set_default_timeout(90_000)
    problems = {}
    try:
        for name, path in PAGES.items():
            open_page(page, f"{streamlit_url}/{path}")
            problems[name] = own_violations(page)
        open_page(page, f"{streamlit_url}/MNIST_workshop")
        for tab in page.get_by_role("tab").all()[1:]:  # the first tab was checked above
            tab.click()
            settle(page)
            problems[f"mnist tab {tab.inner_text()}"] = own_violations(page)
        open_page(page, f"{streamlit_url}/Watch_it_learn")
        page.locator(".st-key-live_start button").first.click()
        page.wait_for_selector(".st-key-live_start button:has-text('Pause')")
        page.wait_for_timeout(1500)
        problems["live, training"] = own_violations(page)
        page.locator(".st-key-live_start button").first.click()
    finally:
        context.close()
    assert not any(problems.values()), {name: found for name, found in problems.items() if found}


def test_keyboard_shortcuts_start_and_pause_training_and_move_through_the_stages(page, streamlit_url):
    page.set_default_timeout(90_000)
    open_page(page, f"{streamlit_url}/Watch_it_learn")
    page.wait_for_function("""() => { const buttons = [...document.querySelectorAll('.st-key-live_start button')];
        return buttons.length && buttons.every(b => b.getAttribute('aria-keyshortcuts') === 'S'); }""")
    page.locator("body").press("s")
    page.wait_for_selector(".st-key-live_start button:has-text('Pause')")
    page.locator("body").press("s")
    page.wait_for_selector(".st-key-live_start button:has-text('Start')")
    assert page.get_by_text("Keyboard: S Start or Pause training").count() == 1
    open_page(page, f"{streamlit_url}/Step_through?stage=1")
    page.locator("body").press("k")
    page.wait_for_function("() => location.search.includes('stage=2')")
    page.locator("body").press("j")
    page.wait_for_function("() => !location.search.includes('stage=2')")
    # focus is visible: a focused button draws an outline
    next_button = page.locator(".st-key-step_next button").first
    next_button.focus()
    outline = next_button.evaluate("b => getComputedStyle(b).outlineWidth")
    assert outline == "3px"
    # reduced motion: the page's script tells the server, by a cookie, for its next page load
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"{streamlit_url}/")
    page.wait_for_function("() => document.cookie.includes('nn_reduced_motion=1')")


#: The page's own buttons and tabs. Streamlit's small icon buttons (a widget's "?" help, a number
#: input's − and +, an element's toolbar) are listed in docs/accessibility.md.
OUR_CONTROLS = ('[data-testid="stMain"] [data-testid="stBaseButton-primary"], '
                '[data-testid="stMain"] [data-testid="stBaseButton-secondary"], [data-testid="stMain"] [role="tab"]')


@pytest.mark.parametrize("width, height", [(390, 844), (768, 1024)])
def test_on_a_phone_or_tablet_no_page_scrolls_sideways_and_buttons_are_big_enough(
    browser, streamlit_url, artifacts, width, height
):
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(90_000)
    try:
        overflow, small = {}, {}
        for name, path in PAGES.items():
            open_page(page, f"{streamlit_url}/{path}")
            page.screenshot(path=artifacts / f"a11y_{name}_{width}x{height}.png", full_page=True)
            overflow[name] = page.evaluate("() => document.scrollingElement.scrollWidth - window.innerWidth")
            small[name] = page.evaluate(f"""() => [...document.querySelectorAll(`{OUR_CONTROLS}`)]
                .filter(b => b.offsetParent && b.getBoundingClientRect().height < {TOUCH_TARGET_PX} - 0.5)
                .map(b => (b.innerText || b.getAttribute('aria-label') || '?').slice(0, 30))""")
    finally:
        context.close()
    assert all(pixels <= 0 for pixels in overflow.values()), overflow
    assert not any(small.values()), small
