"""The pictures speak the session's language: Russian words and decimal commas in Russian, English unchanged.

Every number read back from a picture is checked against what nn/ computed, in both languages.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from conftest import message_text
from nn import NeuralNetwork
from nn.teaching_sets import TEACHING_SETS
from ui import charts, picture_words
from ui.i18n import speaking
from ui.network_diagram import network_figure, network_svg
from ui.node_names import network_labels, node_labels
from ui.palettes import ORANGE_GREY_BLUE, PALETTES, picker_labels
from weights_tables import cell_numbers
from ui.saved_work import UploadError, network_from_bytes, network_to_bytes

LANGUAGES = ("en", "ru")
DECIMAL_SIGN = {"en": ".", "ru": ","}


def read_number(text: str, language: str) -> float:
    """A number as the page wrote it, read back (0,1234 -> 0.1234)."""
    return float(text.replace(DECIMAL_SIGN[language], "."))


def link_hovers(figure) -> list[str]:
    return [text for trace in figure.data if trace.mode == "markers" and trace.hovertext is not None
            for text in trace.hovertext if "<-" in text]


# -- node names --------------------------------------------------------------------------


def test_node_names_are_russian_in_russian_and_unchanged_in_english():
    inputs, outputs = ("input A", "pixel (2,3)"), ("digit 7", "horizontal", "pattern B", "A xor B")
    with speaking("en"):
        english = node_labels(2, 2, 4, inputs, outputs)
    with speaking("ru"):
        russian = node_labels(2, 2, 4, inputs, outputs)
        fallback = node_labels(1, 1, 1)
    assert english == {"inputs": inputs, "hidden": ("hidden 1", "hidden 2"), "outputs": outputs}
    assert russian == {"inputs": ("вход A", "пиксель (2,3)"), "hidden": ("скрытый 1", "скрытый 2"),
                       "outputs": ("цифра 7", "горизонтальная", "сигнал B", "A XOR B")}
    assert fallback == {"inputs": ("вход 1",), "hidden": ("скрытый 1",), "outputs": ("выход 1",)}


def test_every_data_sets_node_names_have_russian_words():
    for teaching_set in TEACHING_SETS.values():
        network = NeuralNetwork(teaching_set.input_nodes, 3, teaching_set.output_nodes, 0.3)
        with speaking("ru"):
            names = network_labels(network, teaching_set)
        for name in names["inputs"] + names["outputs"]:
            assert not re.search(r"\b(input|output|digit|pixel|pattern|horizontal|vertical|diagonal)\b", name), (
                teaching_set.name, name)


def test_a_name_the_dashboard_does_not_know_is_left_as_it_was_written():
    with speaking("ru"):
        assert node_labels(1, 1, 1, ("my *own* input",), None)["inputs"] == ("my *own* input",)


# -- charts --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_heatmaps_colour_bar_and_hover_numbers_follow_the_language(language):
    weights = np.array([[0.25, -0.5], [1.0, 0.125]])
    with speaking(language):
        figure = charts.weights_heatmap(weights, 1.0, ("hidden 1", "hidden 2"), ("input 1", "input 2"))
    assert figure.data[0].colorbar.title.text == {"en": "weight", "ru": "вес"}[language]
    assert figure.layout.separators[0] == DECIMAL_SIGN[language]  # plotly writes %{z:.4f} with it


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_weights_tables_hover_and_cells_show_nns_numbers_in_the_language(language):
    weights = np.array([[0.2512, -0.5]])
    with speaking(language):
        table = charts.weights_table_html(weights, 1.0, ("hidden 1",), ("input 1", "input 2"), cell_size=60)
    titles = re.findall(r'title="([^"]*)"', table)
    cells = cell_numbers(table)
    assert [read_number(title.rsplit(": ", 1)[1], language) for title in titles] == [0.2512, -0.5]
    assert [read_number(cell, language) for cell in cells] == [0.25, -0.5]
    assert cells == {"en": ["+0.25", "-0.50"], "ru": ["+0,25", "-0,50"]}[language]


def svg_texts(svg: str) -> list[str]:
    return [element.text or "" for element in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]


def test_the_error_curve_has_russian_axes_key_and_decimal_commas():
    errors = np.linspace(0.45, 0.05, 200)
    with speaking("ru"):
        frame, data = charts.error_curve_svg(errors, errors, epoch_starts=range(4, 200, 4),
                                             accuracy=[(100, 0.5), (200, 0.75)], earlier=[("прошлый", errors)])
    texts = svg_texts(frame)
    for words in ("ошибка", "ошибка каждого образца", "скользящее среднее", "точность на тесте (правая ось)",
                  "прежние запуски (среднее)", "25\u00a0%"):
        assert words in texts
    assert any(text.startswith("пройдено образцов") for text in texts)
    assert "0,2" in texts and "0.2" not in texts
    assert "прошлый" in svg_texts(data), "an earlier run's name, at its line's end"
    assert 'aria-label="кривая ошибки"' in frame


def test_the_error_curves_key_entries_do_not_overlap_in_either_language():
    errors = np.linspace(0.45, 0.05, 50)
    for language in LANGUAGES:
        with speaking(language):
            svg = charts.error_curve_svg(errors, errors, accuracy=[(50, 0.5)], earlier=[("run 1", errors)]).frame
        root = ET.fromstring(svg)
        key = [(float(text.get("x")), text.text) for text in root.iter("{http://www.w3.org/2000/svg}text")
               if text.get("y") == "18"]
        assert len(key) == 4
        # at the size a picture narrower than 825 px draws the words at, so they are 11 px there
        size = int(re.search(r"\.wide\{font-size:(\d+)px\}", svg).group(1))
        assert size > 12
        for (x, words), (next_x, _words) in zip(key, key[1:]):
            assert x + charts.text_width(words, size) < next_x - 24, (language, words)  # room for the next mark
        last_x, last_words = key[-1]
        assert 0 < key[0][0] and last_x + charts.text_width(last_words, size) <= 900, language


def test_the_error_curves_key_in_english_stays_where_it_was():
    errors = np.linspace(0.45, 0.05, 50)
    root = ET.fromstring(charts.error_curve_svg(errors, errors, accuracy=[(50, 0.5)], earlier=[("a", errors)]).frame)
    xs = [float(text.get("x")) for text in root.iter("{http://www.w3.org/2000/svg}text") if text.get("y") == "18"]
    # As before the key was measured (64 + 14, 190, 320, 530), the first two entries a little further apart:
    # their words are measured at 13 units, the size a picture 768 to 825 px wide draws them at.
    assert xs == [64 + 14, 64 + 191, 64 + 325, 64 + 535]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_colour_legend_names_both_ends_in_the_language(language):
    with speaking(language):
        caption = charts.colour_legend_caption(1.5, palette=ORANGE_GREY_BLUE)
    if language == "en":
        assert caption == ("left end, orange = negative weight (full orange at -1.5 or below) · middle, grey = zero · "
                           "right end, blue = positive weight (full blue at +1.5 or above)")
    else:
        assert "оранжевый" in caption and "синий" in caption and "серый" in caption
        assert "-1,5" in caption and "+1,5" in caption


def test_the_palette_picker_shows_each_palettes_label_in_the_language():
    with speaking("ru"):
        russian = picker_labels()
    with speaking("en"):
        english = picker_labels()
    assert russian("red-blue") == "красный – белый – синий"
    assert english("red-blue") == "red – white – blue"
    assert {russian(name) for name in PALETTES} != {english(name) for name in PALETTES}


# -- pictures in words ------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_error_curve_summary_gives_nns_numbers_in_the_language(language):
    samples, means = np.arange(1, 301), np.linspace(0.31234, 0.10012, 300)
    with speaking(language):
        summary = picture_words.error_curve_summary(samples, means)
    written = re.findall(r"\d+[.,]\d{4}", summary)
    assert [read_number(number, language) for number in written] == [0.1001, 0.1001]  # nn's 0.10012
    if language == "ru":
        assert summary.startswith("Кривая ошибки") and "за последние 100 образцов оно снижается" in summary


def test_the_diagram_and_weights_alt_texts_are_russian_in_russian():
    network = NeuralNetwork(3, 4, 2, 0.3, bias=True, seed=1)
    with speaking("ru"):
        alt = picture_words.diagram_alt(network)
        weights = picture_words.weights_alt("wih", np.array([[0.5, -0.25]]), "скрытые узлы", "входы")
        table = picture_words.weights_list(network.wih, network.who, network_labels(network))
    assert alt.startswith("Схема сети") and "нейрон смещения" in alt and "wih" in alt
    assert weights.startswith("wih в цвете") and "+0,50" in weights and "-0,25" in weights
    assert list(table.columns) == ["матрица", "вес", "значение"]
    assert "скрытый 1 ← смещение" in set(table["вес"])


# -- the network diagram -------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_hover_of_the_diagram_gives_nns_weight_in_the_language(language):
    network = NeuralNetwork(3, 4, 2, 0.3, bias=True, seed=3)
    with speaking(language):
        hovers = link_hovers(network_figure(network))
    names = {"en": ("hidden", "output", "input", "bias"), "ru": ("скрытый", "выход", "вход", "смещение")}[language]
    assert len(hovers) == network.wih.size + network.who.size
    for text in hovers:
        target, rest = text.split(" <- ")
        source, value = rest.split(": ")
        matrix = network.wih if target.startswith(names[0]) else network.who
        row = int(target.split()[1]) - 1
        column = matrix.shape[1] - 1 if source == names[3] else int(source.split()[1]) - 1
        assert read_number(value, language) == pytest.approx(matrix[row, column], abs=5e-5)
        assert re.fullmatch(r"-?\d+" + re.escape(DECIMAL_SIGN[language]) + r"\d{4}", value)


def test_the_diagram_speaks_russian_in_its_headings_legend_values_and_summary():
    network = NeuralNetwork(30, 4, 2, 0.3, bias=True, seed=3)
    with speaking("ru"):
        figure = network_figure(network, {"wih"}, node_values={"outputs": np.array([0.25, 0.75])})
    headings = [annotation.text for annotation in figure.layout.annotations]
    assert {"входной слой", "скрытый слой", "выходной слой"} <= set(headings)
    legend = [trace.name for trace in figure.data if trace.showlegend is not False]
    assert "положительный вес (синий цвет)" in legend and "затронуто этим шагом" in legend
    (outputs,) = [trace for trace in figure.data if trace.meta == "outputs"]
    assert outputs.name == "выходные узлы"
    assert list(outputs.text) == ["выход 1:<br>0,2500", "выход 2:<br>0,7500"]
    assert figure.layout.title.text.startswith("Сводка: показаны 12 из 30 входных узлов")


def test_the_svg_diagram_is_drawn_in_russian():
    network = NeuralNetwork(5, 5, 5, 0.3, bias=True, seed=2)
    with speaking("ru"):
        texts = svg_texts(network_svg(network, labels=network_labels(network, TEACHING_SETS["5x5 digits"])))
    assert {"входной слой", "скрытый слой", "выходной слой", "смещение 1,0", "цифра 4"} <= set(texts)
    assert any(text.startswith("положительный вес") for text in texts)


def text_extents(svg: str):
    """(left, right, top, bottom, text) of every text in the SVG, measured as the browser's sans-serif draws it."""
    for element in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text"):
        width = charts.text_width(element.text or "", 12)
        x, y = float(element.get("x")), float(element.get("y"))
        left = {"start": x, "middle": x - width / 2, "end": x - width}[element.get("text-anchor", "start")]
        yield left, left + width, y - 12, y + 3, element.text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", [*TEACHING_SETS, "long names", "MNIST summary"])
def test_every_label_of_the_svg_diagram_lies_inside_its_picture(language, case):
    """Every data set's node names (the longest, "горизонтальная", among them), names longer than any,
    and MNIST's summary: each text inside the picture, none over another."""
    if case == "long names":  # a label far longer than any data set's
        network = NeuralNetwork(3, 3, 2, 0.3, bias=True, seed=1)
        labels = node_labels(3, 3, 2, None, ("a very long output name indeed", "another long output name"))
    elif case == "MNIST summary":  # the longest summary and the widest columns of numbers
        network = NeuralNetwork(784, 200, 10, 0.3, bias=True, seed=1)
        with speaking(language):
            labels = node_labels(784, 200, 10, None, tuple(f"digit {d}" for d in range(10)))
    else:
        teaching_set = TEACHING_SETS[case]
        network = NeuralNetwork(teaching_set.input_nodes, 4, teaching_set.output_nodes, 0.3, bias=True, seed=1)
        with speaking(language):
            labels = network_labels(network, teaching_set)
    with speaking(language):
        svg = network_svg(network, labels=labels)
    _x, _y, width, height = map(float, re.search(r'viewBox="([^"]*)"', svg).group(1).split())
    extents = list(text_extents(svg))
    assert extents
    for left, right, top, bottom, text in extents:
        assert 0 <= left and right <= width, (text, left, right, width)
        assert 0 <= top and bottom <= height, (text, top, bottom, height)
    for number, (left, right, top, bottom, text) in enumerate(extents):  # and no text covers another
        for other_left, other_right, other_top, other_bottom, other in extents[number + 1:]:
            apart = right <= other_left or other_right <= left or bottom <= other_top or other_bottom <= top
            assert apart, (text, other)


def test_the_svg_diagram_of_a_small_network_keeps_its_english_layout():
    network = NeuralNetwork(3, 3, 3, 0.3, bias=True, seed=1)
    svg = network_svg(network)
    assert 'viewBox="0 0 640 320"' in svg
    assert '<text x="132.5" y="30" text-anchor="middle">input layer</text>' in svg
    assert '<text x="507.5" y="30" text-anchor="middle">output layer</text>' in svg


# -- saved work ---------------------------------------------------------------------------------


def test_a_refused_upload_says_in_russian_what_is_wrong_and_what_is_allowed():
    too_big = NeuralNetwork(2, 300, 1, 0.1, seed=1)
    with speaking("ru"), pytest.raises(UploadError) as caught:
        network_from_bytes(network_to_bytes(too_big), max_bytes=10 * 2**20, max_hidden_nodes=200)
    assert str(caught.value) == "В этой сети скрытых узлов: 300; в живом сеансе здесь допускается не больше 200."
    with speaking("ru"), pytest.raises(UploadError) as caught:
        network_from_bytes(b"not a network")
    assert "не сохранённая сеть: это не архив .npz" in str(caught.value)
    with speaking("ru"), pytest.raises(UploadError) as caught:
        network_from_bytes(bytes(3 * 2**20))
    assert "3,0 МБ" in str(caught.value) and "2,0 МБ" in str(caught.value)


def saved_work_app():
    from ui.saved_work import saved_work_ui
    from ui.session import get_lab

    saved_work_ui(get_lab(), key_prefix="test")


def test_the_saved_work_buttons_and_messages_are_russian_in_russian():
    at = AppTest.from_function(saved_work_app, default_timeout=30)
    at.query_params["lang"] = "ru"
    at.run()
    assert not at.exception
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["Скачать сеть (.npz)", "Скачать историю ошибки (CSV)", "Скачать кривую ошибки (PNG)",
                      "Скачать веса (PNG)"]
    assert at.get("file_uploader")[0].label.startswith("Загрузить сохранённую сеть")
    at.get("file_uploader")[0].set_value(("upload.npz", b"not a network", "application/octet-stream"))
    at.run()
    assert not at.exception
    assert message_text(at.error[0]).startswith("Загрузка отклонена, ваша сеть не изменилась.")


# -- the weights picture for print ------------------------------------------------------------------


@pytest.mark.parametrize("name", list(PALETTES))
def test_the_weights_picture_is_drawn_in_the_palette_it_is_given(name):
    from PIL import Image

    from ui.saved_work import weights_png

    palette = PALETTES[name]
    other = next(p for p in PALETTES.values() if p is not palette)
    picture = Image.open(io.BytesIO(weights_png(np.ones((3, 2)), -np.ones((1, 3)), palette=palette))).convert("RGB")
    pixels = np.asarray(picture).reshape(-1, 3).astype(int)

    def near(colour) -> int:
        return int((np.abs(pixels - np.asarray(colour, dtype=int)).max(axis=1) <= 3).sum())

    # wih all +1: the palette's full positive colour; who all -1: its full negative colour
    assert near(palette.lut[-1]) > 50_000 and near(palette.lut[0]) > 50_000
    assert near(other.lut[0]) < 1_000  # not the other palette's negative end


def test_the_weights_download_is_drawn_in_the_sessions_palette(monkeypatch):
    import streamlit as st
    from PIL import Image

    def app():
        from ui.saved_work import save_pictures_ui
        from ui.session import get_lab
        from ui.settings.display import palette_ui

        palette_ui()
        save_pictures_ui(get_lab(), key_prefix="test")

    files = {}
    download_button = st.download_button

    def recorded(label, data=None, **options):  # the file is made when pressed: keep its maker to call here
        files[options["key"]] = data
        return download_button(label, data=data, **options)

    monkeypatch.setattr(st, "download_button", recorded)
    at = AppTest.from_function(app, default_timeout=30)
    at.query_params["palette"] = "orange-blue"
    at.run()
    assert not at.exception
    picture = Image.open(io.BytesIO(files["test_save_weights"]())).convert("RGB")
    colours, counts = np.unique(np.asarray(picture).reshape(-1, 3), axis=0, return_counts=True)

    def pixels_from(lut) -> int:  # pixels coloured from the negative half of a palette's ramp
        wanted = {tuple(colour) for colour in lut[:100].tolist()}
        return int(sum(count for colour, count in zip(colours.tolist(), counts) if tuple(colour) in wanted))

    assert pixels_from(ORANGE_GREY_BLUE.lut) > 10_000
    assert pixels_from(PALETTES["red-blue"].lut) < pixels_from(ORANGE_GREY_BLUE.lut) / 100
    assert "orange" in at.get("download_button")[1].proto.help


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(PALETTES))
def test_every_word_of_the_weights_picture_lies_inside_it(language, name):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    from ui.saved_work import weights_figure

    network = NeuralNetwork(9, 4, 3, 0.3, bias=True, seed=1)
    with speaking(language):
        labels = network_labels(network, TEACHING_SETS["3x3 lines"])
        figure = weights_figure(network.wih, network.who, input_labels=labels["inputs"],
                                output_labels=labels["outputs"], palette=PALETTES[name])
        canvas = FigureCanvasAgg(figure)
        canvas.draw()  # the constrained layout places everything
        renderer = canvas.get_renderer()
    page = figure.bbox
    texts = [text for text in figure.findobj(Text) if text.get_visible() and text.get_text().strip()]
    assert any("скрытый 1" == text.get_text() for text in texts) == (language == "ru")
    for text in texts:
        box = text.get_window_extent(renderer)
        assert page.x0 - 1 <= box.x0 and box.x1 <= page.x1 + 1 and page.y0 - 1 <= box.y0 and box.y1 <= page.y1 + 1, (
            text.get_text(), box, page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_narrow_error_curves_words_fit_the_narrowest_picture_without_touching(language):
    errors = np.linspace(0.45, 0.05, 12_345)
    with speaking(language):
        svg = charts.error_curve_svg(errors, errors, epoch_starts=range(1000, 12_345, 1000),
                                     accuracy=[(50, 0.5), (12_345, 0.9)], earlier=[("run 1", errors[:9000])]).frame
    [narrow] = [layout for layout in ET.fromstring(svg) if layout.get("class") == "narrow"]
    width = charts.NARROW_CURVE_LEAST
    [centred] = narrow.findall("{http://www.w3.org/2000/svg}svg")
    assert narrow_position(centred, width) == pytest.approx(-float(re.search(
        r"translate\(([-\d.]+)\)", centred[0].get("transform")).group(1)), abs=0.1), "laid out for this width"
    boxes = []  # (left, right, baseline) of each word drawn level, in pixels
    for text in narrow.iter("{http://www.w3.org/2000/svg}text"):
        if text.get("transform") or text.get("class") == "earlier-label":
            continue  # the turned axis name; a run's label at its line's end
        x, length = narrow_position(text, width), charts.text_width(text.text)
        left = {"middle": x - length / 2, "end": x - length}.get(text.get("text-anchor"), x)
        boxes.append((left, left + length, float(text.get("y"))))
        assert 0 <= left and left + length <= width, (language, text.text)
    for number, (left, right, y) in enumerate(boxes):
        for other_left, other_right, other_y in boxes[number + 1:]:
            if abs(y - other_y) < 12:
                assert right + 4 <= other_left or other_right + 4 <= left, (language, left, y)


def narrow_position(element: ET.Element, width: float) -> float:
    x = element.get("x", "0")
    return (float(x[:-1]) / 100 * width if x.endswith("%") else float(x)) + float(element.get("dx", "0"))
