"""Whole-number boxes (ui/whole_numbers.py): every one in the product is drawn with its watcher, the watcher
is given the box's number and its message in the session's language, and no page draws a number box of
its own. The browser half (a fraction refused, the box kept): tests/browser/test_browser_whole_numbers.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.i18n import speaking
from ui.whole_numbers import WATCHER_SUFFIX, watcher_data

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "pages"


def test_the_message_names_the_box_and_its_whole_numbers_and_leaves_the_kept_number_to_the_browser():
    with speaking("en"):
        data = watcher_data("mnist_train_count", "training images", 100, 60_000, 2_000.0)
    assert data == {"box": "mnist_train_count", "value": "2000",
                    "message": ["“training images” takes whole numbers only, from 100 to 60,000: the box is back to ",
                                "."]}
    with speaking("ru"):
        data = watcher_data("live_hidden_nodes", "Скрытые узлы", 1, 200, 3)
    assert data["message"] == ["«Скрытые узлы»: только целые числа от 1 до 200; в поле снова ", "."]
    with speaking("ru"):
        assert watcher_data("x", "изображения", 100, 60_000, 5)["message"][0].endswith(
            "от 100 до 60\xa0000; в поле снова ")


def test_no_page_draws_a_number_box_but_through_the_watched_one():
    drawn_elsewhere = [f"{path.relative_to(ROOT)}:{number}"
                       for path in [*ROOT.glob("ui/**/*.py"), *PAGES.glob("*.py"), ROOT / "dashboard.py"]
                       if path != ROOT / "ui" / "whole_numbers.py"
                       for number, line in enumerate(path.read_text().splitlines(), 1)
                       if re.search(r"\bnumber_input\(", line)]
    assert drawn_elsewhere == []


def watchers(at: AppTest) -> dict[str, dict]:
    """Each watcher's data, by the key of the box it watches."""
    found = {}
    for element in at.get("bidi_component"):
        if element.proto.id.endswith(WATCHER_SUFFIX):
            data = json.loads(element.proto.json)
            found[data["box"]] = data
    return found


def opened(page: str, **query) -> AppTest:
    at = AppTest.from_file(str(PAGES / page), default_timeout=120)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception
    return at


@pytest.mark.parametrize("page, query, boxes", [
    ("1_Watch_it_learn.py", {"lang": "ru", "hidden_nodes": "5"}, {"live_hidden_nodes", "live_seed"}),
    ("2_Step_through.py", {"source": "fresh", "hidden_nodes": "4"},
     {"step_hidden_nodes", "step_seed", "step_sample"}),
    ("3_MNIST_workshop.py", {"lang": "ru"}, {"mnist_train_count", "mnist_hidden_nodes", "mnist_epochs"}),
    ("3_MNIST_workshop.py", {"tab": "test"}, {"mnist_mistakes_page"}),
    ("3_MNIST_workshop.py", {"tab": "predict-it"}, {"mnist_predict_image", "mnist_spot_round"}),
    ("3_MNIST_workshop.py", {"tab": "experiments"}, {"mnist_sweep_hidden_nodes", "mnist_rotation_train_count"}),
])
def test_every_number_box_on_a_page_is_watched_and_its_watcher_holds_the_number_it_shows(page, query, boxes):
    at = opened(page, **query)
    shown = {box.key: box for box in at.get("number_input")}
    assert boxes <= set(shown)
    watched = watchers(at)
    assert set(watched) == set(shown)
    for key, box in shown.items():
        assert watched[key]["value"] == str(box.value)
        assert watched[key]["message"][0].startswith(("“", "«") ) and box.label in watched[key]["message"][0]
    if query.get("lang") == "ru":
        assert all("только целые числа" in data["message"][0] for data in watched.values())
