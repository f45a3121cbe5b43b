"""ui/accessibility.py: the shortcuts the page states are the ones the script presses, and motion calms down."""

from __future__ import annotations

import json
import re
from pathlib import Path

from babel.messages.pofile import read_po

from ui import accessibility
from ui.i18n import catalogues, speaking


def test_each_shortcut_is_named_on_the_page_with_the_button_it_presses():
    caption = accessibility.shortcuts_caption("live_start", "live_step_sample", "live_reset")
    assert caption.startswith("Keyboard: S Start or Pause training · N Step: train 1 sample · R Reset")
    assert accessibility.shortcut_of("step_predict_commit_3") == "V"
    assert accessibility.shortcut_of("live_step_epoch") == ""


def test_the_script_carries_every_shortcut_and_no_placeholder_is_left(monkeypatch):
    sent = []
    monkeypatch.setattr(accessibility.st, "html", lambda body, **options: sent.append((body, options)))
    accessibility.accessibility_ui()
    body, options = sent[0]
    assert options == {"unsafe_allow_javascript": True}
    assert "__" + "SHORTCUTS" not in body and "__COOKIE__" not in body
    assert json.dumps({key: [name, what] for key, (name, what) in accessibility.SHORTCUTS.items()}) in body


def test_the_script_holds_no_html_tag_which_would_stop_streamlit_running_it():
    # Streamlit 1.67 drops the whole script of an st.html whose script text has a tag in it (even in a comment)
    script = accessibility._SCRIPT.split("<script>", 1)[1].rsplit("</script>", 1)[0]
    assert not re.search(r"</?[A-Za-z]", script), re.search(r".{20}</?[A-Za-z].{20}", script).group()


def test_every_help_that_names_a_key_names_it_as_the_script_finds_it_in_either_language():
    """The script leaves a help's "Key: S." out on a phone; it finds those words by :func:`key_sentence`."""
    named = {}
    for path in sorted(Path(catalogues.__file__).parent.glob("locales/ru/LC_MESSAGES/*.po")):
        for message in read_po(path.open("rb")):
            found = re.search(r"Key: ([A-Z])\.", message.id) if isinstance(message.id, str) else None
            if found:
                named[message.id] = (found.group(1), message.string)
    assert len(named) >= len(accessibility.SHORTCUTS), named
    for english, (key, russian) in named.items():
        assert english.endswith(" " + accessibility.key_sentence(key)), english
        with speaking("ru"):
            assert russian.endswith(" " + accessibility.key_sentence(key)), russian


def test_reduced_motion_slows_the_live_tick_and_leaves_a_paused_page_alone(monkeypatch):
    monkeypatch.setattr(accessibility, "prefers_reduced_motion", lambda: True)
    assert accessibility.calmer_tick(0.15) == accessibility.CALM_TICK_SECONDS
    assert accessibility.calmer_tick(3.0) == 3.0
    assert accessibility.calmer_tick(None) is None
    monkeypatch.setattr(accessibility, "prefers_reduced_motion", lambda: False)
    assert accessibility.calmer_tick(0.15) == 0.15
