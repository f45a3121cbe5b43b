"""The classroom page: lessons as links, the teacher's link builder, presenter mode, saved work."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import message_text

from ui.live.settings import LIVE_SETTINGS
from ui.classroom.lessons import LESSONS, link, read_link

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "4_Classroom.py")


def open_page(**query) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=30)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception
    return at


def shown_links(at: AppTest) -> list[str]:
    return [block.value for block in at.code if "Watch_it_learn?" in block.value]


def test_the_classroom_page_shows_every_lesson_with_its_link():
    at = open_page()
    subheaders = [heading.value for heading in at.subheader]
    links = shown_links(at)
    for lesson in LESSONS:
        assert lesson.title in subheaders
        assert link(lesson.params()) in links
    shown = [markdown.value for markdown in at.markdown] + [box.value for box in at.info]
    for lesson in LESSONS:  # the teacher sees the goal, the questions, the notes and the students' card
        assert any(lesson.goal in text for text in shown)
        assert any(lesson.questions[0] in text for text in shown)
        assert lesson.notes in shown and lesson.task in shown


def test_every_widget_on_the_classroom_page_has_help_text():
    at = open_page()
    widgets = [*at.get("link_button"), *at.get("download_button"), *at.get("file_uploader"),
               *at.selectbox, *at.number_input, *at.select_slider, *at.toggle, *at.multiselect]
    assert len(widgets) > 10
    assert [widget.label for widget in widgets if not widget.help] == []


def test_the_link_builder_encodes_the_chosen_settings_and_controls():
    at = open_page()
    at.selectbox(key="classroom_dataset").set_value("XOR")
    at.number_input(key="classroom_hidden_nodes").set_value(7)
    at.select_slider(key="classroom_learning_rate").set_value(0.6)
    at.toggle(key="classroom_bias").set_value(True)
    at.number_input(key="classroom_seed").set_value(42)
    at.multiselect(key="classroom_hide").set_value(["init", "rule", "seed"])
    at.run()
    at.multiselect(key="classroom_lock").set_value(["dataset"])
    at.toggle(key="classroom_presenter").set_value(True)
    at.run()
    assert not at.exception
    built = shown_links(at)[-1]
    contents = read_link(built)
    assert contents.problems == []
    assert contents.values == {
        **LIVE_SETTINGS.defaults(), "dataset": "XOR", "hidden_nodes": 7, "learning_rate": 0.6, "bias": True, "seed": 42,
    }
    assert contents.hidden == {"init", "rule", "seed"} and contents.locked == {"dataset"}
    assert contents.presenter


def test_the_link_builder_refuses_a_bad_value_and_says_which_setting():
    at = open_page()
    links_before = len(shown_links(at))
    at.number_input(key="classroom_hidden_nodes").set_value(0)
    at.run()
    assert not at.exception
    assert any("hidden_nodes must be" in message_text(error) for error in at.error)
    assert len(shown_links(at)) == links_before - 1  # the built link is withheld, the lessons stay


def test_presenter_mode_from_the_url_adds_its_style_and_lesson_links_keep_it():
    # the presenter's larger root font (ui/presenter.py); the page's own style sets other sizes (its help lines)
    presenter_style = "html { font-size: 20px; }"
    plain = open_page()
    assert not [html for html in plain.get("html") if presenter_style in html.proto.body]
    presenting = open_page(presenter="1")
    assert [html for html in presenting.get("html") if presenter_style in html.proto.body]
    lesson_links = shown_links(presenting)[: len(LESSONS)]
    assert len(lesson_links) == len(LESSONS) and all(read_link(address).presenter for address in lesson_links)


def test_the_classroom_page_offers_the_sessions_work_to_download():
    at = open_page()
    labels = [button.label for button in at.get("download_button")]
    assert labels == [
        "Download the network (.npz)", "Download the error history (.csv)",
        "Download the error curve (.png)", "Download the weights (.png)",
    ]


LIVE_PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "1_Watch_it_learn.py")


@pytest.mark.parametrize("lesson", LESSONS[:4:3], ids=lambda lesson: lesson.slug)
def test_a_lesson_link_opens_the_live_page_with_its_network_and_only_its_controls(lesson):
    at = AppTest.from_file(LIVE_PAGE, default_timeout=60)
    for name, value in lesson.params().items():
        at.query_params[name] = value
    at.run()
    assert not at.exception
    lab = at.session_state["lab"]
    assert {name: lab.settings[name] for name in LIVE_SETTINGS} == lesson.values
    assert lab.network.hidden_nodes == lesson.values["hidden_nodes"]
    assert lab.network.learning_rate == lesson.values["learning_rate"]
    controls = {
        widget.key.removeprefix("live_"): widget
        for widget in [*at.selectbox, *at.number_input, *at.select_slider, *at.toggle]
        if widget.key and widget.key.removeprefix("live_") in LIVE_SETTINGS
    }
    assert set(controls) == set(lesson.show) | set(lesson.lock)
    assert {name for name, widget in controls.items() if widget.disabled} == set(lesson.lock)


@pytest.mark.parametrize(
    "script", ["dashboard.py", "pages/1_Watch_it_learn.py", "pages/2_Step_through.py", "pages/3_MNIST_workshop.py"]
)
def test_every_page_takes_presenter_mode_from_the_url(script):
    def presenter_styles(at):
        return [html for html in at.get("html") if "font-size: 20px" in html.proto.body]

    plain = AppTest.from_file(f"../../{script}", default_timeout=120).run()
    presenting = AppTest.from_file(f"../../{script}", default_timeout=120)
    presenting.query_params["presenter"] = "1"
    presenting.run()
    assert not plain.exception and not presenting.exception
    assert not presenter_styles(plain)
    assert presenter_styles(presenting)


def open_here_links(at: AppTest) -> dict[str, dict]:
    """The Classroom's "Open in this tab" links (same tab, Streamlit's own navigation): query -> parameters."""
    from urllib.parse import parse_qsl

    return {
        element.proto.query_string: dict(parse_qsl(element.proto.query_string))
        for element in at.get("page_link") if element.proto.label == "Open in this tab"
    }


def test_lessons_opened_one_after_another_in_the_same_tab_each_build_their_network():
    root = Path(PAGE).parent.parent
    at = AppTest.from_file(str(root / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/4_Classroom.py").run()
    links = open_here_links(at)
    for lesson in (LESSONS[2], LESSONS[3], LESSONS[2]):  # bias, XOR, then bias again: it starts over
        params = lesson.params()
        assert params in links.values(), f"no same-tab link for {lesson.slug}"
        at.query_params.clear()
        at.query_params.update(params)  # what following the page link does
        at.switch_page("pages/1_Watch_it_learn.py").run()
        assert not at.exception
        lab = at.session_state["lab"]
        assert {name: lab.settings[name] for name in LIVE_SETTINGS} == lesson.values
        assert lab.run.samples_seen == 0
        shown = {w.key: w.value for w in at.sidebar.get("number_input") if w.key}
        if "hidden_nodes" in lesson.show:
            assert shown["live_hidden_nodes"] == lesson.values["hidden_nodes"]
        at.button(key="live_step_epoch").click().run()  # the learner trains a little ...
        at.query_params.clear()
        at.switch_page("pages/4_Classroom.py").run()  # ... and goes back for the next lesson
        assert not at.exception
