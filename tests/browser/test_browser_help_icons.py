"""The help (?) icons' names a screen reader says, in the session's language (ui/i18n/streamlit_words.py):
Streamlit 1.67 names each "Help for <label>" in English whatever the page's language.

Screenshots go to test-artifacts/help_icons_*.png.
"""

import pytest

from conftest import wait_for_app

pytestmark = pytest.mark.browser

#: Every help icon's name on the page, as a screen reader is given it.
ICON_NAMES = """() => [...document.querySelectorAll('[data-testid="stTooltipIcon"] button[aria-label]')]
    .map(button => button.getAttribute('aria-label'))"""


def icon_names_once_settled(page, language_word: str) -> list[str]:
    """The icons' names once every one is in the language whose word for help is ``language_word``."""
    page.wait_for_function(f"""() => {{ const names = ({ICON_NAMES})();
        return names.length > 5 && names.every(name => name.startsWith({language_word!r})); }}""")
    return page.evaluate(ICON_NAMES)


def test_help_icons_are_named_in_russian_and_in_english_again_after_a_switch(page, streamlit_url, artifacts):
    page.goto(f"{streamlit_url}/MNIST_workshop?lang=ru")
    wait_for_app(page)
    russian = icon_names_once_settled(page, "Справка")
    page.screenshot(path=str(artifacts / "help_icons_ru.png"))
    assert "Справка: скрытые узлы" in russian                   # the Train form's field, in the page's words
    assert "Справка: Language · Язык" in russian                 # the switch, named alike in both languages
    assert not [name for name in russian if "Help" in name]

    page.get_by_text("English", exact=True).click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('lang') !== 'ru'")
    wait_for_app(page)
    english = icon_names_once_settled(page, "Help for ")
    assert "Help for hidden nodes" in english
    assert "Help for Language · Язык" in english                 # renamed back, though its label did not change
    assert not [name for name in english if "Справка" in name]
