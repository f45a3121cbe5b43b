"""The palette setting: a link sets it, every page draws weights in it, and it stays in the URL."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from ui.palettes import ORANGE_GREY_BLUE, RED_WHITE_BLUE


def open_page(page: str, **query) -> AppTest:
    at = AppTest.from_file(f"../../{page}", default_timeout=60)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception
    return at


def cell_colours(at: AppTest) -> set:
    return {tuple(int(c) for c in colour) for element in at.get("html")
            for colour in re.findall(r'class="weight-cell"[^>]*background:rgb\((\d+),(\d+),(\d+)\)', element.proto.body)}


def test_a_palette_link_colours_the_live_weight_tables_and_legend_and_stays_in_the_url():
    at = open_page("pages/1_Watch_it_learn.py", palette="orange-blue")
    colours = cell_colours(at)
    assert colours and colours <= {tuple(int(c) for c in rgb) for rgb in ORANGE_GREY_BLUE.lut}
    assert not colours & {tuple(int(c) for c in rgb) for rgb in RED_WHITE_BLUE.lut[:120]}, "no red cell left"
    assert any("left end, orange = negative" in element.proto.body for element in at.get("html"))
    assert at.selectbox(key="display_palette").value == "orange-blue"
    assert at.query_params["palette"] == ["orange-blue"] or at.query_params["palette"] == "orange-blue"


def test_choosing_the_palette_in_the_sidebar_recolours_the_step_diagram():
    at = open_page("pages/2_Step_through.py")
    at.selectbox(key="display_palette").select("orange-blue").run()
    assert not at.exception
    captions = " ".join(caption.value for caption in at.caption)
    assert "orange and dashed = negative" in captions


def test_a_bad_palette_in_a_link_is_named_and_the_usual_colours_kept():
    at = open_page("dashboard.py", palette="rainbow")
    warnings = [warning.value.replace("\\", "") for warning in at.warning]
    assert any("palette must be one of red-blue, orange-blue; got 'rainbow'" in warning for warning in warnings)
    assert at.selectbox(key="display_palette").value == "red-blue"
