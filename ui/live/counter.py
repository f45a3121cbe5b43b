"""One live counter of the live page (ui/live/view.py draws a row of them; ui/live/samples.py makes the error's)."""

from __future__ import annotations

from typing import NamedTuple


class Counter(NamedTuple):
    """``key``: the counter's English name, the same in every language (what scripts and tests look for);
    ``name``, ``value`` and ``help`` as shown, in the session's language."""

    key: str
    name: str
    value: str
    help: str
