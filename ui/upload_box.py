"""An upload box that tells the learner, in their language, why it refused a file too big for it.

Streamlit 1.67 checks a box's ``max_upload_size`` in the browser only (its frontend's
``FileUploader``; the server enforces just ``server.maxUploadSize``). A file over the box's
limit is never sent: Streamlit adds a red chip with the file's name and size, and writes
why ("Error: File must be 2.0MB or smaller.", in English) only in a tooltip shown on
hover and in text visible to screen readers alone. A learner on a phone, or reading
Russian, is not told why, and the server never hears of the file.

So beside each box a small script (an ``st.components.v2`` component, code constant, data
JSON) watches the box: a file the learner drops or picks that is larger than the limit Streamlit
applies is reported to the server (its name and size, nothing else), and Streamlit's chip for
it is removed, leaving the box as it was. The page then says which box refused which file,
the file's size and the box's limit, in the session's language; the name as plain text
(:mod:`ui.plain_text`). The message stays while the box holds what it held when the file was refused.

The server's own checks stay where they were (a saved network's bytes, a picture's pixels
before decoding): a visitor can send any file up to ``server.maxUploadSize`` without a browser.
"""

from __future__ import annotations

import math
from contextlib import nullcontext
from typing import Any, Optional

import streamlit as st

from ui import plain_text
from ui.i18n import _, ngettext, numbers

#: The longest file name kept from a report: a name is the visitor's own text, shown back to them only.
MAX_NAME_LENGTH = 255

#: What a megabyte is to Streamlit's frontend, as it reports sizes and applies ``max_upload_size``:
#: 1024 x 1024 bytes on Windows (as Windows Explorer counts them), 1000 x 1000 elsewhere.
MEGABYTE_BASES = (1000, 1024)

# The browser half. Streamlit's frontend (1.67, static/js FileUploader and utils) refuses a file when
# file.size > max_upload_size x base x base, base 1024 if /^Win/i.test(navigator.platform), else 1000; the
# same rule here decides which files to report. Listeners are the document's (capture phase), so a box
# drawn again (a tab shown, a rerun) is still watched; the script never stops or changes an event.
_WATCH_JS = """
export default function ({ data, setTriggerValue }) {
  const boxSelector = `.st-key-${CSS.escape(data.box)}`;
  const base = /^Win/i.test(navigator.platform) ? 1024 : 1000;
  const limit = data.limit_mb * base * base;
  // names refused and reported, whose chip Streamlit has still to draw
  const refused = new Set();
  let observer = null;

  const removeRefusedChips = (box) => {
    for (const chip of box.querySelectorAll('[data-testid="stFileChip"][aria-invalid="true"]')) {
      const name = chip.querySelector('[data-testid="stFileChipName"]')?.getAttribute("title");
      const remove = chip.querySelector('[data-testid="stFileChipDeleteBtn"] button');
      if (refused.has(name) && remove) {
        refused.delete(name);
        remove.click();
      }
    }
    if (!refused.size && observer) { observer.disconnect(); observer = null; }
  };

  const look = (event) => {
    const box = event.target instanceof Element ? event.target.closest(boxSelector) : null;
    if (!box) return;
    const files = event.type === "drop" ? event.dataTransfer?.files : event.target.files;
    const tooBig = [...(files || [])].filter((file) => file.size > limit);
    if (!tooBig.length) return;
    for (const file of tooBig) refused.add(file.webkitRelativePath || file.name);
    if (!observer) {
      observer = new MutationObserver(() => removeRefusedChips(box));
      observer.observe(box, { childList: true, subtree: true, attributes: true });
    }
    const file = tooBig[0];
    setTriggerValue("refused", { name: file.webkitRelativePath || file.name, size: file.size, base });
  };

  document.addEventListener("change", look, true);
  document.addEventListener("drop", look, true);
  return () => {
    document.removeEventListener("change", look, true);
    document.removeEventListener("drop", look, true);
    if (observer) observer.disconnect();
  };
}
"""

_watcher = st.components.v2.component("nn_upload_size_watch", js=_WATCH_JS)

#: A box's watcher is keyed as the box, with this after it.
WATCHER_SUFFIX = "_upload_size_watch"
#: The watcher draws nothing; its place in the column would still add a gap under the box.
_HIDE_WATCHERS = f'<style>[data-testid="stElementContainer"][class*="{WATCHER_SUFFIX}"] {{ display: none; }}</style>'


def upload_box(
    label: str,
    *,
    key: str,
    box_name: str,
    max_mb: int,
    where: Any = st,
    **uploader_options: Any,
):
    """``where.file_uploader(label, key=key, max_upload_size=max_mb, ...)``, watched: a file over ``max_mb``
    gets a message in the session's language naming ``box_name`` (a short name of the box, translated), the
    file, its size and ``max_mb``. Returns what the uploader returns."""
    upload = where.file_uploader(label, key=key, max_upload_size=max_mb, **uploader_options)
    refusal_key = f"{key}_too_big"
    with nullcontext() if where is st else where:
        st.html(_HIDE_WATCHERS)
        report = _watcher(key=f"{key}{WATCHER_SUFFIX}", data={"box": key, "limit_mb": max_mb},
                          on_refused_change=_reported).refused
        checked = checked_report(report, max_mb)
        if checked is not None:  # this run is the one the report asked for: the box holds what it held then
            st.session_state[refusal_key] = {**checked, "held": _held(key)}
        refusal = st.session_state.get(refusal_key)
        if refusal and refusal["held"] == _held(key):
            plain_text.error(too_big_message(box_name, refusal["name"], refusal["size"], refusal["base"], max_mb))
    return upload


def _reported() -> None:
    """A report reruns the page, which reads it (Streamlit names a component's events by their callbacks)."""


def _held(key: str) -> Optional[str]:
    """What the box holds now: its file's id, or None."""
    return getattr(st.session_state.get(key), "file_id", None)


def checked_report(report: Any, max_mb: int) -> Optional[dict]:
    """A browser's report ``{"name", "size", "base"}`` as the page may trust it (any visitor can send
    any report): a name of at most :data:`MAX_NAME_LENGTH` characters, a whole size really over the
    limit in the report's megabytes; else None."""
    if not isinstance(report, dict):
        return None
    name, size, base = report.get("name"), report.get("size"), report.get("base")
    if not isinstance(name, str) or base not in MEGABYTE_BASES:
        return None
    if isinstance(size, bool) or not isinstance(size, (int, float)) or size != int(size):
        return None
    if not size > max_mb * base * base:
        return None
    return {"name": name[:MAX_NAME_LENGTH], "size": int(size), "base": base}


def too_big_message(box_name: str, file_name: str, size: int, base: int, max_mb: int) -> str:
    """Which box refused which file, how big the file is and what the box takes, in the session's language."""
    # Translators: {box} is the upload box's short name; {file} the file's name, as the learner's computer has it
    return _("The upload box “{box}” did not take {file}: the file is {size}, and this box takes files of at "
             "most {most}. Choose a smaller file.").format(
        box=box_name, file=file_name, size=size_in_megabytes(size, base, max_mb), most=megabytes(max_mb))


def megabytes(count: float) -> str:
    # Translators: a file size in megabytes ("10 MB", "2.4 MB")
    return _("{count} MB").format(count=count)


def size_in_megabytes(size: int, base: int, max_mb: int) -> str:
    """``size`` bytes in megabytes of ``base`` x ``base`` bytes, with the fewest decimals (up to three) that
    show it above ``max_mb``, cut (never rounded up: 2,000,400 bytes is not "2.1 MB"); else in bytes."""
    for digits in (1, 2, 3):
        shown = math.floor(size / base / base * 10**digits) / 10**digits
        if shown > max_mb:
            return megabytes(numbers.decimal(shown, digits))
    # Translators: a file size in bytes ("2,000,001 bytes"), when megabytes would not show it is too big
    return ngettext("{count} byte", "{count} bytes", size).format(count=numbers.integer(size))
