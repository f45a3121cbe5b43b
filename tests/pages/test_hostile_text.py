"""Text a visitor supplies is shown as plain text on every message path, never as Markdown.

Every path by which a visitor's words reach a message is walked with hostile text (a phishing
link, a tracking image, bare addresses GitHub-flavoured Markdown would link, HTML, Streamlit's
own shortcodes): each setting of every page's link, the step page's typed vectors, the
experiment's typed values, the names of uploaded files. The check reads the Markdown body the
app sends (the proto's ``body``), and asks of it what a Markdown renderer would turn into a link,
an image or markup: an unescaped punctuation character, or an address or ``@`` that a
word joiner does not keep apart from what comes before it. The browser test
(tests/browser/test_browser_hostile_text.py) checks the same in a real Chromium's page.
"""

from __future__ import annotations

import io
import re
import string

import pytest
from streamlit.testing.v1 import AppTest

from conftest import message_text
from nn import NeuralNetwork
from ui.live.settings import LIVE_SETTINGS
from ui.mnist.settings import MNIST_SETTINGS
from ui.plain_text import WORD_JOINER, plain
from ui.step.settings import STEP_SETTINGS

#: Marked by "evil.example", so the messages that quote it can be found.
HOSTILE = ("[Your session expired: log in](http://evil.example/login) ![x](http://evil.example/t.png) "
           "<img src=x onerror=alert(1)> www.evil.example me@evil.example :streamlit: **bold** $x$")
MARK = "evil.example"


def unsafe_markdown(body: str) -> list[str]:
    """What in a Markdown body a renderer would read as syntax rather than as the characters shown."""
    found = []
    index = 0
    while index < len(body):
        character = body[index]
        if character == "\\" and index + 1 < len(body) and body[index + 1] in string.punctuation:
            index += 2  # an escaped character is always shown as itself
            continue
        if character in string.punctuation:
            found.append(f"unescaped {character!r} at {index}")
        index += 1
    for match in re.finditer(r"(?i)https?\\:|www\\\.|\\@", body):
        if body[match.start() - 1: match.start()] != WORD_JOINER:
            found.append(f"{match.group()!r} at {match.start()} could start an autolink")
    for match in re.finditer(r"\\:(?=\w)", body):  # :streamlit:, :material/...:, :red[...]
        if body[match.end(): match.end() + 1] != WORD_JOINER:
            found.append(f"shortcode at {match.start()}")
    return found


def hostile_messages(at: AppTest) -> list:
    """Every Markdown-bodied element on the page that quotes the hostile text."""
    elements = [*at.error, *at.warning, *at.info, *at.success, *at.caption, *at.markdown]
    return [element for element in elements if MARK in message_text(element)]


def assert_shown_plain(at: AppTest, at_least: int = 1) -> None:
    assert not at.exception
    messages = hostile_messages(at)
    assert len(messages) >= at_least, "the hostile text should be named in a message"
    for element in messages:
        assert unsafe_markdown(element.value) == [], element.value
        assert HOSTILE in message_text(element), "the learner reads exactly what was supplied"


def test_the_checker_finds_links_images_and_autolinks_in_markdown_that_was_not_escaped():
    assert unsafe_markdown(HOSTILE)
    assert unsafe_markdown("see http\\:\\/\\/evil\\.example")  # escaped but would still be autolinked
    assert unsafe_markdown("mail me\\@evil\\.example")
    assert unsafe_markdown("\\:streamlit\\:")
    assert unsafe_markdown(plain(HOSTILE)) == []
    assert unsafe_markdown(plain("a\\[b](c)")) == []


def open_page(page: str, **query) -> AppTest:
    at = AppTest.from_file(f"../../pages/{page}", default_timeout=120)
    at.query_params.update(query)
    at.run()
    return at


@pytest.mark.parametrize("name", sorted(LIVE_SETTINGS))
def test_hostile_text_in_any_live_page_link_setting_is_shown_as_plain_text(name):
    assert_shown_plain(open_page("1_Watch_it_learn.py", **{name: HOSTILE}))


@pytest.mark.parametrize("name", sorted(STEP_SETTINGS))
def test_hostile_text_in_any_step_page_link_setting_is_shown_as_plain_text(name):
    query = {name: HOSTILE}
    if name in ("inputs", "targets"):  # three numbers each on the page's first data set
        query = {"own": "true", "inputs": "1, 2, 3", "targets": "0.5, 0.5, 0.5", name: f"0.5, {HOSTILE}, 0.5"}
    at = open_page("2_Step_through.py", **query)
    assert_shown_plain(at)


@pytest.mark.parametrize("name", sorted(MNIST_SETTINGS))
def test_hostile_text_in_any_mnist_link_setting_is_shown_as_plain_text(name):
    assert_shown_plain(open_page("3_MNIST_workshop.py", **{name: HOSTILE}))


def test_hostile_text_typed_as_the_step_pages_own_vectors_is_shown_as_plain_text():
    at = open_page("2_Step_through.py")
    at.toggle(key="step_own").set_value(True).run()
    at.text_input(key="step_inputs").set_value(f"0.1, {HOSTILE}, 0.3").run()
    at.text_input(key="step_targets").set_value(f"{HOSTILE}, 0.5, 0.5").run()
    assert_shown_plain(at, at_least=2)


def test_hostile_text_typed_as_sweep_values_is_shown_as_plain_text():
    at = open_page("3_MNIST_workshop.py", tab="experiments")
    [values] = [box for box in at.text_input if box.key.startswith("mnist_sweep_values")]
    values.set_value(HOSTILE).run()
    assert_shown_plain(at)


def network_file() -> bytes:
    buffer = io.BytesIO()
    NeuralNetwork(784, 5, 10, 0.1, seed=1).save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("content", [b"not a network", network_file()], ids=["refused", "loaded"])
def test_the_name_of_an_uploaded_mnist_network_is_shown_as_plain_text(content):
    at = open_page("3_MNIST_workshop.py")
    at.file_uploader(key="mnist_load").set_value((HOSTILE + ".npz", content, "application/octet-stream")).run()
    assert_shown_plain(at)


def test_the_name_of_an_uploaded_picture_is_shown_as_plain_text():
    at = open_page("3_MNIST_workshop.py")
    at.session_state["mnist_tab"] = "Your handwriting"  # the tabs are one widget, keyed mnist_tab
    at.run()
    at.radio(key="mnist_source").set_value("upload a picture").run()
    at.file_uploader(key="mnist_picture").set_value((HOSTILE + ".png", b"not a picture", "image/png")).run()
    assert_shown_plain(at)


def test_hostile_text_inside_an_uploaded_network_file_is_shown_as_plain_text():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(HOSTILE, b"a member named by a visitor")
    at = open_page("1_Watch_it_learn.py")
    [box] = at.get("file_uploader")
    box.set_value(("network.npz", buffer.getvalue(), "application/octet-stream")).run()
    assert_shown_plain(at)


@pytest.mark.parametrize("stage", ["-5", "+5", "5.0", "５"])
def test_a_stage_that_only_looks_like_one_is_refused_like_any_bad_value(stage):
    at = open_page("2_Step_through.py", stage=stage)
    assert not at.exception
    assert any("stage must be" in message_text(error) for error in at.error)
    assert at.subheader[0].value.startswith("Stage 1 of")
