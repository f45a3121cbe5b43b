"""A hostile link's text reaches the learner's screen as plain text: checked in Chromium's rendered page."""

from __future__ import annotations

import urllib.parse

import pytest

from conftest import wait_for_app

pytestmark = pytest.mark.browser

HOSTILE = ("[Your session expired: log in](http://evil.example/login) ![x](http://127.0.0.1:9/t.png) "
           "www.evil.example me@evil.example <b>bold</b> :streamlit: :red[red] **bold** $x^2$")


@pytest.mark.parametrize("path, name", [("Watch_it_learn", "dataset"), ("Step_through", "stage"),
                                        ("MNIST_workshop", "learning_rate")])
def test_a_hostile_link_value_is_shown_as_the_characters_typed_with_no_link_image_or_markup(
    page, streamlit_url, artifacts, path, name
):
    page.set_default_timeout(90_000)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{streamlit_url}/{path}?{urllib.parse.urlencode({name: HOSTILE})}")
    wait_for_app(page)
    alert = page.locator('[data-testid="stAlert"]', has_text="evil.example").first
    alert.wait_for()
    page.screenshot(path=artifacts / f"hostile_link_{path}.png", full_page=True)
    shown = alert.inner_text().replace("\u2060", "")
    assert HOSTILE in shown, shown
    markup = alert.evaluate(
        "box => Array.from(box.querySelectorAll('a, img, strong, em, code, span[class*=katex], "
        "span[style], [data-testid=stIconMaterial]')).map(element => element.outerHTML)")
    assert markup == []
    hosts = {urllib.parse.urlsplit(url).netloc for url in requests}
    assert not hosts & {"evil.example", "www.evil.example", "127.0.0.1:9"}, "the page fetched from the link's hosts"
