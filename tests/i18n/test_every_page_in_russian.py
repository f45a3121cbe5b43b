"""Every page, in every state the walker opens, shows a learner no English when it is opened in Russian.

tests/i18n/untranslated.py reads what the page shows (every label, help text,
message, chart text, table header, alt text, SVG word and the page's title),
so a string nobody wrapped in ``_`` is caught as surely as one missing from a
catalogue. To see what is left on a page: ``python -m tests.i18n.untranslated pages/X.py``.
"""

from __future__ import annotations

import pytest

from tests.i18n.untranslated import State, states, walk

STATES = states()


def test_the_walker_opens_every_page_of_the_menu():
    from ui.menu import PAGES

    assert {state.page for state in STATES} == {path for path, *_rest in PAGES}


@pytest.mark.parametrize("state", STATES, ids=[f"{state.page}: {state.name}" for state in STATES])
def test_no_english_is_left_on_the_page_in_russian(state: State):
    found = walk(state)
    assert not found, f"English on {state.page} ({state.name}):\n" + "\n".join(item.line() for item in found)
