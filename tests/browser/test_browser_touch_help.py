"""On a phone every button's and link's help can be read and no keyboard hint is shown; a desktop is as before.

Streamlit 1.67 shows a button's (or link's) help only as a tooltip on hover, and below 576 px draws the button
without it: a phone cannot reach it, and a tap on the button acts. ui/accessibility.py's script writes that
help as a line under the control where no tooltip can open, its "Key: S." apart, and hides keyboard hints
(the shortcuts' caption and those words) on a touch screen that cannot hover. A widget's help is its "?"
icon, which a tap opens. The phone is a 390 x 844 touch screen (``is_mobile``, ``has_touch``), in English
and Russian.
"""

from __future__ import annotations

import pytest

from conftest import wait_for_picture
from test_browser_accessibility import PAGES, close_sidebar, open_page, open_sidebar

from ui.accessibility import SHORTCUTS, key_sentence, shortcuts_caption
from ui.i18n import _, speaking
from ui.next_page import CLASSROOM, START_HERE

pytestmark = pytest.mark.browser

PHONE = dict(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)

#: Every button and link on view (Streamlit's elements whose help is a tooltip on the control itself) that has
#: help: Streamlit draws its tooltip trigger even where it hides it. For each: its Streamlit key (or its label),
#: whether it is in the sidebar, the help line under it as the learner sees it ('' if none is shown there),
#: and the words of the element after it (a page link's caption may say its help already).
HELPED_CONTROLS = """() => [...document.querySelectorAll(['stButton', 'stDownloadButton', 'stLinkButton',
    'stPageLink', 'stFormSubmitButton', 'stPopover'].map(name => `[data-testid="${name}"]`).join(', '))]
  .filter(control => control.checkVisibility() && control.querySelector('[data-testid="stTooltipHoverTarget"]'))
  .map(control => {
    const box = control.closest('[data-testid="stElementContainer"]');
    const line = box.lastElementChild.classList.contains('touch-help') ? box.lastElementChild : null;
    const key = control.closest('[class*="st-key-"]')?.className.match(/st-key-(\\S+)/)?.[1];
    const next = box.nextElementSibling;
    const below = line && line.getBoundingClientRect().top >= control.getBoundingClientRect().bottom - 1;
    return {name: key || control.querySelector('a, button').textContent.trim(),
            inSidebar: !!control.closest('[data-testid="stSidebar"]'),
            line: line && line.checkVisibility() && below ? line.innerText.trim() : '',
            under: next && next.checkVisibility() ? next.innerText.trim() : ''};
  })"""

#: The text the learner sees: innerText leaves out what is not drawn (display: none, visibility: hidden).
SHOWN_TEXT = "() => document.body.innerText"


def the_words(message: str, key: str = "") -> str:
    """A help text as the phone's help line shows it: without its "Key: S." (there is no keyboard)."""
    return _(message).replace(f" {key_sentence(key)}", "") if key else _(message)


def keyboard_hints(language: str) -> list[str]:
    """Words that only a keyboard's user needs: each key's sentence, and the shortcuts' caption's opening."""
    with speaking(language):
        caption = shortcuts_caption("step_back").split(":")[0] + ":"
        return [caption] + [key_sentence(key.upper()) for key in SHORTCUTS]


def helped_controls(page, where: str) -> list[dict]:
    return [control for control in page.evaluate(HELPED_CONTROLS) if control["inSidebar"] == (where == "sidebar")]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_on_a_phone_every_button_and_link_shows_its_help_and_no_page_shows_a_keyboard_hint(
        browser, streamlit_url, artifacts, language):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    without_help, twice, lines, hints = {}, {}, {}, {}
    with speaking(language):  # the sentences a page link's caption repeats from its help (ui/next_page.py)
        captions = {_(step.teaches) for step in (*START_HERE, CLASSROOM)}
    try:
        for name, path in PAGES.items():
            open_page(page, f"{streamlit_url}/{path}?lang={language}")
            for where in ("main", "sidebar"):
                if where == "sidebar" and not open_sidebar(page):
                    continue
                controls = helped_controls(page, where)
                assert controls, f"{name} {where}: no button or link with help found"
                without_help[f"{name} {where}"] = [control["name"] for control in controls
                                                   if not (control["line"] or control["under"] in captions)]
                twice[f"{name} {where}"] = [control["line"] for control in controls
                                            if control["line"] and control["line"] == control["under"]]
                lines.update({control["name"]: control["line"] for control in controls})
                shown = page.evaluate(SHOWN_TEXT)
                hints[f"{name} {where}"] = [words for words in keyboard_hints(language) if words in shown]
                if name == "live" and where == "sidebar":
                    page.locator(".st-key-live_start").first.scroll_into_view_if_needed()
                    wait_for_picture(page)
                    page.screenshot(path=artifacts / f"touch_help_{language}_live_sidebar.png")
                if where == "sidebar":
                    close_sidebar(page)
    finally:
        context.close()
    assert not any(without_help.values()), {where: labels for where, labels in without_help.items() if labels}
    assert not any(twice.values()), {where: words for where, words in twice.items() if words}
    assert not any(hints.values()), {where: words for where, words in hints.items() if words}
    with speaking(language):
        # the help sent for the button, word for word, less its key
        assert lines["step_next"] == the_words("The stage after this one. Key: K.", "K")
        assert lines["live_start"] == the_words(
            "Train continuously, a chunk of samples per picture; press again to pause. Key: S.", "S")
        assert lines["live_reset"] == the_words(
            "Start again from the starting weights: the same seed gives the same network. Key: R.", "R")


def test_on_a_phone_a_tap_on_a_widgets_question_mark_shows_its_help(browser, streamlit_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    shown = {}
    try:
        open_page(page, f"{streamlit_url}/Step_through")
        address = page.url
        icons = page.locator('[data-testid="stMain"] [data-testid="stTooltipIcon"] button:visible')
        assert icons.count() > 5
        for index in range(icons.count()):
            icon = icons.nth(index)
            name = icon.get_attribute("aria-label")
            icon.tap()
            # Streamlit points the icon at its tooltip (aria-describedby) while the tooltip is open
            page.wait_for_function("""(icon) => {
                const id = icon.closest('[data-testid="stTooltipHoverTarget"]').getAttribute('aria-describedby');
                return id && document.getElementById(id)?.innerText.trim(); }""", arg=icon.element_handle())
            shown[name] = page.locator('[data-testid="stTooltipContent"]').inner_text().strip()
        # a "?" in a toggle's label is tapped for the help, not the toggle (Streamlit alone flips it)
        toggled = [key for key in ("step_own", "step_predict", "step_play")
                   if page.locator(f".st-key-{key} input").is_checked()]
        moved = page.url != address
    finally:
        context.close()
    assert not toggled and not moved, (toggled, moved)
    assert all(shown.values()), shown
    assert shown["Help for Stage"].startswith("Jump to any stage")


@pytest.mark.parametrize("language", ["en", "ru"])
def test_on_a_desktop_the_help_stays_a_tooltip_with_its_key_and_the_shortcuts_are_listed(
        page, streamlit_url, language):
    open_page(page, f"{streamlit_url}/Step_through?lang={language}")
    with speaking(language):
        caption = shortcuts_caption("step_back", "step_next")
        next_label, next_help = _("Next ▶"), _("The stage after this one. Key: K.")
    assert page.get_by_text(caption, exact=True).is_visible()
    assert page.locator(".touch-help").count() > 0, "the help lines are on the page"
    assert not page.evaluate("() => [...document.querySelectorAll('.touch-help')].some(l => l.checkVisibility())")
    page.get_by_role("button", name=next_label).hover()
    tooltip = page.locator('[data-testid="stTooltipContent"]')
    tooltip.wait_for()
    assert tooltip.inner_text().strip() == next_help


def test_in_a_narrow_desktop_window_a_buttons_help_is_a_line_with_its_key(browser, streamlit_url):
    """Below 576 px Streamlit drops the tooltip whatever the pointer: a mouse's learner reads the line, and
    has a keyboard, so its key and the shortcuts' caption stay."""
    context = browser.new_context(viewport={"width": 500, "height": 900})
    page = context.new_page()
    try:
        open_page(page, f"{streamlit_url}/Step_through")
        lines = {control["name"]: control["line"] for control in helped_controls(page, "main")}
        caption_shown = page.get_by_text(shortcuts_caption("step_back", "step_next"), exact=True).is_visible()
    finally:
        context.close()
    assert lines["step_next"] == "The stage after this one. Key: K."
    assert caption_shown
