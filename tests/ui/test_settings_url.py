"""The settings tables' URL contract: every setting of every page is written to the address and read back
exactly, a value at its default stays out of the link, and a bad value is refused with a message naming the
setting and what it allows."""

from __future__ import annotations

import math

import pytest
from streamlit.testing.v1 import AppTest

from conftest import url
from ui.live.settings import LIVE_SETTINGS
from ui.mnist.settings import MNIST_SETTINGS
from ui.settings.setting import Setting, SettingError
from ui.settings.url import HIDE_PARAM, controls_in_url, read_url, url_params
from ui.step.settings import STEP_SETTINGS

TABLES = {"live": LIVE_SETTINGS, "step": STEP_SETTINGS, "mnist": MNIST_SETTINGS}
ROWS = [pytest.param(table, name, id=f"{prefix}-{name}") for prefix, table in TABLES.items() for name in table]


def another_value(setting: Setting):
    """An allowed value other than the default: what a learner might choose."""
    if setting.kind is bool:
        return not setting.default
    if setting.choices:
        return next(choice for choice in reversed(setting.choices) if choice != setting.default)
    if setting.kind is str:
        return "0.5, 0.25, 1"
    if setting.stops:
        return next(stop for stop in reversed(setting.stops) if stop != setting.default)
    return setting.kind(setting.high if setting.high != setting.default else setting.low)


def bad_values(setting: Setting) -> list:
    """Values the address may hold that the setting must refuse."""
    if setting.kind is bool:
        return ["maybe", "2"]
    if setting.choices:
        return ["no-such-choice", "<b>bold</b>"]
    if setting.kind is str:
        return ["x" * (setting.max_length + 1)]
    bad = ["abc", "nan", "inf", "-inf", "", repr(setting.high * 2 + 1), repr(setting.low - 1)]
    return bad + (["1.5"] if setting.kind is int else [])


@pytest.mark.parametrize("table, name", ROWS)
def test_every_setting_is_written_to_the_address_and_read_back_exactly(table, name):
    value = another_value(table[name])
    params = url_params({name: value}, table)
    assert list(params) == [name], "the parameter is the setting's own name"
    assert all(isinstance(text, str) for text in params.values())
    good, problems = read_url(params, table)
    assert problems == []
    assert good == {name: value} and type(good[name]) is type(value)


@pytest.mark.parametrize("table, name", ROWS)
def test_a_setting_at_its_default_or_not_shown_stays_out_of_the_link(table, name):
    assert url_params({name: table[name].default}, table) == {}
    assert url_params({name: None}, table) == {}


@pytest.mark.parametrize("table, name", ROWS)
def test_a_bad_value_in_the_address_is_refused_naming_the_setting_and_what_it_allows(table, name):
    setting = table[name]
    for bad in bad_values(setting):
        good, problems = read_url({name: bad}, table)
        assert good == {}, f"{name}={bad!r} was accepted"
        [problem] = problems
        assert problem.startswith(f"{name} must be {setting.allowed()}"), problem
        with pytest.raises(SettingError):
            setting.check(bad)


@pytest.mark.parametrize("table, name", [row for row in ROWS if row.values[0][row.values[1]].choices])
def test_a_refused_choice_lists_the_words_a_link_takes_each_read_back_as_its_choice(table, name):
    """Not the choices' names: "3-3-3: the book's first network" or "Your handwriting" are English words (left
    in English in a Russian sentence) and not what the page writes in its address."""
    setting = table[name]
    [problem] = read_url({name: "no-such-choice"}, table)[1]
    listed = problem.removeprefix(f"{name} must be one of ").split("; got ")[0].split(", ")
    if setting.allowed().startswith("a whole number"):
        return  # stages 1 to 10: a range, not a list
    assert listed == [url_params({name: choice}, table).get(name, setting.to_url(choice)) for choice in setting.choices]
    assert [read_url({name: word}, table)[0][name] for word in listed] == list(setting.choices)


def test_a_number_is_read_back_at_full_precision():
    rate = LIVE_SETTINGS["learning_rate"]
    for value in (rate.low, 0.123456, rate.high):
        good, _ = read_url(url_params({"learning_rate": value}, LIVE_SETTINGS), LIVE_SETTINGS)
        assert math.isclose(good["learning_rate"], value, rel_tol=1e-5)
    seed = LIVE_SETTINGS["seed"]
    good, _ = read_url(url_params({"seed": int(seed.high)}, LIVE_SETTINGS), LIVE_SETTINGS)
    assert good["seed"] == int(seed.high), "a seed's every digit survives the link"


def test_parameters_of_other_pages_and_unknown_names_are_left_alone():
    params = {"learning_rate": "0.6", "stage": "4", "tab": "Test", "wih_secret": "1"}
    assert read_url(params, LIVE_SETTINGS) == ({"learning_rate": 0.6}, [])
    assert read_url(params, STEP_SETTINGS) == ({"learning_rate": 0.6, "stage": 4}, [])
    assert read_url(params, MNIST_SETTINGS)[0] == {"learning_rate": 0.6, "tab": "Test"}
    assert controls_in_url({HIDE_PARAM: "seed, <script>,init"}, HIDE_PARAM, LIVE_SETTINGS) == {"seed", "init"}


def _page_writing_its_settings():
    """A page that writes its settings (the URL's, else the defaults with a seed of 7) and says what it read."""
    import streamlit as st

    from ui.live.settings import LIVE_SETTINGS
    from ui.settings.url import link_in_url, write_url

    link = link_in_url(LIVE_SETTINGS)
    st.session_state["links_seen"] = st.session_state.get("links_seen", []) + [link]
    values = st.session_state.setdefault("values", {**LIVE_SETTINGS.defaults(), "seed": 7})
    if link:
        values.update(link[0])
    write_url(values, LIVE_SETTINGS)


def test_the_pages_own_writing_is_not_a_link_and_a_new_address_is():
    at = AppTest.from_function(_page_writing_its_settings, default_timeout=60).run()  # not 3 s: a loaded machine
    assert not at.exception
    assert url(at) == {"seed": "7"}, "only what differs from the defaults"
    at.query_params["presenter"] = "1"  # another parameter: not this page's
    at.run()
    assert at.session_state["links_seen"] == [None, None]
    at.query_params["hidden_nodes"] = "9"  # the address edited: a link
    at.run()
    assert at.session_state["links_seen"][-1] == ({"seed": 7, "hidden_nodes": 9}, [])
    assert url(at) == {"seed": "7", "hidden_nodes": "9", "presenter": "1"}
    at.run()
    assert at.session_state["links_seen"][-1] is None, "a link is applied once"
