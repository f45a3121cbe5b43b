"""The step page's network diagram in a real browser: no word of it is cut, in English or Russian, at a desk or
on a phone, and every label beside a node is as wide as ``ui.charts.chart_text_width`` measured it, so the
room the diagram leaves for its labels is measured in the font the browser draws them in.

Screenshots: ``test-artifacts/diagram_<case>_<language>_<size>.png``.
"""

from __future__ import annotations

import pytest

from test_browser_accessibility import settle
from ui.charts import chart_text_width

pytestmark = pytest.mark.browser

#: A phone; a tablet upright; a small laptop, and a desktop with the sidebar open: the diagram's column
#: beside the maths is narrowest there (344 px), and at 1024 px the picture goes under the maths instead.
SIZES = {"phone": {"width": 390, "height": 844}, "tablet": {"width": 768, "height": 1024},
         "laptop": {"width": 1024, "height": 768}, "desktop": {"width": 1400, "height": 1000}}

#: (name, the step page's address, the stage shown): the longest labels each side of the diagram.
CASES = {
    # outputs named by meaning with their answers beside them («горизонтальная: 0,5123»), a bias node's words
    "lines": ("source=fresh&dataset=3x3-lines&hidden_nodes=4&bias=true&stage=5", 5),
    # a summary of 784 inputs: each drawn input says which pixel it is, with its value («пиксель (14,15): 0,9900»)
    "mnist": ("source=fresh&dataset=mnist&hidden_nodes=20&stage=1", 1),
}

#: Every word of the diagram, with its box, the chart's box, and for the words beside the nodes (plotly's
#: ``textpoint``) the width the browser drew them at. Fonts loaded first: a fallback font drawn while
#: Source Sans loads has other widths.
DIAGRAM_WORDS = r"""async (chartKey) => {
  await document.fonts.ready;
  const chart = document.querySelector(`.st-key-${chartKey} .js-plotly-plot`);
  const frame = chart.querySelector('svg.main-svg').getBoundingClientRect();
  const words = [];
  for (const text of chart.querySelectorAll('svg.main-svg text')) {
    const box = text.getBoundingClientRect();
    if (!text.textContent.trim() || box.width === 0) continue;
    words.push({text: text.textContent, left: box.left - frame.left, right: box.right - frame.left,
                top: box.top - frame.top, bottom: box.bottom - frame.top,
                beside: !!text.closest('.textpoint'), drawn: text.getComputedTextLength(),
                font: getComputedStyle(text).fontFamily, size: parseFloat(getComputedStyle(text).fontSize)});
  }
  return {width: frame.width, height: frame.height, words};
}"""


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("case", CASES)
def test_no_word_of_the_diagram_is_cut_and_its_labels_are_measured_in_the_font_drawn(
    browser, streamlit_url, artifacts, case, language, size
):
    address, stage = CASES[case]
    context = browser.new_context(viewport=SIZES[size], is_mobile=size == "phone", has_touch=size == "phone")
    page = context.new_page()
    try:
        page.goto(f"{streamlit_url}/Step_through?{address}&lang={language}")
        settle(page, f".st-key-step_diagram_{stage} .js-plotly-plot svg.main-svg text")
        diagram = page.evaluate(DIAGRAM_WORDS, f"step_diagram_{stage}")
        page.locator(f".st-key-step_diagram_{stage}").screenshot(path=artifacts / f"diagram_{case}_{language}_{size}.png")
    finally:
        context.close()
    words = diagram["words"]
    beside = [word for word in words if word["beside"]]
    assert len(beside) >= 3, f"the labels beside the nodes are drawn: {words}"
    cut = [(word["text"], round(word["left"]), round(word["right"]), round(word["top"]), round(word["bottom"]))
           for word in words if word["left"] < -0.5 or word["right"] > diagram["width"] + 0.5
           or word["top"] < -0.5 or word["bottom"] > diagram["height"] + 0.5]
    assert not cut, f"words running off a diagram {diagram['width']:.0f} x {diagram['height']:.0f} px: {cut}"
    for word in beside:
        assert word["font"].startswith('"Source Sans"') and word["size"] == 12, word
        assert word["drawn"] == pytest.approx(chart_text_width(word["text"], 12), abs=1.0), word["text"]
