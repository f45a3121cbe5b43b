"""On a phone, the words in the live page's and the MNIST workshop's pictures are big enough to read.

The error curve is two SVGs shown as <img>s one over the other (its frame: axes and words; its data: the
lines, and earlier runs' names): their words are not elements of the page, so each is measured inside the
picture itself, opened in a frame of exactly the size the page shows it at (its own style sheet sees the
same width and height there as in the <img>). The weight tables and, once
paused, the heatmaps (and the workshop's confusion table) are part of the page and measured where they are. Sizes are CSS pixels as the
phone shows them: a word's height on screen (its glyph box, from getBoundingClientRect) and the size
its font is drawn at.
"""

from __future__ import annotations

import base64
import re

import pytest

import numpy as np

from conftest import press, wait_for_app, wait_for_picture

from ui import charts
from ui.charts import SMALLEST_TEXT_PX
from ui.i18n import speaking

pytestmark = pytest.mark.browser

#: A phone as benchmarks/live_updates.py and the accessibility tests open one: 390 x 844 CSS pixels.
PHONE = dict(viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True, has_touch=True)
ERROR_CURVE = "img.error-curve"

#: The error curve's words as shown: the picture's source opened in a frame the size of the <img>, and each
#: <text> it shows measured there: [words, height of its glyph box on screen, size its font is drawn at].
CURVE_WORDS = """async ([source, width, height]) => {
  const frame = document.createElement('iframe');
  frame.style = `position:absolute;left:0;top:0;width:${width}px;height:${height}px;border:0`;
  await new Promise(loaded => { frame.onload = loaded; frame.src = source; document.body.appendChild(frame); });
  return frame;
}"""
SHOWN_WORDS = """() => [...document.querySelectorAll('text')].filter(text => text.getClientRects().length)
  .map(text => {
    const screen = text.getScreenCTM(), scale = Math.hypot(screen.c, screen.d);  // along the words' height
    return [text.textContent, text.getBBox().height * scale, parseFloat(getComputedStyle(text).fontSize) * scale];
  })"""
#: The words of the page's own pictures: the weight tables' names and numbers, the heatmaps' labels.
PAGE_PICTURE_WORDS = """() => [...document.querySelectorAll(
    '.weights-table th, .weights-table span, .js-plotly-plot text')]
  .filter(element => element.textContent.trim() && element.getClientRects().length)
  .map(element => [element.textContent, element.getBoundingClientRect().height,
                   parseFloat(getComputedStyle(element).fontSize)])"""


#: Which of the error curve's layouts a picture shows (its own style sheet picks one by the picture's shape).
SHOWN_LAYOUTS = """() => [...document.querySelectorAll('svg.wide, svg.narrow')]
  .filter(layout => getComputedStyle(layout).display !== 'none').map(layout => layout.getAttribute('class'))"""


def samples_seen(page) -> int:
    return int(page.locator('.live-counter[data-name="Samples seen"] .value').inner_text().replace(",", ""))


def curve_points(page) -> int:
    """Points on the error curve's running mean (the picture is an SVG sent as a data: URL)."""
    svg = base64.b64decode(page.locator(ERROR_CURVE).get_attribute("src").split(",", 1)[1]).decode()
    line = re.search(r'class="running-mean" points="([^"]*)"', svg)
    return len(line.group(1).split()) if line else 0


def curve_words(page, picture=None, layouts: list | None = None) -> list[tuple[str, float, float]]:
    """Every word the error curve (``picture``, or the page's) shows on this screen, in its frame picture and
    its data picture: (words, glyph box height, font size), CSS pixels. ``layouts`` gets the layouts each of
    the two shows, the frame's first."""
    picture = picture or page.locator(ERROR_CURVE).first
    frame_picture = picture.locator("xpath=preceding-sibling::img[@class='error-curve-frame']")
    words = []
    for layer in (frame_picture, picture):
        box = layer.bounding_box()
        assert box == picture.bounding_box(), "the frame and the data, the same size in the same place"
        frame_handle = page.evaluate_handle(CURVE_WORDS, [layer.get_attribute("src"), box["width"], box["height"]])
        try:
            frame = frame_handle.as_element().content_frame()
            if layouts is not None:
                layouts.extend(frame.evaluate(SHOWN_LAYOUTS))
            words += frame.evaluate(SHOWN_WORDS)
        finally:
            frame_handle.evaluate("frame => frame.remove()")
    return words


def too_small(words) -> list:
    return [(text, round(height, 1), round(font, 1)) for text, height, font in words
            if height < SMALLEST_TEXT_PX or font < SMALLEST_TEXT_PX]


def train_a_few_updates_on_a_phone(page, streamlit_url: str, query: str) -> None:
    """Open the live page on the phone, Start from the sidebar (a phone's starts folded), wait until the
    curve has drawn several updates, Pause, and fold the sidebar again to see the pictures."""
    page.set_default_timeout(120_000)
    page.goto(f"{streamlit_url}/Watch_it_learn?{query}")
    wait_for_app(page)
    page.wait_for_selector(ERROR_CURVE)
    page.locator('[data-testid="stExpandSidebarButton"]').first.click()
    page.get_by_role("button", name="Start", exact=True).click()
    page.get_by_role("button", name="Pause", exact=True).wait_for()
    page.wait_for_function(
        """() => +document.querySelector('.live-counter[data-name="Samples seen"] .value')
                  ?.innerText.replace(/[^0-9]/g, '') > 0""", polling=250)
    # While a run replaces the page's elements, the curve of the run before may still stand beside the new one.
    page.wait_for_function("() => document.querySelectorAll('img.error-curve').length === 1", polling=250)
    first = page.locator(ERROR_CURVE).get_attribute("src")
    page.wait_for_function("(first) => document.querySelector('img.error-curve')?.getAttribute('src') !== first",
                           arg=first, polling=250)  # one more update drawn after the first that trained
    page.get_by_role("button", name="Pause", exact=True).click()
    page.get_by_role("button", name="Start", exact=True).wait_for()
    page.locator('[data-testid="stSidebarCollapseButton"] button').first.click()
    # Attached, not visible: a folded sidebar is hidden once its slide ends (waiting for it visible
    # only passed when the check fell within the slide; under load it waited for ever).
    page.wait_for_selector('[data-testid="stSidebar"][data-collapsed="true"]', state="attached")
    wait_for_app(page)
    assert samples_seen(page) > 0 and curve_points(page) > 1


@pytest.mark.parametrize("name, query", [
    ("3-3-3", "dataset=3-3-3"),
    ("mnist", "dataset=mnist&hidden_nodes=100&learning_rate=0.1&speed=200"),
])
def test_on_a_phone_every_word_in_the_live_pictures_is_at_least_11_px_tall(browser, streamlit_url, artifacts,
                                                                           name, query):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        train_a_few_updates_on_a_phone(page, streamlit_url, query)
        page.mouse.move(5, 5)
        wait_for_picture(page)
        page.locator(ERROR_CURVE).scroll_into_view_if_needed()
        page.screenshot(path=artifacts / f"phone_text_{name}_curve.png")
        words = curve_words(page)
        pictures = page.evaluate(PAGE_PICTURE_WORDS)
    finally:
        context.close()
    texts = [text for text, _height, _font in words]
    assert "error" in texts and "running mean" in texts and any(text.startswith("samples seen") for text in texts)
    assert "0" in texts, "the axes' numbers are measured"
    assert not too_small(words), too_small(words)
    assert pictures, "the weight pictures' words are measured"
    assert not too_small(pictures), too_small(pictures)


#: The words plotly draws (axes, colour bars, a heatmap's numbers in its cells).
CHART_WORDS = """() => [...document.querySelectorAll('.js-plotly-plot text')]
  .filter(element => element.textContent.trim() && element.getClientRects().length)
  .map(element => [element.textContent, element.getBoundingClientRect().height,
                   parseFloat(getComputedStyle(element).fontSize)])"""


def test_on_a_phone_the_mnist_workshops_error_curve_and_confusion_table_words_are_at_least_11_px(
        browser, streamlit_url, artifacts):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(180_000)
    try:
        page.goto(f"{streamlit_url}/MNIST_workshop?hidden_nodes=20&train_count=1000&seed=3")
        wait_for_app(page)
        page.get_by_role("button", name="Start", exact=True).click()
        page.get_by_text("1,000 of 1,000 samples").wait_for()
        wait_for_app(page)
        curve = curve_words(page)
        page.get_by_role("tab", name="Test").click()
        page.wait_for_function("() => new URLSearchParams(location.search).get('tab') === 'test'")
        wait_for_app(page)
        table = page.locator(".js-plotly-plot").first
        table.wait_for()
        page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot text').length > 100")
        table.scroll_into_view_if_needed()
        page.screenshot(path=artifacts / "phone_text_mnist_confusion.png")
        chart = page.evaluate(CHART_WORDS)
    finally:
        context.close()
    assert any(text.startswith("samples seen") for text, _height, _font in curve)
    assert not too_small(curve), too_small(curve)
    assert len(chart) > 100, "the confusion table's hundred counts are measured"
    assert not too_small(chart), too_small(chart)


#: Picture widths, CSS pixels: a 320-px phone's column, a 390-px phone's, either side of the narrow layout's
#: end and of the width from which the wide layout's 12 units are 11 px, a laptop's and a wide screen's column.
PICTURE_WIDTHS = (288, 358, 600, charts.NARROW_CURVE_BELOW - 1, charts.NARROW_CURVE_BELOW, 820, 825, 940, 1200)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_at_every_width_from_a_small_phones_up_the_error_curve_shows_one_layout_its_words_at_least_11_px(
        browser, artifacts, language):
    errors = np.linspace(0.5, 0.05, 12_345)
    with speaking(language):
        svg = charts.error_curve_svg(errors, errors, epoch_starts=range(1000, 12_345, 1000),
                                     accuracy=[(50, 0.5), (12_345, 0.9)], earlier=[("run 1", errors[:9000])])
        picture = charts.error_curve_image_html(svg, "error curve")
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    try:
        page.set_content("<body style='margin:0'>" + "".join(
            f"<div style='width:{width}px;margin:8px 0'>{picture}</div>" for width in PICTURE_WIDTHS) + "</body>")
        page.wait_for_function("() => [...document.images].every(picture => picture.complete)")
        page.screenshot(path=artifacts / f"phone_text_curve_widths_{language}.png", full_page=True)
        shown, small = {}, {}
        for width, image in zip(PICTURE_WIDTHS, page.locator(ERROR_CURVE).all()):
            layouts = []
            words = curve_words(page, image, layouts)
            shown[width], small[width] = layouts, too_small(words)
            assert len(words) > 15, (width, words)
    finally:
        page.close()
    # the frame and the data picture each show the one layout, the same
    assert shown == {width: ["narrow" if width < charts.NARROW_CURVE_BELOW else "wide"] * 2 for width in PICTURE_WIDTHS}
    assert not any(small.values()), small


#: One plotly chart as a phone shows it: its box and its plot area's, the box of every marker of each trace,
#: and every word it shows with its box, sizes and what is on top of it. A word is covered when what a touch at
#: its centre would reach is plotly's mode bar or not the chart at all (Streamlit's toolbar, anything else over
#: it), or nothing (off the screen). (The chart's words themselves let touches through to what is under them.)
CHART_LAYOUT = """(chart) => {
  const box = element => { const b = element.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
  const words = [...chart.querySelectorAll('text')]
    .filter(element => element.textContent.trim() && element.getClientRects().length)
    .map(element => {
      const [left, top, right, bottom] = box(element);
      const above = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
      const covered = !above ? 'off the screen' : chart.contains(above) && !above.closest('.modebar-container') ? null
          : above.getAttribute('data-testid') || above.getAttribute('class') || above.tagName;
      return {words: element.textContent, box: [left, top, right, bottom], height: bottom - top,
              font: parseFloat(getComputedStyle(element).fontSize), covered,
              legend: !!element.closest('.legend'), label: !!element.closest('.textpoint')};
    });
  return {chart: box(chart), plot: box(chart.querySelector('.draglayer .nsewdrag')), words,
          traces: [...chart.querySelectorAll('.scatterlayer .trace')]
              .map(trace => [...trace.querySelectorAll('.points path')].map(box))};
}"""


def chart_layout(page, chart) -> dict:
    """:data:`CHART_LAYOUT` of ``chart`` (a locator), scrolled to the middle of the screen and drawn."""
    chart.evaluate("chart => chart.scrollIntoView({block: 'center'})")
    page.mouse.move(5, 5)
    wait_for_picture(page)
    return chart.evaluate(CHART_LAYOUT)


def overlap(one, other, slack: float = 1.0) -> bool:
    """Two boxes [left, top, right, bottom] share more than ``slack`` pixels each way."""
    return (min(one[2], other[2]) - max(one[0], other[0]) > slack
            and min(one[3], other[3]) - max(one[1], other[1]) > slack)


def inside(inner, outer, slack: float = 1.0) -> bool:
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack and inner[2] <= outer[2] + slack
            and inner[3] <= outer[3] + slack)


def crossed_by_line(words, points, steps: int = 200) -> bool:
    """The line through the centres of ``points`` (marker boxes, in order) passes through the box ``words``."""
    centres = [((left + right) / 2, (top + bottom) / 2) for left, top, right, bottom in points]
    return any(overlap(words, [x, y, x, y], slack=-1.5)
               for (x0, y0), (x1, y1) in zip(centres, centres[1:])
               for x, y in ((x0 + (x1 - x0) * t / steps, y0 + (y1 - y0) * t / steps) for t in range(steps + 1)))


def collisions(layout: dict) -> dict:
    """What a learner could not read on the chart: words too small, covered, cut off, on top of each other,
    and (for a line's numbers) on a marker or crossed by the line."""
    words, chart = layout["words"], layout["chart"]
    return {
        "too small": too_small([(word["words"], word["height"], word["font"]) for word in words]),
        "covered": [(word["words"], word["covered"]) for word in words if word["covered"]],
        "cut off": [word["words"] for word in words
                    if not inside(word["box"], chart) or word["box"][0] < 0 or word["box"][2] > PHONE_WIDTH],
        "on each other": [(one["words"], other["words"]) for index, one in enumerate(words)
                          for other in words[index + 1:] if overlap(one["box"], other["box"])],
        "numbers off the plot": [word["words"] for word in words
                                 if word["label"] and not inside(word["box"], layout["plot"])],
        # a number's glyph box starts at its font's ascent, a pixel or two above its digits: under a point,
        # plotly hangs it from that edge, which meets the marker's own box
        "numbers on a marker": [word["words"] for word in words if word["label"] for trace in layout["traces"]
                                for marker in trace if overlap(word["box"], marker, slack=2.0)],
        "numbers on the line": [word["words"] for word in words
                                if word["label"] and crossed_by_line(word["box"], layout["traces"][0])],
    }


PHONE_WIDTH = PHONE["viewport"]["width"]
#: The experiment's colours as its legend names them (the stems: Russian agrees them with the noun).
COLOUR_WORDS = {"en": ("blue", "orange"), "ru": ("син", "оранжев")}


def test_on_a_phone_nothing_covers_the_confusion_tables_words(browser, streamlit_url, artifacts):
    """Plotly draws its mode bar all the time on a touch screen, with 44-px buttons: it covered the table's
    top line, "the network's answer"."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(f"{streamlit_url}/MNIST_workshop?tab=test")
        wait_for_app(page)
        table = page.locator(".st-key-mnist_confusion .js-plotly-plot")
        page.wait_for_function("() => document.querySelectorAll('.st-key-mnist_confusion text').length > 100")
        layout = chart_layout(page, table)
        page.screenshot(path=artifacts / "phone_mnist_confusion_uncovered.png")
    finally:
        context.close()
    assert "the network's answer" in [word["words"] for word in layout["words"]]
    assert len(layout["words"]) > 100, "the hundred counts are measured too"
    assert not any(collisions(layout).values()), collisions(layout)


@pytest.mark.parametrize("language, setting", [("en", "learning_rate"), ("ru", "init")])
def test_on_a_phone_the_experiments_chart_is_readable_whole_and_its_legend_names_the_colours(
        browser, streamlit_url, artifacts, language, setting):
    """The book's sweep on a phone: learning rate in English (numbers on a climbing line), starting weights
    in Russian (the longest names: the legend takes two lines, the axis three long words)."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(f"{streamlit_url}/MNIST_workshop?tab=experiments&sweep_setting={setting}&sweep_train_count=300"
                  f"&lang={language}")
        wait_for_app(page)
        press(page, "mnist_sweep_run")
        chart = page.locator(".st-key-mnist_sweep_chart .js-plotly-plot")
        page.wait_for_function("() => document.querySelectorAll("
                               "'.st-key-mnist_sweep_chart .scatterlayer .trace').length === 2")
        layout = chart_layout(page, chart)
        page.screenshot(path=artifacts / f"phone_mnist_experiment_{language}.png")
    finally:
        context.close()
    legend = [word for word in layout["words"] if word["legend"]]
    colours = COLOUR_WORDS[language]  # this run's line, the book's diamonds
    assert len(legend) == 2 and all(colour in word["words"] for colour, word in zip(colours, legend)), legend
    assert not any(overlap(word["box"], layout["plot"]) for word in legend), (legend, layout["plot"])
    assert len([word for word in layout["words"] if word["label"]]) == len(layout["traces"][0]) >= 3
    assert not any(collisions(layout).values()), collisions(layout)
