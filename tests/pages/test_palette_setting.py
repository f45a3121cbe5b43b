"""The palette setting: a link sets it, every page draws weights in it, and it stays in the URL."""

from __future__ import annotations

import re

import numpy as np

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
    assert at.radio(key="display_palette").value == "orange-blue"
    assert at.query_params["palette"] == ["orange-blue"] or at.query_params["palette"] == "orange-blue"


def test_choosing_the_palette_in_the_sidebar_recolours_the_step_diagram():
    at = open_page("pages/2_Step_through.py")
    at.radio(key="display_palette").set_value("orange-blue").run()
    assert not at.exception
    captions = " ".join(caption.value for caption in at.caption)
    assert "orange and dashed = negative" in captions


def test_a_bad_palette_in_a_link_is_named_and_the_usual_colours_kept():
    at = open_page("dashboard.py", palette="rainbow")
    warnings = [warning.value.replace("\\", "") for warning in at.warning]
    assert any("palette must be one of red-blue, orange-blue; got 'rainbow'" in warning for warning in warnings)
    assert at.radio(key="display_palette").value == "red-blue"


def test_the_live_error_curve_has_a_one_line_summary_of_the_run_nn_trained():
    from ui import picture_words
    from ui.live.curve import curve_window

    at = open_page("pages/1_Watch_it_learn.py")
    at.button(key="live_step_epoch").click().run()
    run = at.session_state["lab"].run
    means = run.running_mean(curve_window(run.epoch_size))  # every sample's, from nn/'s run
    bodies = " ".join(element.proto.body for element in at.get("html"))
    summary = picture_words.error_curve_summary(np.arange(1, run.samples_seen + 1), means)
    assert f"after {run.samples_seen} samples the running mean error is {means[-1]:.4f}" in summary
    assert f"<p class='error-summary'" in bodies and summary in bodies.replace("&#x27;", "'")
    assert f'alt="{summary}"' in bodies.replace("&#x27;", "'")


def test_show_as_numbers_adds_tables_of_the_exact_weights():
    at = open_page("pages/1_Watch_it_learn.py")
    at.toggle(key="live_as_numbers").set_value(True).run()
    assert not at.exception
    network = at.session_state["lab"].network
    tables = [frame.value for frame in at.dataframe]
    assert len(tables) == 2
    assert (tables[0].to_numpy() == network.wih).all() and (tables[1].to_numpy() == network.who).all()
