"""The answers histogram's two layouts, and its colours against the words that name them.

A wide histogram (the projector, the teacher's desk) keeps every label beside its bar, one short row per
option, so a reveal fits a 1280 x 720 projector; a narrow one (a student's phone) keeps its width and puts
a long label on a line above its bar. The sentence under the chart names its colours (grey, dark blue).
"""

from __future__ import annotations

import colorsys
import re

from ui.classroom.room_charts import BAR, LEAST_BARS_WIDTH, TRUE_BAR, answers_histogram_svg
from ui.i18n import speaking
from ui.i18n.translate import _

#: Four of the longest option names a room question has (MNIST's weights, 200 hidden nodes).
WEIGHTS = ["wih[132,352] (hidden 132 ← pixel (13,16))", "wih[166,66] (hidden 166 ← pixel (3,10))",
           "wih[196,755] (hidden 196 ← pixel (27,27))", "wih[199,784] (hidden 199 ← pixel (28,28))"]
COUNTS = [2, 3, 1, 4]


def drawn(svg: str) -> dict:
    """The picture's size, its bars (x, y) and its labels (x, baseline y), in its own pixels."""
    number = r"(-?[\d.]+)"
    return {
        "width": float(re.search(rf'<svg[^>]* width="{number}"', svg).group(1)),
        "height": float(re.search(rf'<svg[^>]* height="{number}"', svg).group(1)),
        "bars": [(float(x), float(y)) for x, y in re.findall(rf'<rect x="{number}" y="{number}"', svg)],
        "labels": [(float(x), float(y)) for x, y, text in re.findall(
            rf'<text x="{number}" y="{number}"[^>]*>([^<]*)<', svg) if text in WEIGHTS],
    }


def test_a_wide_histogram_puts_every_long_label_beside_its_bar_and_widens_to_hold_them():
    wide = drawn(answers_histogram_svg(WEIGHTS, COUNTS, correct=1, wide=True))
    assert wide["height"] == 46 * 4 + 20 and len(wide["labels"]) == len(wide["bars"]) == 4  # four short rows
    for (label_x, label_y), (bar_x, bar_y) in zip(wide["labels"], wide["bars"]):
        assert label_x < bar_x and bar_y < label_y < bar_y + 32  # left of its bar, on the bar's row
    assert wide["width"] > 800 and wide["width"] - wide["bars"][0][0] >= LEAST_BARS_WIDTH


def test_a_narrow_histogram_keeps_its_width_and_puts_each_long_label_above_its_bar():
    narrow = drawn(answers_histogram_svg(WEIGHTS, COUNTS, correct=1))
    assert narrow["width"] == 800 and narrow["height"] == 84 * 4 + 20 and len(narrow["labels"]) == 4
    for (label_x, label_y), (bar_x, bar_y) in zip(narrow["labels"], narrow["bars"]):
        assert label_y <= bar_y  # its own line, above the bar


def test_short_labels_stand_beside_their_bars_in_either_layout_in_a_picture_of_the_same_size():
    labels = ["hidden 1", "hidden 2", "hidden 3"]
    wide, narrow = (drawn(answers_histogram_svg(labels, [1, 1, 1], correct=0, wide=wide)) for wide in (True, False))
    assert (wide["width"], wide["height"]) == (narrow["width"], narrow["height"]) == (800, 46 * 3 + 20)
    assert [y for x, y in wide["bars"]] == [y for x, y in narrow["bars"]]


def lightness_and_saturation(colour: str) -> tuple[float, float, float]:
    red, green, blue = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    return hue * 360, lightness, saturation


def test_the_bars_are_the_colours_the_sentence_under_them_names():
    hue, lightness, saturation = lightness_and_saturation(TRUE_BAR)
    assert 200 <= hue <= 240 and lightness < 0.35 and saturation > 0.5  # dark blue
    hue, lightness, saturation = lightness_and_saturation(BAR)
    assert 0.5 < lightness < 0.8 and saturation < 0.25  # grey (a touch of blue)
    words = ("Bars: how many gave each answer, in grey. The true answer's bar is dark blue, outlined and marked "
             "\"{true_mark}\".")
    with speaking("ru"):
        assert "Серые" in _(words) and "тёмно-синий" in _(words)
