"""The accessibility figures of docs/accessibility.md, measured afresh: axe-core's serious and critical
violations on every page, tab and theme, and the controls under 44 px at phone and tablet size.

    python -m tests.browser.accessibility_report                  # this checkout
    python -m tests.browser.accessibility_report --root /tmp/old  # another checkout (a worktree of an
                                                                  # older commit): its "before"

It starts its own `streamlit run` of the checkout's dashboard.py and drives Debian's Chromium with
the browser tests' own pages, waits and measurements (tests/browser/test_browser_accessibility.py),
and prints Markdown tables. Streamlit's own elements listed in that test's STREAMLIT_CHROME are
counted apart from ours.
"""

from __future__ import annotations

import argparse
import platform
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]  # conftest's server and browser; the browser test's measurements

from conftest import ROOT, launch_chromium, start_streamlit, stop_streamlit  # noqa: E402
from test_browser_accessibility import (  # noqa: E402
    PAGES, SMALL_CONTROLS, axe_violations, close_sidebar, open_page, open_sidebar, open_workshop_tab,
    start_training,
)
from ui.accessibility import TOUCH_TARGET_PX  # noqa: E402

SIZES = ((390, 844), (768, 1024))


def axe_table(browser, url: str) -> list[str]:
    """One row per page or tab: serious + critical nodes in the light and the dark theme, by rule."""
    counts: dict[str, dict[str, Counter]] = {}
    for theme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, color_scheme=theme)
        page = context.new_page()
        page.set_default_timeout(90_000)
        try:
            for name, path in PAGES.items():
                open_page(page, f"{url}/{path}")
                counts.setdefault(name, {})[theme] = _count(axe_violations(page))
                if name == "mnist":
                    for tab in page.get_by_role("tab").all()[1:]:
                        word = open_workshop_tab(page, tab)
                        counts.setdefault(f"mnist, tab {word}", {})[theme] = _count(axe_violations(page))
            open_page(page, f"{url}/Watch_it_learn")
            start_training(page)
            counts.setdefault("live, training", {})[theme] = _count(axe_violations(page))
            page.locator(".st-key-live_start button").first.click()
        finally:
            context.close()
    rows = ["| page | light | dark |", "|---|---|---|"]
    for name, themes in counts.items():
        rows.append(f"| {name} | {_words(themes['light'])} | {_words(themes['dark'])} |")
    return rows


def small_controls_table(browser, url: str) -> list[str]:
    """One row per page (and workshop tab, and open sidebar): controls under 44 px tall at each size."""
    found: dict[str, dict[str, list[str]]] = {}
    for width, height in SIZES:
        size = f"{width}x{height}"
        context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=True, has_touch=True)
        page = context.new_page()
        page.set_default_timeout(90_000)
        try:
            for name, path in PAGES.items():
                open_page(page, f"{url}/{path}")
                found.setdefault(name, {})[size] = page.evaluate(SMALL_CONTROLS, TOUCH_TARGET_PX)
                if name == "mnist":
                    for tab in page.get_by_role("tab").all()[1:]:
                        word = open_workshop_tab(page, tab)
                        found.setdefault(f"mnist, tab {word}", {})[size] = page.evaluate(SMALL_CONTROLS, TOUCH_TARGET_PX)
                if open_sidebar(page):
                    found.setdefault(f"{name}, sidebar open", {})[size] = page.evaluate(SMALL_CONTROLS, TOUCH_TARGET_PX)
                    close_sidebar(page)
        finally:
            context.close()
    sizes = [f"{width}x{height}" for width, height in SIZES]
    rows = ["| page | " + " | ".join(sizes) + " |", "|---|" + "---|" * len(sizes)]
    for name, by_size in found.items():
        rows.append(f"| {name} | " + " | ".join(_listed(by_size.get(size)) for size in sizes) + " |")
    return rows


def _count(violations) -> dict[str, Counter]:
    ours, streamlits = Counter(), Counter()
    for rule, _target, _html, in_streamlit in violations:
        (streamlits if in_streamlit else ours)[rule] += 1
    return {"ours": ours, "streamlit": streamlits}


def _words(counted: dict[str, Counter]) -> str:
    ours, streamlits = counted["ours"], counted["streamlit"]
    text = str(sum(ours.values())) + (f" ({', '.join(f'{rule} {n}' for rule, n in ours.items())})" if ours else "")
    if streamlits:
        text += f"; Streamlit's, excluded: {', '.join(f'{rule} {n}' for rule, n in streamlits.items())}"
    return text


def _listed(controls) -> str:
    if controls is None:
        return "–"
    if not controls:
        return "0"
    return f"{len(controls)}: " + "; ".join(sorted(set(controls)))


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    return f"{model}, {len([line for line in Path('/proc/cpuinfo').read_text().splitlines() if line.startswith('processor')])} cores"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose dashboard.py is measured")
    parser.add_argument("--only", choices=("axe", "touch"), help="measure only one of the two")
    arguments = parser.parse_args()
    from playwright.sync_api import sync_playwright

    process, url = start_streamlit(root=arguments.root)
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            print(f"checkout: {arguments.root}; machine: {machine()}; Chromium {browser.version}\n")
            if arguments.only != "touch":
                print("axe-core, serious + critical nodes, 1400x1000:\n")
                print("\n".join(axe_table(browser, url)) + "\n")
            if arguments.only != "axe":
                print(f"controls under {TOUCH_TARGET_PX} px tall (is_mobile, has_touch):\n")
                print("\n".join(small_controls_table(browser, url)))
            browser.close()
    finally:
        stop_streamlit(process)


if __name__ == "__main__":
    main()
