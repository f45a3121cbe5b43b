"""Streamlit's own words on a page, in the session's language: its file uploader's "Upload" and
"50MB per file", and the "Help for ..." a screen reader says for each help (?) icon.

Streamlit's frontend writes them in English whatever the page's language, and has no setting
for them (Streamlit 1.67). For the uploader, in any other language a style sheet hides them and
writes the page's own words in their place (generated content, which screen readers read too);
English keeps Streamlit's words. The size Streamlit states is the box's ``max_upload_size``, which
each box's label gives too; so the translation names no size. A file over it is refused in the
browser, and ui/upload_box.py says so in the session's language.

A help icon's name is an attribute (``aria-label="Help for Hidden nodes"``, built from the widget's
label by Streamlit's ``WidgetLabelHelpIcon``), which no style sheet can change: a small script
(an ``st.components.v2`` component: its code constant, the two phrases its data) renames each icon
as it appears, and again whenever Streamlit writes its English back (React does when the label
changes). It runs in every language, so an icon renamed in Russian is named in English again after
a switch, even one whose label is the same in both ("Language · Язык").
"""

from __future__ import annotations

import streamlit as st

from ui.i18n.current import DEFAULT_LANGUAGE, current_language
from ui.i18n.translate import N_, _

# Translators: the button of every file upload box
UPLOAD_BUTTON = N_("Choose a file")
# Translators: beside the upload button
DROP_HERE = N_("or drop it here")
# Translators: what a screen reader says for a help (?) icon with no label
HELP = N_("Help")
# Translators: what a screen reader says for the help (?) icon beside a widget; {label} is the widget's label
HELP_FOR = N_("Help for {label}")

#: The help-icon script's key (its page element is hidden: it draws nothing).
HELP_WORDS_KEY = "streamlit_words_help"

# Every help icon Streamlit draws is a button in [data-testid="stTooltipIcon"] named "Help" or "Help for <label>".
# What an icon was called before it was renamed is kept beside it (data-nn-help-for), so it can be renamed
# again in another language. The label is put in as a function's result: never read as a replacement pattern.
# One observer per page, whatever the number of mounted copies: during the run after a language switch the old
# copy is still mounted beside the new one, and two observers with two languages would rename each other's
# work for ever (the tab hangs). Each copy hands its words to the one observer; the last one gone stops it.
_HELP_WORDS_JS = """
export default function ({ data }) {
  const ICONS = '[data-testid="stTooltipIcon"] button[aria-label]';
  const shared = window.__nnHelpWords || (window.__nnHelpWords = { words: data, copies: 0, observer: null });
  shared.words = data;
  shared.copies += 1;
  const rename = (button) => {
    const said = button.getAttribute("aria-label");
    let label = null;
    if (said === "Help") label = "";
    else if (said.startsWith("Help for ")) label = said.slice("Help for ".length);
    else if (button.dataset.nnHelpSaid === said) label = button.dataset.nnHelpFor;
    if (label === null) return;
    const words = shared.words;
    const wanted = label === "" ? words.help : words.help_for.replace("{label}", () => label);
    button.dataset.nnHelpFor = label;
    button.dataset.nnHelpSaid = wanted;
    if (said !== wanted) button.setAttribute("aria-label", wanted);
  };
  const renameWithin = (node) => {
    if (!(node instanceof Element)) return;
    if (node.matches(ICONS)) rename(node);
    for (const button of node.querySelectorAll(ICONS)) rename(button);
  };
  if (!shared.observer) {
    shared.observer = new MutationObserver((changes) => {
      for (const change of changes) {
        if (change.type === "attributes") renameWithin(change.target);
        else for (const node of change.addedNodes) renameWithin(node);
      }
    });
    shared.observer.observe(document.body,
                            { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-label"] });
  }
  renameWithin(document.body);
  return () => {
    shared.copies -= 1;
    if (shared.copies === 0 && shared.observer) { shared.observer.disconnect(); shared.observer = null; }
  };
}
"""
_help_words = st.components.v2.component("nn_streamlit_help_words", js=_HELP_WORDS_JS)

#: The script's element draws nothing; hidden, it leaves no gap at the top of the page.
_HIDE_HELP_WORDS = f'.st-key-{HELP_WORDS_KEY} {{ display: none; }}\n'

_BUTTON_TEXT = '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"]'
_INSTRUCTIONS = '[data-testid="stFileUploaderDropzoneInstructions"]'


def streamlit_words_css() -> str:
    """The style sheet that says Streamlit's words in the session's language; empty in English."""
    if current_language() == DEFAULT_LANGUAGE:
        return ""
    return (
        f"{_BUTTON_TEXT} p {{ display: none; }}\n"
        f"{_BUTTON_TEXT}::after {{ content: {_css_string(_(UPLOAD_BUTTON))}; }}\n"
        f"{_INSTRUCTIONS} span {{ display: none; }}\n"
        f"{_INSTRUCTIONS} > div::after {{ content: {_css_string(_(DROP_HERE))}; }}\n"
    )


def streamlit_words_ui() -> None:
    st.html(f"<style>\n{_HIDE_HELP_WORDS}{streamlit_words_css()}</style>")
    _help_words(key=HELP_WORDS_KEY, data={"help": _(HELP), "help_for": _(HELP_FOR)})


def _css_string(text: str) -> str:
    """``text`` as a CSS string: quoted, its backslashes, quotes and angle brackets escaped (CSS's own
    hex escapes: a translation can never end the style sheet), every other letter as it is."""
    escaped = "".join(f"\\{ord(letter):x} " if letter in '\\"<>\n' else letter for letter in text)
    return f'"{escaped}"'
