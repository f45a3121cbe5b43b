"""The dashboard in Russian, in a real browser: every page's title and heading in Russian, at a desk and on a
phone, with no Russian word (longer than the English) cut or spilling out of its button, label, tab, menu
link or metric; a browser set to Russian gets Russian from a plain link; two learners on one server, one
in each language, keep their own language while they use the page.

Screenshots go to a temporary folder whose path the test prints (``-s``); look at them.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest

from conftest import screenshot_whole_page, wait_for_app
from test_browser_accessibility import SIDEBAR_AT_REST
from ui.i18n import _, speaking
from ui.menu import PAGES

pytestmark = pytest.mark.browser

#: A letter of the Russian alphabet.
CYRILLIC = re.compile(r"[А-Яа-яЁё]")

#: (address, name) of every page; the address is the file's name without its number, as Streamlit serves it.
ADDRESSES = [("" if path == "dashboard.py" else re.sub(r"^pages/\d+_|\.py$", "", path), path) for path, *_ in PAGES]

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}

#: What a learner reads in a box of its own size: its words must fit it.
FITTING = {
    "button": '[data-testid^="stBaseButton"], [data-testid^="stBaseLinkButton"]',
    "chosen option of a select box": '[data-testid="stSelectbox"] [data-baseweb="select"]',
    "widget label": '[data-testid="stWidgetLabel"]',
    "radio or checkbox choice": '[data-testid="stRadio"] label, [data-testid="stCheckbox"] label',
    "tab": '[role="tab"]',
    "page link (menu and lessons)": '[data-testid="stPageLink-NavLink"]',
    "metric label": '[data-testid="stMetricLabel"]',
    "metric value": '[data-testid="stMetricValue"]',
    "expander label": '[data-testid="stExpander"] summary',
}

#: Every visible box matching a selector, and each of its descendants with a box of its own, whose
#: content is wider than the box (scrollWidth > clientWidth + 1): a word cut by an ellipsis or a clip,
#: or spilling out over what is beside it; and every word of a plotly chart that runs off its sides.
OVERFLOWING = r"""async (selectors) => {
  await document.fonts.ready;  // measured in the page's own font, not the narrower one shown while it loads
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const found = [];
  for (const [kind, selector] of Object.entries(selectors)) {
    for (const box of document.querySelectorAll(selector)) {
      if (!box.checkVisibility() || box.clientWidth === 0) continue;
      // a folded sidebar (a phone's, until opened) squeezes its boxes out of sight: measured once opened
      if (box.closest('[data-testid="stSidebar"][data-collapsed="true"]')) continue;
      for (const element of [box, ...box.querySelectorAll('*')]) {
        // 1 px boxes are for screen readers only (a radio's hidden input): nothing to see, nothing to cut
        if (element.clientWidth <= 1 || !element.checkVisibility()) continue;
        if (element.scrollWidth > element.clientWidth + 1) {
          found.push(`${kind} "${box.innerText.trim().slice(0, 60)}": ${element.tagName.toLowerCase()} `
                     + `${element.scrollWidth}px of content in ${element.clientWidth}px`);
          break;
        }
      }
    }
  }
  // a formula wider than its column, or scrolling in it (KaTeX's own struts stick out of their spans by
  // a pixel or two, so the formula is measured whole, with 4 px to spare)
  for (const formula of document.querySelectorAll('.katex-display > .katex')) {
    const column = formula.closest('[data-testid="stElementContainer"]');
    if (!column || !formula.checkVisibility() || column.clientWidth === 0) continue;
    const [box, room] = [formula.getBoundingClientRect(), column.getBoundingClientRect()];
    const scroller = formula.parentElement;  // Streamlit scrolls a formula too wide for its column
    if (box.width > room.width + 1 || scroller.scrollWidth > scroller.clientWidth + 4) {
      found.push(`formula "${formula.innerText.replace(/\s+/g, ' ').trim().slice(0, 60)}": `
                 + `${Math.max(Math.round(box.width), scroller.scrollWidth)}px wide in a column ${Math.round(room.width)}px wide`);
    }
  }
  // a chart's words (titles, axis and node labels, legend) inside the chart: plotly does not wrap or clip
  // them, a longer Russian label simply runs off its edge
  for (const chart of document.querySelectorAll('.js-plotly-plot')) {
    const svg = chart.querySelector('svg.main-svg');
    if (!svg || !chart.checkVisibility()) continue;
    const chartFrame = svg.getBoundingClientRect();
    const plotAreas = [...chart.querySelectorAll('.draglayer .nsewdrag')].map(area => area.getBoundingClientRect());
    for (const text of chart.querySelectorAll('svg.main-svg text')) {
      const box = text.getBoundingClientRect();
      if (!text.textContent.trim() || box.width === 0) continue;
      // a trace's words are clipped to their plot area (plotly's cliponaxis), the rest to the chart
      const middle = (box.top + box.bottom) / 2;
      const clipped = text.closest('.cartesianlayer [clip-path]');
      const frame = (clipped && plotAreas.find(area => area.top <= middle && middle <= area.bottom
                                               && area.left < box.right && box.left < area.right)) || chartFrame;
      if (box.left < frame.left - 1 || box.right > frame.right + 1) {
        found.push(`chart text "${text.textContent.trim().slice(0, 60)}": ${Math.round(box.left - frame.left)}`
                   + ` to ${Math.round(box.right - frame.left)}px in a ${frame === chartFrame ? 'chart' : 'plot area'}`
                   + ` ${Math.round(frame.width)}px wide`);
      }
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def screenshots():
    """A folder of its own under the system's temporary folder (pytest's own are pruned after three runs,
    by anyone's pytest on the machine, before anyone has looked at the pictures)."""
    folder = Path(tempfile.mkdtemp(prefix="russian-screenshots-"))
    print(f"\nscreenshots of the Russian pages: {folder}")
    return folder


def russian_names() -> list[str]:
    with speaking("ru"):
        return [_(label) for _path, label, *_rest in PAGES]


def english_names() -> list[str]:
    return [label for _path, label, *_rest in PAGES]


def menu_names(tab) -> list[str]:
    """The sidebar menu's link names, in order (Streamlit may draw a link twice: with and without its tooltip)."""
    tab.locator(".st-key-menu a:visible").first.wait_for()
    names = tab.locator(".st-key-menu a p").all_inner_texts()
    return list(dict.fromkeys(name.strip() for name in names if name.strip()))


def heading(tab) -> str:
    return tab.locator("h1").first.inner_text()


#: True once the page has been still for a second: Streamlit says no script is running, and the page has
#: the same number of elements at four looks 250 ms apart (between a run and the rerun it asks for, the
#: script state says "notRunning" for a moment, on a half-drawn page).
STILL = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const idle = app?.getAttribute('data-test-script-state') === 'notRunning'
               && !document.querySelector('[data-testid="stStatusWidget"]');
  const count = document.querySelectorAll('*').length;
  const seen = window.__stillness || (window.__stillness = {count: -1, looks: 0});
  seen.looks = idle && count === seen.count ? seen.looks + 1 : 0;
  seen.count = count;
  return seen.looks >= 4;
}"""


def wait_for_page_drawn(tab) -> None:
    """Until the page's script has run to its end and the page is still, with its fonts loaded (until then
    a narrower fallback font hides a cut word). ``wait_for_app`` alone can return before the run starts,
    and measuring then finds a half-drawn page. The limit is only how long to wait on a loaded machine."""
    wait_for_app(tab)
    tab.locator("h1").first.wait_for()
    tab.evaluate("() => { window.__stillness = null; }")
    tab.wait_for_function(STILL, polling=250)
    tab.wait_for_function("() => document.fonts.status === 'loaded'")  # Cyrillic letters load their own font file


def wait_for_russian_title(tab) -> str:
    """The tab's title once Streamlit has set it from the page (it starts as the app's)."""
    try:
        tab.wait_for_function("() => /[А-Яа-яЁё]/.test(document.title)", timeout=20_000)
    except Exception:  # the assertion below says what the title is
        pass
    return tab.title()


def open_sidebar(tab) -> None:
    """On a phone the sidebar starts folded away: open it as a learner would."""
    control = tab.locator('[data-testid="stExpandSidebarButton"]')
    if control.count() and control.first.is_visible():
        control.first.click()
        tab.locator('[data-testid="stSidebar"][data-collapsed="false"]').wait_for()
        tab.wait_for_function(SIDEBAR_AT_REST, arg=True)  # its slide in over: measured and pictured in place


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("address, path", ADDRESSES, ids=[path for _address, path in ADDRESSES])
def test_every_page_opened_with_lang_ru_is_russian_and_no_word_is_cut_or_spills_out(
    browser, streamlit_url, screenshots, address, path, size
):
    phone = size == "phone"
    context = browser.new_context(viewport=SIZES[size], is_mobile=phone, has_touch=phone)
    tab = context.new_page()
    tab.set_default_timeout(90_000)
    problems = []
    try:
        tab.goto(f"{streamlit_url}/{address}?lang=ru")
        wait_for_page_drawn(tab)
        title, h1 = wait_for_russian_title(tab), heading(tab)
        if not CYRILLIC.search(title):
            problems.append(f"the browser tab's title is not Russian: {title!r}")
        if not CYRILLIC.search(h1):
            problems.append(f"the page's heading is not Russian: {h1!r}")
        problems += tab.evaluate(OVERFLOWING, FITTING)
        name = f"{path.removeprefix('pages/').removesuffix('.py')}_{size}"
        screenshot_whole_page(tab, screenshots / f"{name}.png")
        if phone:
            open_sidebar(tab)
            tab.screenshot(path=screenshots / f"{name}_sidebar.png")
            problems += [f"sidebar open: {line}" for line in tab.evaluate(OVERFLOWING, FITTING) if line not in problems]
        if menu_names(tab) != russian_names():
            problems.append(f"the menu is not Russian: {menu_names(tab)}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_a_browser_set_to_russian_gets_russian_from_a_link_without_lang(browser, streamlit_url, screenshots):
    context = browser.new_context(locale="ru-RU", viewport=SIZES["desktop"])
    tab = context.new_page()
    tab.set_default_timeout(90_000)
    try:
        tab.goto(f"{streamlit_url}/Step_through")
        wait_for_page_drawn(tab)
        assert tab.evaluate("navigator.language") == "ru-RU"
        title, h1, names = wait_for_russian_title(tab), heading(tab), menu_names(tab)
        tab.screenshot(path=screenshots / "browser_in_russian.png")
        carried = tab.url
    finally:
        context.close()
    assert names == russian_names()
    assert CYRILLIC.search(title) and CYRILLIC.search(h1), (title, h1)
    assert "lang=ru" in carried, f"the address should carry the language for a copied link: {carried}"


def test_two_learners_on_one_server_in_two_languages_keep_theirs_while_using_the_page(
    browser, streamlit_url, screenshots
):
    contexts = {language: browser.new_context(viewport=SIZES["desktop"]) for language in ("ru", "en")}
    tabs = {language: context.new_page() for language, context in contexts.items()}
    try:
        for language, tab in tabs.items():  # both open before either acts: two sessions live at once
            tab.set_default_timeout(90_000)
            tab.goto(f"{streamlit_url}/Step_through?lang={language}")
        for tab in tabs.values():
            wait_for_page_drawn(tab)
        for _round in range(2):  # each presses Next in turn, reruns interleaving on the one server
            for language, tab in tabs.items():
                stage_before = tab.url
                tab.locator(".st-key-step_next button:visible").first.click()  # its key: its words differ by language
                tab.wait_for_function("(before) => location.href !== before", arg=stage_before)
                wait_for_page_drawn(tab)
        seen = {language: (menu_names(tab), heading(tab), tab.url) for language, tab in tabs.items()}
        for language, tab in tabs.items():
            tab.screenshot(path=screenshots / f"two_learners_{language}.png")
    finally:
        for context in contexts.values():
            context.close()
    russian_menu, russian_h1, russian_url = seen["ru"]
    english_menu, english_h1, english_url = seen["en"]
    assert russian_menu == russian_names() and english_menu == english_names()
    assert CYRILLIC.search(russian_h1) and not CYRILLIC.search(english_h1), (russian_h1, english_h1)
    assert "stage=3" in russian_url and "stage=3" in english_url, "both pressed Next twice"
    # English, the default, is left out of the address (ui.settings.url writes only what differs from it)
    assert "lang=ru" in russian_url and "lang=ru" not in english_url
