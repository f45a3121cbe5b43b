"""A box for a whole number that refuses a fraction in the browser, says so, and keeps what it held.

Streamlit 1.67's number box (its frontend's ``NumberInput``) reads a whole-number box's text with
``parseInt``: a learner who types 3.5 gets 3, 1e3 gets 1, and 2.0 gets 2, without a word. Chromium drops
a decimal comma as it is typed, so «3,5» becomes 35. An emptied box takes the box's default.
Python never sees what was typed: only the whole number Streamlit made of it.

So beside each whole-number box a small script (an ``st.components.v2`` component: its code constant,
its data the box's key, its number and its message in the session's language) watches the box at the
moments Streamlit reads it (Enter, ↑ / ↓, leaving the box):

- a whole number, however written (1e3, 2.0), is written in digits first (1000, 2), so Streamlit reads
  the number that was typed;
- anything else (3.5, an empty box) puts back what the box held and says, under the box, what it
  takes ("“Hidden nodes” takes whole numbers only, from 1 to 200: the box is back to 3."); Enter or
  the arrow key then does nothing else (a form is not sent), and a click that took the focus away
  from the box is not acted on, so the learner reads the message before anything runs;
- a decimal comma is typed as a decimal point, so «3,5» shows as 3.5 and is refused like it.

A whole number outside the bounds is left to what refused it before: Streamlit's own message for a
box with bounds (translated by ui/i18n/streamlit_words.py), the setting's message for a settings box
(``Setting.check``). The message is put in as text, never as HTML. docs/translation.md says more.
"""

from __future__ import annotations

from typing import Any, Optional

import streamlit as st

from ui.i18n import N_, _, numbers

# Translators: under a whole-number box after a learner typed a fraction (3.5) or emptied it; {field} is the box's
# label, {low} and {high} its bounds, {kept} the number it holds again
REFUSAL = N_("“{field}” takes whole numbers only, from {low} to {high}: the box is back to {kept}.")

#: Where the message's {kept} goes: the script puts the number there (it alone knows what the box held).
_KEPT = "\x00"

# The browser half. Listeners are the document's, in the capture phase, so they run before Streamlit's own
# (React's, at its root element) and a box drawn again (a rerun, a tab shown) is still watched. A box is known
# by its widget key (the class st-key-<key> of its element); its rule is this component's data. A text is put
# into the box as React needs to see it: the input's own value setter, then an input event, which React answers
# at once (a controlled input's change is rendered before the event returns), so the key or the leaving that
# follows reads the new text. "kept": the box's number when the learner came into it, or the whole number last
# entered or left in it that Streamlit takes (within the input's min and max); never a text Streamlit is showing
# its own refusal for (aria-describedby names it); the number the page drew, if the learner never came in.
_WATCH_JS = r"""
const FIELD = '[data-testid="stNumberInputField"]';
const NOTE = "nn-whole-number-refusal";

function watchWholeNumberBoxes() {
  const shared = { rules: new Map(), kept: new Map(), pressed: null, unclick: null };
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
  const boxOf = (target) => {
    if (!(target instanceof HTMLInputElement) || !target.matches(FIELD)) return null;
    for (let holder = target.parentElement; holder; holder = holder.parentElement) {
      const name = [...holder.classList].find((word) => word.startsWith("st-key-"));
      if (name) {
        const rule = shared.rules.get(name.slice("st-key-".length));
        return rule ? { input: target, rule } : null;
      }
    }
    return null;
  };
  // The box's number in digits ("1000" for 1e3, "2" for 2.0), or null if it holds no whole number (3.5, nothing,
  // or text the browser could not read: its value is then "").
  const digits = (input) => {
    if (input.validity.badInput || input.value.trim() === "") return null;
    const number = Number(input.value);
    return Number.isSafeInteger(number) ? String(number) : null;
  };
  const write = (input, text) => {
    setValue.call(input, text);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  };
  // The message goes just after the widget, beside it in its element (whose React key is the widget's id, so it
  // is never another widget's); not inside it, where "Press Enter to apply" would be drawn over it.
  const noteOf = (input) => (
    input.closest('[data-testid="stNumberInput"]')?.parentElement?.querySelector(`:scope > .${NOTE}`));
  const say = (box, kept) => {
    const widget = box.input.closest('[data-testid="stNumberInput"]');
    if (!widget) return;
    let note = noteOf(box.input);
    if (!note) {
      note = document.createElement("div");
      note.className = NOTE;
      note.setAttribute("role", "alert");
      note.style.cssText = "margin-top: 0.25rem; padding: 0.25rem 0.5rem; border-left: 3px solid #d33;"
                           + " font-size: 0.875rem; line-height: 1.4;";
      widget.after(note);
    }
    note.textContent = box.rule.message[0] + kept + box.rule.message[1];
  };
  shared.unsay = (input) => noteOf(input)?.remove();
  const remember = (box) => {
    const text = digits(box.input);
    if (text !== null && !box.input.hasAttribute("aria-describedby")) shared.kept.set(box.rule.box, text);
  };
  // At a moment Streamlit reads the box: true if its text was refused (and the box holds what it held again).
  const judge = (box) => {
    const text = digits(box.input);
    if (text === null) {
      const kept = shared.kept.get(box.rule.box) ?? box.rule.value;
      write(box.input, kept);
      say(box, kept);
      return true;
    }
    if (text !== box.input.value) write(box.input, text);
    if (text !== shared.kept.get(box.rule.box)) shared.unsay(box.input);  // another number: the message is done
    const number = Number(text);
    if (number >= Number(box.input.min) && number <= Number(box.input.max)) shared.kept.set(box.rule.box, text);
    return false;
  };

  document.addEventListener("focusin", (event) => { const box = boxOf(event.target); if (box) remember(box); }, true);
  document.addEventListener("beforeinput", (event) => {
    if (!event.data || !event.data.includes(",") || !boxOf(event.target)) return;
    event.preventDefault();  // Chromium would drop the comma: 3,5 would be read as 35
    document.execCommand("insertText", false, event.data.replaceAll(",", "."));
  }, true);
  document.addEventListener("keydown", (event) => {
    if (!["Enter", "ArrowUp", "ArrowDown"].includes(event.key) || event.isComposing) return;
    const box = boxOf(event.target);
    if (box && judge(box)) { event.preventDefault(); event.stopImmediatePropagation(); }
  }, true);
  document.addEventListener("pointerdown", (event) => { shared.pressed = event.target; shared.unclick = null; }, true);
  document.addEventListener("pointerup", () => { shared.pressed = null; }, true);
  document.addEventListener("focusout", (event) => {
    const box = boxOf(event.target);
    if (box && judge(box) && shared.pressed) shared.unclick = shared.pressed;
  }, true);
  document.addEventListener("click", (event) => {
    const unclick = shared.unclick;
    shared.unclick = null;
    if (unclick && event.target instanceof Node && unclick.contains(event.target)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
  return shared;
}

export default function ({ data }) {
  const shared = window.__nnWholeNumbers || (window.__nnWholeNumbers = watchWholeNumberBoxes());
  const before = shared.rules.get(data.box);
  if (before && before.value !== data.value) {  // the page changed the box: its message is no longer true
    shared.kept.delete(data.box);
    const input = document.querySelector(`.st-key-${CSS.escape(data.box)} ${FIELD}`);
    if (input) shared.unsay(input);
  }
  shared.rules.set(data.box, data);
  return () => { if (shared.rules.get(data.box) === data) shared.rules.delete(data.box); };
}
"""

_watcher = st.components.v2.component("nn_whole_number_watch", js=_WATCH_JS)

#: A box's watcher is keyed as the box, with this after it.
WATCHER_SUFFIX = "_whole_number_watch"
#: The watcher draws nothing; its place in the column would still add a gap under the box.
_HIDE_WATCHERS = f'<style>[data-testid="stElementContainer"][class*="{WATCHER_SUFFIX}"] {{ display: none; }}</style>'


def whole_number_input(
    label: str, low: int, high: int, *, key: str, help: str, bounds_checked_by_caller: bool = False,
    **number_input_options: Any,
) -> Optional[int]:
    """``st.number_input`` for a whole number from ``low`` to ``high``, watched in the browser (see above);
    returns what it returns. Streamlit's box refuses a number outside the bounds itself, unless
    ``bounds_checked_by_caller`` (a setting, whose caller says why with ``Setting.check``): then the box
    has no bounds of its own and ``low``/``high`` only word the message."""
    bounds = {} if bounds_checked_by_caller else {"min_value": low, "max_value": high}
    number_input_options.setdefault("step", 1)
    value = st.number_input(label, key=key, help=help, **bounds, **number_input_options)
    st.html(_HIDE_WATCHERS)
    _watcher(key=f"{key}{WATCHER_SUFFIX}", data=watcher_data(key, label, low, high, value))
    return value


def watcher_data(key: str, label: str, low: int, high: int, value: Any) -> dict:
    """What the box's script is given: the box's key, the number it holds, and its message in the session's
    language, split where the script puts the number the box holds again."""
    message = _(REFUSAL).format(field=label, low=numbers.integer(low), high=numbers.integer(high), kept=_KEPT)
    before, _kept, after = message.partition(_KEPT)
    return {"box": key, "value": "" if value is None else str(int(value)), "message": [before, after]}
