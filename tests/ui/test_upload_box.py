"""An upload box's size limit told to the learner (ui/upload_box.py): what a browser's report may say, how the
size is written, and the message under the box (the browser half: tests/browser/test_browser_upload_limits.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import message_text
from ui.i18n import speaking
from ui.mnist.picture_file import MAX_FILE_MB
from ui.saved_work import MAX_NETWORK_FILE_BYTES, MAX_NETWORK_FILE_MB
from ui.upload_box import checked_report, size_in_megabytes, too_big_message

PAGES = Path(__file__).resolve().parents[2] / "pages"
HOSTILE_NAME = "[log in](http://evil.example) **now** :red[x].png"


def test_a_network_box_takes_in_the_browser_no_more_than_the_server_reads_on_any_platform():
    assert MAX_NETWORK_FILE_MB * 1024 * 1024 <= MAX_NETWORK_FILE_BYTES


def test_a_report_is_kept_only_for_a_file_really_over_the_limit_and_its_name_is_cut_to_255_letters():
    good = {"name": "photo.png", "size": 10_400_000, "base": 1000}
    assert checked_report(good, 10) == good
    assert checked_report({**good, "base": 1024}, 10) is None            # 10,400,000 < 10 x 1024 x 1024
    assert checked_report({**good, "size": 10_000_000}, 10) is None       # exactly the limit is taken
    assert checked_report({**good, "name": "x" * 1000}, 10)["name"] == "x" * 255
    for forged in (None, "big", {**good, "base": 7}, {**good, "size": "10400000"}, {**good, "size": 1.5e7 + 0.5},
                   {**good, "size": True}, {**good, "name": ["a"]}, {"size": 10_400_000, "base": 1000}):
        assert checked_report(forged, 10) is None


def test_a_size_is_written_with_the_fewest_decimals_that_show_it_over_the_limit_never_rounded_up():
    with speaking("en"):
        assert size_in_megabytes(10_400_000, 1000, 10) == "10.4 MB"
        assert size_in_megabytes(2_040_000, 1000, 2) == "2.04 MB"
        assert size_in_megabytes(2_009_999, 1000, 2) == "2.009 MB"
        assert size_in_megabytes(2_000_001, 1000, 2) == "2,000,001 bytes"
        assert size_in_megabytes(3 * 2**20, 1024, 2) == "3.0 MB"   # Windows' megabytes, as Streamlit counts there
    with speaking("ru"):
        assert size_in_megabytes(10_400_000, 1000, 10) == "10,4 МБ"
        assert size_in_megabytes(2_000_001, 1000, 2) == "2\xa0000\xa0001 байт"
        assert size_in_megabytes(2_000_002, 1000, 2) == "2\xa0000\xa0002 байта"


def test_the_message_names_the_box_the_file_its_size_and_the_limit_in_the_learners_language():
    with speaking("en"):
        assert too_big_message("Load a saved network", "net.npz", 3_100_000, 1000, 2) == (
            "The upload box “Load a saved network” did not take net.npz: the file is 3.1 MB, and this box takes "
            "files of at most 2 MB. Choose a smaller file.")
    with speaking("ru"):
        assert too_big_message("картинка с одной цифрой", "фото.jpg", 12_300_000, 1000, 10) == (
            "Поле загрузки «картинка с одной цифрой» не приняло фото.jpg: размер файла 12,3 МБ, а это поле "
            "принимает файлы не больше 10 МБ. Выберите файл поменьше.")


def opened_workshop(tab: str) -> AppTest:
    at = AppTest.from_file(str(PAGES / "3_MNIST_workshop.py"), default_timeout=90)
    at.query_params["tab"] = tab
    at.query_params["lang"] = "ru"
    at.run()
    return at


@pytest.mark.parametrize("tab, key, limit_mb", [("your-handwriting", "mnist_picture", MAX_FILE_MB),
                                                ("train", "mnist_load", MAX_NETWORK_FILE_MB)])
def test_each_workshop_box_refuses_in_the_browser_what_the_server_would_and_says_so_in_russian(tab, key, limit_mb):
    at = opened_workshop(tab)
    if key == "mnist_picture":
        at.radio(key="mnist_source").set_value("upload a picture").run()
    box = at.file_uploader(key=key)
    # the browser's limit: the Load box took 50 MB (the server's ceiling) for a network the server refuses past 2
    assert box.proto.max_upload_size_mb == limit_mb
    # what the browser reported (ui/upload_box.py keeps it under the box's key) is said while the box holds
    # what it held then, the file's name as the characters it has
    at.session_state[f"{key}_too_big"] = {"name": HOSTILE_NAME, "size": limit_mb * 1_000_000 + 300_000,
                                          "base": 1000, "held": None}
    at.run()
    shown = [message_text(error) for error in at.error if "не приняло" in error.value]
    assert len(shown) == 1 and HOSTILE_NAME in shown[0] and f"не больше {limit_mb} МБ" in shown[0]
    at.session_state[f"{key}_too_big"] = {**at.session_state[f"{key}_too_big"], "held": "another file"}
    at.run()
    assert not [error for error in at.error if "не приняло" in error.value]
