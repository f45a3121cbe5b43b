"""The MNIST workshop in Russian in a real browser, at a desktop's and a phone's width: every tab is drawn,
nothing is wider than the screen, and no label, button or caption is cut short (Russian runs longer).

Screenshots go to test-artifacts/mnist_ru_<tab>_<width>.png, to be looked at.
"""

import pytest

from conftest import wait_for_app, wait_for_layout_still, wait_for_picture
from test_browser_mnist import open_tab
from ui.i18n import _, speaking
from ui.mnist.settings import MNIST_TABS

pytestmark = pytest.mark.browser

#: Elements of the page's main area whose text is clipped: they hide what overflows (or end it with "…")
#: and their text is wider than their box.
CLIPPED = """() => [...document.querySelectorAll('[data-testid="stMain"] *')]
    .filter(element => {
        if (!element.offsetParent || !element.innerText || !element.innerText.trim()) return false;
        const style = getComputedStyle(element);
        const hides = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
        return hides && element.scrollWidth > element.clientWidth + 1;
    })
    .map(element => (element.getAttribute('data-testid') || element.tagName) + ': ' + element.innerText.slice(0, 60))"""


#: What each tab shows last once it has been drawn (its last heading or control), in Russian.
DRAWN = {
    "Train": "Загрузить сохранённую сеть (.npz)",
    "Test": "Столбцы — десять выходных узлов для этого изображения",
    "Predict it": "Зафиксировать выбор",
    "Your handwriting": "Нарисуйте цифру в белом квадрате выше.",
    "What it learned": "Скрытые узлы 1, 2, 3",
    "Experiments": "Больше обучающих изображений бесплатно",
}


def russian(name: str) -> str:
    with speaking("ru"):
        return _(name)


#: Each visible upload box's words: what replaces Streamlit's button text and instructions, and whether those show.
UPLOAD_WORDS = """() => [...document.querySelectorAll('[data-testid="stFileUploaderDropzone"]')]
    .filter(zone => zone.offsetParent !== null).map(zone => {
        const button = zone.querySelector('[data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"]');
        const instructions = zone.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] > div');
        return [getComputedStyle(button, '::after').content, getComputedStyle(button.querySelector('p')).display,
                getComputedStyle(instructions, '::after').content,
                getComputedStyle(instructions.querySelector('span')).display];
    })"""


@pytest.mark.parametrize("width, height", [(1400, 1000), (390, 844)])
def test_every_tab_of_the_workshop_in_russian_fits_the_screen(browser, streamlit_url, artifacts, width, height):
    phone = width < 600
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.set_default_timeout(90_000)
    overflow, clipped, upload_words = {}, {}, []
    try:
        page.goto(f"{streamlit_url}/MNIST_workshop?lang=ru")
        wait_for_app(page)
        page.get_by_role("button", name="Взять предобученную сеть").click()
        page.get_by_text("предобученная сеть").first.wait_for()
        wait_for_app(page)
        for name in MNIST_TABS:
            open_tab(page, name, shown=russian(name))
            page.get_by_role("tab", name=russian(name), selected=True).wait_for()
            page.get_by_text(DRAWN[name]).locator("visible=true").first.wait_for()
            wait_for_layout_still(page)  # charts settle into their column's width
            overflow[name] = page.evaluate("() => document.scrollingElement.scrollWidth - window.innerWidth")
            clipped[name] = page.evaluate(CLIPPED)
            upload_words += page.evaluate(UPLOAD_WORDS)
            # The main area scrolls inside the window: to see all of it, the window is made as tall as it, once measured.
            tall = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
            page.set_viewport_size({"width": width, "height": min(tall, 12_000)})
            wait_for_picture(page)  # laid out again at the new size, still
            page.screenshot(path=artifacts / f"mnist_ru_{name.replace(' ', '_')}_{width}.png")
            page.set_viewport_size({"width": width, "height": height})
    finally:
        context.close()
    assert all(pixels <= 0 for pixels in overflow.values()), overflow
    assert not any(clipped.values()), clipped
    # Streamlit's own "Upload" and "50MB per file" are hidden, the Russian written in their place
    assert upload_words and set(map(tuple, upload_words)) == {('"Выбрать файл"', "none", '"или перетащите его сюда"', "none")}
