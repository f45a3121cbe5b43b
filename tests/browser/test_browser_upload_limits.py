"""A file too big for an upload box, in a real browser: Streamlit's frontend refuses it without sending it
(its reason only in an English tooltip); the page says which box refused which file, the file's size and
the box's limit, in the learner's language, the file's name as plain text (ui/upload_box.py).

Screenshots go to test-artifacts/upload_too_big_*.png.
"""

import pytest

from conftest import wait_for_app
from ui.i18n import speaking
from ui.mnist.picture_file import MAX_FILE_MB
from ui.plain_text import WORD_JOINER
from ui.saved_work import MAX_NETWORK_FILE_MB
from ui.upload_box import too_big_message

pytestmark = pytest.mark.browser

#: A visitor's file name with Markdown and HTML in it: the message must show these characters as they are.
HOSTILE_NAME = "<b>big</b> [log in](http://evil.example) *photo*"

#: Streamlit's megabyte on this machine (Linux): 1000 x 1000 bytes (ui/upload_box.py MEGABYTE_BASES).
BASE = 1000


def refused_in(page, box_key: str, name: str, size: int, refused_words: str) -> str:
    """Give the box ``box_key`` a file of ``size`` bytes named ``name``; the page's message about it (the one
    saying ``refused_words``), as text, once the run the browser's report asked for is drawn. Streamlit's chip
    for the file must be gone. (ui.plain_text's invisible word joiners are left out of the text.)"""
    box = page.locator(f".st-key-{box_key}")
    box.locator('input[type="file"]').set_input_files({"name": name, "mimeType": "application/octet-stream",
                                                        "buffer": b"\0" * size})
    message = page.locator('[data-testid="stAlert"]', has_text=refused_words)
    message.wait_for()
    wait_for_app(page)
    assert box.locator('[data-testid="stFileChip"]').count() == 0  # Streamlit's English chip removed
    assert message.locator("a, b, img").count() == 0  # the name is text, never markup
    return message.inner_text().strip().replace(WORD_JOINER, "")


def test_a_picture_too_big_for_the_handwriting_box_is_refused_in_russian(page, streamlit_url, artifacts):
    page.goto(f"{streamlit_url}/MNIST_workshop?lang=ru&tab=your-handwriting")
    wait_for_app(page)
    page.get_by_text("загрузить картинку").click()
    page.locator('.st-key-mnist_picture input[type="file"]').wait_for(state="attached")
    wait_for_app(page)
    size = MAX_FILE_MB * BASE * BASE + 400_000   # 10.4 MB
    name = HOSTILE_NAME + ".png"
    shown = refused_in(page, "mnist_picture", name, size, "не приняло")
    page.screenshot(path=str(artifacts / "upload_too_big_picture_ru.png"), full_page=True)
    with speaking("ru"):
        expected = too_big_message("картинка с одной цифрой", name, size, BASE, MAX_FILE_MB)
    assert shown == expected
    assert "10,4 МБ" in shown and "не больше 10 МБ" in shown


def test_a_network_too_big_for_the_classroom_box_is_refused_in_english_and_a_smaller_one_is_read(
        page, streamlit_url, artifacts):
    page.goto(f"{streamlit_url}/Classroom?lang=en")
    wait_for_app(page)
    size = MAX_NETWORK_FILE_MB * BASE * BASE + 1    # one byte too many: shown to three decimals, never rounded up
    shown = refused_in(page, "classroom_load_network", "mine.npz", size, "did not take")
    page.screenshot(path=str(artifacts / "upload_too_big_network_en.png"), full_page=True)
    assert shown == too_big_message("Upload a saved network", "mine.npz", size, BASE, MAX_NETWORK_FILE_MB)
    assert shown == ("The upload box “Upload a saved network” did not take mine.npz: the file is 2,000,001 bytes, "
                     "and this box takes files of at most 2 MB. Choose a smaller file.")
    # a file within the limit is sent and read by the server as before; the refusal's message goes
    box = page.locator(".st-key-classroom_load_network")
    box.locator('input[type="file"]').set_input_files({"name": "small.npz", "mimeType": "application/octet-stream",
                                                        "buffer": b"not a network"})
    page.get_by_text("Upload refused, your network is unchanged.").wait_for()
    wait_for_app(page)
    assert page.locator('[data-testid="stAlert"]', has_text="did not take").count() == 0
