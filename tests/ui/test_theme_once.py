"""ui/theme_once: each run's new_session carries the same theme as Streamlit builds, read from the
configuration once per parse."""

from __future__ import annotations

import pytest
from streamlit import config
from streamlit.proto.NewSession_pb2 import CustomThemeConfig
from streamlit.runtime import app_session

from ui import theme_once

#: Streamlit's own function (ui/theme_once keeps it as __wrapped__ once installed: importing ``ui``
#: installs it only where Streamlit was loaded first).
ORIGINAL = getattr(app_session._populate_theme_msg, "__wrapped__", app_session._populate_theme_msg)

#: A theme that uses every kind of option _populate_theme_msg handles: plain colours, the base,
#: fonts with a source, font faces as a list and as JSON, heading sizes, chart colour lists, and
#: values it refuses (an unknown base, an unquoted padding) with a warning.
THEME = {
    "theme": {"base": "dark", "primaryColor": "#ff4b4b", "backgroundColor": "#0e1117", "textColor": "#fafafa",
              "font": "Inter:https://example.org/inter.css", "codeFont": "monospace", "headingFont": "serif",
              "fontFaces": [{"family": "Inter", "url": "app/static/Inter.woff2", "weight": 400}],
              "headingFontSizes": ["2rem", "1.5rem"], "headingFontWeights": [700, 600],
              "chartCategoricalColors": ["#111111", "#222222"], "chartSequentialColors": None,
              "chartDivergingColors": None, "baseRadius": "small", "paddingTop": 0, "showWidgetBorder": True},
    "theme.light": {"base": "purple", "primaryColor": "#6d3fc0", "linkColor": "#0000ee",
                    "fontFaces": '[{"family": "Mono", "url": "app/static/Mono.woff2"}]'},
    "theme.dark": {"primaryColor": "#ffbd45", "backgroundColor": "#000000"},
    "theme.sidebar": {"backgroundColor": "#f0f2f6", "textColor": "#31333f"},
    "theme.light.sidebar": {"textColor": ""},  # only a default value: the part is present all the same
    "theme.dark.sidebar": {},  # nothing set: the part stays absent
}
SECTIONS = [("theme", lambda theme: theme), ("theme.light", lambda theme: theme.light),
            ("theme.dark", lambda theme: theme.dark), ("theme.sidebar", lambda theme: theme.sidebar),
            ("theme.light.sidebar", lambda theme: theme.light.sidebar),
            ("theme.dark.sidebar", lambda theme: theme.dark.sidebar)]


@pytest.fixture()
def configured_theme(monkeypatch):
    reads = []

    def options_for_section(section):
        reads.append(section)
        template = THEME.get(section, {})
        return {name: (list(value) if isinstance(value, list) else value) for name, value in template.items()}

    monkeypatch.setattr(config, "get_options_for_section", options_for_section)
    return reads


def new_session_theme(populate) -> bytes:
    """The custom_theme of a new_session message, populated section by section as Streamlit does."""
    theme = CustomThemeConfig()
    for section, part in SECTIONS:
        populate(part(theme), section)
    return theme.SerializeToString(deterministic=True)


def test_the_theme_made_once_is_the_theme_streamlit_makes_byte_for_byte_and_read_once(configured_theme):
    expected = new_session_theme(ORIGINAL)
    assert len(expected) > 200  # the theme above is in it, not an empty message
    configured_theme.clear()
    parts = theme_once.ThemeParts(ORIGINAL)
    assert new_session_theme(parts.merge_into) == expected
    assert sorted(configured_theme) == sorted(section for section, _ in SECTIONS)
    assert new_session_theme(parts.merge_into) == expected  # the next run: the same, nothing read
    assert len(configured_theme) == len(SECTIONS)


def test_a_new_parse_of_the_configuration_is_read_afresh(configured_theme):
    theme_once.install()  # as importing ui does in a server
    assert isinstance(app_session._populate_theme_msg.theme_parts, theme_once.ThemeParts)
    config.get_config_options(force_reparse=True)
    new_session_theme(app_session._populate_theme_msg)
    new_session_theme(app_session._populate_theme_msg)
    assert len(configured_theme) == len(SECTIONS)
    THEME["theme.dark"]["primaryColor"] = "#00ff00"
    try:
        config.get_config_options(force_reparse=True)
        changed = CustomThemeConfig()
        app_session._populate_theme_msg(changed.dark, "theme.dark")
        assert changed.dark.primary_color == "#00ff00"
    finally:
        THEME["theme.dark"]["primaryColor"] = "#ffbd45"
        config.get_config_options(force_reparse=True)
