"""Chart functions: arrays in, a picture out, each colour where the scale says (red negative, white zero, blue positive)."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from ui import charts
from ui.palettes import PALETTES
from weights_tables import parsed, style_rules, words_and_font_sizes

RED_END, WHITE, BLUE_END = (103, 0, 31), (255, 255, 255), (5, 48, 97)  # ColorBrewer RdBu's ends and middle


def rgb(image, x, y) -> tuple:
    return tuple(image.convert("RGB").getpixel((x, y)))


@pytest.mark.parametrize("largest, scale", [(0.07, 0.08), (0.3, 0.3), (0.31, 0.4), (1.0, 1.0), (2.2, 3.0), (9.5, 10.0),
                                            (0.0, 1.0), (float("nan"), 1.0), (-4.0, 1.0)])
def test_a_scale_ends_at_the_first_round_number_at_or_above_the_largest_value(largest, scale):
    assert charts.nice_scale(largest) == pytest.approx(scale)


def test_colours_run_from_red_through_white_to_blue_and_clip_beyond_the_scale():
    values = np.array([-5.0, -2.0, 0.0, 2.0, 5.0, np.nan])
    colours = charts.diverging_colours(values, scale=2.0)
    assert colours.shape == (6, 3) and colours.dtype == np.uint8
    assert tuple(colours[0]) == tuple(colours[1]) == RED_END
    assert tuple(colours[2]) == WHITE and tuple(colours[5]) == WHITE, "zero and a missing value are white"
    assert tuple(colours[3]) == tuple(colours[4]) == BLUE_END
    half = charts.diverging_colours(np.array([-1.0, 1.0]), scale=2.0)
    assert half[0][0] > half[0][2] and half[1][2] > half[1][0], "half way: a paler red and a paler blue"
    assert all(WHITE[0] > channel for channel in half[1][:2])


def test_a_weights_picture_has_one_cell_per_weight_in_its_signs_colour():
    weights = np.array([[1.0, -1.0, 0.0], [0.5, -0.25, 2.0]])  # (2 rows = next layer, 3 columns = previous layer)
    image = charts.weights_image(weights, scale=1.0)
    width, height = image.size
    cell_w, cell_h = width // 3, height // 2
    assert (width % 3, height % 2) == (0, 0)
    centre = lambda row, column: (column * cell_w + cell_w // 2, row * cell_h + cell_h // 2)  # noqa: E731
    assert rgb(image, *centre(0, 0)) == BLUE_END
    assert rgb(image, *centre(0, 1)) == RED_END
    assert rgb(image, *centre(0, 2)) == WHITE
    assert rgb(image, *centre(1, 2)) == BLUE_END, "beyond the scale: full colour"
    red, _, blue = rgb(image, *centre(1, 1))
    assert red > blue


def test_the_colour_legend_is_red_at_the_left_white_in_the_middle_and_blue_at_the_right():
    legend = charts.colour_legend_image(width=101, height=4)
    assert rgb(legend, 0, 1) == RED_END and rgb(legend, 50, 1) == WHITE and rgb(legend, 100, 1) == BLUE_END
    caption = charts.colour_legend_caption(0.5)
    assert "red = negative" in caption and "left end" in caption and "-0.5" in caption and "+0.5" in caption


def test_each_hidden_node_is_a_picture_of_its_incoming_weights_and_the_bias_column_is_left_out():
    wih = np.zeros((3, 4 + 1))  # 3 hidden nodes, a 2x2 input picture, and a bias column
    wih[0, 0] = 1.0      # node 1 looks for the top-left pixel
    wih[2, 3] = -1.0     # node 3 is put off by the bottom-right one
    wih[:, 4] = 1.0      # bias weights: not part of any picture
    sheet = charts.hidden_node_images(wih, (2, 2), scale=1.0, columns=2, zoom=1)
    gap = 2
    assert sheet.size == (2 * (2 + gap) + gap, 2 * (2 + gap) + gap), "two tiles a row, two rows"
    assert rgb(sheet, gap, gap) == BLUE_END
    assert rgb(sheet, gap + 1, gap + 1) == WHITE
    third = (gap, 2 + 2 * gap)  # top-left pixel of the second row's first tile
    assert rgb(sheet, third[0] + 1, third[1] + 1) == RED_END
    assert rgb(sheet, 2 * (2 + gap) + 1, 2 + 2 * gap + 1) == (200, 200, 200), "no fourth node: grey"


def test_a_weights_table_has_a_cell_per_weight_coloured_and_named_and_escapes_labels():
    weights = np.array([[0.5, -0.5], [0.0, 1.0]])
    table = charts.weights_table_html(weights, 1.0, ["hidden 1", "hidden <2>"], ["input 1", "input 2"])
    cells = re.findall(r'<td[^>]* title="([^"]*)" style="[^"]*background:rgb\((\d+),(\d+),(\d+)\)"', table)
    assert len(cells) == 4
    titles = [title for title, *_ in cells]
    assert titles[0] == "hidden 1 ← input 1: 0.5000" and titles[3] == "hidden &lt;2&gt; ← input 2: 1.0000"
    colours = [tuple(int(c) for c in colour) for _, *colour in cells]
    assert colours == [tuple(c) for c in charts.diverging_colours(weights, 1.0).reshape(-1, 3)]
    assert "<2>" not in table, "a label is text, never markup"


@pytest.mark.parametrize("cell_size, numbers_in_cells", [(12, False), (35, False), (36, True), (80, True)])
def test_a_weights_table_says_what_its_cells_share_once_and_in_each_cell_only_its_colours(cell_size, numbers_in_cells):
    """The browser sanitises and parses every style attribute of a live update anew, several times a second:
    a cell's size, border and font are said once, in the table's style sheet (docs/speed.md)."""
    weights = np.array([[0.5, -0.5, 0.25], [0.0, 1.0, -1.0]])
    table = charts.weights_table_html(weights, 1.0, ["hidden 1", "hidden 2"], ["input 1", "input 2", "input 3"],
                                      cell_size=cell_size)
    root = parsed(table)
    assert root.get("class") == "weights-table" and root.find("table").get("class") == f"weight-cells-{cell_size}"
    assert len(root.findall("style")) == 1
    colours = r"background:rgb\(\d+,\d+,\d+\)"
    cells = list(root.iter("td"))
    assert len(cells) == 6
    for cell in cells:
        assert re.fullmatch(rf"color:#(000|fff);{colours}" if numbers_in_cells else colours, cell.get("style"))
        assert [span.attrib for span in cell] == ([{}] if numbers_in_cells else [])
    assert all("style" not in name.attrib for name in root.iter("th"))
    rules = style_rules(table)
    assert rules["td.weight-cell"] == {"width": f"{cell_size}px", "height": f"{min(cell_size, 48)}px", "padding": "0",
                                       "text-align": "center", "border": "1px solid #fff"}
    assert ("td.weight-cell span" in rules) == numbers_in_cells


def test_the_confusion_table_writes_its_counts_at_one_readable_size_its_colour_bar_below_it():
    from ui.mnist.charts import confusion_chart

    confusion = np.array([[980, 0], [3, 1135]])
    heatmap = confusion_chart(confusion).data[0]
    assert list(heatmap.text.ravel()) == [980, 0, 3, 1135] and heatmap.texttemplate == "%{text}"
    # left to plotly, the counts shrink to fit the cells: 7 px on a 390-px phone
    assert heatmap.textfont.size >= charts.SMALLEST_TEXT_PX
    # beside the table, the bar took the width a phone's cells need to hold 1135 at that size
    assert heatmap.colorbar.orientation == "h"


@pytest.mark.parametrize("cell_size", range(charts.NUMBER_CELL_SIZE, 81))
def test_a_weights_tables_words_are_at_least_11_px_and_its_numbers_fit_their_cells(cell_size):
    weights = np.array([[12.34, -10.0], [0.25, -4.18]])
    table = charts.weights_table_html(weights, 1.0, ["hidden 1", "hidden 2"], ["input 1", "input 2"],
                                      cell_size=cell_size)
    words = words_and_font_sizes(table)
    assert len(words) == 4 + 2 + 2, "each number, and each row's and column's name"
    assert min(size for _words, size in words) >= charts.SMALLEST_TEXT_PX
    numbers_written = words[1:3] + words[4:6]  # each row: its name, then its numbers
    assert [number for number, _size in numbers_written] == ["+12.34", "-10.00", "+0.25", "-4.18"]
    for number, size in numbers_written:
        assert charts.chart_text_width(number, size) <= cell_size - 4, (cell_size, number)


def test_the_heatmap_spans_the_scale_in_the_same_colours_and_names_each_weight_on_hover():
    weights = np.array([[0.2, -0.1, 0.0]])
    figure = charts.weights_heatmap(weights, 0.5, ["output 1"], ["a", "b", "c"])
    heatmap = figure.data[0]
    assert (heatmap.zmin, heatmap.zmax) == (-0.5, 0.5)
    assert heatmap.colorscale[0][1] == "rgb(%d,%d,%d)" % RED_END and heatmap.colorscale[-1][1] == "rgb(%d,%d,%d)" % BLUE_END
    assert list(heatmap.customdata[0]) == ["output 1 ← a", "output 1 ← b", "output 1 ← c"]
    assert np.array_equal(heatmap.z, weights)


def svg_tree(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def points(polyline: ET.Element) -> np.ndarray:
    return np.array([[float(v) for v in pair.split(",")] for pair in polyline.get("points").split()])


def points_scale(svg: str) -> float:
    """The scale of the group the curve's dots and running mean are drawn in: their coordinates times this
    are in the picture's own units."""
    return float(re.search(r'<g transform="scale\(([\d.]+)\)">', svg).group(1))


def test_the_error_curve_draws_every_sample_and_its_running_mean_where_the_axes_say():
    errors = np.array([0.4, 0.2, 0.3, 0.1, 0.0, 0.2])
    mean = np.array([0.4, 0.3, 0.3, 0.25, 0.2, 0.2])
    svg = charts.error_curve_svg(errors, mean, epoch_starts=[3], height=300).data
    tree = svg_tree(svg)
    ns = "{http://www.w3.org/2000/svg}"
    dots = "".join(path.get("d") for path in tree.iter(f"{ns}path") if path.get("class") == "dots")
    dot_xy = np.array([[float(v) for v in move.split()] for move in re.findall(r"M([\d. ]+)h0", dots)])
    dot_xy *= points_scale(svg)
    assert len(dot_xy) == len(errors), "one dot per sample"
    [line] = [p for p in tree.iter(f"{ns}polyline") if p.get("class") == "running-mean"]
    line_xy = points(line) * points_scale(svg)
    assert 64 <= line_xy[:, 0].min() and line_xy[:, 0].max() <= 900 - 20, "within the plot's left and right"
    assert np.allclose(line_xy[:, 0], dot_xy[:, 0]), "the mean is drawn at the same samples"
    # screen y falls as the value rises, linearly: check it against the values
    slope, offset = np.polyfit(errors, dot_xy[:, 1], 1)
    assert slope < 0 and np.allclose(slope * mean + offset, line_xy[:, 1], atol=0.06)
    epoch_marks = [p for p in tree.iter(f"{ns}path") if p.get("stroke-dasharray")]
    assert len(epoch_marks) == 1 and epoch_marks[0].get("d").count("M") == 1, "one epoch start marked"
    assert not [p for p in tree.iter(f"{ns}polyline") if p.get("stroke") == "#2a9d3c"], "no accuracy asked for"


def test_a_long_history_is_thinned_and_the_accuracy_has_its_own_axis():
    errors = np.linspace(1.0, 0.0, 10_000)
    frame, svg = charts.error_curve_svg(errors, errors, accuracy=[(5_000, 0.5), (10_000, 0.9)], max_points=800)
    tree = svg_tree(svg)
    ns = "{http://www.w3.org/2000/svg}"
    [line] = [p for p in tree.iter(f"{ns}polyline") if p.get("class") == "running-mean"]
    assert len(points(line)) == 800
    [accuracy] = [p for p in tree.iter(f"{ns}polyline") if p.get("stroke") == "#2a9d3c"]
    low, high = points(accuracy)[:, 1]
    assert high < low, "90% is drawn above 50%"
    assert "100%" in frame and "test accuracy" in frame


def test_an_empty_history_still_draws_the_axes_in_both_layouts():
    tree = svg_tree(charts.error_curve_svg(np.array([]), np.array([])).frame)
    ns = "{http://www.w3.org/2000/svg}"
    layouts = {layout.get("class"): layout for layout in tree.findall(f"{ns}svg")}
    assert set(layouts) == {"wide", "narrow"}
    for layout in layouts.values():
        assert layout.find(f".//{ns}rect[@stroke='#bbb']") is not None, "the plot's frame"
        assert "0" in [text.text for text in layout.iter(f"{ns}text")], "numbers on the axes"


def test_an_svg_becomes_an_image_tag_that_holds_it_unchanged():
    svg = charts.error_curve_svg(np.array([0.5, 0.25]), np.array([0.5, 0.375])).data
    tag = charts.svg_image_html(svg, 'error "curve"', "error-curve")
    data = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', tag).group(1)
    assert base64.b64decode(data).decode() == svg
    assert 'class="error-curve"' in tag and 'alt="error &quot;curve&quot;"' in tag and "aria-hidden" not in tag
    decoration = charts.svg_image_html(svg, "", "error-curve-frame")
    assert 'alt=""' in decoration and 'aria-hidden="true"' in decoration, "a picture without words is hidden"


def test_an_output_bar_chart_names_every_digit_on_its_axis_and_the_test_tab_has_room_for_it():
    from ui.mnist.charts import outputs_chart
    from ui.mnist.test import MISTAKES_PER_PAGE, MISTAKES_PER_ROW

    figure = outputs_chart(np.linspace(0.0, 1.0, 10), 3, 150)
    assert list(figure.layout.xaxis.tickvals) == [str(d) for d in range(10)]
    assert MISTAKES_PER_ROW <= 4 and MISTAKES_PER_PAGE % MISTAKES_PER_ROW == 0


def test_the_brightness_legend_runs_from_white_at_0_01_to_black_at_1():
    from ui.mnist.charts import brightness_legend, digit_picture

    legend = brightness_legend()
    assert legend[0, 0] == digit_picture(np.array([[0.01]]), 1)[0, 0] > 250
    assert legend[0, -1] == 0


@pytest.mark.parametrize("palette_name", sorted(PALETTES))
def test_a_stored_palette_png_decodes_to_the_same_colours_as_the_picture_pil_saves(palette_name):
    import io

    from PIL import Image

    palette = PALETTES[palette_name]
    indices = np.random.default_rng(3).integers(0, 256, (37, 91), dtype=np.uint8)  # the tile grey (255) too
    ours = Image.open(io.BytesIO(charts.stored_palette_png(indices, palette)))
    theirs = Image.open(io.BytesIO(charts.png_bytes(charts._palette_image(indices, palette), compress_level=0)))
    assert ours.mode == theirs.mode == "P" and ours.size == theirs.size == (91, 37)
    np.testing.assert_array_equal(np.asarray(ours.convert("RGB")), np.asarray(theirs.convert("RGB")))
    np.testing.assert_array_equal(np.asarray(ours), indices)


SVG = "{http://www.w3.org/2000/svg}"


def narrow_x(element: ET.Element, width: float) -> float:
    """Where the narrow layout puts an element's x in a picture ``width`` pixels wide (x may be "p%", plus dx),
    in the layout's own (centred) place."""
    x = element.get("x", "0")
    at = float(x[:-1]) / 100 * width if x.endswith("%") else float(x)
    return at + float(element.get("dx", "0"))


def narrow_shift(narrow: ET.Element, width: float) -> float:
    """How far right the narrow layout's contents are moved to centre them in a picture ``width`` pixels wide."""
    [centred] = narrow.findall(f"{SVG}svg")
    [moved] = centred.findall(f"{SVG}g")
    return narrow_x(centred, width) + float(re.search(r"translate\(([-\d.]+)\)", moved.get("transform")).group(1))


@pytest.mark.parametrize("points", [60, 400, 800])
def test_the_curves_marks_and_dots_are_drawn_in_a_few_narrow_strips_whatever_the_points(points):
    """The browser rasters the picture tile by tile and draws, in each tile, every path whose bounds reach it:
    a path across the whole plot (400 dots, 40 dashed lines) was stroked again in every tile. Each path of
    marks or dots stays within its strip of the plot, and there are as many paths however many points."""
    errors = np.linspace(0.5, 0.1, points)
    svg = charts.error_curve_svg(errors, errors, epoch_starts=range(10, points, 10), max_points=points).data
    tree = svg_tree(svg)
    [data] = tree.iter(f"{SVG}defs")
    left, plot_w = 64, 900 - 64 - 20
    dots = [path for path in data.iter(f"{SVG}path") if path.get("class") == "dots"]
    marks = [path for path in data.iter(f"{SVG}path") if path.get("stroke-dasharray")]
    assert 1 < len(marks) <= charts.CURVE_STRIPS and 1 < len(dots) <= charts.CURVE_STRIPS
    scale = points_scale(svg)
    for paths, pattern, unit in ((dots, r"M([\d.]+) [\d.]+h0", scale), (marks, r"M([\d.]+) [\d.]+V", 1.0)):
        xs = [np.array(re.findall(pattern, path.get("d")), dtype=float) * unit for path in paths]
        if paths is dots:
            assert sum(x.size for x in xs) == points, "every dot drawn, once"
        for x in xs:
            assert x.max() - x.min() <= plot_w / charts.CURVE_STRIPS, "one strip of the plot"
    # faint as one: the group they are in is, so dots overlapping across a strip's edge are no darker
    [group] = [g for g in data.iter(f"{SVG}g") if g.find(f"{SVG}path[@class='dots']") is not None]
    assert group.get("opacity") == "0.6" and all(path.get("stroke-opacity") is None for path in dots)


def test_epochs_are_marked_every_round_number_of_them_so_the_axis_name_changes_rarely():
    steps = [charts._mark_step(epochs, charts.MOST_EPOCH_MARKS) for epochs in range(0, 20_001)]
    for epochs, step in enumerate(steps):
        assert len(charts._thinned(range(epochs), charts.MOST_EPOCH_MARKS)) <= charts.MOST_EPOCH_MARKS
        assert epochs <= charts.MOST_EPOCH_MARKS or len(range(epochs)[step - 1::step]) >= 16, "not too few either"
    assert sorted(set(steps)) == [1, 2, 5, 10, 20, 50, 100, 200, 500], "the x axis's name changed 8 times"
    assert steps[40] == 1 and steps[41] == 2 and steps[714] == 20


def test_both_layouts_show_the_curve_written_once():
    errors = np.linspace(0.5, 0.1, 300)
    frame, svg = charts.error_curve_svg(errors, errors, epoch_starts=range(30, 300, 30),
                                        accuracy=[(150, 0.5), (300, 0.7)])
    assert "h0" not in frame and "curve-data" not in frame.split("</style>", 1)[1], "the frame draws no data"
    tree = svg_tree(svg)
    assert svg.count("h0") == errors.size and len(re.findall(r'class="running-mean"', svg)) == 1
    [data] = tree.iter(f"{SVG}defs")
    assert data.find(f"{SVG}g").get("id") == "curve-data"
    layouts = {layout.get("class"): layout for layout in tree.findall(f"{SVG}svg")}
    for layout in layouts.values():
        assert [use.get("href") for use in layout.iter(f"{SVG}use")] == ["#curve-data"]
    # the narrow layout stretches the lines to its plot: strokes kept in pixels, or the dots turn into ellipses
    [narrow_use] = layouts["narrow"].iter(f"{SVG}use")
    assert "--strokes:non-scaling-stroke" in narrow_use.get("style")
    assert "#curve-data *{vector-effect:var(--strokes,none)}" in svg


@pytest.mark.parametrize("width", [charts.NARROW_CURVE_LEAST, 358, charts.NARROW_CURVE_BELOW - 1])
def test_the_narrow_layouts_numbers_stand_where_its_stretched_curve_passes_them(width):
    errors = np.linspace(0.5, 0.1, 2_345)
    tree = svg_tree(charts.error_curve_svg(errors, errors).frame)
    layouts = {layout.get("class"): layout for layout in tree.findall(f"{SVG}svg")}
    wide_numbers = [float(text.text.replace(",", "")) for text in layouts["wide"].iter(f"{SVG}text")
                    if text.get("text-anchor") == "middle" and text.text[0].isdigit()]
    wide_left, wide_plot_w = 64, 900 - 64 - 20  # the wide plot, as drawn since before the narrow layout
    shift = narrow_shift(layouts["narrow"], width)
    [plot] = layouts["narrow"].findall(f"{SVG}svg/{SVG}g/{SVG}svg")
    box_x, box_w = shift + narrow_x(plot, width), float(plot.get("width")[:-1]) / 100 * width
    view_x, _view_y, view_w, _view_h = (float(value) for value in plot.get("viewBox").split())
    bottom = [text for text in layouts["narrow"].findall(f"{SVG}svg/{SVG}g/{SVG}text")
              if text.get("text-anchor") == "middle" and text.text[0].isdigit()]
    assert 2 <= len(bottom) < len(wide_numbers), "fewer numbers along the narrow bottom"
    for text in bottom:
        samples = float(text.text.replace(",", ""))
        wide_x = wide_left + wide_plot_w * samples / wide_numbers[-1]  # where the data has that sample
        shown_x = box_x + (wide_x - view_x) / view_w * box_w
        assert shift + narrow_x(text, width) == pytest.approx(shown_x, abs=0.05), samples
    assert box_x + box_w <= width, "the plot fits the picture"
    spare = width - charts.NARROW_CURVE_LEAST * (box_w / width)  # what a wider picture adds, left and right
    assert shift == pytest.approx((width - charts.NARROW_CURVE_LEAST) * (1 - box_w / width) / 2, abs=0.1)
    assert spare >= 0


def image_sources(tag: str) -> dict[str, str]:
    """Each <img>'s SVG in ``tag``, by its class."""
    return {css_class: base64.b64decode(data).decode()
            for css_class, data in re.findall(r'<img class="([^"]+)" src="data:image/svg\+xml;base64,([^"]+)"', tag)}


def test_the_error_curves_images_take_the_shape_whose_layout_their_style_sheets_show():
    layers = charts.error_curve_svg(np.array([0.5, 0.25]), np.array([0.5, 0.375]))
    tag = charts.error_curve_image_html(layers, "curve")
    assert image_sources(tag) == {"error-curve-frame": layers.frame, "error-curve": layers.data}
    both = "img.error-curve,img.error-curve-frame"
    assert "container-type:inline-size" in tag and both + "{aspect-ratio:900/300}" in tag
    assert (f"@container (width < {charts.NARROW_CURVE_BELOW}px){{{both}{{aspect-ratio:auto;"
            f"height:{charts.NARROW_CURVE_HEIGHT}px}}}}") in tag
    # one over the other, in the one cell of a grid: the same place and size at any width
    [grid] = re.findall(r'<div class="error-curve-layers" style="([^"]*)">', tag)
    assert grid == "display:grid"
    assert [style for style in re.findall(r'<img [^>]*style="([^"]*)"', tag)] == ["grid-area:1/1;width:100%"] * 2
    for svg in layers:
        numerator, denominator = re.search(r"@media \(max-aspect-ratio:(\d+)/(\d+)\)\{\.wide\{display:none\}",
                                           svg).groups()
        narrow_shapes_at_most = (charts.NARROW_CURVE_BELOW - 1) / charts.NARROW_CURVE_HEIGHT
        assert narrow_shapes_at_most < int(numerator) / int(denominator) < 900 / 300, "each shape, its own layout"


def test_the_error_curve_has_one_name_for_a_screen_reader_the_data_pictures():
    tag = charts.error_curve_image_html(charts.error_curve_svg(np.array([0.5, 0.25]), np.array([0.5, 0.375])),
                                        'Error curve: "falling"')
    frame, data = re.findall(r"<img [^>]*>", tag)
    assert 'class="error-curve-frame"' in frame and 'alt=""' in frame and 'aria-hidden="true"' in frame
    assert 'class="error-curve"' in data and 'alt="Error curve: &quot;falling&quot;"' in data
    assert "aria-hidden" not in data


def placing(element: ET.Element) -> list:
    """Where ``element`` and the layouts, plots and groups inside it are put: what must match between the
    error curve's two pictures for the data to sit on the frame's axes."""
    kept = ("class", "x", "y", "width", "height", "viewBox", "preserveAspectRatio", "overflow", "transform")
    return [(child.tag, {name: child.get(name) for name in kept if child.get(name) is not None})
            for child in element.iter() if child.tag in (f"{SVG}svg", f"{SVG}g") and child.get("id") != "curve-data"
            and not (child.tag == f"{SVG}g" and child.get("transform", "").startswith("scale"))
            and child.get("opacity") is None]


@pytest.mark.parametrize("options", [{}, dict(accuracy=[(50, 0.5), (12_345, 0.9)]),
                                     dict(earlier=[("run 1", np.linspace(0.6, 0.1, 9_000))])])
def test_the_data_picture_lays_its_layouts_and_plots_exactly_over_the_frames(options):
    errors = np.linspace(0.5, 0.1, 12_345)
    frame, data = charts.error_curve_svg(errors, errors, epoch_starts=range(1000, 12_345, 1000), **options)
    frame_tree, data_tree = svg_tree(frame), svg_tree(data)
    assert {key: value for key, value in frame_tree.attrib.items()} == dict(data_tree.attrib), "the same outer picture"
    assert frame_tree.find(f"{SVG}style").text == data_tree.find(f"{SVG}style").text, "the same layout at each shape"
    assert placing(frame_tree) == placing(data_tree)
    assert len(placing(frame_tree)) == 6, "the picture; wide; narrow, centred, moved, its plot"
    # the frame's ground is white and the data's clear, so that the frame shows through
    assert frame_tree.find(f"{SVG}svg[@class='wide']/{SVG}path").get("fill") == "#fff"
    assert "#fff" not in data
