"""Weight colours stay apart for colour-blind eyes, and the chosen palette is the one every picture uses.

The oracle is colorspacious: it simulates protanopia, deuteranopia and tritanopia
(Machado et al. 2009, full severity) and measures colour differences in
CAM02-UCS, where a difference of about 1 is just noticeable.
"""

from __future__ import annotations

import re

import colorspacious
import numpy as np
import pytest

from nn import NeuralNetwork
from ui import charts
from ui.network_diagram import lines_caption, network_figure, network_svg
from ui.palettes import DEFAULT_PALETTE, ORANGE_GREY_BLUE, PALETTES
from weights_tables import cell_numbers

DEFICIENCIES = ("protanomaly", "deuteranomaly", "tritanomaly")
#: Strong negative, zero and strong positive must differ by at least this much (CAM02-UCS ΔE)
#: for every deficiency: about twenty just-noticeable differences, told apart at a glance.
CLEAR_DIFFERENCE = 20.0
#: The colour-vision-safe palette keeps every pair this far apart, even for protanopia.
SAFE_DIFFERENCE = 40.0


def seen_as(rgb: np.ndarray, deficiency: str | None) -> np.ndarray:
    """CAM02-UCS coordinates of sRGB colours (0..255) as seen with ``deficiency`` (None: typical vision)."""
    colours = np.asarray(rgb, dtype=float) / 255
    if deficiency:
        simulation = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
        colours = np.clip(colorspacious.cspace_convert(colours, simulation, "sRGB1"), 0, 1)
    return colorspacious.cspace_convert(colours, "sRGB1", "CAM02-UCS")


def smallest_difference(palette, deficiency) -> float:
    """The closest pair among strong negative, zero and strong positive, as drawn (-scale, 0, +scale)."""
    negative, zero, positive = seen_as(charts.diverging_colours(np.array([-1.0, 0.0, 1.0]), 1.0, palette), deficiency)
    return min(np.linalg.norm(negative - zero), np.linalg.norm(positive - zero), np.linalg.norm(negative - positive))


@pytest.mark.parametrize("deficiency", [*DEFICIENCIES, None])
@pytest.mark.parametrize("name", list(PALETTES))
def test_strong_negative_zero_and_strong_positive_stay_clearly_apart_for_each_colour_vision(name, deficiency):
    difference = smallest_difference(PALETTES[name], deficiency)
    assert difference > CLEAR_DIFFERENCE, f"{name} seen with {deficiency}: closest pair ΔE {difference:.1f}"


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_the_safe_palette_keeps_the_signs_further_apart_than_red_blue_for_red_green_blindness(deficiency):
    safe = smallest_difference(ORANGE_GREY_BLUE, deficiency)
    assert safe > SAFE_DIFFERENCE, f"orange-blue seen with {deficiency}: ΔE {safe:.1f}"
    if deficiency == "protanomaly":  # red fades to dark brown for protanopes; orange does not
        assert safe > smallest_difference(DEFAULT_PALETTE, deficiency) + 10


def test_every_weight_picture_uses_the_palette_it_is_given():
    weights = np.array([[-1.0, 0.0, 1.0]])
    orange, grey, blue = (tuple(c) for c in ORANGE_GREY_BLUE.lut[[0, 127, 254]])
    assert ORANGE_GREY_BLUE.lut[0][0] > ORANGE_GREY_BLUE.lut[0][2], "the negative end is orange: more red than blue"
    table = charts.weights_table_html(weights, 1.0, ["hidden 1"], ["a", "b", "c"], palette=ORANGE_GREY_BLUE)
    assert re.findall(r"background:rgb\((\d+),(\d+),(\d+)\)", table) == [tuple(map(str, c)) for c in (orange, grey, blue)]
    image = charts.weights_image(weights, 1.0, palette=ORANGE_GREY_BLUE).convert("RGB")
    assert image.getpixel((0, 0)) == orange and image.getpixel((image.width - 1, 0)) == blue
    legend = charts.colour_legend_image(width=3, height=1, palette=ORANGE_GREY_BLUE).convert("RGB")
    assert [legend.getpixel((x, 0)) for x in range(3)] == [orange, grey, blue]
    sheet = charts.hidden_node_images(np.array([[-1.0, 1.0]]), (1, 2), 1.0, zoom=1, palette=ORANGE_GREY_BLUE)
    assert sheet.convert("RGB").getpixel((2, 2)) == orange
    heatmap = charts.weights_heatmap(weights, 1.0, ["h"], ["a", "b", "c"], palette=ORANGE_GREY_BLUE)
    assert heatmap.data[0].colorscale[0][1] == "rgb({},{},{})".format(*ORANGE_GREY_BLUE.anchors[0])


def test_the_legend_names_each_end_in_words():
    caption = charts.colour_legend_caption(2.0, palette=ORANGE_GREY_BLUE)
    assert "left end, orange = negative weight" in caption and "right end, blue = positive weight" in caption
    assert "middle, grey = zero" in caption


def test_the_diagram_dashes_negative_weights_so_sign_shows_without_colour():
    network = NeuralNetwork(3, 3, 3, 0.3, seed=2)
    figure = network_figure(network, palette=ORANGE_GREY_BLUE)
    lines = [trace for trace in figure.data if trace.mode == "lines" and trace.x and trace.x[0] is not None]
    negative = "rgba({},{},{},".format(*ORANGE_GREY_BLUE.negative)
    assert lines and all((trace.line.dash == "dash") == trace.line.color.startswith(negative) for trace in lines)
    assert any(trace.line.dash == "dash" for trace in lines), "seed 2 has negative weights"
    svg = network_svg(network, palette=ORANGE_GREY_BLUE)
    assert 'stroke-dasharray="6 4"' in svg and "rgba({},{},{},".format(*ORANGE_GREY_BLUE.negative) in svg
    assert "orange and dashed = negative" in lines_caption(ORANGE_GREY_BLUE)


def test_numbers_in_table_cells_carry_their_sign():
    table = charts.weights_table_html(np.array([[0.5, -0.25]]), 1.0, ["h"], ["a", "b"], cell_size=60)
    assert cell_numbers(table) == ["+0.50", "-0.25"]


def contrast_table() -> str:
    """The figures docs/accessibility.md shows: each palette's strong negative, zero and strong positive as
    drawn, and the closest pair of them (CAM02-UCS ΔE) for each colour vision, as a Markdown table."""
    visions = {None: "typical", "protanomaly": "protanopia", "deuteranomaly": "deuteranopia",
               "tritanomaly": "tritanopia"}
    rows = ["| palette | −scale, 0, +scale as drawn | " + " | ".join(visions.values()) + " |",
            "|---|---|" + "---|" * len(visions)]
    for palette in PALETTES.values():
        drawn = charts.diverging_colours(np.array([-1.0, 0.0, 1.0]), 1.0, palette)
        colours = ", ".join("#{:02x}{:02x}{:02x}".format(*colour) for colour in drawn)
        differences = " | ".join(f"{smallest_difference(palette, vision):.1f}" for vision in visions)
        rows.append(f"| {palette.label_text} (`{palette.name}`) | {colours} | {differences} |")
    return "\n".join(rows)


if __name__ == "__main__":  # python -m tests.ui.test_palettes: the table in docs/accessibility.md
    print(contrast_table())
