"""Each session speaks its own language: from the link, else the browser, else English; the sidebar switches it."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from conftest import message_text
from ui.i18n import _, speaking
from ui.i18n.current import CHOSEN_KEY
from ui.i18n.language import LANGUAGE_SETTINGS
from ui.menu import PAGES

FRONT_DOOR = str(Path(__file__).resolve().parents[2] / "dashboard.py")


def opened(*, link: dict | None = None, locale: str | None = None) -> AppTest:
    at = AppTest.from_file(FRONT_DOOR, default_timeout=90)
    for name, value in (link or {}).items():
        at.query_params[name] = value
    if locale is not None:
        at.context = {"locale": locale}
    at.run()
    assert not at.exception
    return at


def menu_names(at: AppTest) -> list[str]:
    return [link.proto.label for link in at.sidebar.get("page_link")][-len(PAGES):]


def names_in(language: str) -> list[str]:
    with speaking(language):
        return [_(label) for _path, label, _icon, _teaches in PAGES]


def test_a_link_with_lang_ru_opens_in_russian_whatever_the_browser_says():
    at = opened(link={"lang": "ru"}, locale="en-GB")
    assert at.session_state[CHOSEN_KEY] == "ru"
    assert menu_names(at) == names_in("ru") != names_in("en")
    assert at.sidebar.radio(key=LANGUAGE_SETTINGS.key("lang")).value == "ru"


def test_a_silent_link_follows_the_browsers_language_and_then_carries_it():
    russian = opened(locale="ru-RU")
    assert menu_names(russian) == names_in("ru")
    assert russian.query_params["lang"] == "ru"  # a link copied from here opens in Russian too
    german = opened(locale="de-DE")
    assert menu_names(german) == names_in("en")
    assert "lang" not in german.query_params


def test_two_sessions_on_one_server_keep_their_own_languages():
    russian, english = opened(link={"lang": "ru"}), opened(link={"lang": "en"})
    russian.run()
    english.run()
    russian.run()
    assert menu_names(russian) == names_in("ru")
    assert menu_names(english) == names_in("en")


def test_the_sidebar_switch_changes_every_word_at_once():
    at = opened(locale="en-US")
    at.sidebar.radio(key=LANGUAGE_SETTINGS.key("lang")).set_value("ru").run()
    assert not at.exception
    assert menu_names(at) == names_in("ru")
    assert at.query_params["lang"] == "ru"


def test_a_link_asking_for_an_unknown_language_says_so_and_stays_in_english():
    at = opened(link={"lang": "xx"})
    assert menu_names(at) == names_in("en")
    warnings = " ".join(message_text(warning) for warning in at.warning)
    assert "lang must be one of en, ru" in warnings and "'xx'" in warnings


def test_streamlits_own_words_are_replaced_in_russian_and_left_alone_in_english():
    from ui.i18n.streamlit_words import STREAMLIT_WORDS_KEY, streamlit_words_css, streamlit_words_data

    with speaking("en"):
        assert streamlit_words_css() == ""
    with speaking("ru"):
        css = streamlit_words_css()
    assert 'content: "Выбрать файл"' in css and 'content: "или перетащите его сюда"' in css
    russian_page, english_page = opened(link={"lang": "ru"}), opened(link={"lang": "en"})
    russian = " ".join(element.proto.body for element in russian_page.get("html"))
    english = " ".join(element.proto.body for element in english_page.get("html"))
    assert "Выбрать файл" in russian and "Выбрать файл" not in english
    # the renaming script is handed the session's words (a number box's buttons, an upload box's chips ...)
    def script_words(page: AppTest) -> dict:
        [script] = [element for element in page.get("bidi_component")
                    if element.proto.id.endswith(f"-{STREAMLIT_WORDS_KEY}")]
        return json.loads(script.proto.json)

    with speaking("ru"):
        assert script_words(russian_page) == streamlit_words_data()
    with speaking("en"):
        assert script_words(english_page) == streamlit_words_data()
    assert "Увеличить" in json.dumps(script_words(russian_page), ensure_ascii=False)
    assert "Увеличить" not in json.dumps(script_words(english_page), ensure_ascii=False)


def test_a_translation_cannot_end_the_style_sheet_or_its_string():
    from ui.i18n.streamlit_words import _css_string

    written = _css_string('a "quoted" </style> \\ word')
    assert written.startswith('"') and written.endswith('"')
    inside = written[1:-1]
    assert '"' not in inside and "<" not in inside and ">" not in inside
    assert inside == r'a \22 quoted\22  \3c /style\3e  \5c  word'
