"""The theme in each run's ``new_session`` message is read from the configuration once, not every run.

Streamlit 1.67 starts every script run, a fragment's included, with a ``new_session`` message
that carries the app's theme, and builds it by reading each of the six theme sections' forty
or so options (``_populate_theme_msg``: parsing fonts and colour lists on the way) on every
run. On the live page that was the largest single piece of the event loop's work in an update:
0.29 ms of a 3-3-3 update's 5.4 ms (py-spy, one learner; docs/speed.md). The theme only changes
when the configuration is parsed again (theme options cannot be set by a script), so each
section's part is made once per parse and merged into each message: the same message, byte
for byte (tested).

``install`` wraps the function once per process (importing ``ui`` does it); it checks that
the Streamlit function it wraps is still there, so an upgrade that renames it fails loudly.
"""

from __future__ import annotations

import functools
import threading

from streamlit import config
from streamlit.proto.NewSession_pb2 import CustomThemeConfig
from streamlit.runtime import app_session

_installed = False


class ThemeParts:
    """Each theme section's part of a ``new_session`` message, made from the configuration once."""

    def __init__(self, populate):
        self._populate = populate
        self._made: dict[str, CustomThemeConfig | None] = {}
        self._lock = threading.Lock()

    def merge_into(self, message: CustomThemeConfig, section: str = "theme") -> None:
        """What ``populate(message, section)`` would do to ``message``, a part of a larger message:
        add the section's fields, or leave it absent when the section sets nothing."""
        if section not in self._made:
            # Populated as a part too, since populating marks a part present even when every
            # value it sets is a default; a section with no options set leaves it absent.
            holder = CustomThemeConfig()
            self._populate(holder.dark, section)
            with self._lock:
                self._made.setdefault(section, holder.dark if holder.HasField("dark") else None)
        part = self._made[section]
        if part is not None:
            message.SetInParent()
            message.MergeFrom(part)

    def forget(self) -> None:
        """The configuration was parsed again: read it afresh."""
        with self._lock:
            self._made.clear()


def install() -> None:
    """Make Streamlit read each theme section once per configuration parse (once per process)."""
    global _installed
    if _installed:
        return
    populate = app_session._populate_theme_msg
    parts = ThemeParts(populate)
    config.on_config_parsed(parts.forget, force_connect=True)

    @functools.wraps(populate)
    def populate_once(message: CustomThemeConfig, section: str = "theme") -> None:
        parts.merge_into(message, section)

    populate_once.theme_parts = parts
    app_session._populate_theme_msg = populate_once
    _installed = True
