"""The live page's settings (pages/1_Watch_it_learn.py): the session's network and its training speed."""

from __future__ import annotations

from ui.settings.network import LAB_ROWS
from ui.settings.setting import Table

LIVE_SETTINGS: Table = Table("live", LAB_ROWS)
