"""The front door (dashboard.py, "Start here" in the menu) under AppTest: it works with no clicks, draws the
session's own network, and links to every page that exists."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from conftest import message_text


from nn import NeuralNetwork
from ui.menu import PAGES
from ui.network_diagram import network_svg

ROOT = Path(__file__).resolve().parents[2]


def open_dashboard() -> AppTest:
    at = AppTest.from_file("../../dashboard.py", default_timeout=60)
    at.run()
    assert not at.exception
    return at


def test_the_front_door_works_with_no_clicks_and_says_what_this_is():
    at = open_dashboard()
    assert at.title[0].value == "See a neural network learn"
    assert "Make Your Own Neural Network" in at.markdown[0].value
    assert at.session_state["lab"].network is not None


def test_the_picture_is_drawn_from_the_sessions_own_network():
    at = open_dashboard()
    lab = at.session_state["lab"]
    assert len(at.get("image")) == 1, "the network picture"
    caption = " ".join(message_text(c) for c in at.caption)
    assert f"{lab.network.hidden_nodes} hidden" in caption and lab.dataset in caption
    assert f"learning rate {lab.network.learning_rate:g}, seed {lab.network.seed}" in caption


def test_the_static_picture_draws_each_weight_in_the_colour_of_its_sign():
    network = NeuralNetwork(3, 3, 3, 0.3, seed=1)
    blue, red = 'stroke="rgba(33,102,172', 'stroke="rgba(178,24,43'
    both = network_svg(network)
    network.wih, network.who = -np.abs(network.wih), -np.abs(network.who)
    all_negative = network_svg(network)
    assert both.count(blue) > 1 and both.count(red) > 1
    assert all_negative.count(blue) == 1, "only the legend's blue line is left"
    assert all_negative.count("<circle") == both.count("<circle") >= 9


def test_start_here_names_the_order_the_books_worked_example_first_then_every_page():
    at = open_dashboard()
    links = at.main.get("page_link")
    # A page is named after its file, less the number: pages/1_Watch_it_learn.py -> Watch_it_learn
    pages = sorted(path.stem.split("_", 1)[1] for path in (ROOT / "pages").glob("*.py"))
    assert sorted(set(link.proto.page for link in links)) == pages
    assert [link.proto.page for link in links] == [
        "Step_through", "Watch_it_learn", "Step_through", "MNIST_workshop", "Classroom"]
    assert "dataset=worked-example" in links[0].proto.query_string and "source=fresh" in links[0].proto.query_string
    assert all(link.proto.help for link in links)
    assert len(at.caption) >= len(links) + 1, "one line per step on what it shows, and the picture's caption"


@pytest.mark.parametrize("page, next_page", [
    ("pages/1_Watch_it_learn.py", "Step_through"),
    ("pages/2_Step_through.py", "MNIST_workshop"),
    ("pages/3_MNIST_workshop.py", "Classroom"),
    ("pages/4_Classroom.py", "Step_through"),
])
def test_every_page_ends_with_where_to_go_next(page, next_page):
    at = open_dashboard()
    at.switch_page(page).run()
    assert not at.exception
    last = at.main.get("page_link")[-1]
    assert last.proto.page == next_page and last.proto.help


def test_training_on_the_live_page_shows_on_the_front_door():
    at = open_dashboard()
    at.switch_page("pages/1_Watch_it_learn.py").run()
    at.button(key="live_step_epoch").click().run()
    seen = at.session_state["lab"].run.samples_seen
    at.switch_page("dashboard.py").run()
    assert not at.exception
    assert f"{seen:,} samples trained" in " ".join(message_text(c) for c in at.caption)


def test_every_page_has_the_menu_naming_the_front_door_start_here():
    at = open_dashboard()
    for page in ["dashboard.py", *sorted(f"pages/{path.name}" for path in (ROOT / "pages").glob("*.py"))]:
        at.switch_page(page).run()
        assert not at.exception, page
        menu = [(link.proto.label, link.proto.page) for link in at.sidebar.get("page_link")][:len(PAGES)]
        assert menu == [(label, path.removeprefix("pages/").split("_", 1)[-1].removesuffix(".py") if "/" in path
                         else "") for path, label, _, _ in PAGES], page
        assert menu[0] == ("Start here", ""), "the front door, named for what it is, at the app's own address"
