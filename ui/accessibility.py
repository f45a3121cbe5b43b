"""What every page adds for learners without a mouse, with low vision, on a phone, or sensitive to motion.

One call per page (:func:`accessibility_ui`) adds a style sheet and a small script,
both constants: nothing a visitor typed is ever put into them.

- Keyboard shortcuts (:data:`SHORTCUTS`): a key clicks the page's button with that
  Streamlit key, unless the learner is typing in a field or holds Ctrl/Alt/⌘; in a
  non-Latin layout (Russian) the key at the same place works too. The
  buttons say their shortcut in their help text and the page says them in words
  (:func:`shortcuts_caption`); the script also sets ``aria-keyshortcuts``. On a touch screen
  without hover (:data:`NO_KEYBOARD_MEDIA`) these words are not shown: there is no keyboard.
- A button's or link's help on a phone (:data:`HELP_LINE_MEDIA`): Streamlit shows it only as a tooltip
  on hover, which touch cannot open, so the script writes it as a line of text under the control there.
- A visible focus ring on every control, captions dark enough to read (WCAG AA),
  controls at least 44 px tall on touch screens, wide tables scrolling in their own box.
- The page's language (``<html lang="ru">``), so a screen reader picks the right voice.
- Motion: ``prefers-reduced-motion`` turns CSS animation off; the script keeps a cookie
  (:data:`REDUCED_MOTION_COOKIE`) so the server can calm the live page's tick
  (:func:`prefers_reduced_motion`).
- Wide formulas (Streamlit's st.latex scrolls them sideways) get ``tabindex=0`` so a
  keyboard can scroll them.
"""

from __future__ import annotations

import json

import streamlit as st

from ui.i18n import N_, _, current_language

#: key -> (the Streamlit widget key its button has, or a key prefix ending in "*"; what it does, in English:
#: :func:`shortcuts_caption` says it in the session's language)
SHORTCUTS = {
    "s": ("live_start", N_("Start or Pause training")),
    "n": ("live_step_sample", N_("Step: train 1 sample")),
    "r": ("live_reset", N_("Reset the network")),
    "j": ("step_back", N_("Back one stage")),
    "k": ("step_next", N_("Next stage")),
    "v": ("step_predict_commit_*", N_("Reveal: commit my answer and see the numbers")),
}

#: Where a button's or link's help is written under it (the script's help lines): a screen whose main pointer
#: cannot hover (touch), or narrower than Streamlit's ``sm`` breakpoint, 576 px, below which Streamlit 1.67
#: draws a button with help without its tooltip. Elsewhere the help stays the tooltip it was.
HELP_LINE_MEDIA = "(hover: none), (max-width: 576px)"

#: Where keyboard hints are not shown: a touch screen that cannot hover, a phone or a tablet, has no keyboard
#: (one plugged in does not change its main pointer; the keys still work, only the words are left out).
NO_KEYBOARD_MEDIA = "(hover: none) and (pointer: coarse)"

#: The Streamlit elements whose help is a tooltip on the control itself: a tap on them acts, so their help
#: needs a line of its own on a touch screen. (A widget's help is its "?" icon, which a tap opens.)
_CONTROLS_HELPED_BY_HOVER = ", ".join(f'[data-testid="{name}"]' for name in (
    "stButton", "stDownloadButton", "stLinkButton", "stPageLink", "stFormSubmitButton", "stPopover"))

#: Set by the page's script when the browser asks for reduced motion; read on the next page load.
REDUCED_MOTION_COOKIE = "nn_reduced_motion"

#: Minimum height of a control on a touch screen (WCAG 2.5.5's target size).
TOUCH_TARGET_PX = 44

#: Streamlit's small icons beside words (a widget's "?" help, a heading's link) are 16 px: this much padding
#: each side, taken back by as much negative margin (but on the right), makes a 44 px box round them.
_ICON_HALO_PX = (TOUCH_TARGET_PX - 16) // 2

#: A row of columns one of which holds a network diagram (the step page's stage, Why this number, Predict).
_DIAGRAM_ROW = ('[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] > [data-testid="stVerticalBlock"]'
                ' > [class*="st-key-step_"][class*="diagram"])')

_CSS = f"""
<style>
  /* captions: Streamlit's grey is below 4.5:1 on white; the text colour, slightly faded, is not */
  [data-testid="stCaptionContainer"] {{ color: inherit !important; opacity: 0.82; }}
  /* a slider's value (Streamlit draws it in the theme's red: 3.3:1 on white) and its end labels (a faded
     grey, shown on hover): in the text colour, readable on either theme (axe color-contrast) */
  [data-testid="stSliderThumbValue"], [data-testid="stSliderTickBarMin"], [data-testid="stSliderTickBarMax"],
  [data-testid="stSliderTickBar"] {{ color: inherit !important; }}
  /* a focus ring everyone can see, on every theme */
  button:focus-visible, [role="button"]:focus-visible, input:focus-visible, textarea:focus-visible,
  [role="slider"]:focus-visible, [role="tab"]:focus-visible, [role="combobox"]:focus-visible,
  a:focus-visible, summary:focus-visible, .katex-display:focus-visible {{
    outline: 3px solid #1f6feb !important; outline-offset: 2px !important;
  }}
  /* wide tables and formulas scroll inside their own box, never the page */
  .weights-table, .katex-display {{ max-width: 100%; overflow-x: auto; }}
  /* On a touch screen or a narrow one, every control at least {TOUCH_TARGET_PX} px tall (WCAG 2.5.5), Streamlit's
     own included; tests/browser/test_browser_accessibility.py measures every one on every page. */
  @media (pointer: coarse), (max-width: 820px) {{
    /* every button and link button: ours, and Streamlit's icon buttons (the sidebar's arrows, an element's
       toolbar: fullscreen, download, search, copy), page links, the tabs and their scroll arrows */
    [data-testid^="stBaseButton-"], [data-testid^="stBaseLinkButton-"], [data-testid="stExpandSidebarButton"],
    [data-testid="stPageLink-NavLink"], [role="tab"], [data-testid="stTabsScrollLeft"],
    [data-testid="stTabsScrollRight"], [data-testid="stExpander"] summary, [data-testid="stSkipToContent"]:focus {{
      min-height: {TOUCH_TARGET_PX}px !important;
    }}
    [data-testid="stBaseButton-elementToolbar"], [data-testid="stBaseButton-headerNoPadding"],
    [data-testid="stExpandSidebarButton"] {{
      min-width: {TOUCH_TARGET_PX}px !important;
    }}
    /* a field's box (Streamlit fixes it at 40 px) and what is in it: the typing area, a select box's
       arrow, a number's − and + */
    [data-testid="stNumberInputContainer"], [data-testid="stTextInputRootElement"],
    :is([data-testid="stSelectbox"], [data-testid="stMultiSelect"]) [role="group"],
    :is([data-testid="stSelectbox"], [data-testid="stMultiSelect"]) div:has(> [role="group"]) {{
      height: auto !important; min-height: {TOUCH_TARGET_PX}px !important;
    }}
    :is([data-testid="stSelectbox"], [data-testid="stMultiSelect"]) [role="group"] :is(input, button),
    [data-testid="stNumberInput"] :is(input, button), [data-testid="stTextInput"] input {{
      min-height: {TOUCH_TARGET_PX}px !important;
    }}
    /* a radio's or checkbox's whole line, and a slider's track (pressed anywhere, it moves the thumb there) */
    [data-testid="stRadio"] label, [data-testid="stCheckbox"] label,
    [data-testid="stSlider"] [role="group"], [data-testid="stSlider"] [role="group"] > div {{
      min-height: {TOUCH_TARGET_PX}px !important;
    }}
    /* small icons beside words: a widget's "?" help, a heading's link (no margin taken back on the right:
       the box grows into the row, never past its end, so nothing spills out of a label) */
    [data-testid="stTooltipIcon"] button, [data-testid="stHeaderActionElements"] a {{
      box-sizing: content-box !important; padding: {_ICON_HALO_PX}px !important;
      margin: -{_ICON_HALO_PX}px 0 -{_ICON_HALO_PX}px -{_ICON_HALO_PX}px !important;
    }}
  }}
  /* The step page's network diagram beside its maths: its picture column is 3/8 of the page, too narrow for
     the diagram's words below about 300 px (200 px at 1024 px with the sidebar open); there the picture goes
     under the maths, the page's full width (ui/network_diagram.py sizes its margins to its words). */
  @media (max-width: 1099px) {{
    {_DIAGRAM_ROW} {{ flex-wrap: wrap !important; }}
    {_DIAGRAM_ROW} > [data-testid="stColumn"] {{ flex: 1 1 100% !important; min-width: 100% !important; }}
  }}
  @media (max-width: 1399px) {{
    body:has([data-testid="stSidebar"][data-collapsed="false"]) {_DIAGRAM_ROW} {{ flex-wrap: wrap !important; }}
    body:has([data-testid="stSidebar"][data-collapsed="false"]) {_DIAGRAM_ROW} > [data-testid="stColumn"] {{
      flex: 1 1 100% !important; min-width: 100% !important;
    }}
  }}
  /* a button's or link's help, written under it where its tooltip cannot be opened (HELP_LINE_MEDIA) */
  .touch-help {{ display: none; }}
  @media {HELP_LINE_MEDIA} {{
    .touch-help {{ display: block; margin: 0.25rem 0 0.5rem; font-size: 0.875rem; line-height: 1.4; opacity: 0.82; }}
  }}
  /* no keyboard, no keyboard hints: the shortcuts' caption and a help line's "Key: S." */
  @media {NO_KEYBOARD_MEDIA} {{
    .keyboard-hint, [data-keyboard-hint] {{ display: none !important; }}
  }}
  @media (prefers-reduced-motion: reduce) {{
    *, *::before, *::after {{ animation: none !important; transition: none !important; scroll-behavior: auto !important; }}
  }}
</style>
"""

_SCRIPT = """
<script>
(() => {
  const shortcuts = __SHORTCUTS__;
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  // The words below, in the session's language: kept on the document, since the observer set up by the
  // page's first run keeps running after the learner switches language.
  doc.__nnAccessibilityWords = __WORDS__;
  const button = (key) => {
    const [name] = shortcuts[key];
    const selector = name.endsWith("*") ? `[class*="st-key-${name.slice(0, -1)}"] button` : `.st-key-${name} button`;
    return [...doc.querySelectorAll(selector)];
  };
  const visible = (key) => button(key).find((found) => found.offsetParent !== null && !found.disabled);
  const label = () => {
    for (const key of Object.keys(shortcuts)) {
      for (const found of button(key)) {
        if (found.getAttribute("aria-keyshortcuts") !== key.toUpperCase()) {
          found.setAttribute("aria-keyshortcuts", key.toUpperCase());
        }
      }
    }
    for (const formula of doc.querySelectorAll(".katex-display:not([tabindex])")) {
      formula.setAttribute("tabindex", "0");
      formula.setAttribute("role", "math");
    }
    for (const control of doc.querySelectorAll('__CONTROLS__')) writeHelpLine(control);
    markKeyboardCaptions();
    for (const icon of doc.querySelectorAll('label [data-testid="stTooltipIcon"]')) helpOnlyWhenPressed(icon);
  };
  // A tap (or click) on a widget's "?" is for its help. In a label element (a checkbox's or toggle's, a field's) the
  // press would also reach the label: the toggle flipped, or the field focused and a phone's keyboard opened.
  // Stopped on the icon, after Streamlit's tooltip has seen it (React's capture handlers run first).
  const helpOnlyWhenPressed = (icon) => {
    if (icon.__helpOnly) return;
    icon.__helpOnly = true;
    for (const type of ["pointerdown", "pointerup", "mousedown", "mouseup", "click"]) {
      icon.addEventListener(type, (event) => {
        event.stopPropagation();
        if (type === "click") event.preventDefault();
      });
    }
  };
  // A button's help as the page sent it (its help=). Streamlit keeps it in the element's props only (it is
  // put in the page when a hover opens the tooltip), so it is read from React's record of those props.
  const helpOf = (control) => {
    const fiberKey = Object.keys(control).find((name) => name.startsWith("__reactFiber$"));
    for (let fiber = control[fiberKey], depth = 0; fiber && depth < 8; fiber = fiber.return, depth++) {
      const help = fiber.memoizedProps && fiber.memoizedProps.element && fiber.memoizedProps.element.help;
      if (typeof help === "string") return help;
    }
    return "";
  };
  // The help as a line under the control (shown by the style sheet only where no tooltip can open), its
  // "Key: S." apart, so a screen without a keyboard can leave it out. Text only: never read as HTML.
  const writeHelpLine = (control) => {
    // the line ends the control's element container: under the control even where Streamlit puts the control
    // in a row of its own (a form's submit button)
    const box = control.closest('[data-testid="stElementContainer"]') || control.parentElement;
    const under = box.nextElementSibling ? box.nextElementSibling.textContent.trim() : "";
    // a help the page already writes under its control (a link and its caption) is not written twice
    const help = helpOf(control).trim() === under ? "" : helpOf(control).trim();
    const last = box.lastElementChild;
    const line = last && last.classList.contains("touch-help") ? last : null;
    if (!help) { if (line) line.remove(); return; }
    if (line && line.__help === help) return;
    const written = line || doc.createElement("p");
    written.className = "touch-help";
    written.__help = help;
    const sentences = Object.keys(shortcuts).map(
      (key) => " " + doc.__nnAccessibilityWords.keySentence.replace("{key}", key.toUpperCase()));
    const sentence = sentences.find((words) => help.includes(words));
    if (sentence) {
      const hint = doc.createElement("span");
      hint.className = "keyboard-hint";
      hint.textContent = sentence;
      const at = help.indexOf(sentence);
      written.replaceChildren(help.slice(0, at), hint, help.slice(at + sentence.length));
    } else {
      written.replaceChildren(help);
    }
    if (!line) box.appendChild(written);
  };
  // The shortcuts' caption (shortcuts_caption, drawn by st.caption on the pages) is known by its words.
  const markKeyboardCaptions = () => {
    const [before, after] = doc.__nnAccessibilityWords.shortcutsCaption.split("{shortcuts}");
    for (const caption of doc.querySelectorAll('[data-testid="stCaptionContainer"]')) {
      const text = caption.textContent.trim();
      const box = caption.closest('[data-testid="stElementContainer"]') || caption;
      const hint = text.startsWith(before) && text.endsWith(after);
      if (hint !== box.hasAttribute("data-keyboard-hint")) box.toggleAttribute("data-keyboard-hint", hint);
    }
  };
  // the page's language (WCAG 3.1.1), so a screen reader reads Russian with a Russian voice
  if (doc.documentElement.lang !== "__LANG__") doc.documentElement.lang = "__LANG__";
  const motion = window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "1" : "0";
  if (!doc.cookie.split("; ").includes(`__COOKIE__=${motion}`)) {
    doc.cookie = `__COOKIE__=${motion}; path=/; max-age=31536000; SameSite=Lax`;
  }
  if (doc.__nnAccessibility) { label(); return; }
  doc.__nnAccessibility = true;
  new MutationObserver(label).observe(doc.body, { childList: true, subtree: true });
  label();
  doc.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey || event.repeat) return;
    const target = event.target;
    if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)
                   || target.getAttribute("role") === "combobox")) return;
    let key = (event.key || "").toLowerCase();
    // another layout (Russian: the S key types "ы"): the letter printed at that place on a Latin keyboard
    if (!(key in shortcuts) && /^Key[A-Z]$/.test(event.code || "")) key = event.code.slice(3).toLowerCase();
    if (!(key in shortcuts)) return;
    const found = visible(key);
    if (found) { event.preventDefault(); found.click(); }
  });
})();
</script>
"""


def accessibility_ui() -> None:
    """The page's style sheet and keyboard script (constants, but for the session's language code)."""
    shortcuts = {key: [name, what] for key, (name, what) in SHORTCUTS.items()}
    words = {"keySentence": key_sentence("{key}"), "shortcutsCaption": _shortcuts_caption_words()}
    script = (_SCRIPT.replace("__SHORTCUTS__", json.dumps(shortcuts)).replace("__COOKIE__", REDUCED_MOTION_COOKIE)
              .replace("__LANG__", current_language()).replace("__WORDS__", json.dumps(words))
              .replace("__CONTROLS__", _CONTROLS_HELPED_BY_HOVER))
    st.html(_CSS + script, unsafe_allow_javascript=True)


#: Streamlit fades what a rerun is about to replace; the live page replaces its pictures several
#: times a second, so they would flicker between faded and clear (and fail text contrast while faded).
_STEADY_CSS = """
<style>
  [data-testid="stElementContainer"][data-stale="true"], [data-stale="true"] { opacity: 1 !important; }
</style>
"""


def steady_updates_ui() -> None:
    """For a page that updates itself several times a second: no fading between updates."""
    st.html(_STEADY_CSS)


def shortcut_of(widget_key: str) -> str:
    """The key that presses the button ``widget_key`` ("S"), or "" if it has none."""
    for key, (name, _) in SHORTCUTS.items():
        if name == widget_key or (name.endswith("*") and widget_key.startswith(name[:-1])):
            return key.upper()
    return ""


def key_sentence(key: str) -> str:
    """How a button's help names its key: "Key: S." (the page's script finds it in a help by these words)."""
    # Translators: ends a button's help; {key} is a Latin letter (S, N, R, J, K, V)
    return _("Key: {key}.").format(key=key)


def _shortcuts_caption_words() -> str:
    return _("Keyboard: {shortcuts} (when not typing in a field).")


def shortcuts_caption(*widget_keys: str) -> str:
    """The shortcuts of these buttons, in words: "Keyboard: S Start or Pause training · N Step: train 1 sample"."""
    parts = [f"{shortcut_of(name)} {_(what)}" for name in widget_keys
             for key, (row, what) in SHORTCUTS.items() if row == name]
    return _shortcuts_caption_words().format(shortcuts=" · ".join(parts))


def prefers_reduced_motion() -> bool:
    """The browser asked for less motion (known from the second page load: the script sets a cookie)."""
    try:
        return st.context.cookies.get(REDUCED_MOTION_COOKIE) == "1"
    except Exception:  # no browser behind this run (AppTest)
        return False


#: With reduced motion, the live pictures change at most once in this many seconds.
CALM_TICK_SECONDS = 1.5


def calmer_tick(seconds):
    """The live page's update period, slowed to :data:`CALM_TICK_SECONDS` if the browser asked for less motion."""
    if seconds is None or not prefers_reduced_motion():
        return seconds
    return max(seconds, CALM_TICK_SECONDS)
